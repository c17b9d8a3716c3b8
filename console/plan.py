"""The console's plan: what is in force (measures, ITA scores, where citizens' input counts,
its versions), and for the admin the upload of the agency's document → what was read, with
the warnings and what it would change → a field corrected in place → saved, by the same
use case as `plan import` (`usecases.plan.import_plan`).

The document read waits in the admin's console session (the database) between the steps,
as the structured form; nothing is written to the plan before "save"."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from flask import Flask, flash, redirect, render_template, request, url_for
from pydantic import ValidationError

from console import sessions
from console.guard import ADMIN_ONLY, HEAD_OR_ADMIN, acting, console_route, current_actor
from console.views import bp
from messages_th import citizen_text
from messages_th import console_text as t
from messages_th.thai_calendar import format_datetime
from models.db import get_session
from models.staff import Role
from plain_text import plain
from planimport.data import PlanData
from planimport.errors import explain
from planimport.result import ReadResult
from services import services
from usecases import plan
from usecases.participation import CitizenLinks, NotInPlan, citizen_links
from usecases.participation import set_citizen_links as set_links
from usecases.results import NoPlan

DRAFT = "plan_draft"


@console_route(bp, "/plan", roles=HEAD_OR_ADMIN, nav=t.NAV_PLAN, order=30)
def plan_page() -> Any:
    return _plan_page()


def _plan_page(error: str | None = None, status: int = 200) -> Any:
    running, db = services(), get_session()
    tz = running.clock.tz
    overview = plan.plan_overview(db, running.clock.now())
    found = None if isinstance(overview, NoPlan) else overview
    actor = current_actor()
    return (
        render_template(
            "console/plan.html",
            overview=found,
            links=citizen_links(db, found.plan) if found else None,
            chat_links=_citizen_chat_links(),
            versions=plan.plan_versions(db, found.plan.fiscal_year) if found else [],
            may_upload=actor is not None and actor.role == Role.ADMIN,
            error=error,
            when=lambda moment: format_datetime(moment.astimezone(tz)),
        ),
        status,
    )


def _citizen_chat_links() -> dict[str, str] | None:
    """The chat with the bot, the word that starts a suggestion or a rating typed in."""
    basic_id = services().bot_basic_id()
    if not basic_id:
        return None
    base = f"https://line.me/R/oaMessage/{quote(basic_id)}/?"
    return {
        "suggest": base + quote(citizen_text.SUGGEST[0]),
        "rate": base + quote(citizen_text.RATE[0]),
    }


@console_route(bp, "/plan/citizens", roles=ADMIN_ONLY, methods=("POST",))
def set_citizen_links() -> Any:
    """Where citizens' suggestions and ratings count, chosen by the admin."""
    running, db = services(), get_session()
    overview = plan.plan_overview(db, running.clock.now())
    if isinstance(overview, NoPlan):
        return _plan_page(t.NO_PLAN, 400)
    measure = request.form.get("suggestions", "")
    rating = request.form.get("ratings", "")
    if not _number_or_none(measure) or not _pair_or_none(rating):
        return _plan_page(t.NOT_A_CHOICE, 400)
    m, a = rating.split(".") if rating else (None, None)
    chosen = CitizenLinks(
        int(measure) if measure else None, int(m) if m else None, int(a) if a else None
    )
    done = set_links(db, acting(), overview.plan, chosen, running.clock.now())
    if isinstance(done, NotInPlan):
        return _plan_page(t.not_in_plan(done.what), 400)
    flash(t.LINKS_SAVED)
    return redirect(url_for(".plan_page"), code=303)


def _number_or_none(value: str) -> bool:
    return value == "" or (value.isdecimal() and len(value) < 4)


def _pair_or_none(value: str) -> bool:
    parts = value.split(".")
    return value == "" or (len(parts) == 2 and all(_number_or_none(p) and p for p in parts))


@console_route(bp, "/plan/upload", roles=ADMIN_ONLY, methods=("POST",))
def upload_plan() -> Any:
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        return _plan_page(t.UPLOAD_REFUSED["no_file"], 400)
    data = upload.stream.read(plan.UPLOAD_MAX_BYTES + 1)
    read = plan.read_upload(data, upload.filename)
    if isinstance(read, plan.Refused):
        message = (
            f"{t.UPLOAD_UNREADABLE} {read.message}"
            if read.problem == "unreadable"
            else t.UPLOAD_REFUSED[read.problem]
        )
        return _plan_page(message, 400)
    sessions.current()[DRAFT] = {
        "plan": read.plan.model_dump(mode="json"),
        "warnings": read.warnings,
        "source": plain(PurePath(upload.filename).name)[:200],  # a name, never a path
    }
    return redirect(url_for(".plan_preview"), code=303)


def _draft() -> tuple[PlanData, list[str], str] | None:
    kept = sessions.current().get(DRAFT)
    if not kept:
        return None
    return PlanData.model_validate(kept["plan"]), list(kept["warnings"]), str(kept["source"])


@console_route(bp, "/plan/preview", roles=ADMIN_ONLY)
def plan_preview() -> Any:
    return _preview_page()


def _preview_page(error: str | None = None, status: int = 200) -> Any:
    kept = _draft()
    if kept is None:
        flash(t.NO_DRAFT)
        return redirect(url_for(".plan_page"), code=303)
    draft, warnings, source = kept
    shown = plan.preview(get_session(), draft, warnings, ReadResult(draft).facts)
    return render_template("console/plan_preview.html", p=shown, source=source, error=error), status


@console_route(bp, "/plan/preview", roles=ADMIN_ONLY, methods=("POST",))
def correct_plan() -> Any:
    kept = _draft()
    if kept is None:
        flash(t.NO_DRAFT)
        return redirect(url_for(".plan_page"), code=303)
    draft, warnings, source = kept
    fields = {k: plain(v) for k, v in request.form.items() if k != "csrf_token"}
    try:
        corrected = plan.correct(draft, fields)
    except ValidationError as error:
        return _preview_page(f"{t.CORRECTION_REFUSED} {explain(error.errors()[0])}", 400)
    sessions.current()[DRAFT] = {
        "plan": corrected.model_dump(mode="json"),
        "warnings": warnings,
        "source": source,
    }
    return redirect(url_for(".plan_preview"), code=303)


@console_route(bp, "/plan/save", roles=ADMIN_ONLY, methods=("POST",))
def save_plan() -> Any:
    kept = _draft()
    if kept is None:
        flash(t.NO_DRAFT)
        return redirect(url_for(".plan_page"), code=303)
    draft, _, source = kept
    plan.import_plan(get_session(), acting(), draft, source, services().clock.now())
    sessions.current().pop(DRAFT, None)
    flash(t.PLAN_SAVED)
    return redirect(url_for(".plan_page"), code=303)


@console_route(bp, "/plan/discard", roles=ADMIN_ONLY, methods=("POST",))
def discard_plan() -> Any:
    sessions.current().pop(DRAFT, None)
    return redirect(url_for(".plan_page"), code=303)


def allow_uploads(app: Flask) -> None:
    """The upload takes a plan document up to its own limit; every other request keeps the
    app's 1 MiB (read before the CSRF check reads the form)."""

    @app.before_request
    def _upload_limit() -> None:
        if request.endpoint == "console.upload_plan":
            request.max_content_length = plan.UPLOAD_MAX_BYTES + 64 * 1024


@bp.errorhandler(413)
def too_big(_error: Exception) -> Any:
    return _plan_page(t.UPLOAD_REFUSED["too_big"], 413)
