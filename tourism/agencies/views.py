"""Pages: the public directory, agency pages, the agency's workspace, the regulators' filing queue."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourism.agencies import service
from tourism.agencies.deposit import deposit_statement
from tourism.agencies.forms import (
    AgencyForm,
    ClosureForm,
    DecisionForm,
    DepositForm,
    DirectorySearchForm,
    EmploymentForm,
    EndEmploymentForm,
    LicenceStatusForm,
    OfficeForm,
    ResubmitForm,
)
from tourism.agencies.models import Establishment, FilingStatus, Kind
from tourism.core import audit
from tourism.core.authz import can, require
from tourism.core.errors import DomainError, NotFound
from tourism.core.forms import apply_errors, choices, error_text
from tourism.core.pagination import page_from_args
from tourism.extensions import db
from tourism.guides import service as guides
from tourism.guides.service import affiliated_guides
from tourism.incidents.complaints import complaint_record
from tourism.web.home import add_task
from tourism.zone.service import city_name

bp = Blueprint("agencies", __name__)

add_task("tourist", "agencies.directory", _l("Check an agency"),
         _l("Find licensed agencies and their filed branches and outlets in every zone city."))
add_task("agency", "agencies.workspace", _l("Agency workspace"),
         _l("Open branches and outlets in other cities and follow their filing."), action="agency.workspace")
add_task("regulator", "agencies.filing_queue", _l("Branch and outlet filings"),
         _l("File or return the offices opened in your city; overdue filings first."), action="agency.filing_queue")
add_task("regulator", "agencies.new_agency", _l("Register an agency"),
         _l("Record a licensed agency of your city and its quality deposit."), action="agency.filing_queue")


def _fail(form, error, status=None):
    """Keep the user's input and show why it was refused."""
    db.session.rollback()
    apply_errors(form, error)
    return status or error.status


# --- public ----------------------------------------------------------------------------------

@bp.route("/agencies")
def directory():
    form = DirectorySearchForm(request.args)
    form.validate()
    criteria = {"city": form.city.data or None, "scope": form.scope.data or None, "text": form.q.data or None}
    page, per_page = page_from_args(request.args, default_per_page=50)
    agencies = service.search_agencies(db.session, **criteria, page=page, per_page=per_page)
    branches = service.search_establishments(db.session, kind=Kind.BRANCH, **criteria)
    outlets = service.search_establishments(db.session, kind=Kind.OUTLET, **criteria)
    return render_template("agencies/directory.html", form=form, agencies=agencies, branches=branches,
                           outlets=outlets)


@bp.route("/agencies/<licence_no>")
def agency_page(licence_no):
    agency = service.get_agency(db.session, licence_no)
    inspector = can("agency.inspect", agency=agency.id)
    offices = [e for e in agency.establishments if inspector or e.status == FilingStatus.FILED]
    context = {"agency": agency, "offices": offices, "inspector": inspector}
    if inspector:
        context["statement"] = deposit_statement(agency)
        context["history"] = audit.history(db.session, agency.stream)
        if can("complaint.read"):
            context["complaints"] = complaint_record(db.session, "agency", agency.licence_no)
    if can("agency.regulate", city=agency.home_city):
        context["deposit_form"] = DepositForm(deposit_cny=agency.deposit_cny, version=agency.version)
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
    status = 200
    if form.validate_on_submit():
        require("agency.create", city=form.home_city.data)
        try:
            agency = service.create_agency(
                db.session, current_user, form.licence_no.data.strip(), form.name.data.strip(), form.home_city.data,
                outbound=form.outbound.data, deposit_cny=form.deposit_cny.data, name_en=form.name_en.data or "",
                licensed_on=form.licensed_on.data, complaint_phone=form.complaint_phone.data or "")
            db.session.commit()
            flash(_("Agency %(no)s registered.", no=agency.licence_no), "success")
            return redirect(url_for("agencies.agency_page", licence_no=agency.licence_no))
        except DomainError as error:
            status = _fail(form, error)
    elif form.errors:
        status = 422
    return render_template("agencies/agency_form.html", form=form), status


@bp.route("/agencies/<licence_no>/deposit", methods=["POST"])
@login_required
def update_deposit(licence_no):
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", city=agency.home_city)
    form = DepositForm()
    if form.validate_on_submit():
        try:
            service.update_agency(db.session, current_user, agency, int(form.version.data),
                                  deposit_cny=form.deposit_cny.data)
            db.session.commit()
            flash(_("The deposit held was updated."), "success")
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message or _("Some fields are invalid.")), "error")
    else:
        flash(_("Some fields are invalid."), "error")
    return redirect(url_for("agencies.agency_page", licence_no=licence_no))


@bp.route("/agencies/<licence_no>/licence-status", methods=["POST"])
@login_required
def update_licence_status(licence_no):
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", city=agency.home_city)
    form = LicenceStatusForm()
    if form.validate_on_submit():
        try:
            service.change_licence_status(db.session, current_user, agency, form.status.data, form.reason.data,
                                          int(form.version.data))
            db.session.commit()
            flash(_("The licence status was changed."), "success")
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message or _("Some fields are invalid.")), "error")
    else:
        flash(_("Give the reason for the change."), "error")
    return redirect(url_for("agencies.agency_page", licence_no=licence_no))


@bp.route("/filings")
@login_required
def filing_queue():
    require("agency.filing_queue")
    own_city = current_user.city_code
    own = service.filing_queue(db.session, own_city) if own_city else []
    others = [e for e in service.filing_queue(db.session) if e.city != own_city]
    return render_template("agencies/filing_queue.html", own=own, others=others)


@bp.route("/filings/<int:establishment_id>", methods=["GET", "POST"])
@login_required
def filing(establishment_id):
    establishment = db.session.get(Establishment, establishment_id)
    if establishment is None:
        raise NotFound()
    require("agency.inspect", agency=establishment.agency_id)
    may_decide = can("establishment.decide", city=establishment.city)
    form = DecisionForm(version=establishment.version)
    status = 200
    if form.is_submitted():
        require("establishment.decide", city=establishment.city)
        if form.validate():
            try:
                service.decide_filing(db.session, current_user, establishment, form.decision.data,
                                      form.reason.data, int(form.version.data))
                db.session.commit()
                flash(_("Decision recorded."), "success")
                return redirect(url_for("agencies.filing", establishment_id=establishment.id))
            except DomainError as error:
                status = _fail(form, error)
                establishment = db.session.get(Establishment, establishment_id)
        else:
            status = 422
    return render_template("agencies/filing.html", office=establishment, form=form, may_decide=may_decide,
                           statement=deposit_statement(establishment.agency),
                           history=audit.history(db.session, establishment.stream)), status


# --- the agency's workspace ------------------------------------------------------------------

@bp.route("/workspace")
@login_required
def workspace():
    require("agency.workspace")
    agency = service.agency_of(db.session, current_user)
    return render_template("agencies/workspace.html", agency=agency, statement=deposit_statement(agency),
                           closure_form=ClosureForm(), guides=affiliated_guides(db.session, agency),
                           employment_form=EmploymentForm(), end_form=EndEmploymentForm())


@bp.route("/workspace/guides", methods=["POST"])
@login_required
def employ_guide():
    """Record that the agency employs a guide (a labour contract, 导游人员管理条例 art. 4)."""
    require("agency.workspace")
    agency = service.agency_of(db.session, current_user)
    require("guide.affiliate", agency=agency.id)
    form = EmploymentForm()
    if form.validate_on_submit():
        try:
            guide = guides.get_guide(db.session, form.licence_no.data)
            guides.add_affiliation(db.session, current_user, guide, "employment", form.start_on.data,
                                   agency_licence_no=agency.licence_no)
            db.session.commit()
            flash(_("%(name)s is recorded as employed.", name=guide.name), "success")
        except DomainError as error:
            db.session.rollback()
            flash(error_text(error), "error")
    else:
        flash(_("Give the guide's licence number (D-0000-000000) and the first day."), "error")
    return redirect(url_for("agencies.workspace"))


@bp.route("/workspace/guides/<int:affiliation_id>/end", methods=["POST"])
@login_required
def end_employment(affiliation_id):
    require("agency.workspace")
    affiliation = guides.get_affiliation(db.session, affiliation_id)
    require("guide.affiliate", agency=affiliation.agency_id)
    form = EndEmploymentForm()
    if form.validate_on_submit():
        try:
            guides.end_affiliation(db.session, current_user, affiliation, form.end_on.data)
            db.session.commit()
            flash(_("The employment ends on %(day)s.", day=form.end_on.data.isoformat()), "success")
        except DomainError as error:
            db.session.rollback()
            flash(error_text(error), "error")
    return redirect(url_for("agencies.workspace"))


def _office_form(agency, kind):
    form = OfficeForm()
    if kind == Kind.BRANCH:
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
    require("agency.workspace")
    agency = service.agency_of(db.session, current_user)
    require("agency.manage", agency=agency.id)
    form = _office_form(agency, kind)
    status = 200
    if form.validate_on_submit():
        extra = {"outbound": form.outbound.data} if kind == Kind.BRANCH else {"branch_id": form.branch_id.data or None}
        try:
            office = service.submit_establishment(
                db.session, current_user, agency, kind, form.city.data, form.name.data, form.address.data,
                form.established_on.data, manager=form.manager.data or "", **extra)
            db.session.commit()
            flash(_("Submitted for filing in %(city)s.", city=office.city), "success")
            return redirect(url_for("agencies.workspace"))
        except DomainError as error:
            status = _fail(form, error)
    elif form.errors:
        status = 422
    return render_template("agencies/office_form.html", form=form, kind=kind, agency=agency), status


def _own_office(establishment_id):
    office = db.session.get(Establishment, establishment_id)
    if office is None:
        raise NotFound()
    require("agency.manage", agency=office.agency_id)
    return office


@bp.route("/workspace/offices/<int:establishment_id>/resubmit", methods=["GET", "POST"])
@login_required
def resubmit_office(establishment_id):
    office = _own_office(establishment_id)
    form = ResubmitForm(obj=office if request.method == "GET" else None)
    if office.kind == Kind.OUTLET:
        del form.outbound
    status = 200
    if form.validate_on_submit():
        # An outlet's form has no outbound field (WTForms leaves a removed field's attribute as None).
        changes = {f: form[f].data for f in ("name", "address", "manager", "established_on", "outbound") if f in form}
        try:
            service.resubmit_establishment(db.session, current_user, office, int(form.version.data), **changes)
            db.session.commit()
            flash(_("Submitted again for filing."), "success")
            return redirect(url_for("agencies.workspace"))
        except DomainError as error:
            status = _fail(form, error)
            office = db.session.get(Establishment, establishment_id)
    elif form.errors:
        status = 422
    return render_template("agencies/resubmit.html", form=form, office=office), status


@bp.route("/workspace/offices/<int:establishment_id>/close", methods=["POST"])
@login_required
def close_office(establishment_id):
    office = _own_office(establishment_id)
    form = ClosureForm()
    if form.validate_on_submit():
        try:
            service.close_establishment(db.session, current_user, office, form.closed_on.data, int(form.version.data))
            db.session.commit()
            flash(_("%(name)s is closed.", name=office.name), "success")
        except DomainError as error:
            db.session.rollback()
            flash(error_text(error), "error")
    else:
        flash(_("Give the closing date."), "error")
    return redirect(url_for("agencies.workspace"))
