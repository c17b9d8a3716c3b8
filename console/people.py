"""The console's people: add a staff member, change them, deactivate them (never the last
admin), a fresh link code shown with a QR code that opens the chat with the bot and the
code ready to send, and a printable A4 sheet of codes. The same use cases as `staff add`,
`staff edit`, `staff deactivate` and `staff code` (usecases/staff.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import segno
from flask import abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from wtforms import Form, SelectField, SelectMultipleField, StringField, validators
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from console.guard import ADMIN_ONLY, acting, console_route, current_actor
from console.views import bp
from messages_th import console_text as t
from messages_th.labels import role as role_name
from messages_th.thai_calendar import format_date
from models.db import get_session
from models.staff import Role
from plain_text import plain
from richmenu import back_to_citizen
from services import services
from usecases import staff
from usecases.results import NoSuchPerson


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PersonForm(Form):
    name = StringField(
        t.NAME,
        filters=[lambda v: plain(v).strip() if v else v],
        validators=[
            validators.DataRequired(t.REQUIRED),
            validators.Length(max=120, message=t.TOO_LONG),
        ],
    )
    role = SelectField(
        t.ROLE,
        choices=[SelectChoice(r.value, role_name(r.value)) for r in Role],
        validate_choice=False,  # said in Thai by the validator below
        validators=[validators.AnyOf([r.value for r in Role], message=t.NOT_A_CHOICE)],
    )
    unit = StringField(
        t.UNIT,
        filters=[lambda v: plain(v).strip() if v else v],
        validators=[validators.Length(max=120, message=t.TOO_LONG)],
    )
    measures = CheckboxList(t.MEASURES, coerce=int, validate_choice=False)


class ChangeForm(PersonForm):
    name = None  # a name is who they are: not changed here


def _with_choices(form: PersonForm, choices: staff.Choices) -> PersonForm:
    form.measures.choices = [SelectChoice(n, f"{n}. {title}") for n, title in choices.measures]
    return form


def _page(form: PersonForm, *, error: str | None = None, status: int = 200) -> Any:
    running, db = services(), get_session()
    choices = staff.staff_choices(db, running.clock.now())
    _with_choices(form, choices)
    rows = staff.everyone(db)
    return (
        render_template(
            "console/people.html",
            form=form,
            rows=rows,
            units=choices.units,
            error=error,
            role_name=role_name,
        ),
        status,
    )


@console_route(bp, "/people", roles=ADMIN_ONLY, nav=t.NAV_PEOPLE, order=20)
def people() -> Any:
    return _page(PersonForm())


@console_route(bp, "/people", roles=ADMIN_ONLY, methods=("POST",))
def add_person() -> Any:
    form = PersonForm(request.form)
    if not form.validate():
        return _page(form, status=400)
    running, db = services(), get_session()
    added = staff.add_staff_member(
        db,
        acting(),
        name=form.name.data or "",
        role=Role(form.role.data),
        unit=form.unit.data or None,
        measures=list(form.measures.data or []),
        now=running.clock.now(),
        secret=running.secret,
    )
    match added:
        case staff.NameTaken(name):
            return _page(form, error=t.name_taken(name), status=400)
        case staff.UnknownMeasures(unknown, fiscal_year):
            return _page(form, error=t.unknown_measures(unknown, fiscal_year), status=400)
    assert isinstance(added, staff.StaffAdded)
    return _code_page(
        added.name, added.code, format_date(added.code_expires), t.person_added(added.name)
    )


@console_route(bp, "/people/<int:staff_id>", roles=ADMIN_ONLY)
def person(staff_id: int) -> Any:
    found = staff.person(get_session(), staff_id)
    if found is None:
        abort(404)
    form = ChangeForm(
        data={"role": found.role, "unit": found.unit or "", "measures": found.measures}
    )
    return _person_page(found, form)


def _person_page(
    found: staff.StaffRow, form: PersonForm, *, error: str | None = None, status: int = 200
) -> Any:
    choices = staff.staff_choices(get_session(), services().clock.now())
    _with_choices(form, choices)
    return (
        render_template(
            "console/person.html", person=found, form=form, units=choices.units, error=error
        ),
        status,
    )


@console_route(bp, "/people/<int:staff_id>", roles=ADMIN_ONLY, methods=("POST",))
def change_person(staff_id: int) -> Any:
    db = get_session()
    found = staff.person(db, staff_id)
    if found is None:
        abort(404)
    form = ChangeForm(request.form)
    if not form.validate():
        return _person_page(found, form, status=400)
    changed = staff.change_staff_member(
        db,
        acting(),
        staff_id,
        role=Role(form.role.data),
        unit=form.unit.data or None,
        measures=list(form.measures.data or []),
        now=services().clock.now(),
    )
    match changed:
        case staff.LastAdmin(name):
            return _person_page(found, form, error=t.last_admin(name), status=409)
        case staff.UnknownMeasures(unknown, fiscal_year):
            return _person_page(
                found, form, error=t.unknown_measures(unknown, fiscal_year), status=400
            )
        case NoSuchPerson():
            abort(404)
    flash(t.person_changed(found.name))
    return redirect(url_for(".people"), code=303)


@console_route(bp, "/people/<int:staff_id>/deactivate", roles=ADMIN_ONLY, methods=("POST",))
def deactivate_person(staff_id: int) -> Any:
    db = get_session()
    done = staff.deactivate_staff_member(db, acting(), staff_id, services().clock.now())
    match done:
        case staff.LastAdmin(name):
            found = staff.person(db, staff_id)
            assert found is not None
            return _person_page(
                found,
                ChangeForm(
                    data={"role": found.role, "unit": found.unit or "", "measures": found.measures}
                ),
                error=t.last_admin(name),
                status=409,
            )
        case NoSuchPerson():
            flash(t.NO_SUCH_PERSON)
        case staff.Deactivated(name, line_user_id=user_id):
            db.commit()  # the change stands before LINE is asked to show another menu
            signed_in = current_actor()
            back_to_citizen(services(), user_id, agency_id=signed_in.agency_id if signed_in else 1)
            flash(t.person_deactivated(name))
    return redirect(url_for(".people"), code=303)


@console_route(bp, "/people/<int:staff_id>/code", roles=ADMIN_ONLY, methods=("POST",))
def new_code(staff_id: int) -> Any:
    running, db = services(), get_session()
    found = staff.person(db, staff_id)
    if found is None or not found.active:
        abort(404)
    code = staff.new_link_code(db, acting(), found.name, running.clock.now(), running.secret)
    if isinstance(code, NoSuchPerson):
        abort(404)
    return _code_page(code.name, code.code, format_date(code.expires), None)


@console_route(bp, "/people/codes", roles=ADMIN_ONLY, methods=("POST",))
def code_sheet() -> Any:
    """Fresh codes for everyone not linked yet, one card each, to print on A4 and hand out."""
    running = services()
    codes = staff.link_sheet(get_session(), acting(), running.clock.now(), running.secret)
    cards = [
        (
            c.name,
            c.code,
            chat_link(c.code),
            qr_svg(c.code, c.name),
            t.code_steps(c.name, c.code, format_date(c.expires)),
        )
        for c in codes
    ]
    return render_template("console/code_sheet.html", cards=cards)


def _code_page(name: str, code: str, expires: str, note: str | None) -> Any:
    if note:
        flash(note)
    return render_template(
        "console/code.html",
        name=name,
        code=code,
        link=chat_link(code),
        qr=qr_svg(code, name),
        steps=t.code_steps(name, code, expires),
    )


def chat_link(code: str) -> str | None:
    """The chat with the bot, the code typed in: https://line.me/R/oaMessage/<basic id>/?<text>."""
    basic_id = services().bot_basic_id()
    if not basic_id:
        return None
    return f"https://line.me/R/oaMessage/{quote(basic_id)}/?{quote(code)}"


def qr_svg(code: str, name: str) -> Markup | None:
    """The chat link as an SVG QR code (no script, no style attribute: the CSP holds)."""
    link = chat_link(code)
    if link is None:
        return None
    svg = segno.make(link, error="m").svg_inline(omitsize=True, title=f"QR {name}", dark="#000")
    return Markup(svg)  # segno's own markup of a URL we made; the title is escaped by segno
