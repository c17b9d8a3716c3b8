"""Bad numbers where numbers are expected: in a URL a 400 or 404, in a postback the answer
a wrong number gets, at once — never a 500, never an event failed three times and
"sorry" (issue 15, finding 7).

`²` passes `str.isdigit()` but not `int()`; twenty digits pass `int()` but not the
database's integers."""

from __future__ import annotations

import pytest
from sqlmodel import select

from messages_th import common
from models.inbox import InboxEvent
from tests.support import people
from tests.support.line_chat import texts

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        f"/public/{HUGE}",
        f"/public/{HUGE}.json",
        f"/reports/{HUGE}/progress.png",
        f"/reports/download/{HUGE}/year.docx?exp=1&sig=x",
        "/reports/download/2565/year.docx?exp=²&sig=x",
        "/reports/download/2565/year.xlsx?exp=¹²³&sig=x",
        f"/reports/download/2565/year.docx?exp={HUGE}{HUGE}&sig=x",
        "/public/²",
        "/public/-1",
    ],
)
def test_a_bad_number_in_a_url_is_refused_not_a_crash(client, seed_plan, path) -> None:
    assert client.get(path).status_code in (400, 403, 404)


def _event(services, user: str) -> InboxEvent:
    with services.db.session() as session:
        return session.exec(
            select(InboxEvent).where(InboxEvent.chat_key == user).order_by(InboxEvent.id.desc())
        ).first()


@pytest.mark.parametrize("number", ["²", "๒๓๔๕๖๗๘๙", HUGE, "-1", "1e3", ""])
def test_a_forged_postback_number_gets_a_polite_answer_at_once(
    line, services, seed_plan, number
) -> None:
    answer = line.tap("Ucitizen-bad", f"a=citizen.measure&m={number}")
    assert answer and common.sorry()["text"] not in texts(answer)
    event = _event(services, "Ucitizen-bad")
    assert (event.status, event.attempts) == ("done", 0)


@pytest.mark.parametrize(
    "data",
    [
        "a=report.start&m=²",
        f"a=report.start&m=1&x={HUGE}",
        f"a=report.start&m={HUGE}",
    ],
)
def test_a_staff_postback_with_a_bad_number_is_answered_too(
    runner, line, services, seed_plan, data
) -> None:
    people.link(runner, line, "Ustaff-bad", "มาลี", "staff", "1")
    answer = line.tap("Ustaff-bad", data)
    assert answer and common.sorry()["text"] not in texts(answer)
    event = _event(services, "Ustaff-bad")
    assert (event.status, event.attempts) == ("done", 0)


def test_a_bad_measure_number_for_staff_add_is_a_usage_error(runner) -> None:
    result = runner.invoke(
        args=["staff", "add", "--name", "ก", "--role", "staff", "--measures", "²"]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
