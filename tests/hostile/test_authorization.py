"""Who may do what: every chat command and every postback, for every kind of person.

The people: someone who never followed or linked (unlinked), a citizen who followed, a
staff member reporting on measure 1, a staff member of measure 2 acting on measure 1
(other), a staff member of measure 2 in another unit (กองคลัง, elsewhere: not the unit
citizens' cases go to), the office head and the admin (neither pinned to a measure; both of
the plan's unit). A citizen's case (with a name and phone given with consent) is seen
whole, taken, handed on, forwarded, answered and closed only by its unit's staff and the
heads; a complaint about a staff member's conduct by the head alone; the overdue list and
publishing are the heads'; rating and reopening, its sender's alone. Each cell is allowed
or refused as designed; a refusal changes nothing and pushes nothing to anyone. The rows
are checked against the router's own registrations, so a new command or postback without
a row here fails the suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import select

from handlers import build_dispatcher
from messages_th import (
    case_text,
    citizen_text,
    follow_up_text,
    leave_text,
    privacy_text,
    report_text,
    request_text,
    staff_chat,
)
from messages_th.build import postback_data
from models.cases import CaseEvent
from models.chat import LineGroup
from models.citizen import Rating, Suggestion, new_suggestion
from models.conversation import Conversation
from models.outbox import OutboxMessage
from models.plan import Unit, get_plan
from models.progress import Report
from models.staff import Staff
from settings import ROOT
from tests.support import people
from tests.support.line_chat import LineChat, texts
from usecases.suggestions import responsible_for

ROLES = ("unlinked", "citizen", "staff", "other", "elsewhere", "head", "admin")
USERS = {role: f"Uauth-{role}" for role in ROLES}
STAFF_ROLES = {"staff", "other", "elsewhere", "head", "admin"}
HEADS = {"head", "admin"}
#: who handles a citizen's case: the staff of its unit (the plan's, in the seed) and the heads
CASE_ROLES = STAFF_ROLES - {"elsewhere"}
NOT_MEASURE_1 = ("other", "elsewhere")  # both report on measure 2 only
EVERYONE = set(ROLES)
CASE_PHONE = "081-555-0199"


@dataclass
class Cast:
    line: LineChat
    services: Any
    clock: Any

    def fresh_ref(self, *, closed: bool = False, conduct: bool = False) -> str:
        """A new case from the citizen "Uauth-writer", open (or `closed` an hour ago),
        routed as the app routes one (a `conduct` case: to the heads only), with a name and
        phone given with consent, for one cell."""
        with self.services.db.session() as session:
            responsible = responsible_for(session, get_plan(session, 2565))
            case = new_suggestion(
                session,
                fiscal_year=2565,
                now=self.clock.now(),
                line_user_id="Uauth-writer",
                category="ถนน",
                text="ถนนหน้าตลาดชำรุด",
                contact_name="ผู้แจ้งลับ",
                contact_phone=CASE_PHONE,
                consent=True,
                unit_id=None if conduct else responsible.unit_id,
                measure_id=responsible.measure_id,
                conduct=conduct,
            )
            if closed:
                case.stage, case.status = "done", "closed"
                case.closed_at = self.clock.now() - timedelta(hours=1)
            return case.ref

    def owners(self) -> str:
        """Who handles the cases, as a refused staff member is told."""
        with self.services.db.session() as session:
            plan = get_plan(session, 2565)
            unit = session.get(Unit, responsible_for(session, plan).unit_id)
            return citizen_text.case_owners(unit.name)


@dataclass(frozen=True)
class Row:
    """One command or postback: what is sent, who may, and how each outcome shows."""

    name: str
    send: Callable[[Cast, str], list[dict[str, Any]]]
    allowed: set[str]
    granted: Callable[[str, dict[str, int]], bool]
    refusal: Callable[[Cast, str], Any] | None = None  # what a refused role is told
    keys: tuple[str, ...] = field(default=())  # the router names this row covers
    #: what a refusal may still change (the other staff member's own form starting)
    may_change: frozenset[str] = frozenset()


def _text(words: str) -> Callable[[Cast, str], list[dict[str, Any]]]:
    return lambda cast, user: cast.line.send(user, words)


def _tap(action: str, **values: Any) -> Callable[[Cast, str], list[dict[str, Any]]]:
    return lambda cast, user: cast.line.tap(user, postback_data(action, **values))


def _not_yours(cast: Cast, role: str) -> Any:
    """A staff member of another unit is told who handles the case; a citizen is not staff."""
    return cast.owners() if role == "elsewhere" else ""


def _said(message: Any) -> str:
    return texts([message if isinstance(message, dict) else {"type": "text", "text": message}])


def _state(services) -> dict[str, int]:
    """What a cell may change, counted."""
    with services.db.session() as session:

        def count(model, *where) -> int:
            return session.exec(select(func.count()).select_from(model).where(*where)).one()

        return {
            "reports": count(Report),
            "answered": count(Suggestion, Suggestion.status != "open"),
            "taken": count(Suggestion, Suggestion.taken_by.is_not(None)),  # type: ignore[union-attr]
            "forwarded": count(Suggestion, Suggestion.stage == "forwarded"),
            "reopened": count(CaseEvent, CaseEvent.what == "reopen"),
            "rated": count(Suggestion, Suggestion.rating.is_not(None)),  # type: ignore[union-attr]
            "published": count(Suggestion, Suggestion.published.is_(True)),  # type: ignore[attr-defined]
            "on_leave": count(Staff, Staff.on_leave_until.is_not(None)),  # type: ignore[union-attr]
            "forms": count(Conversation),
            "ratings": count(Rating),
            "groups": count(LineGroup, LineGroup.receives_summary.is_(True)),  # type: ignore[attr-defined]
            "pushes": count(OutboxMessage),
        }


def _changed(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {k: after[k] - before[k] for k in after if after[k] != before[k]}


REPORT_LINE = "รายงาน 1.1 60% จัดอบรมเจ้าหน้าที่แล้ว"
ROWS = [
    Row(
        "report (typed)",
        _text("รายงาน"),
        STAFF_ROLES,  # a head or admin with no measure of their own may report on any
        lambda said, changed: changed.get("forms") == 1,
        lambda cast, role: staff_chat.staff_only(),
        ("start_typed", "not_staff"),
    ),
    Row(
        "report (rich-menu postback)",
        _tap("report.start"),
        STAFF_ROLES,
        lambda said, changed: changed.get("forms") == 1,
        lambda cast, role: staff_chat.staff_only(),
        ("start_tapped",),
    ),
    Row(
        "report on measure 1 in one line",
        _text(REPORT_LINE),
        {"staff", "head", "admin"},
        lambda said, changed: changed.get("reports") == 1,
        lambda cast, role: (
            staff_chat.unknown_measure(1, [2]) if role in NOT_MEASURE_1 else staff_chat.staff_only()
        ),
        ("one_line",),
    ),
    Row(
        "report.start tampered to measure 1",
        _tap("report.start", m=1, x=1),
        {"staff", "head", "admin"},
        lambda said, changed: "1.1" in said and changed.get("forms") == 1,
        lambda cast, role: (
            staff_chat.unknown_measure(1, [2]) if role in NOT_MEASURE_1 else staff_chat.staff_only()
        ),
        may_change=frozenset({"forms"}),  # the other staff member's form, for measure 2
    ),
    Row(
        "status",
        _text("สถานะ"),
        STAFF_ROLES,
        lambda said, changed: "เดือน" in said and "การรายงานผลสำหรับเจ้าหน้าที่" not in said,
        None,
        ("status",),
    ),
    Row(
        "the month page's link",
        _text("รายงานทั้งเดือน"),
        STAFF_ROLES,
        lambda said, changed: "เปิดรายงานทั้งเดือน" in said,
        None,
        ("month_link",),
    ),
    Row(
        "summary",
        _text("สรุป"),
        HEADS,
        lambda said, changed: "สรุป" in said and _said(follow_up_text.summary_for_heads()) != said,
        None,
        ("summary", "summary_not_for_staff"),
    ),
    Row(
        "documents",
        _text("เอกสารรายงาน"),
        HEADS,
        lambda said, changed: _said(report_text.choose_document()) in said,
        lambda cast, role: report_text.heads_only(
            cast.services.settings.public_base_url.rstrip("/") + "/public"
        ),
        ("choose", "document", "not_for_you"),
    ),
    Row(
        "a document asked for",
        _text("รายงาน ปีนี้"),
        HEADS,
        lambda said, changed: "/reports/" in said or "ดาวน์โหลด" in said,
        lambda cast, role: report_text.heads_only(
            cast.services.settings.public_base_url.rstrip("/") + "/public"
        ),
    ),
    Row(
        "meeting",
        _text("ประชุม"),
        STAFF_ROLES,
        lambda said, changed: "31 มกราคม 2565" in said,
        None,
        ("meeting",),
    ),
    Row(
        "leave",
        _text("ลา 3 วัน"),
        STAFF_ROLES,
        lambda said, changed: changed.get("on_leave") == 1,
        lambda cast, role: leave_text.staff_only(),
        ("not_staff",),
    ),
    Row(
        "back from leave",
        _text("กลับมาแล้ว"),
        STAFF_ROLES,
        lambda said, changed: _said(leave_text.staff_only()) not in said,
        lambda cast, role: leave_text.staff_only(),
        ("back",),
    ),
    Row(
        "answer a suggestion (typed)",
        lambda cast, user: cast.line.send(user, f"ตอบ {cast.fresh_ref()} ได้ดำเนินการแล้ว"),
        CASE_ROLES,
        lambda said, changed: changed.get("answered") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("answer_typed",),
    ),
    Row(
        "answer a suggestion (postback)",
        lambda cast, user: cast.line.tap(user, postback_data("suggest.answer", r=cast.fresh_ref())),
        CASE_ROLES,
        lambda said, changed: changed.get("forms") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("answer_tapped",),
    ),
    Row(
        "close a suggestion (postback): the close form, for an after photo",
        lambda cast, user: cast.line.tap(user, postback_data("suggest.close", r=cast.fresh_ref())),
        CASE_ROLES,
        lambda said, changed: changed.get("forms") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("close_tapped",),
    ),
    Row(
        "close a suggestion (typed)",
        lambda cast, user: cast.line.send(user, f"ปิด {cast.fresh_ref()} ซ่อมแล้ว"),
        CASE_ROLES,
        lambda said, changed: changed.get("answered") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("close_typed",),
    ),
    Row(
        "not within the agency's power (typed, with a reason)",
        lambda cast, user: cast.line.send(user, f"ไม่อยู่ในอำนาจ {cast.fresh_ref()} เป็นทางหลวง"),
        CASE_ROLES,
        lambda said, changed: changed.get("answered") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("out_of_scope",),
    ),
    Row(
        "take a case (typed)",
        lambda cast, user: cast.line.send(user, f"รับเรื่อง {cast.fresh_ref()}"),
        CASE_ROLES,
        lambda said, changed: changed.get("taken") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("take_case",),
    ),
    Row(
        "take a case (postback)",
        lambda cast, user: cast.line.tap(user, postback_data("case.take", r=cast.fresh_ref())),
        CASE_ROLES,
        lambda said, changed: changed.get("taken") == 1,
        lambda cast, role: _not_yours(cast, role),
    ),
    Row(
        "take a complaint about a staff member's conduct: the head only",
        lambda cast, user: cast.line.tap(
            user, postback_data("case.take", r=cast.fresh_ref(conduct=True))
        ),
        {"head"},
        lambda said, changed: changed.get("taken") == 1,
        lambda cast, role: _said(citizen_text.case_owners(None)) if role in STAFF_ROLES else "",
    ),
    Row(
        "hand a case on to a staff member of its unit",
        lambda cast, user: cast.line.send(user, f"มอบ {cast.fresh_ref()} สมชาย มาตรการหนึ่ง"),
        CASE_ROLES,
        lambda said, changed: changed.get("taken") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("hand_on_case",),
    ),
    Row(
        "forward a case to another category's unit",
        lambda cast, user: cast.line.send(user, f"ส่งต่อ {cast.fresh_ref()} ขยะ"),
        CASE_ROLES,
        lambda said, changed: changed.get("forwarded") == 1,
        lambda cast, role: _not_yours(cast, role),
        ("forward_case",),
    ),
    Row(
        "overdue cases",
        _text("เรื่องเกินกำหนด"),
        HEADS,
        lambda said, changed: "เกินกำหนด" in said and not changed,
        lambda cast, role: case_text.heads_only() if role in STAFF_ROLES else "",
        ("overdue", "overdue_not_for_staff"),
    ),
    Row(
        "publish a case on the public page",
        lambda cast, user: cast.line.send(user, f"เผยแพร่ {cast.fresh_ref()}"),
        HEADS,
        lambda said, changed: changed.get("published") == 1,
        lambda cast, role: case_text.heads_only() if role in STAFF_ROLES else "",
        ("publish", "publish_not_for_staff"),
    ),
    Row(
        "rate the handling of another person's closed case",
        lambda cast, user: cast.line.tap(
            user, postback_data("case.rate", r=cast.fresh_ref(closed=True), s=5)
        ),
        set(),  # its sender only (tests/test_cases.py)
        lambda said, changed: changed.get("rated") == 1,
        lambda cast, role: "ไม่พบเรื่องเลขที่",
        ("rate_handling",),
        may_change=frozenset({"answered"}),  # the closed case made for the cell
    ),
    Row(
        "reopen another person's closed case",
        lambda cast, user: cast.line.tap(
            user, postback_data("case.reopen", r=cast.fresh_ref(closed=True))
        ),
        set(),  # its sender only (tests/test_cases.py)
        lambda said, changed: changed.get("forms") == 1,
        lambda cast, role: "ไม่พบเรื่องเลขที่",
        ("reopen_tapped",),
        may_change=frozenset({"answered"}),  # the closed case made for the cell
    ),
    Row(
        "follow another person's case: its text and the sender's name and phone",
        lambda cast, user: cast.line.send(user, f"ติดตาม {cast.fresh_ref()}"),
        CASE_ROLES,
        lambda said, changed: "ถนนหน้าตลาดชำรุด" in said and CASE_PHONE in said,
        lambda cast, role: cast.owners() if role == "elsewhere" else "ไม่พบเรื่องเลขที่",
        ("follow",),
    ),
    Row(
        "who am I",
        _text("ฉันคือใคร"),
        STAFF_ROLES,
        lambda said, changed: _said(staff_chat.whoami_citizen()) not in said,
        lambda cast, role: staff_chat.whoami_citizen(),
        ("whoami",),
    ),
    Row(
        "group summary on, in a one-to-one chat",
        _text("รับสรุป"),
        set(),
        lambda said, changed: changed.get("groups") == 1,
        lambda cast, role: follow_up_text.group_only(),
        ("group_summary",),
    ),
    Row(
        "suggest",
        _text("เสนอแนะ"),
        EVERYONE,
        lambda said, changed: changed.get("forms") == 1,
        None,
        ("suggest", "complain"),
    ),
    Row(
        "rate",
        _text("ประเมิน"),
        EVERYONE,
        lambda said, changed: changed.get("forms") == 1,
        None,
        ("rate",),
    ),
    Row(
        "measures",
        _text("มาตรการ"),
        EVERYONE,
        lambda said, changed: "มาตรการ" in said and not changed,
        None,
        ("measures", "measure_typed", "measure_tapped", "ita", "free_question"),
    ),
    Row(
        "a copy of my data",
        _text("ข้อมูลของฉัน"),
        EVERYONE - STAFF_ROLES,  # a citizen's own data; staff ask the agency's admin
        lambda said, changed: "ข้อมูลของท่านที่ระบบ" in said and not changed,
        None,  # staff get their own account (ฉันคือใคร)
        ("my_data",),
    ),
    Row(
        "delete my data",
        _text("ลบข้อมูลของฉัน"),
        EVERYONE - STAFF_ROLES,
        lambda said, changed: changed.get("forms") == 1 and "ต้องการให้ลบข้อมูล" in said,
        lambda cast, role: privacy_text.staff_data(),
        ("erase_my_data", "staff_erasure"),
    ),
    Row(
        "leave from LINE's date picker",
        lambda cast, user: cast.line.tap(
            user, postback_data("leave.pick", k="until"), params={"date": "2022-01-25"}
        ),
        STAFF_ROLES,
        lambda said, changed: changed.get("on_leave") == 1,
        lambda cast, role: leave_text.staff_only(),
        ("picked",),
    ),
    Row(
        "the same as last month (the next action's button)",
        _tap("report.same", m=1, x=1),
        {"staff", "head", "admin"},  # measure 1's reporter, and the heads (any measure)
        lambda said, changed: "ยังไม่เคยรายงาน" in said and not changed,
        lambda cast, role: staff_chat.unknown_measure(1, [2]) if role in NOT_MEASURE_1 else "",
        ("same_tapped",),
    ),
    Row(
        "who has not reported, in one's own words",
        _text("ใครยังไม่ส่งรายงานบ้าง"),
        HEADS,
        lambda said, changed: "รายงานผลเดือน" in said and not changed,
        lambda cast, role: request_text.heads_only() if role in STAFF_ROLES else "",
        ("own_words",),
    ),
    Row(
        "nudge everyone still missing, in one's own words (shown, not sent)",
        _text("เตือนทุกคนที่ยังไม่ส่ง"),
        HEADS,
        lambda said, changed: "ยืนยันการส่ง" in said and not changed,
        lambda cast, role: request_text.nudge_for_heads() if role in STAFF_ROLES else "",
    ),
    Row(
        "nudge: who it would go to (postback)",
        _tap("nudge.ask", all=1),
        HEADS,
        lambda said, changed: "ยืนยันการส่ง" in said and not changed,
        None,
        ("nudge_asked",),
    ),
    Row(
        "nudge: sent (postback)",
        _tap("nudge.send", all=1),
        HEADS,
        lambda said, changed: "ส่งข้อความเตือนแล้ว" in said or "วันนี้เตือนไปแล้ว" in said,
        None,
        ("nudge_confirmed",),
    ),
    Row(
        "nudge: not sent (postback)",
        _tap("nudge.cancel"),
        HEADS,
        lambda said, changed: "ไม่ส่งข้อความเตือน" in said and not changed,
        None,
        ("nudge_cancelled",),
    ),
    Row(
        "help",
        _text("ช่วยเหลือ"),
        EVERYONE,
        lambda said, changed: bool(said) and not changed,
        None,
        ("help_by_role",),
    ),
]

#: postbacks that only mean something inside a form: outside one, nobody gets anything
FORM_POSTBACKS = [
    ("report.measure", {"m": 1}),
    ("report.action", {"m": 1, "x": 1}),
    ("report.percent", {"p": 50}),
    ("report.keep_detail", {}),
    ("report.evidence_done", {}),
    ("report.confirm", {}),
    ("report.edit", {}),
    ("report.cancel", {}),
    ("report.fall_yes", {}),
    ("report.fall_no", {}),
    ("suggest.category", {"c": "ถนน"}),
    ("suggest.consent", {"y": 1}),
    ("suggest.anonymous", {}),
    ("suggest.send", {}),
    ("suggest.skip", {}),
    ("suggest.cancel", {}),
    ("case.close_now", {}),
    ("case.kept_send", {}),
    ("case.kept_reopen", {}),
    ("rate.score", {"s": 5}),
    ("rate.skip", {}),
    ("rate.cancel", {}),
    ("citizen.measure", {"m": 999}),
    ("privacy.erase", {}),
    ("privacy.cancel", {}),
]
#: router names covered by the catch-alls and the basics rather than by a row above
BASICS = {
    "link",  # tests/test_staff_link.py: codes, wrong tries, the lock
    "on_follow",
    "on_unfollow",
    "on_join",
    "on_leave",
    "ignore",
    "cancel_nothing",
    "sticker",
    "media",
    "long_message",
    "not_understood",
    "stale_button",  # FORM_POSTBACKS and FORGED below
}


@pytest.fixture
def cast(line, runner, services, seed_plan, clock) -> Cast:
    line.follow(USERS["citizen"])
    people.link(runner, line, USERS["staff"], "สมชาย มาตรการหนึ่ง", measures="1")
    people.link(runner, line, USERS["other"], "สมหญิง มาตรการสอง", measures="2")
    line.send(USERS["elsewhere"], people.add(runner, "สมศักดิ์ กองคลัง", "staff", "2", "กองคลัง"))
    people.link(runner, line, USERS["head"], "หัวหน้าสำนักปลัด", role="head")
    people.link(runner, line, USERS["admin"], "ผู้ดูแลระบบ", role="admin")
    return Cast(line, services, clock)


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_each_command_for_each_role(cast: Cast, fake_line, row: Row) -> None:
    for role in ROLES:
        before = _state(cast.services)
        seq = fake_line.last_seq
        said = texts(row.send(cast, USERS[role]))
        changed = _changed(before, _state(cast.services))
        others = [d for d in fake_line.delivered_since(seq) if d.to != USERS[role]]
        if role in row.allowed:
            assert row.granted(said, changed), f"{row.name}: {role} should be allowed: {said}"
        else:
            assert not row.granted(said, changed), f"{row.name}: {role} was let in: {said}"
            unexpected = {k: v for k, v in changed.items() if k not in row.may_change}
            assert not unexpected, f"{row.name}: refusing {role} changed {changed}"
            assert others == [], f"{row.name}: refusing {role} pushed to someone else"
            if row.refusal is not None:
                assert _said(row.refusal(cast, role)) in said, f"{row.name}: {role} got {said}"
        assert said, f"{row.name}: {role} got no answer at all"


@pytest.mark.parametrize("action,values", FORM_POSTBACKS, ids=[a for a, _ in FORM_POSTBACKS])
def test_a_form_postback_outside_its_form_changes_nothing(
    cast: Cast, fake_line, action: str, values: dict[str, Any]
) -> None:
    for role in ROLES:
        before = _state(cast.services)
        seq = fake_line.last_seq
        said = texts(cast.line.tap(USERS[role], postback_data(action, **values)))
        assert _changed(before, _state(cast.services)) == {}, f"{action} by {role}"
        assert [d for d in fake_line.delivered_since(seq) if d.to != USERS[role]] == []
        assert said, f"{action}: {role} got no answer"


FORGED = [
    "a=report.start&m=abc&x=%FF",
    "a=report.start&m=99999999999999999999",
    "a=" + "x" * 290,
    "garbage",
    "a=suggest.close&r=S-2565-9999",
    "a=suggest.answer&r=../../etc",
    "a=citizen.measure&m=-1",
    "a=rate.score&s=99",
    "a=case.take&r=S-2565-9999",
    "a=case.rate&r=S-2565-0001&s=9",
    "a=case.reopen&r=../../etc",
]


@pytest.mark.parametrize("data", FORGED)
def test_forged_postback_data_is_refused_and_changes_nothing(cast: Cast, fake_line, data) -> None:
    for role in ROLES:
        before = _state(cast.services)
        seq = fake_line.last_seq
        said = texts(cast.line.tap(USERS[role], data))
        changed = _changed(before, _state(cast.services))
        assert not {k: v for k, v in changed.items() if k != "forms"}, f"{data} by {role}"
        assert [d for d in fake_line.delivered_since(seq) if d.to != USERS[role]] == []
        assert said, f"{data}: {role} got no answer"


def test_a_tampered_action_mid_form_is_not_a_choice(cast: Cast) -> None:
    user = USERS["staff"]
    cast.line.send(user, "รายงาน")  # measure 1 is the only one: the form asks for the action
    said = texts(cast.line.tap(user, postback_data("report.action", m=2, x=1)))
    assert staff_chat.not_a_choice() in said
    said = texts(cast.line.tap(user, postback_data("report.measure", m=2)))
    assert staff_chat.not_a_choice() in said
    with cast.services.db.session() as session:
        assert session.exec(select(func.count()).select_from(Report)).one() == 0


def test_a_finished_form_cannot_be_confirmed_again(cast: Cast) -> None:
    user = USERS["staff"]
    for answer in ("รายงาน", "1", "50%", "จัดอบรมแล้ว", "ข้าม"):
        cast.line.send(user, answer)
    cast.line.tap(user, postback_data("report.confirm"))
    cast.line.tap(user, postback_data("report.confirm"))  # the old card's button, again
    with cast.services.db.session() as session:
        assert session.exec(select(func.count()).select_from(Report)).one() == 1


def test_an_expired_form_cannot_be_confirmed(cast: Cast, clock) -> None:
    user = USERS["staff"]
    for answer in ("รายงาน", "1", "50%", "จัดอบรมแล้ว", "ข้าม"):
        cast.line.send(user, answer)
    clock.advance(minutes=31)
    said = texts(cast.line.tap(user, postback_data("report.confirm")))
    assert _said(staff_chat.timed_out()) in said
    with cast.services.db.session() as session:
        assert session.exec(select(func.count()).select_from(Report)).one() == 0


def test_a_staff_member_deactivated_mid_form_is_let_out_of_it(cast: Cast) -> None:
    user = USERS["staff"]
    for answer in ("รายงาน", "1", "50%", "จัดอบรมแล้ว", "ข้าม"):
        cast.line.send(user, answer)
    with cast.services.db.session() as session:
        person = session.exec(select(Staff).where(Staff.line_user_id == user)).one()
        person.active = False
        session.add(person)
    said = texts(cast.line.tap(user, postback_data("report.confirm")))
    with cast.services.db.session() as session:
        assert session.exec(select(func.count()).select_from(Report)).one() == 0
        assert session.exec(select(func.count()).select_from(Conversation)).one() == 0
    assert said  # answered as the citizen this LINE account now is


def test_every_listener_has_a_row() -> None:
    """A command or postback added later without a row in this matrix fails here."""
    dispatcher = build_dispatcher()
    names = {route.name for route in dispatcher.router.routes}
    covered = {key for row in ROWS for key in row.keys} | BASICS
    assert names - covered == set(), "listeners with no row in the authorization matrix"
    tapped = {action for action, _ in FORM_POSTBACKS} | {
        "report.start",
        "suggest.answer",
        "suggest.close",
        "report.same",
        "leave.pick",
        "nudge.ask",
        "nudge.send",
        "nudge.cancel",
        "case.take",
        "case.rate",
        "case.reopen",
    }
    assert _postbacks() - tapped == set()


def _postbacks() -> set[str]:
    """Every postback action name a listener or a form step answers to, read from the
    handlers' registrations (`@….postback("name", …)`)."""
    names: set[str] = set()
    for path in (ROOT / "handlers").glob("*.py"):
        for arguments in re.findall(r"\.postback\(([^)]*)\)", path.read_text()):
            names.update(re.findall(r'"([a-z_]+\.[a-z_]+)"', arguments))
    return names
