"""Pages: the public complaint form and tracking page, the regulators' case queue and case page,
the incident board, the dashboard."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourism.core import audit, clock
from tourism.core.authz import can, require
from tourism.core.errors import DomainError, NotFound
from tourism.core.forms import apply_errors, error_text
from tourism.extensions import db, limiter
from tourism.incidents import attachments, charts, complaints, emergencies, rules
from tourism.incidents.forms import (
    OUTCOME_LABELS,
    STATE_LABELS,
    AttachForm,
    ComplaintForm,
    CsrfOnlyForm,
    IncidentForm,
    IncidentNoteForm,
    MessageForm,
    QueueFilterForm,
    TrackForm,
    TransferForm,
    TransitionForm,
)
from tourism.incidents.models import ComplaintAttachment
from tourism.web.home import add_task
from tourism.zone.service import city_name

bp = Blueprint("incidents", __name__)

add_task("tourist", "incidents.new_complaint", _l("File a complaint"),
         _l("No account needed; it goes to the city with jurisdiction, with a date by which it must be accepted."))
add_task("tourist", "incidents.track", _l("Follow my complaint"), _l("With your tracking number and access code."))
add_task("regulator", "incidents.queue", _l("Complaint cases"),
         _l("Your city's cases first, then the zone's shared log; overdue cases stand out."), action="complaint.read")
add_task("regulator", "incidents.board", _l("Incident board"),
         _l("Safety incidents across cities and who has acknowledged them."), action="incident.read")
add_task("regulator", "incidents.dashboard", _l("Dashboard"), _l("Complaints per city and month."),
         action="complaint.read")


@bp.app_context_processor
def labels():
    return {"state_labels": STATE_LABELS, "outcome_labels": OUTCOME_LABELS}


# --- the public side -------------------------------------------------------------------------

@bp.route("/complaints/new", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["COMPLAINT_RATE_LIMIT"], methods=["POST"])
@attachments.upload_budget
def new_complaint():
    form = ComplaintForm()
    status = 200
    if form.validate_on_submit():
        files = [(f.filename, f.read()) for f in form.attachments.data or [] if f and f.filename]
        try:
            receipt, _replayed = complaints.receive(
                db.session, idempotency_key=form.submission_key.data or None, complainant_name=form.name.data,
                complainant_phone=form.phone.data, respondent_kind=form.respondent_kind.data,
                incident_city=form.incident_city.data, occurred_on=form.occurred_on.data,
                description=form.description.data, respondent_ref=form.respondent_ref.data or None,
                contract_city=form.contract_city.data or None, urgent=form.urgent.data,
                claim_cny=form.claim_cny.data, files=files)
            db.session.commit()
            return render_template("incidents/receipt.html", receipt=receipt)
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
            status = error.status
    elif form.errors:
        status = 422
    return render_template("incidents/complaint_form.html", form=form), status


@bp.route("/complaints/track", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOOKUP_RATE_LIMIT"], methods=["POST"])
def track():
    form = TrackForm()
    if form.validate_on_submit():
        try:
            complaint = complaints.lookup(db.session, form.tracking_no.data, form.access_code.data)
        except NotFound:
            form.form_errors.append(_("No complaint matches this tracking number and access code."))
            return render_template("incidents/track.html", form=form), 404
        attach_form = AttachForm(tracking_no=complaint.tracking_no, access_code=form.access_code.data)
        return render_template("incidents/track.html", form=form, complaint=complaint, attach_form=attach_form,
                               history=complaints.complainant_history(db.session, complaint))
    return render_template("incidents/track.html", form=form), 422 if form.errors else 200


@bp.route("/complaints/track/attach", methods=["POST"])
@limiter.limit(lambda: current_app.config["COMPLAINT_RATE_LIMIT"])
@attachments.upload_budget
def attach():
    form = AttachForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        complaint = complaints.lookup(db.session, form.tracking_no.data, form.access_code.data)
        complaints.add_attachment(db.session, complaint, form.file.data.filename or "file", form.file.data.read())
        db.session.commit()
        flash(_("The file was added to your complaint."), "success")
    except NotFound:
        abort(404)
    except DomainError as error:
        db.session.rollback()
        flash(error_text(error), "error")
    return redirect(url_for("incidents.track"))


# --- the regulators' log -------------------------------------------------------------------------

@bp.route("/cases")
@login_required
def queue():
    require("complaint.read")
    form = QueueFilterForm(request.args)
    form.validate()
    criteria = {"status": form.status.data or None, "respondent": form.respondent.data or None,
                "overdue_only": bool(form.overdue.data)}
    own_city = current_user.city_code
    chosen_city = form.city.data or None
    own = complaints.queue(db.session, city=own_city, **criteria) if own_city and chosen_city in (None, own_city) \
        else []
    shared = complaints.queue(db.session, city=chosen_city, exclude_city=own_city, **criteria)
    return render_template("incidents/queue.html", form=form, own=own, shared=shared, today=clock.today(),
                           rules=rules)


def _case(tracking_no):
    require("complaint.read")
    return complaints.get_complaint(db.session, tracking_no)


def _case_page(complaint, status=200, **forms):
    handle = can("complaint.handle", city=complaint.assigned_city)
    transition_form = forms.get("transition_form") or TransitionForm(version=complaint.version)
    transition_form.set_targets(complaint.status)
    transfer_form = forms.get("transfer_form") or TransferForm(version=complaint.version)
    transfer_form.set_cities(can("complaint.designate"))
    return render_template(
        "incidents/case.html", complaint=complaint, handle=handle, today=clock.today(), rules=rules,
        history=audit.history(db.session, complaint.stream), transition_form=transition_form,
        transfer_form=transfer_form, message_form=forms.get("message_form") or MessageForm()), status


@bp.route("/cases/<tracking_no>")
@login_required
def case(tracking_no):
    return _case_page(_case(tracking_no))


@bp.route("/cases/<tracking_no>/transition", methods=["POST"])
@login_required
def transition(tracking_no):
    complaint = _case(tracking_no)
    require("complaint.handle", city=complaint.assigned_city)
    form = TransitionForm()
    form.set_targets(complaint.status)
    if not form.validate_on_submit():
        return _case_page(complaint, 422, transition_form=form)
    try:
        complaints.transition(db.session, current_user, complaint, form.to.data, int(form.version.data),
                              form.note.data, form.outcome.data or None, form.compensation_cny.data)
        db.session.commit()
        flash(_("The case is now %(state)s.", state=STATE_LABELS[form.to.data]), "success")
        return redirect(url_for("incidents.case", tracking_no=tracking_no))
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        complaint = complaints.get_complaint(db.session, tracking_no)
        return _case_page(complaint, error.status, transition_form=form)


@bp.route("/cases/<tracking_no>/transfer", methods=["POST"])
@login_required
def transfer(tracking_no):
    complaint = _case(tracking_no)
    require("complaint.handle", city=complaint.assigned_city)
    form = TransferForm()
    form.set_cities(can("complaint.designate"))
    if not form.validate_on_submit():
        return _case_page(complaint, 422, transfer_form=form)
    try:
        complaints.transfer(db.session, current_user, complaint, form.city.data, int(form.version.data),
                            form.reason.data, designate=can("complaint.designate"))
        db.session.commit()
        flash(_("The case was transferred to %(city)s.", city=city_name(form.city.data)), "success")
        return redirect(url_for("incidents.case", tracking_no=tracking_no))
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return _case_page(complaints.get_complaint(db.session, tracking_no), error.status, transfer_form=form)


@bp.route("/cases/<tracking_no>/messages", methods=["POST"])
@login_required
def message(tracking_no):
    complaint = _case(tracking_no)
    require("complaint.handle", city=complaint.assigned_city)
    form = MessageForm()
    if not form.validate_on_submit():
        return _case_page(complaint, 422, message_form=form)
    complaints.add_message(db.session, current_user, complaint, form.body.data, form.for_complainant.data)
    db.session.commit()
    return redirect(url_for("incidents.case", tracking_no=tracking_no))


@bp.route("/cases/<tracking_no>/attachments/<int:attachment_id>")
@login_required
def download(tracking_no, attachment_id):
    complaint = _case(tracking_no)
    require("complaint.handle", city=complaint.assigned_city)
    attachment = db.session.get(ComplaintAttachment, attachment_id)
    if attachment is None or attachment.complaint_id != complaint.id:
        raise NotFound()
    return Response(attachments.read(attachment.storage_key), mimetype=attachment.content_type, headers={
        "Content-Disposition": f"attachment; filename=attachment-{attachment.id}",
        "Cache-Control": "private, no-store"})


@bp.route("/dashboard")
@login_required
def dashboard():
    require("complaint.read")
    keys, counts = complaints.monthly_counts(db.session)
    titles = {city: city_name(city) for city in counts}
    titles[rules.PROVINCE] = _("Province")
    return render_template("incidents/dashboard.html", charts=charts.small_multiples(counts, keys, titles),
                           keys=keys, incidents=emergencies.board(db.session, include_closed=True))


# --- incidents ------------------------------------------------------------------------------------

@bp.route("/incidents")
@login_required
def board():
    require("incident.read")
    return render_template("incidents/board.html", incidents=emergencies.board(db.session), now=clock.now(),
                           is_late=emergencies.is_late, ack_form=CsrfOnlyForm())


@bp.route("/incidents/new", methods=["GET", "POST"])
@login_required
def new_incident():
    require("incident.report")
    form = IncidentForm()
    form.set_cities()
    status = 200
    if form.validate_on_submit():
        try:
            incident = emergencies.report_incident(
                db.session, current_user, form.grade.data, form.kind.data, form.cities.data,
                form.occurred_at.data.replace(tzinfo=clock.LOCAL_TZ), form.summary.data, form.dead_or_missing.data,
                form.seriously_injured.data, form.stranded.data)
            db.session.commit()
            return redirect(url_for("incidents.incident", incident_id=incident.id))
        except DomainError as error:
            db.session.rollback()
            apply_errors(form, error)
            status = error.status
    elif form.errors:
        status = 422
    return render_template("incidents/incident_form.html", form=form), status


@bp.route("/incidents/<int:incident_id>")
@login_required
def incident(incident_id):
    require("incident.read")
    item = emergencies.get_incident(db.session, incident_id)
    cities = [row.city for row in item.cities]
    return render_template("incidents/incident.html", incident=item, now=clock.now(), is_late=emergencies.is_late,
                           ack_form=CsrfOnlyForm(), note_form=IncidentNoteForm(),
                           may_follow=can("incident.follow", cities=cities),
                           may_acknowledge=can("incident.acknowledge", cities=cities),
                           history=audit.history(db.session, item.stream))


@bp.route("/incidents/<int:incident_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(incident_id):
    item = emergencies.get_incident(db.session, incident_id)
    require("incident.acknowledge", cities=[row.city for row in item.cities])
    if CsrfOnlyForm().validate_on_submit():
        try:
            emergencies.acknowledge(db.session, current_user, item)
            db.session.commit()
            flash(_("Acknowledged for %(city)s.", city=city_name(current_user.city_code)), "success")
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
    return redirect(url_for("incidents.incident", incident_id=incident_id))


@bp.route("/incidents/<int:incident_id>/updates", methods=["POST"])
@login_required
def incident_update(incident_id):
    item = emergencies.get_incident(db.session, incident_id)
    require("incident.follow", cities=[row.city for row in item.cities])
    form = IncidentNoteForm()
    if form.validate_on_submit():
        try:
            emergencies.add_update(db.session, current_user, item, form.body.data)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
    else:
        flash(_("Write the update."), "error")
    return redirect(url_for("incidents.incident", incident_id=incident_id))
