"""The demo data: the seed plan, a head, three staff, months of reports, a few suggestions
and ratings — made through the same query functions the app uses.

`reset` empties the database first; `python bot.py demo reset` runs it (demo mode only).
It does so only on a database that is empty or marked as the demo's (the marker is written
with the demo data): never on anyone's real data, whatever the configuration says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import literal, select, text

from messages_th import demo_content as content
from models.app_setting import get_setting, set_setting
from models.base import metadata
from models.citizen import Rating, Suggestion, SuggestionStatus
from models.plan import find_action, get_or_create_unit, list_plans
from models.progress import ReportSource, record_report
from models.staff import Role, add_staff, issue_link_code, list_staff, staff_by_name
from models.types import ident
from planimport import read_plan
from reading.dates import parse_month_key
from services import Services
from settings import ConfigurationError
from usecases.actor import DEMO
from usecases.plan import import_plan
from usecases.suggestions import responsible_for

SEED_PLAN = Path(__file__).resolve().parent.parent / "examples" / "measures-2565-bang-krabue.txt"
#: kept across a reset: the scheduler's jobs and the workers' leases belong to running
#: processes, the agencies to the deployment
KEEP = {"apscheduler_jobs", "lease", "agency"}
#: the app setting that marks a database as the demo's
MARKER = "demo_database"


class NotDemoData(ConfigurationError):
    """The database holds data the demo did not put there: it is neither seeded nor reset."""


@dataclass(frozen=True)
class DemoData:
    agency: str
    fiscal_year: int
    codes: dict[str, str]  # name → link code, for the people not linked yet


def seed_if_empty(services: Services) -> DemoData | None:
    """The demo data in an empty database; None if it is there already. NotDemoData if
    the database holds anything else."""
    if _state(services) == "demo":
        with services.db.session() as session:
            if list_plans(session):
                return None
    return reset(services)


def reset(services: Services) -> DemoData:
    """Empty every table and fill it with the demo, on an empty or a demo database only.
    The plan is imported as an admin would; the months of history (people, reports,
    citizens' input) are written as they would stand after those months, times and all."""
    if _state(services) == "other":
        from messages_th import config_text

        raise NotDemoData(config_text.demo_database_not_demo(_where(services)))
    _empty(services)
    now = services.clock.now()
    with services.db.session() as session:
        plan_data = read_plan(SEED_PLAN)
        plan = import_plan(session, DEMO, plan_data, SEED_PLAN.name, now).plan
        unit = get_or_create_unit(session, content.UNIT)
        codes: dict[str, str] = {}
        for name, role, measures, line_user_id in content.PEOPLE:
            person = add_staff(
                session, name=name, role=Role(role), unit=unit, measure_numbers=measures, now=now
            )
            if line_user_id:
                person.line_user_id, person.linked_at = line_user_id, now
                session.add(person)
            else:
                codes[name] = issue_link_code(session, person, now, services.secret)
        for month, measure_no, action_no, percent, detail, reporter in content.REPORTS:
            action = find_action(session, plan, measure_no, action_no)
            assert action is not None, "the demo reports on the seed plan's actions"
            when = _during(parse_month_key(month), now)
            record_report(
                session,
                action_id=ident(action),
                month=parse_month_key(month),
                percent=percent,
                detail=detail,
                staff=staff_by_name(session, reporter),
                now=when,
                source=ReportSource.DEMO,
            )
        _citizens(session, services, plan)
        set_setting(session, "demo_codes", codes)
        set_setting(session, MARKER, {"seeded_at": now.isoformat()})
        return DemoData(plan.agency, plan.fiscal_year, codes)


def _state(services: Services) -> str:
    """'demo' (marked), 'empty' (no row in any table but the running processes'), or
    'other' (someone's data)."""
    with services.db.session() as session:
        if get_setting(session, MARKER) is not None:
            return "demo"
    tables = [t for t in metadata.sorted_tables if t.name not in KEEP]
    with services.db.engine.connect() as connection:
        for table in tables:
            if connection.execute(select(literal(1)).select_from(table).limit(1)).first():
                return "other"
    return "empty"


def _where(services: Services) -> str:
    return services.db.engine.url.render_as_string(hide_password=True)


def install_rich_menus(services: Services) -> None:
    """The three rich menus on this process's fake LINE platform, as `richmenu setup` makes
    them on a real channel, and the demo's linked staff given theirs (the simulator shows
    what the platform holds). Without a Thai font the menus have no picture; the simulator
    then draws their labels itself."""
    from richmenu import link_user, setup
    from richmenu.image import NoThaiFont, draw

    def picture(labels: list[str]) -> bytes:
        try:
            return draw(labels)
        except NoThaiFont:
            return b""

    setup(services, picture=picture)
    with services.db.session() as session:
        linked = [(p.line_user_id, p.role) for p in list_staff(session) if p.line_user_id]
    for user_id, role in linked:
        link_user(services, user_id, role)


def _citizens(session, services: Services, plan) -> None:
    tz, fiscal_year = services.settings.tz, plan.fiscal_year
    responsible = responsible_for(session, plan)  # as a case sent in LINE is routed
    for seq, (day, user, category, body, answer) in enumerate(content.SUGGESTIONS, start=1):
        created = datetime.combine(date.fromisoformat(day), time(10, 30), tz)
        session.add(
            Suggestion(
                ref=f"S-{fiscal_year}-{seq:04d}",
                fiscal_year=fiscal_year,
                seq=seq,
                line_user_id=user,
                category=category,
                text=body,
                created_at=created,
                status=SuggestionStatus.ANSWERED if answer else SuggestionStatus.OPEN,
                answer=answer,
                answered_at=created + timedelta(days=2) if answer else None,
                unit_id=responsible.unit_id,
                measure_id=responsible.measure_id,
            )
        )
    for month, scores in content.RATINGS:
        first = parse_month_key(month)
        for n, score in enumerate(scores):
            session.add(
                Rating(
                    line_user_id=f"Udemo-rater-{n}",
                    month=first,
                    score=score,
                    created_at=datetime.combine(first + timedelta(days=5 + n), time(14), tz),
                )
            )


def _during(month: date, now: datetime) -> datetime:
    """A report's time: the 25th of its month at 15:00, or now if that is still ahead."""
    moment = datetime.combine(month.replace(day=25), time(15), now.tzinfo)
    return min(moment, now)


def _empty(services: Services) -> None:
    tables = [t.name for t in metadata.sorted_tables if t.name not in KEEP]
    with services.db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                connection.execute(text(f'DELETE FROM "{table}"'))
