"""Rich menus: one per kind of user (citizen, staff, head), created through the LINE API,
the citizen's as everyone's default, the right one linked when a staff member links."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import click
from flask import Flask
from flask.cli import AppGroup

from messages_th import rich_menus as text
from messages_th.build import postback_data
from models.app_setting import get_setting, set_setting
from models.staff import is_head
from richmenu.image import COLUMNS, HEIGHT, ROWS, WIDTH, NoThaiFont, draw
from services import Services, services

SETTING = "rich_menus"

log = logging.getLogger(__name__)


def menu_kind(role: str | None) -> str:
    """Heads and admins share the head's menu; anyone not linked gets the citizen's."""
    if is_head(role):
        return "head"
    return "staff" if role == "staff" else "citizen"


def definition(kind: str, liff_id: str | None = None) -> dict[str, Any]:
    """The rich menu object LINE takes: the size, and a tappable area per button (the month
    page's opens the LIFF app, where `liff_id` is set)."""
    chat_bar, buttons = text.MENUS[kind]
    tile_w, tile_h = WIDTH // COLUMNS, HEIGHT // ROWS
    areas = [
        {
            "bounds": {
                "x": (i % COLUMNS) * tile_w,
                "y": (i // COLUMNS) * tile_h,
                "width": tile_w,
                "height": tile_h,
            },
            "action": _action(label, words, liff_id),
        }
        for i, (label, words) in enumerate(buttons[: COLUMNS * ROWS])
    ]
    return {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": False,
        "name": f"tidtam-{kind}",
        "chatBarText": chat_bar,
        "areas": areas,
    }


def _action(label: str, words: str, liff_id: str | None = None) -> dict[str, Any]:
    """The words a button sends, LINE's date picker (the leave button): a postback whose
    `params.date` is the day picked, or the month page's LIFF app where `liff_id` is set."""
    if liff_id and words == text.MONTH_PAGE_WORDS:
        return {"type": "uri", "label": label, "uri": f"https://liff.line.me/{liff_id}"}
    picker = text.DATE_PICKERS.get(label)
    if picker is None:
        return {"type": "message", "label": label, "text": words}
    action, values = picker
    return {
        "type": "datetimepicker",
        "label": label,
        "data": postback_data(action, **values),
        "mode": "date",
    }


def setup(
    running: Services,
    *,
    picture: Callable[[list[str]], bytes] = draw,
    agency_id: int | None = None,
    line: Any = None,
) -> dict[str, str]:
    """Create the three menus (replacing those a previous setup made) and set the default.
    For another agency than no. 1: `agency_id` and `line`, a LINE client with its token
    (the menus are its channel's, kept in its settings)."""
    line = line or running.line
    with running.db.session(agency_id=agency_id) as session:
        previous: dict[str, str] = get_setting(session, SETTING, {}) or {}
    ids = {}
    for kind, (_, buttons) in text.MENUS.items():
        ids[kind] = line.create_rich_menu(
            definition(kind, running.settings.liff_id), picture([label for label, _ in buttons])
        )
    line.set_default_rich_menu(ids["citizen"])
    with running.db.session(agency_id=agency_id) as session:
        set_setting(session, SETTING, ids)
    existing = set(line.rich_menu_ids())
    for old in previous.values():
        if old in existing and old not in ids.values():
            line.delete_rich_menu(old)
    return ids


def setup_for_agency(running: Services, agency_id: int) -> bool:
    """The agency's rich menus on its own channel (switching it on); False when LINE or
    its token would not let them be made (logged: the rest of the switching on stands)."""
    try:
        setup(running, agency_id=agency_id, line=running.line_for(agency_id))
    except Exception:
        log.warning("rich menus not made for agency %s", agency_id, exc_info=True)
        return False
    return True


def link_user(running: Services, user_id: str, role: str | None, *, agency_id: int = 1) -> None:
    """Show this user the menu of their role (after they link), on their agency's channel."""
    with running.db.session(agency_id=agency_id) as session:
        ids: dict[str, str] = get_setting(session, SETTING, {}) or {}
    menu = ids.get(menu_kind(role))
    if menu:
        running.line_for(agency_id).link_rich_menu(user_id, menu)


def back_to_citizen(running: Services, user_id: str | None, *, agency_id: int = 1) -> None:
    """Someone who was staff (deactivated) sees the citizens' menu again. Called after the
    change is committed; LINE refusing is logged, the change stands."""
    if not user_id:
        return
    try:
        link_user(running, user_id, None, agency_id=agency_id)
    except Exception:
        log.warning("the citizens' menu was not linked for a deactivated person", exc_info=True)


@click.group("richmenu", cls=AppGroup)
def richmenu_cli() -> None:
    """The rich menus under the chat."""


@richmenu_cli.command("setup")
def setup_command() -> None:
    """Create the staff, head and citizen menus with pictures; the citizen's is the default."""
    try:
        ids = setup(services())
    except NoThaiFont:
        click.echo(text.NO_FONT, err=True)
        sys.exit(2)
    except Exception as error:  # the LINE API refused: say why, in one line
        click.echo(text.setup_failed(f"{type(error).__name__}: {error}"[:300]), err=True)
        sys.exit(1)
    click.echo(text.setup_done(ids))


def init_app(app: Flask) -> None:
    app.cli.add_command(richmenu_cli)
