"""`/public`, `/public/<fiscal year>` and `/public/<fiscal year>.json`: the agency's plan
and its progress month by month, the ITA scores, the citizens' suggestions and ratings.
Server-rendered, no login; what the agency links from its website for the ITA's OIT item.

Every agency has its own at `/public/<slug>/<fiscal year>` (and `.json`, and its photos
under it); the addresses without a slug are agency no. 1's, as they always were, and
`/public/agencies` lists the agencies that publish a plan. Each request reads in a unit
of work for its agency alone (`models.tenancy`), and the cache keys carry the agency.
"""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, Response, abort, g, jsonify, make_response, render_template, url_for

from fiscal import fiscal_months, fiscal_year_of, month_start
from messages_th import labels, photos_text
from messages_th.case_words import STAGES
from messages_th.digits import score
from messages_th.public_text import PAGE, duration
from messages_th.thai_calendar import format_datetime, format_month, format_month_short
from models import tenancy
from models.agency import FIRST_AGENCY_ID, Agency, by_slug, publishing
from models.db import get_session
from models.plan import Plan, current_plan, get_plan, list_plans
from reports.thumbnails import thumbnail
from reports.year_data import YearData, as_json, year_data
from services import services
from usecases import photos
from usecases.cases import CaseStatistics, case_statistics
from web.caching import cached, etag_for
from web.charts import bar, line_chart

PUBLIC_PHOTO_PX = 640

bp = Blueprint(
    "public",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/public-static",
)


def through_month(fiscal_year: int) -> date:
    """The last month shown with data: this month, or the year's last if it is over."""
    today = services().clock.now().date()
    return min(month_start(today), fiscal_months(fiscal_year)[-1])


class Urls:
    """The addresses of one agency's public pages: agency no. 1's without a slug (today's
    addresses), any other's under `/public/<slug>/`."""

    def __init__(self, slug: str | None) -> None:
        self.slug = slug

    def year(self, fiscal_year: int) -> str:
        if self.slug is None:
            return url_for("public.year", fiscal_year=fiscal_year)
        return url_for("public.agency_year", slug=self.slug, fiscal_year=fiscal_year)

    def json(self, fiscal_year: int) -> str:
        if self.slug is None:
            return url_for("public.year_json", fiscal_year=fiscal_year)
        return url_for("public.agency_year_json", slug=self.slug, fiscal_year=fiscal_year)

    def privacy(self) -> str:
        if self.slug is None:
            return url_for("privacy.notice")
        return url_for("privacy.agency_notice", slug=self.slug)

    def photo(self, sha: str) -> str:
        if self.slug is None:
            return url_for("public.photo", sha=sha)
        return url_for("public.agency_photo", slug=self.slug, sha=sha)


def _for_agency(agency_id: int, slug: str | None = None) -> Urls:
    """This request reads for `agency_id` alone (its plan, reports, citizens, photos)."""
    tenancy.enter(get_session(), agency_id)
    g.public_agency = agency_id
    return Urls(slug)


def _first_agency() -> Urls:
    return _for_agency(FIRST_AGENCY_ID)


def _agency(slug: str) -> Urls | None:
    found: Agency | None = by_slug(get_session(), slug)
    if found is None or found.id is None:
        return None
    return _for_agency(found.id, None if found.id == FIRST_AGENCY_ID else slug)


def _no_agency() -> tuple[str, int]:
    return (
        render_template(
            "public_missing.html",
            t=PAGE,
            title=PAGE["no_agency_title"],
            message=PAGE["no_agency"],
            urls=Urls(None),
        ),
        404,
    )


def shown(kind: str, plan: Plan) -> str:
    """The ETag of a public view of `plan` (web/caching.py): its agency's, so two agencies'
    pages of the same year are never mistaken for each other."""
    return etag_for(
        kind,
        plan.agency_id,
        plan.fiscal_year,
        through_month(plan.fiscal_year),
        services().settings.timezone,
        photos.public_photos_shown(get_session()),
    )


def year_of(plan: Plan) -> YearData:
    running = services()
    return year_data(
        get_session(),
        plan,
        through=through_month(plan.fiscal_year),
        tz=running.settings.tz,
        now=running.clock.now(),
    )


@bp.get("/public")
def current() -> Response | tuple[str, int]:
    urls = _first_agency()
    plan = current_plan(get_session(), fiscal_year_of(services().clock.now().date()))
    return _page(plan, urls)


@bp.get("/public/<year:fiscal_year>")
def year(fiscal_year: int) -> Response | tuple[str, int]:
    urls = _first_agency()
    return _page(get_plan(get_session(), fiscal_year), urls)


@bp.get("/public/<year:fiscal_year>.json")
def year_json(fiscal_year: int) -> Response | tuple[Response, int]:
    _first_agency()
    return _year_json(fiscal_year)


@bp.get("/public/<slug>")
def agency_current(slug: str) -> Response | tuple[str, int]:
    """An agency's page of the plan in force (what it links from its website)."""
    urls = _agency(slug)
    if urls is None:
        return _no_agency()
    plan = current_plan(get_session(), fiscal_year_of(services().clock.now().date()))
    return _page(plan, urls)


@bp.get("/public/<slug>/<year:fiscal_year>")
def agency_year(slug: str, fiscal_year: int) -> Response | tuple[str, int]:
    urls = _agency(slug)
    if urls is None:
        return _no_agency()
    return _page(get_plan(get_session(), fiscal_year), urls)


@bp.get("/public/<slug>/<year:fiscal_year>.json")
def agency_year_json(slug: str, fiscal_year: int) -> Response | tuple[Response, int]:
    if _agency(slug) is None:
        return jsonify(error="no such agency", agency=slug), 404
    return _year_json(fiscal_year)


@bp.get("/public/agencies")
def agencies() -> Response:
    """The agencies served that publish a plan, each linked to its latest year's page."""
    session = get_session()
    tenancy.enter(session, tenancy.ALL)  # a list over every agency (row security: all)
    rows = [
        (name, Urls(None if agency_id == FIRST_AGENCY_ID else slug).year(latest), latest)
        for agency_id, slug, name, latest in publishing(session)
    ]
    response = make_response(render_template("public_agencies.html", t=PAGE, rows=rows))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def _year_json(fiscal_year: int) -> Response | tuple[Response, int]:
    plan = get_plan(get_session(), fiscal_year)
    if plan is None:
        return jsonify(error="no plan for this fiscal year", fiscal_year=fiscal_year), 404
    response = cached(shown("json", plan), lambda: jsonify(_json(year_of(plan))))
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: others may build on it
    return response


def _cases(data: YearData) -> CaseStatistics:
    """The year's cases so far, month by month; the published ones' words only."""
    return case_statistics(get_session(), _reported(data), services().settings.tz)


def _reported(data: YearData) -> list[date]:
    """The months up to the last with data (the later ones are still ahead)."""
    return [m for m in data.months if m <= data.through]


def _json(data: YearData) -> dict:
    found = _cases(data)
    return {
        **as_json(data),
        "cases": {
            "months": [
                {
                    "month": m.month.strftime("%Y-%m"),
                    "by_category": m.by_topic,
                    "hours_to_close": {
                        "median": m.time_to_close.median,
                        "p90": m.time_to_close.p90,
                    },
                }
                for m in found.months
            ],
            "published": [
                {
                    "ref": c.ref,
                    "category": c.topic,
                    "stage": c.stage,
                    "sent_on": c.sent_on.isoformat(),
                    "text": c.text,
                    "answer": c.answer,
                }
                for c in found.published
            ],
        },
    }


def _page(plan: Plan | None, urls: Urls) -> Response | tuple[str, int]:
    if plan is None:
        return (
            render_template(
                "public_missing.html",
                t=PAGE,
                title=PAGE["no_plan_title"],
                message=PAGE["no_plan"],
                urls=urls,
            ),
            404,
        )
    return cached(shown("page", plan), lambda: make_response(_render(plan, urls)))


def _render(plan: Plan, urls: Urls) -> str:
    data = year_of(plan)
    chart = line_chart(
        [format_month_short(m, with_year=False) for m in data.months],
        [
            (f"{PAGE['measure']} {m.number}", [m.progress.get(month) for month in data.months])
            for m in data.measures
        ],
    )
    years = [p.fiscal_year for p in list_plans(get_session())]
    return render_template(
        "public.html",
        urls=urls,
        photos=photos.public_photos(get_session(), plan, data.months),
        photos_text=photos_text,
        t=PAGE,
        data=data,
        cases=_cases(data),
        reported=_reported(data),
        stages=STAGES,
        duration=duration,
        chart=chart,
        bar=bar,
        years=years,
        status=labels.status,
        groups=labels.GROUP,
        score=score,
        month_short=format_month_short,
        month=format_month,
        generated=format_datetime(data.generated_at),
    )


@bp.get("/public/photo/<sha>.jpg")
def photo(sha: str) -> Response:
    """An evidence photo on the public page, made small; only while the agency shows them."""
    _first_agency()
    return _photo(sha)


@bp.get("/public/<slug>/photo/<sha>.jpg")
def agency_photo(slug: str, sha: str) -> Response:
    if _agency(slug) is None:
        abort(404)
    return _photo(sha)


def _photo(sha: str) -> Response:
    if not re.fullmatch(r"[0-9a-f]{64}", sha):
        abort(404)
    found = photos.public_photo(get_session(), sha)
    small = thumbnail(found[0], PUBLIC_PHOTO_PX) if found else None
    if small is None:
        abort(404)
    return Response(small, mimetype="image/jpeg", headers={"Cache-Control": "public, max-age=3600"})


def init_app(app) -> None:
    app.register_blueprint(bp)
