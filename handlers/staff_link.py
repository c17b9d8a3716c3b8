"""Linking a LINE account to a staff member with the one-time code, and "who am I"
(`usecases.linking`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.context import Context
from handlers.router import Router
from messages_th import staff_chat
from models.staff import looks_like_code
from reading.text import clean
from usecases import linking

if TYPE_CHECKING:
    from services import Services

router = Router()


def _register_code(text: str) -> str | None:
    """The register word followed by a code → the code (possibly empty: they forgot it)."""
    typed = clean(text)
    if not typed.startswith(staff_chat.REGISTER):
        return None
    return typed[len(staff_chat.REGISTER) :].strip() or ""


def _code_of(text: str) -> str | None:
    registered = _register_code(text)
    if registered is not None:
        return registered
    return text.strip() if looks_like_code(text) else None


@router.text(when=lambda text: _code_of(text) is not None)
def link(ctx: Context) -> None:
    code = _code_of(ctx.event.text or "") or ""
    if ctx.staff is None and not code:
        ctx.reply(staff_chat.register_needs_code())
        return
    linked = linking.link_account(ctx.session, ctx.actor, code, ctx.now, ctx.services.secret)
    match linked:
        case linking.AlreadyLinked(name):
            ctx.reply(staff_chat.already_linked(name))
        case linking.Locked(until):
            ctx.reply(staff_chat.linking_locked(until))
        case linking.Paused(until):
            ctx.reply(staff_chat.linking_paused(until))
        case linking.WrongCode(tries_left):
            ctx.reply(staff_chat.code_wrong(tries_left))
        case linking.Linked(person, user):
            ctx.reply(staff_chat.linked(person))
            role, agency_id = person.role, ctx.agency_id
            ctx.after_commit(lambda services: _link_rich_menu(services, user, role, agency_id))


def _link_rich_menu(services: Services, user_id: str, role: str, agency_id: int) -> None:
    from richmenu import link_user

    link_user(services, user_id, role, agency_id=agency_id)


@router.text(staff_chat.WHOAMI)
def whoami(ctx: Context) -> None:
    person = linking.who_am_i(ctx.session, ctx.actor, ctx.now)
    ctx.reply(staff_chat.whoami_citizen() if person is None else staff_chat.whoami_staff(person))
