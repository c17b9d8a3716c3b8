"""Delivery for many agencies (docs/TENANCY.md, "Fairness in the outbox"): each agency's
pushes and replies go out with its own token, the outbox takes agencies round robin, and
a token LINE refuses stops that agency alone, parks its messages, tells the deployment's
operator in LINE once and the agency's admins in the console, until it is connected again.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlmodel import select

from delivery.clients import NoChannel
from delivery.outbox_sender import OutboxSender
from fakeline import FakeLine
from fakeline import events as ev
from fakeline.server import DEFAULT_BOT_USER_ID
from fakeline.signing import sign, webhook_body
from models.agency import Agency, AgencyState
from models.audit import AuditLog
from models.credentials import new_key
from models.outbox import OutboxMessage, OutboxStatus, queue
from models.staff import Role, Staff
from services import Services
from settings import Settings
from tests.conftest import CHANNEL_SECRET
from tests.support.agencies import connect, reconnect
from tests.support.console import Browser, open_login_channel, with_line_login

OPERATOR = "Uoperator-admin"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return with_line_login(settings, credentials_keys=new_key())


@pytest.fixture
def main_channel(fake_line: FakeLine, app) -> None:
    """Agency no. 1's channel (the environment's token), so that it keeps working once the
    fake platform checks tokens (from the first channel added on)."""
    fake_line.add_channel(
        "main",
        access_token="test-access-token",
        secret=CHANNEL_SECRET,
        bot_user_id=DEFAULT_BOT_USER_ID,
    )


def _queue(services: Services, agency_id: int, users: list[str], tag: str = "t") -> None:
    with services.db.session(agency_id=agency_id) as session:
        for n, user in enumerate(users):
            queue(
                session,
                key=f"{tag}:{agency_id}:{n}",
                to=user,
                messages=[{"type": "text", "text": f"ข้อความ {n}"}],
                purpose="test",
                now=services.clock.now(),
            )


def _deliver(services: Services) -> None:
    assert services.delivery is not None
    services.delivery.kick()
    assert services.delivery.wait_idle(20), "the outbox did not finish"


def _rows(services: Services, agency_id: int) -> list[OutboxMessage]:
    with services.db.session(agency_id=agency_id) as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))  # type: ignore[arg-type]


def _staff(services: Services, agency_id: int, user: str, role: str = Role.ADMIN) -> None:
    now = services.clock.now()
    with services.db.session(agency_id=agency_id) as session:
        session.add(
            Staff(
                name=f"ผู้ดูแล {user}",
                role=role,
                line_user_id=user,
                created_at=now,
                linked_at=now,
            )
        )


def test_each_agencys_pushes_go_out_with_its_own_token(
    services: Services, fake_line: FakeLine, main_channel
) -> None:
    a = connect(services, fake_line, "a-town", "อบต.เอ")
    b = connect(services, fake_line, "b-town", "อบต.บี")
    _queue(services, 1, ["Umain-1", "Umain-2"])
    _queue(services, 2, ["Ua-1", "Ua-2", "Ua-3"])
    _queue(services, 3, ["Ub-1"])
    _deliver(services)
    sent_by = {d.to: d.channel for d in fake_line.delivered_since(0)}
    assert sent_by == {
        "Umain-1": "main",
        "Umain-2": "main",
        "Ua-1": "a-town",
        "Ua-2": "a-town",
        "Ua-3": "a-town",
        "Ub-1": "b-town",
    }
    tokens = {
        r.body["to"]: r.headers["authorization"] for r in fake_line.requests_to("/message/push")
    }
    assert tokens["Ua-1"] == f"Bearer {a.access_token}"
    assert tokens["Ub-1"] == f"Bearer {b.access_token}"
    assert tokens["Umain-1"] == "Bearer test-access-token"
    for agency_id in (1, 2, 3):
        assert {r.status for r in _rows(services, agency_id)} == {OutboxStatus.SENT}
    # one client per agency, kept (the second call is the same object)
    assert services.line_for(2) is services.line_for(2)
    assert services.line_for(1) is services.line


def test_an_agency_without_a_channel_has_no_client(services: Services) -> None:
    from usecases import agencies
    from usecases.actor import COMMAND_LINE

    with services.db.session() as session:
        agencies.add_agency(session, COMMAND_LINE, "no-channel", "X", services.clock.now())
    with pytest.raises(NoChannel):
        services.line_for(2)
    with pytest.raises(NoChannel):
        services.line_for(99)


def test_round_robin_an_agency_with_one_push_is_not_behind_anothers_backlog(
    services: Services, fake_line: FakeLine, clock, main_channel
) -> None:
    assert services.delivery is not None
    services.delivery.stop()  # this test claims by hand
    connect(services, fake_line, "a-town", "A")
    connect(services, fake_line, "b-town", "B")
    connect(services, fake_line, "c-town", "C")
    _queue(services, 2, [f"Ua-{n}" for n in range(200)])
    clock.advance(minutes=1)  # B's and C's came due after all of A's
    _queue(services, 3, ["Ub-0"])
    _queue(services, 4, ["Uc-0", "Uc-1"])
    sender = OutboxSender.for_services(services)
    first, _ = sender.claim(limit=100)
    assert [row.agency_id for row in first[:3]] == [2, 3, 4]  # every agency's first
    assert first[3].agency_id == 2 and first[4].agency_id == 4  # then every agency's second
    assert Counter(row.agency_id for row in first) == {2: 97, 3: 1, 4: 2}
    assert [row.recipients[0] for row in first if row.agency_id == 2][:3] == [
        "Ua-0",
        "Ua-1",
        "Ua-2",
    ]  # each agency's in the order they came due
    second, _ = sender.claim(limit=100)
    assert not {r.id for r in first} & {r.id for r in second}  # leased rows are not taken again
    assert {r.agency_id for r in second} == {2}


def test_agencies_take_turns_across_claims(
    services: Services, fake_line: FakeLine, main_channel
) -> None:
    """With more agencies due than a claim takes, the next claim goes on from where the
    last one stopped: no agency is passed over while others have their second turn."""
    assert services.delivery is not None
    services.delivery.stop()
    for slug in ("a-town", "b-town", "c-town"):
        connect(services, fake_line, slug, slug)
    for agency_id in (2, 3, 4):
        _queue(services, agency_id, [f"U{agency_id}-{n}" for n in range(3)])
    sender = OutboxSender.for_services(services)
    claims = [[r.agency_id for r in sender.claim(limit=2)[0]] for _ in range(5)]
    assert claims == [[2, 3], [4, 2], [3, 4], [2, 3], [4]]


def test_a_refused_token_stops_that_agency_alone_until_it_is_connected_again(
    app, services: Services, fake_line: FakeLine, settings: Settings, clock, main_channel
) -> None:
    connect(services, fake_line, "a-town", "อบต.เอ")
    connect(services, fake_line, "b-town", "อบต.บี")
    _staff(services, 1, OPERATOR)
    _staff(services, 2, "Ua-admin")
    _staff(services, 3, "Ub-admin")
    fake_line.revoke("b-town")
    _queue(services, 2, ["Ua-1", "Ua-2", "Ua-3"])
    _queue(services, 3, ["Ub-1", "Ub-2", "Ub-3"])
    _deliver(services)

    # A's went out; B's are parked (kept, not failed), B is refused
    assert sorted(d.to for d in fake_line.delivered_since(0) if d.channel == "a-town") == [
        "Ua-1",
        "Ua-2",
        "Ua-3",
    ]
    assert {r.status for r in _rows(services, 2)} == {OutboxStatus.SENT}
    assert {r.status for r in _rows(services, 3)} == {OutboxStatus.PARKED}
    with services.db.session() as session:
        b = session.get(Agency, 3)
        assert b is not None and b.state == AgencyState.REFUSED
        refusals = session.exec(
            select(AuditLog).where(AuditLog.action == "agency.refused")  # type: ignore[arg-type]
        ).all()
    assert [(r.agency_id, r.subject) for r in refusals] == [(3, "b-town")]
    # the operator is told once, on agency no. 1's channel, naming the agency
    told = [d for d in fake_line.messages_to(OPERATOR)]
    assert [d.channel for d in told] == ["main"]
    assert "อบต.บี" in told[0].message["text"] and "b-town" in told[0].message["text"]

    # more for B while refused: not tried (LINE is not asked again), the operator not again
    asked = len(fake_line.requests_to("/message/push"))
    _queue(services, 3, ["Ub-4"], tag="later")
    _queue(services, 2, ["Ua-4"], tag="later")
    _deliver(services)
    assert len(fake_line.requests_to("/message/push")) == asked + 1  # A's alone
    assert len(fake_line.messages_to(OPERATOR)) == 1

    # B's admin sees the banner on every page; A's admin does not
    open_login_channel(fake_line, settings.public_base_url, clock)
    b_admin = Browser(app.test_client(), fake_line, settings.public_base_url)
    assert b_admin.sign_in("Ub-admin").status_code == 303
    for page in ("/console", "/console/delivery"):
        shown = b_admin.get(page).get_data(as_text=True)
        assert 'data-testid="channel-refused"' in shown, page
        assert "python bot.py agency connect b-town" in shown
    a_admin = Browser(app.test_client(), fake_line, settings.public_base_url)
    assert a_admin.sign_in("Ua-admin").status_code == 303
    assert 'data-testid="channel-refused"' not in a_admin.get("/console").get_data(as_text=True)

    # connected again with a new token: what was parked (and what waited) goes out
    reconnect(services, fake_line, "b-town", "b-town-new")
    _deliver(services)
    again = sorted(d.to for d in fake_line.delivered_since(0) if d.channel == "b-town-new")
    assert again == ["Ub-1", "Ub-2", "Ub-3", "Ub-4"]
    assert {r.status for r in _rows(services, 3)} == {OutboxStatus.SENT}
    page = b_admin.get("/console/delivery").get_data(as_text=True)
    assert 'data-testid="channel-refused"' not in page
    # the quota is the agency's: its own pushes, and LINE's count for its own channel
    assert 'data-testid="pushed">4<' in page
    assert 'data-testid="line-used">4<' in page
    assert 'data-testid="pushed">4<' in a_admin.get("/console/delivery").get_data(as_text=True)


def test_a_429_holds_back_that_agency_alone(
    services: Services, fake_line: FakeLine, main_channel
) -> None:
    assert services.delivery is not None
    services.delivery.stop()
    connect(services, fake_line, "a-town", "A")
    connect(services, fake_line, "b-town", "B")
    _queue(services, 2, [f"Ua-{n}" for n in range(5)])
    _queue(services, 3, [f"Ub-{n}" for n in range(5)])
    fake_line.fail("/message/push", 429)  # the first push (A's first, by the claim's order)
    stats = OutboxSender.for_services(services, threads=1).send_due()
    assert (stats.sent, stats.retried, stats.held) == (5, 1, 4)
    assert {r.status for r in _rows(services, 3)} == {OutboxStatus.SENT}
    waiting = _rows(services, 2)
    assert {r.status for r in waiting} == {OutboxStatus.PENDING}
    assert sum(r.attempts for r in waiting) == 1  # held back, not counted as tries


def test_a_reply_in_an_agencys_chat_goes_out_with_its_token(
    client, services: Services, fake_line: FakeLine, main_channel
) -> None:
    b = connect(services, fake_line, "b-town", "อบต.บี")
    event = ev.event("follow", "Ucitizen-b", timestamp_ms=1)
    fake_line.expect([event], channel="b-town")
    body = webhook_body([event], destination=b.bot_user_id)
    headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body, b.secret)}
    assert client.post("/callback/b-town", data=body, headers=headers).status_code == 200
    assert fake_line.wait_for(lambda f: bool(f.messages_to("Ucitizen-b")), timeout=15)
    replies = fake_line.messages_to("Ucitizen-b")
    assert {(d.via, d.channel) for d in replies} == {("reply", "b-town")}
    [asked] = fake_line.requests_to("/message/reply")
    assert asked.headers["authorization"] == f"Bearer {b.access_token}"
    assert asked.status == 200


def test_a_refusal_of_a_token_already_replaced_changes_nothing(
    services: Services, fake_line: FakeLine, main_channel
) -> None:
    """A push refused with the old token while the agency was being connected again must
    not mark the newly connected agency refused."""
    from models.agency import mark_refused

    connect(services, fake_line, "b-town", "B")
    with services.db.session() as session:
        old = session.get(Agency, 2)
        assert old is not None
        old_token = old.access_token
    reconnect(services, fake_line, "b-town", "b-town-new")
    with services.db.session() as session:
        assert not mark_refused(session, 2, old_token)
        agency = session.get(Agency, 2)
        assert agency is not None and agency.state == AgencyState.CONNECTED
        assert mark_refused(session, 2, agency.access_token)
        assert not mark_refused(session, 2, agency.access_token)  # once


def test_a_token_no_key_opens_waits_rather_than_parks(
    services: Services, fake_line: FakeLine, main_channel, monkeypatch
) -> None:
    """Keys dropped from TIDTAM_CREDENTIALS_KEYS are the deployment's to fix: the agency's
    rows are tried again later, not parked and not refused."""
    from models.credentials import Sealer

    assert services.delivery is not None
    services.delivery.stop()
    connect(services, fake_line, "b-town", "B")
    _queue(services, 2, ["Ub-1"])
    monkeypatch.setattr(services, "sealer", Sealer([new_key()]))
    stats = OutboxSender.for_services(services).send_due()
    assert (stats.held, stats.parked, stats.failed) == (1, 0, 0)
    [row] = _rows(services, 2)
    assert row.status == OutboxStatus.PENDING and row.attempts == 0
    assert row.next_attempt_at > services.clock.now()
    with services.db.session() as session:
        agency = session.get(Agency, 2)
        assert agency is not None and agency.state == AgencyState.CONNECTED
