"""Agencies: agency no. 1 from a single-agency database, credentials sealed at rest and
rotated, agencies added by the operator (docs/TENANCY.md)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import select

from models.agency import FIRST_AGENCY_ID, Agency, AgencyState, by_slug
from models.credentials import CredentialsLocked, Sealer, new_key
from models.db import Database
from models.plan import Unit
from models.staff import Staff
from services import Services
from tests.test_migrations import empty_postgres  # noqa: F401  (fixture)
from usecases import agencies
from usecases.actor import COMMAND_LINE, SCHEDULER, NotAllowed

AGENCY_NAME = "เทศบาลตำบลบางกระบือ"


def _previous_version() -> str:
    """The revision before agencies: a database of the version without them."""
    from alembic.script import ScriptDirectory

    from models.db import alembic_config

    before = ScriptDirectory.from_config(alembic_config()).get_revision("0006")
    assert before is not None and isinstance(before.down_revision, str)
    return before.down_revision


#: rows of the previous version, one statement each: the plan, people, work, citizens,
#: settings, calendar, chats and both pipes
PREVIOUS_ROWS = [
    "INSERT INTO plan (fiscal_year, title, agency, district, province, adopted_where,"
    " source, imported_at, updated_at)"
    " VALUES (2565, 'มาตรการ', :agency, '', '', '', '', :at, :at)",
    "INSERT INTO unit (name) VALUES ('สำนักปลัด')",
    "INSERT INTO measure (plan_id, number, title, period, follow_up, retired)"
    " SELECT id, 1, 'มาตรการเผยแพร่ข้อมูล', '', '', false FROM plan",
    "INSERT INTO action (measure_id, number, text, retired, period)"
    " SELECT id, 1, 'เผยแพร่แผน', false, '' FROM measure",
    "INSERT INTO staff (name, role, active, created_at, line_user_id)"
    " VALUES ('สมชาย ใจดี', 'staff', true, :at, 'Ustaff')",
    "INSERT INTO report (action_id, month, status, percent, detail, reported_at, source, staff_id)"
    " SELECT action.id, '2022-01-01', 'doing', 50, '', :at, 'line', staff.id FROM action, staff",
    "INSERT INTO suggestion (ref, fiscal_year, seq, line_user_id, category, text, address,"
    " contact_name, contact_phone, consent, status, created_at, answer, topic, stage, conduct,"
    " published) VALUES ('S-2565-0001', 2565, 1, 'Ucitizen', 'suggest', 'ไฟดับ', '', '', '',"
    " false, 'new', :at, '', '', 'new', false, false)",
    "INSERT INTO rating (line_user_id, month, score, comment, created_at)"
    " VALUES ('Ucitizen', '2022-01-01', 5, '', :at)",
    "INSERT INTO appsetting (key, value) VALUES ('meeting_rule', '\"last-friday\"')",
    "INSERT INTO dayoff (day, name, created_at) VALUES ('2022-01-03', 'หยุดพิเศษ', :at)",
    "INSERT INTO meeting (month, day, source, updated_at) VALUES ('2022-01-01', '2022-01-28',"
    " 'manual', :at)",
    "INSERT INTO lineuser (line_user_id, following, first_seen, last_seen)"
    " VALUES ('Ucitizen', true, :at, :at)",
    "INSERT INTO outboxmessage (dedupe_key, kind, recipients, recipient_count, messages, purpose,"
    " retry_key, status, attempts, next_attempt_at, created_at) VALUES ('reminder:2022-01:1',"
    " 'push', '[\"Ustaff\"]', 1, '[]', 'reminder', 'k', 'sent', 1, :at, :at)",
    "INSERT INTO inboxevent (webhook_event_id, chat_key, event_type, timestamp_ms, redelivery,"
    " payload, received_at, status, attempts) VALUES ('01H0', 'U1', 'message', 1, false, '{}',"
    " :at, 'done', 0)",
]


def _fill_single_agency_database(database: Database) -> None:
    """What the previous versions hold: the plan from before agencies, then a row in each
    kind of table in the last version before every table had its agency."""
    values = {"agency": AGENCY_NAME, "at": "2022-01-01 00:00:00"}
    database.upgrade(_previous_version())
    with database.engine.begin() as connection:
        connection.execute(text(PREVIOUS_ROWS[0]), values)
    database.upgrade("0009")
    with database.engine.begin() as connection:
        for statement in PREVIOUS_ROWS[1:]:
            connection.execute(text(statement), values)


def _agencies_of(session, table: str) -> list[int]:
    rows = session.exec(text(f'SELECT agency_id FROM "{table}"')).all()  # type: ignore[call-overload]
    return [row[0] for row in rows]


def _upgrade_keeps_everything_in_agency_one(url: str) -> None:
    database = Database(url)
    _fill_single_agency_database(database)
    database.upgrade()
    with database.session() as session:
        first = session.get(Agency, FIRST_AGENCY_ID)
        assert first is not None
        assert (first.slug, first.name, first.state) == ("main", AGENCY_NAME, AgencyState.ENV)
        assert first.access_token is None  # its channel stays in the environment
        for statement in PREVIOUS_ROWS:  # every row kept, each agency no. 1's
            table = statement.split()[2]
            assert _agencies_of(session, table) == [FIRST_AGENCY_ID], table
        added = agencies.add_agency(
            session, COMMAND_LINE, "nong-bua", "อบต.หนองบัว", first.created_at
        )
    assert added == agencies.AgencyAdded(2, "nong-bua", "อบต.หนองบัว")  # the sequence moved on
    with database.session(agency_id=added.id) as session:  # its keys are its own
        session.add(
            Staff(
                name="สมชาย ใจดี", role="staff", line_user_id="Ustaff", created_at=first.created_at
            )
        )
        session.add(Unit(name="สำนักปลัด"))
    with database.session(agency_id=added.id) as session:
        assert [s.agency_id for s in session.exec(select(Staff)).all()] == [added.id]
    with database.session(agency_id=FIRST_AGENCY_ID) as session:
        assert [s.agency_id for s in session.exec(select(Staff)).all()] == [FIRST_AGENCY_ID]
    database.dispose()


def test_a_single_agency_database_upgrades_into_agency_no_1_on_sqlite(tmp_path) -> None:
    _upgrade_keeps_everything_in_agency_one(f"sqlite:///{tmp_path / 'old.sqlite3'}")


def test_a_single_agency_database_upgrades_into_agency_no_1_on_postgresql(
    empty_postgres: str,  # noqa: F811
) -> None:
    _upgrade_keeps_everything_in_agency_one(empty_postgres)


def test_a_fresh_database_has_agency_no_1_named_main(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    database.upgrade()
    with database.session() as session:
        first = by_slug(session, "main")
        assert first is not None and first.id == FIRST_AGENCY_ID and first.name == "main"
    database.dispose()


def test_credentials_are_sealed_and_only_the_listed_keys_open_them() -> None:
    key = new_key()
    sealer = Sealer([key])
    sealed = sealer.seal("channel-secret-1")
    assert "channel-secret-1" not in sealed
    assert sealer.open(sealed) == "channel-secret-1"
    with pytest.raises(CredentialsLocked):
        Sealer([new_key()]).open(sealed)
    with pytest.raises(CredentialsLocked):
        Sealer(["not a key"])
    assert Sealer.from_setting(None) is None and Sealer.from_setting(" , ") is None
    assert Sealer.from_setting(f" {key} ") is not None


def test_rotating_the_keys_reseals_every_agency_with_the_newest(services: Services) -> None:
    old, new = new_key(), new_key()
    now = services.clock.now()
    with services.db.session() as session:
        for slug in ("a-town", "b-town"):
            agencies.add_agency(session, COMMAND_LINE, slug, slug, now)
            agency = by_slug(session, slug)
            assert agency is not None
            agency.channel_secret = Sealer([old]).seal(f"secret of {slug}")
            agency.access_token = Sealer([old]).seal(f"token of {slug}")
    with services.db.session() as session:
        assert agencies.rotate_keys(session, COMMAND_LINE, Sealer([new, old]), now) == 2
    with services.db.session() as session:
        for slug in ("a-town", "b-town"):
            agency = by_slug(session, slug)
            assert agency is not None and agency.access_token and agency.channel_secret
            assert Sealer([new]).open(agency.access_token) == f"token of {slug}"
            assert Sealer([new]).open(agency.channel_secret) == f"secret of {slug}"
            with pytest.raises(CredentialsLocked):
                Sealer([old]).open(agency.access_token)


def test_rotation_with_a_key_missing_changes_nothing(services: Services) -> None:
    old = new_key()
    now = services.clock.now()
    with services.db.session() as session:
        agencies.add_agency(session, COMMAND_LINE, "a-town", "a", now)
        agency = by_slug(session, "a-town")
        assert agency is not None
        agency.access_token = Sealer([old]).seal("token")
    with pytest.raises(CredentialsLocked), services.db.session() as session:
        agencies.rotate_keys(session, COMMAND_LINE, Sealer([new_key()]), now)
    with services.db.session() as session:
        agency = by_slug(session, "a-town")
        assert agency is not None and agency.access_token
        assert Sealer([old]).open(agency.access_token) == "token"


@pytest.mark.parametrize("slug", ["A-Town", "-town", "town-", "t", "ทต", "a" * 41, "a/b"])
def test_a_slug_must_be_fit_for_a_url(services: Services, slug: str) -> None:
    with services.db.session() as session:
        result = agencies.add_agency(session, COMMAND_LINE, slug, "x", services.clock.now())
    assert result == agencies.BadSlug(slug)


def test_only_the_operator_adds_agencies_and_a_slug_is_taken_once(services: Services) -> None:
    now = services.clock.now()
    with services.db.session() as session:
        assert isinstance(
            agencies.add_agency(session, COMMAND_LINE, "b-town", "B", now), agencies.AgencyAdded
        )
        assert agencies.add_agency(
            session, COMMAND_LINE, "b-town", "B2", now
        ) == agencies.SlugTaken("b-town")
        assert agencies.add_agency(session, COMMAND_LINE, "main", "M", now) == agencies.SlugTaken(
            "main"
        )
        with pytest.raises(NotAllowed):
            agencies.add_agency(session, SCHEDULER, "c-town", "C", now)
        assert [a.slug for a in agencies.agencies(session)] == ["main", "b-town"]


def test_a_photo_another_agency_holds_is_kept_when_one_lets_it_go(services: Services) -> None:
    """A photo's bytes are stored once for the deployment: when agency B's form lets a
    photo go, the bytes stay while agency no. 1's evidence still holds the same photo."""
    from models.progress import Evidence, EvidenceBlob, release_blobs, store_blob

    now = services.clock.now()
    with services.db.session() as session:
        added = agencies.add_agency(session, COMMAND_LINE, "b-town", "B", now)
    assert isinstance(added, agencies.AgencyAdded)
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        sha = store_blob(session, b"\xff\xd8 the same photo", "image/jpeg", now)
        session.add(Evidence(sha256=sha, kind="image", created_at=now))
    with services.db.session(agency_id=added.id) as session:
        assert store_blob(session, b"\xff\xd8 the same photo", "image/jpeg", now) == sha
        assert release_blobs(session, [sha]) == 0  # agency no. 1's evidence holds it
        assert session.get(EvidenceBlob, sha) is not None
    with services.db.session(agency_id=FIRST_AGENCY_ID) as session:
        for evidence in session.exec(select(Evidence)).all():
            session.delete(evidence)
    with services.db.session(agency_id=added.id) as session:
        assert release_blobs(session, [sha]) == 1  # now nobody does
