"""Pages: the public directory, agency pages, the agency's workspace, the regulators' filing queue."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourism.agencies import service
from tourism.agencies.enums import FilingStatus, OfficeKind
from tourism.agencies.forms import (
    AgencyForm,
    ClosureForm,
    DecisionForm,
    DepositForm,
    DirectorySearchForm,
    EmploymentForm,
    EndEmploymentForm,
    FilingFilterForm,
    LicenceStatusForm,
    OfficeForm,
    PenaltyForm,
    ResubmitForm,
)
from tourism.agencies.models import Office
from tourism.complaints.service import complaint_record
from tourism.core import history
from tourism.core.authz import can, require
from tourism.core.errors import Forbidden, NotFound
from tourism.core.forms import choices, filter_value
from tourism.core.pages import confirmation, press, submit
from tourism.core.pagination import page_from_args
from tourism.extensions import db
from tourism.guides import service as guides
from tourism.web.home import add_task
from tourism.zone.service import city_name

bp = Blueprint("agencies", __name__)

add_task("tourist", "agencies.directory", _l("Check an agency"),
         _l("Find licensed agencies and their filed branches and outlets in every zone city."))
add_task("agency", "agencies.workspace", _l("Agency workspace"),
         _l("Open branches and outlets in other cities and follow their filing."), action="agency.workspace",
         landing=("agency_admin",))
add_task("regulator", "agencies.filing_queue", _l("Branch and outlet filings"),
         _l("File or return the offices opened in your city; overdue filings first."), action="agency.filing_queue",
         count=service.waiting_filings, count_label=_l("waiting"))
add_task("regulator", "agencies.new_agency", _l("Register an agency"),
         _l("Record a licensed agency of your city and its quality deposit."), action="agency.filing_queue")


# --- public ----------------------------------------------------------------------------------

@bp.route("/agencies")
def directory():
    form = DirectorySearchForm(request.args)
    form.validate()
    criteria = {"city": form.city.data or None, "scope": form.scope.data or None, "text": form.q.data or None}
    page, per_page = page_from_args(request.args, default_per_page=50)
    agencies = service.search_agencies(db.session, **criteria, page=page, per_page=per_page)
    branches = service.search_offices(db.session, kind=OfficeKind.BRANCH, **criteria)
    outlets = service.search_offices(db.session, kind=OfficeKind.OUTLET, **criteria)
    return render_template("agencies/directory.html", form=form, agencies=agencies, branches=branches,
                           outlets=outlets)


@bp.route("/agencies/<licence_no>")
def agency_page(licence_no):
    view = service.agency_view(current_user, service.get_agency(db.session, licence_no))
    agency = view.agency
    context = {"agency": agency, "offices": view.branches + view.outlets, "inspector": view.inspector}
    if view.inspector:
        context["statement"] = service.deposit_of(agency)
        context["history"] = history.of_stream(db.session, agency.stream)
        if can("complaint.read"):
            context["complaints"] = complaint_record(db.session, subject_kind="agency", licence_no=agency.licence_no)
    if can("agency.regulate", agency):
        context["deposit_form"] = DepositForm(obj=agency)
        context["penalty_form"] = PenaltyForm()
        context["status_form"] = LicenceStatusForm(status=agency.licence_status, version=agency.version)
    return render_template("agencies/agency.html", **context)


# --- regulators ------------------------------------------------------------------------------

@bp.route("/agencies/new", methods=["GET", "POST"])
@login_required
def new_agency():
    require("agency.filing_queue")
    form = AgencyForm()
    if request.method == "GET" and current_user.city_code:
        form.home_city.data = current_user.city_code
    if form.is_submitted():
        require("agency.create", city=form.home_city.data)
    result = submit(form, lambda: service.create_agency(
        db.session, current_user, licence_no=form.licence_no.data.strip(), name=form.name.data.strip(),
        home_city=form.home_city.data, outbound=form.outbound.data, deposit_cny=form.deposit_cny.data,
        name_en=form.name_en.data or "", licensed_on=form.licensed_on.data,
        complaint_phone=form.complaint_phone.data or "", deposit_kind=form.deposit_kind.data,
        deposit_since=form.deposit_since.data, guarantee_expires_on=form.guarantee_expires_on.data))
    if result.done:
        flash(_("Agency %(no)s registered.", no=result.value.licence_no), "success")
        return redirect(url_for("agencies.agency_page", licence_no=result.value.licence_no))
    return render_template("agencies/agency_form.html", form=form), result.status


def _regulated_agency(licence_no):
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", agency)
    return agency


@bp.route("/agencies/<licence_no>/deposit", methods=["POST"])
@login_required
def update_deposit(licence_no):
    agency = _regulated_agency(licence_no)
    form = DepositForm()
    press(form, lambda: service.update_agency(
        db.session, current_user, agency, version=int(form.version.data), deposit_cny=form.deposit_cny.data,
        deposit_kind=form.deposit_kind.data, deposit_since=form.deposit_since.data,
        guarantee_expires_on=form.guarantee_expires_on.data), _("The deposit held was updated."))
    return redirect(url_for("agencies.agency_page", licence_no=licence_no))


@bp.route("/agencies/<licence_no>/penalties", methods=["POST"])
@login_required
def record_penalty(licence_no):
    agency = _regulated_agency(licence_no)
    form = PenaltyForm()
    press(form, lambda: service.record_penalty(
        db.session, current_user, agency, kind=form.kind.data, decided_on=form.decided_on.data,
        harms_tourists=form.harms_tourists.data, document_no=form.document_no.data, authority=form.authority.data),
        _("The penalty is recorded."))
    return redirect(url_for("agencies.agency_page", licence_no=licence_no))


@bp.route("/agencies/<licence_no>/licence-status", methods=["POST"])
@login_required
def update_licence_status(licence_no):
    agency = _regulated_agency(licence_no)
    form = LicenceStatusForm()
    press(form, lambda: service.change_licence_status(
        db.session, current_user, agency, status=form.status.data, reason=form.reason.data,
        version=int(form.version.data)), _("The licence status was changed."))
    return redirect(url_for("agencies.agency_page", licence_no=licence_no))


@bp.route("/filings")
@login_required
def filing_queue():
    """Filings for a regulator: those awaiting a decision in their own city unless they filter otherwise."""
    require("agency.filing_queue")
    form = FilingFilterForm(request.args)
    form.validate()
    if "city" not in request.args and current_user.city_code:
        form.city.data = current_user.city_code
    page, per_page = page_from_args(request.args)
    status = filter_value(form.status)
    offices = service.search_offices(db.session, city=filter_value(form.city), text=filter_value(form.q),
                                     statuses=(status,) if status else None, page=page, per_page=per_page)
    return render_template("agencies/filing_queue.html", form=form, offices=offices)


@bp.route("/filings/<int:office_id>", methods=["GET", "POST"])
@login_required
def filing(office_id):
    office = db.session.get(Office, office_id)
    if office is None:
        raise NotFound()
    require("agency.inspect", office)
    form = DecisionForm(version=office.version)
    if form.is_submitted():
        require("office.decide", office)
    result = submit(form, lambda: service.decide_filing(
        db.session, current_user, office, decision=form.decision.data, reason=form.reason.data,
        version=int(form.version.data)))
    if result.done:
        flash(_("Decision recorded."), "success")
        return redirect(url_for("agencies.filing", office_id=office_id))
    office = db.session.get(Office, office_id)
    return render_template("agencies/filing.html", office=office, form=form,
                           may_decide=can("office.decide", office), statement=service.deposit_of(office.agency),
                           history=history.of_stream(db.session, office.stream)), result.status


# --- the agency's workspace ------------------------------------------------------------------

def _own_agency():
    require("agency.workspace")
    agency = service.agency_of(db.session, current_user)
    require("agency.manage", agency)
    return agency


@bp.route("/workspace")
@login_required
def workspace():
    agency = _own_agency()
    return render_template("agencies/workspace.html", agency=agency, statement=service.deposit_of(agency),
                           closure_form=ClosureForm(), guides=guides.affiliated_guides(db.session, agency),
                           employment_form=EmploymentForm(), end_form=EndEmploymentForm())


@bp.route("/workspace/guides", methods=["POST"])
@login_required
def employ_guide():
    """Record that the agency employs a guide (a labour contract, 导游人员管理条例 art. 4)."""
    agency = _own_agency()
    form = EmploymentForm()

    def employ():
        guide = guides.get_guide(db.session, form.licence_no.data)
        guides.add_affiliation(db.session, current_user, guide, kind="employment", start_on=form.start_on.data,
                               agency_licence_no=agency.licence_no)
        return guide

    press(form, employ, lambda guide: _("%(name)s is recorded as employed.", name=guide.name))
    return redirect(url_for("agencies.workspace"))


@bp.route("/workspace/guides/<int:affiliation_id>/end", methods=["POST"])
@login_required
def end_employment(affiliation_id):
    agency = _own_agency()
    affiliation = guides.get_affiliation(db.session, affiliation_id)
    if affiliation.agency_id != agency.id:
        raise Forbidden()
    form = EndEmploymentForm()
    asking = confirmation(
        form, question=_("End the employment of %(name)s on %(day)s?", name=affiliation.guide.name,
                         day=format_date(form.end_on.data) if form.end_on.data else ""),
        consequences=_("From the day after, your agency can no longer send this guide with a group unless it "
                       "records the employment again. The change is kept in the guide's history."),
        cancel_url=url_for("agencies.workspace"))
    if asking:
        return asking
    press(form, lambda: guides.end_affiliation(db.session, current_user, affiliation, end_on=form.end_on.data),
          lambda ended: _("The employment ends on %(day)s.", day=ended.end_on.isoformat()))
    return redirect(url_for("agencies.workspace"))


def _office_form(agency, kind):
    form = OfficeForm()
    if kind == OfficeKind.BRANCH:
        del form.branch_id
    else:
        del form.outbound
        open_branches = [b for b in agency.branches if b.status in (FilingStatus.SUBMITTED, FilingStatus.FILED)]
        form.branch_id.choices = choices((0, _("The agency itself")),
                                         *((b.id, f"{b.name} ({city_name(b.city)})") for b in open_branches))
    return form


@bp.route("/workspace/<any(branch, outlet):kind>/new", methods=["GET", "POST"])
@login_required
def new_office(kind):
    agency = _own_agency()
    form = _office_form(agency, kind)
    extra = (lambda: {"outbound": form.outbound.data}) if kind == OfficeKind.BRANCH else \
        (lambda: {"branch_id": form.branch_id.data or None})
    result = submit(form, lambda: service.submit_office(
        db.session, current_user, agency, kind=kind, city=form.city.data, name=form.name.data,
        address=form.address.data, established_on=form.established_on.data, manager=form.manager.data or "",
        **extra()))
    if result.done:
        flash(_("Submitted for filing in %(city)s.", city=city_name(result.value.city)), "success")
        return redirect(url_for("agencies.workspace"))
    return render_template("agencies/office_form.html", form=form, kind=kind, agency=agency), result.status


def _own_office(office_id):
    office = db.session.get(Office, office_id)
    if office is None:
        raise NotFound()
    require("agency.manage", office)
    return office


@bp.route("/workspace/offices/<int:office_id>/resubmit", methods=["GET", "POST"])
@login_required
def resubmit_office(office_id):
    office = _own_office(office_id)
    form = ResubmitForm(obj=office if request.method == "GET" else None)
    if office.kind == OfficeKind.OUTLET:
        del form.outbound
    # An outlet's form has no outbound field (WTForms leaves a removed field's attribute as None).
    fields = [f for f in ("name", "address", "manager", "established_on", "outbound") if f in form]
    result = submit(form, lambda: service.resubmit_office(
        db.session, current_user, office, version=int(form.version.data), **{f: form[f].data for f in fields}))
    if result.done:
        flash(_("Submitted again for filing."), "success")
        return redirect(url_for("agencies.workspace"))
    return render_template("agencies/resubmit.html", form=form, office=db.session.get(Office, office_id)), \
        result.status


@bp.route("/workspace/offices/<int:office_id>/close", methods=["POST"])
@login_required
def close_office(office_id):
    office = _own_office(office_id)
    form = ClosureForm()
    asking = confirmation(
        form, question=_("Close %(name)s on %(day)s?", name=office.name,
                         day=format_date(form.closed_on.data) if form.closed_on.data else ""),
        consequences=_("From that day it leaves the public directory and its filing ends (an office not yet filed "
                       "is withdrawn). A closed office cannot be reopened: a new one must be filed."),
        cancel_url=url_for("agencies.workspace"))
    if asking:
        return asking
    press(form, lambda: service.close_office(db.session, current_user, office, closed_on=form.closed_on.data,
                                             version=int(form.version.data)),
          _("%(name)s is closed.", name=office.name))
    return redirect(url_for("agencies.workspace"))
