"""The console's citizens: suggestions and complaints by status; a head, or the responsible
unit's staff, answers and closes one, and the citizen is told in LINE, by the same use
cases as in chat (`usecases.suggestions.answer_case`, `close_case`)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from sqlmodel import Session

from console.guard import HEAD_OR_ADMIN, acting, console_route
from console.views import bp
from messages_th import console_text as t
from messages_th.case_words import STAGES
from messages_th.thai_calendar import format_date
from models.citizen import SuggestionStatus
from models.db import get_session
from plain_text import plain
from services import services
from usecases import cases as case_life
from usecases import suggestions as cases

STATUSES = [s.value for s in SuggestionStatus]
MAX_ANSWER = 2000


@console_route(bp, "/citizens", roles=HEAD_OR_ADMIN, nav=t.NAV_CITIZENS, order=50)
def citizens() -> Any:
    status = request.args.get("status", "open")
    if status not in (*STATUSES, "all"):
        abort(404)
    found = cases.cases(
        get_session(), acting(), services().clock.now(), None if status == "all" else status
    )
    return render_template(
        "console/citizens.html",
        cases=found,
        status=status,
        statuses=[*STATUSES, "all"],
        day=format_date,
        stages=STAGES,
        topics=[topic.name for topic in case_life.topics(get_session())],
        # one per form shown: a double submit sends the citizen one answer
        request_id=uuid.uuid4().hex,
    )


def _send_now(db: Session) -> None:
    """The citizen's message is committed, then the sender is woken for it."""
    db.commit()
    services().kick_delivery()


def _result(done: object) -> None:
    kind = {
        cases.Answered: "answered",
        cases.Closed: "closed",
        cases.AlreadyClosed: "already_closed",
        cases.NotYourCase: "not_yours",
        cases.SenderErased: "erased",
        cases.NoSuchCase: "no_such",
        case_life.Changed: "changed",
        case_life.NoSuchTopic: "no_topic",
    }[type(done)]
    if isinstance(done, case_life.Changed):
        flash(t.case_changed(done.ref, STAGES.get(done.stage, done.stage), done.to))
        return
    flash(t.case_done(kind, getattr(done, "ref", getattr(done, "name", ""))))


@console_route(bp, "/citizens/<ref>/answer", roles=HEAD_OR_ADMIN, methods=("POST",))
def answer_case(ref: str) -> Any:
    body = plain(request.form.get("answer", "")).strip()[:MAX_ANSWER]
    request_id = request.form.get("request_id", "")[:40] or uuid.uuid4().hex
    if not body:
        flash(t.EMPTY_ANSWER)
        return redirect(url_for(".citizens"), code=303)
    running, db = services(), get_session()
    done = cases.answer_case(
        db, acting(), ref[:20], body, running.clock.now(), f"console:{request_id}"
    )
    _result(done)
    _send_now(db)
    return redirect(url_for(".citizens", status=request.form.get("back", "open")), code=303)


@console_route(bp, "/citizens/<ref>/close", roles=HEAD_OR_ADMIN, methods=("POST",))
def close_case(ref: str) -> Any:
    running, db = services(), get_session()
    done = cases.close_case(db, acting(), ref[:20], running.clock.now())
    _result(done)
    _send_now(db)
    return redirect(url_for(".citizens", status=request.form.get("back", "open")), code=303)


@console_route(bp, "/citizens/<ref>/take", roles=HEAD_OR_ADMIN, methods=("POST",))
def take_case(ref: str) -> Any:
    """The head takes the case (`usecases.cases.take_case`, as the take command in LINE)."""
    running, db = services(), get_session()
    _result(case_life.take_case(db, acting(), ref[:20], running.clock.now()))
    _send_now(db)
    return redirect(url_for(".citizens", status=request.form.get("back", "open")), code=303)


@console_route(bp, "/citizens/<ref>/forward", roles=HEAD_OR_ADMIN, methods=("POST",))
def forward_case(ref: str) -> Any:
    """The case to another category's unit (as the forward command in LINE)."""
    running, db = services(), get_session()
    topic = plain(request.form.get("topic", "")).strip()[:40]
    done = case_life.forward_case(
        db, acting(), ref[:20], topic, "", running.clock.now(), running.links
    )
    _result(done)
    _send_now(db)
    return redirect(url_for(".citizens", status=request.form.get("back", "open")), code=303)
