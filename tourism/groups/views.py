"""Pages: the agency's groups (file, amend, answer), the group's record, the public sheet and its print,
the guide's groups, and each city's groups for its regulators and inspectors."""

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourism.agencies.enums import FilingStatus
from tourism.agencies.service import agency_of
from tourism.core import charts, clock, history
from tourism.core.authz import can, require
from tourism.core.errors import InvalidInput, NotFound
from tourism.core.forms import filter_value
from tourism.core.pages import press, submit
from tourism.core.pagination import page_from_args
from tourism.core.urls import public_url
from tourism.extensions import db
from tourism.groups import service
from tourism.groups.enums import ReceivingStatus
from tourism.groups.forms import AmendForm, CityGroupsFilterForm, GroupForm, PartForm, ReceivingDecisionForm
from tourism.guides.qr import qr_svg
from tourism.planner.service import get_request
from tourism.web.home import add_task
from tourism.zone.service import city_name, get_city, zone_cities

bp = Blueprint("groups", __name__)
CHART_DAYS = 14

add_task("agency", "groups.workspace", _l("Tour groups"),
         _l("File each group with its guides and itinerary sheet; answer the groups other agencies hand you."),
         action="group.workspace", count=service.parts_to_answer, count_label=_l("to answer"))
add_task("guide", "groups.duty", _l("My groups"), _l("The groups you lead and their itinerary sheets."),
         action="group.duty")
add_task("regulator", "groups.city", _l("Groups in the city"),
         _l("The groups in your city today and in the coming days, with their guides; check and inspect them."),
         action="group.watch", landing=("inspector",))


# --- the agency's side -------------------------------------------------------------------------------------

@bp.route("/groups")
@login_required
def workspace():
    require("group.workspace")
    agency = agency_of(db.session, current_user)
    page, per_page = page_from_args(request.args)
    groups = service.groups_of_agency(db.session, agency.id, page=page, per_page=per_page)
    return render_template("groups/workspace.html", agency=agency, groups=groups,
                           handed_to_us=service.parts_waiting_for(db.session, agency.id))


def _filed_branches(agency):
    return [b for b in agency.branches if b.status == FilingStatus.FILED]


def _on_rows(error: InvalidInput, where: dict) -> InvalidInput:
    """The service's error paths (``days.0.stops.1.city``) as this form's rows (``stops.3.city``)."""
    errors = {}
    for path, texts in (error.errors or {}).items():
        target = path
        for prefix in sorted(where, key=len, reverse=True):
            if path == prefix or path.startswith(prefix + "."):
                target = where[prefix] + path[len(prefix):]
                break
        errors.setdefault(target, []).extend(texts)
    return InvalidInput(error.message, errors=errors, details=error.details)


def _run(form, read, act):
    """Run a filing from ``form`` (``read()`` gives the service's arguments and where its errors point); a
    refusal comes back on the form's own rows."""
    def attempt():
        if not form.validate_stop_rows():
            raise InvalidInput(errors={})
        data, where = read()
        try:
            return act(data)
        except InvalidInput as error:
            raise _on_rows(error, where) from None
    return submit(form, attempt)


def _checks_of(result) -> list:
    return (result.error.details or {}).get("checks", []) if result.error is not None else []


@bp.route("/groups/new", methods=["GET", "POST"])
@login_required
def new_group():
    require("group.workspace")
    agency = agency_of(db.session, current_user)
    form = GroupForm(branches=_filed_branches(agency))
    plan = request.args.get("itinerary", "")
    if request.method == "GET" and plan:
        try:
            planned = get_request(db.session, plan)
        except NotFound:
            flash(_("No saved plan has this number."), "error")
        else:
            form.itinerary_id.data = plan
            form.start_on.data = date.fromisoformat(planned["start_date"])
            form.end_on.data = form.start_on.data + timedelta(days=planned["days"] - 1)
            form.tourists.data = planned.get("group_size")
    result = _run(form, form.filing, lambda data: service.file_group(
        db.session, current_user, agency_licence_no=agency.licence_no, **data))
    if result.done:
        group, checks = result.value
        flash(_("Group %(no)s is filed. Print its sheet for the coach window.", no=group.group_no), "success")
        return redirect(url_for("groups.group_page", group_no=group.group_no))
    return render_template("groups/group_form.html", form=form, agency=agency, group=None,
                           checks=_checks_of(result)), result.status


@bp.route("/groups/<group_no>/amend", methods=["GET", "POST"])
@login_required
def amend(group_no):
    group = service.get_group(db.session, group_no)
    require("group.amend", group)
    form = AmendForm(branches=_filed_branches(group.agency))
    if request.method == "GET":
        form.fill_from(group)
        form.version.data = str(group.version)
    result = _run(form, form.filing, lambda data: service.amend_group(
        db.session, current_user, group, version=int(form.version.data), agency_licence_no=group.agency.licence_no,
        **data))
    if result.done:
        flash(_("Version %(n)d of group %(no)s is filed; the earlier versions are kept.", n=group.version,
                no=group.group_no), "success")
        return redirect(url_for("groups.group_page", group_no=group.group_no))
    return render_template("groups/group_form.html", form=form, agency=group.agency, group=group,
                           checks=_checks_of(result)), result.status


def _part(group_no, part_id):
    """The group and one part handed to a receiving agency, for that agency's admin only."""
    group = service.get_group(db.session, group_no)
    part = next((p for p in group.receiving if p.id == part_id), None)
    if part is None:
        raise NotFound()
    require("group.receive", part.agency)
    return group, part


@bp.route("/groups/<group_no>/part/<int:part_id>", methods=["GET", "POST"])
@login_required
def file_part(group_no, part_id):
    """A receiving agency files the stops and local guides of the days handed to it."""
    group, part = _part(group_no, part_id)
    if part.status != ReceivingStatus.ACCEPTED:
        flash(_("Accept the days handed to you before filing them."), "error")
        return redirect(url_for("groups.group_page", group_no=group.group_no))
    form = PartForm()
    if request.method == "GET":
        form.fill_from(group, part)
        form.version.data = str(group.version)
    result = _run(form, form.itinerary, lambda data: service.file_part(
        db.session, current_user, group, part, version=int(form.version.data), **data))
    if result.done:
        flash(_("Version %(n)d of group %(no)s is filed; the earlier versions are kept.", n=group.version,
                no=group.group_no), "success")
        return redirect(url_for("groups.group_page", group_no=group.group_no))
    return render_template("groups/part_form.html", form=form, group=group, part=part,
                           checks=_checks_of(result)), result.status


@bp.route("/groups/<group_no>")
@login_required
def group_page(group_no):
    group = service.get_group(db.session, group_no)
    require("group.read", group)
    mine = [p for p in group.receiving if can("group.receive", p.agency)]
    return render_template(
        "groups/group.html", group=group, days=service.sheet_days(group), personal=service.sees_personal_data(
            current_user, group), checks=group.versions[-1].checks if group.versions else [],
        to_answer=[(p, ReceivingDecisionForm(prefix=f"part{p.id}", version=group.version)) for p in mine
                   if p.status == ReceivingStatus.PENDING],
        my_parts=[p for p in mine if p.status == ReceivingStatus.ACCEPTED],
        history=history.of_stream(db.session, group.stream))


@bp.route("/groups/<group_no>/receiving/<int:part_id>", methods=["POST"])
@login_required
def decide_receiving(group_no, part_id):
    group, part = _part(group_no, part_id)
    form = ReceivingDecisionForm(prefix=f"part{part.id}")
    press(form, lambda: service.decide_receiving(db.session, current_user, group,
                                                 agency_licence_no=part.agency.licence_no,
                                                 decision=form.decision.data, reason=form.reason.data,
                                                 version=int(form.version.data)),
          lambda part: _("Your answer is recorded: %(status)s.", status=ReceivingStatus.label_of(part.status)))
    return redirect(url_for("groups.group_page", group_no=group.group_no))


# --- the sheet (public) ----------------------------------------------------------------------------------

def _sheet_day(group) -> date:
    try:
        wanted = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return service.today_on_sheet(group)
    return wanted if group.start_on <= wanted <= group.end_on else service.today_on_sheet(group)


@bp.route("/g/<group_no>")
def sheet(group_no):
    """The electronic itinerary sheet a tourist or an inspector opens from the QR code: nothing personal."""
    group = service.get_group(db.session, group_no)
    url = public_url("groups.sheet", group_no=group.group_no)
    day = _sheet_day(group)
    return render_template("groups/sheet.html", group=group, today=service.sheet_day(group, day),
                           days=service.sheet_days(group), url=url, qr=qr_svg(url), now=clock.today())


@bp.route("/g/<group_no>/print")
def sheet_print(group_no):
    """The sheet for the coach window: the group, its agency and the QR code, large."""
    group = service.get_group(db.session, group_no)
    url = public_url("groups.sheet", group_no=group.group_no)
    return render_template("groups/sheet_print.html", group=group, url=url, qr=qr_svg(url),
                           days=service.sheet_days(group))


# --- guides, regulators, inspectors ------------------------------------------------------------------------

@bp.route("/me/groups")
@login_required
def duty():
    require("group.duty")
    groups = service.groups_of_guide(db.session, current_user.guide_id, since=clock.today() - timedelta(days=1))
    return render_template("groups/duty.html", groups=groups, today=clock.today())


@bp.route("/city/groups")
@login_required
def city():
    require("group.watch")
    form = CityGroupsFilterForm(request.args)
    form.validate()
    mine = current_user.city_code if current_user.role in ("regulator", "inspector") else None  # the province: any
    code = mine or filter_value(form.city)
    if code and get_city(code) is None:
        code = None
    day = filter_value(form.date) or clock.today()
    form.date.data = day
    page, per_page = page_from_args(request.args)
    groups = service.groups_in_city(db.session, city=code, day=day, shopping_over=form.shopping_over.data,
                                    with_findings=form.with_findings.data,
                                    guides_not_eligible=form.guides_not_eligible.data, page=page, per_page=per_page)
    days, counts = service.counts_by_day(db.session, start=day, days=CHART_DAYS, city=code)
    keys = [d.isoformat() for d in days]
    series = {city: {d.isoformat(): n for d, n in values.items()} for city, values in counts.items()}
    if code:
        series.setdefault(code, {})
    else:
        for member in zone_cities(day):
            series.setdefault(member.code, {})
    titles = {c: city_name(c) for c in series}
    return render_template("groups/city.html", form=form, groups=groups, city=code, fixed_city=mine, day=day,
                           charts=charts.small_multiples(series, keys, titles))
