"""The web ways in behind PostgreSQL's row-level security (issue 21's second wall): the
app's every transaction runs as a role that is neither superuser nor owner, so a query
outside a unit of work for an agency sees nothing. The public pages of an agency, the list
of agencies, a signed download and the console of an agency's admin still show that
agency's rows: each request says its agency before it reads."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, event, text

from bot import create_app
from models.db import Database
from models.staff import Staff
from planimport import read_file
from reports import periods
from tests.conftest import SEED
from tests.support.console import Browser, open_login_channel, with_line_login
from tests.test_migrations import empty_postgres  # noqa: F401  (fixture)
from usecases import agencies, plan
from usecases.actor import COMMAND_LINE

NAME = "เทศบาลตำบลหลังกำแพง"
ADMIN, ADMIN_NAME = "Uwall-admin", "นางกำแพง ผู้ดูแล"


@pytest.fixture
def walled(empty_postgres, settings, clock, fake_line) -> Iterator[tuple[object, int]]:  # noqa: F811
    owner = Database(empty_postgres)
    owner.upgrade()
    owner.dispose()
    role = f"tidtam_web_{uuid.uuid4().hex[:8]}"
    app = create_app(with_line_login(settings, database_url=empty_postgres), clock=clock)
    app.config.update(TESTING=True)
    running = app.extensions["tidtam"]
    assert running.db.url == empty_postgres
    now = clock.now()
    with running.db.session() as session:  # as the owner: the agency, its plan, its admin
        added = agencies.add_agency(session, COMMAND_LINE, "wall-town", NAME, now)
    assert isinstance(added, agencies.AgencyAdded)
    data = read_file(SEED).plan
    data.agency = NAME
    with running.db.session(agency_id=added.id) as session:
        plan.import_plan(session, COMMAND_LINE, data, SEED.name, now)
        session.add(
            Staff(name=ADMIN_NAME, role="admin", line_user_id=ADMIN, created_at=now, linked_at=now)
        )
    with running.db.engine.begin() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        connection.execute(
            text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
        )
        connection.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))

    @event.listens_for(running.db.engine, "begin")
    def _as_the_app(connection) -> None:
        connection.exec_driver_sql(f'SET LOCAL ROLE "{role}"')

    open_login_channel(fake_line, settings.public_base_url, clock)
    try:
        yield app, added.id
    finally:
        running.shutdown()
        admin = create_engine(empty_postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def test_the_wall_hides_what_no_agency_was_said_for(walled) -> None:
    app, _ = walled
    with app.extensions["tidtam"].db.session() as session:  # no agency said: nothing
        assert session.execute(text("SELECT count(*) FROM plan")).scalar_one() == 0


def test_the_public_pages_and_list_read_their_agency_behind_the_wall(walled) -> None:
    app, _ = walled
    client = app.test_client()
    page = client.get("/public/wall-town/2565")
    assert page.status_code == 200 and NAME in page.get_data(as_text=True)
    assert client.get("/public/wall-town/2565.json").get_json()["agency"] == NAME
    assert NAME in client.get("/public/agencies").get_data(as_text=True)
    assert client.get("/public/2565").status_code == 404  # agency no. 1 has no plan


def test_a_download_and_the_console_read_their_agency_behind_the_wall(
    walled, fake_line, settings
) -> None:
    app, agency_id = walled
    running = app.extensions["tidtam"]
    link = running.links.for_agency(agency_id).signed_url(
        periods.year(2565), "csv", running.clock.now()
    )
    answer = app.test_client().get(link.split(settings.public_base_url, 1)[1])
    assert answer.status_code == 200 and "fiscal_year," in answer.get_data(
        as_text=True
    )  # no plan: 404
    browser = Browser(app.test_client(), fake_line, settings.public_base_url)
    assert browser.sign_in(ADMIN).status_code == 303
    people = browser.get("/console/people")
    assert people.status_code == 200 and ADMIN_NAME in people.get_data(as_text=True)
    assert browser.get("/console/plan").status_code == 200
    channel = browser.get("/console/channel").get_data(as_text=True)
    assert 'data-testid="item-plan_imported" data-done="yes"' in channel
    assert browser.get("/console/agencies").status_code == 403
