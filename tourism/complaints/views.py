"""Pages: the public complaint form and tracking page, the regulators' case queue and case page, the dashboard."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourism.complaints import attachments, rules, service
from tourism.complaints.enums import CaseState, ComplaintStatus, Outcome
from tourism.complaints.forms import (
    AttachForm,
    ComplaintForm,
    ContractEndForm,
    MessageForm,
    QueueFilterForm,
    RespondentNoticeForm,
    RespondentReplyForm,
    TrackForm,
    TransferForm,
    TransferOutForm,
    TransitionForm,
)
from tourism.complaints.models import ComplaintAttachment
from tourism.core import charts, clock, history
from tourism.core.authz import can, require
from tourism.core.errors import NotFound
from tourism.core.forms import filter_value
from tourism.core.pages import press, submit
from tourism.core.pagination import page_from_args
from tourism.emergencies import service as emergencies
from tourism.extensions import db, limiter
from tourism.web.home import add_task
from tourism.zone.service import city_name

bp = Blueprint("complaints", __name__)

add_task("tourist", "complaints.new_complaint", _l("File a complaint"),
         _l("No account needed; it goes to the city with jurisdiction, with a date by which it must be accepted."))
add_task("tourist", "complaints.track", _l("Follow my complaint"), _l("With your tracking number and access code."))
add_task("regulator", "complaints.queue", _l("Complaint cases"),
         _l("Your city's cases first, then the zone's shared log; overdue cases stand out."), action="complaint.read",
         count=service.overdue_cases, count_label=_l("overdue"), landing=("regulator", "provincial"))
add_task("regulator", "complaints.dashboard", _l("Dashboard"), _l("Complaints per city and month."),
         action="complaint.read")


@bp.app_context_processor
def labels():
    return {"ComplaintStatus": ComplaintStatus, "Outcome": Outcome}


# --- the public side -------------------------------------------------------------------------

@bp.route("/complaints/new", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["COMPLAINT_RATE_LIMIT"], methods=["POST"])
@attachments.upload_budget
def new_complaint():
    form = ComplaintForm()

    def file():
        files = [(f.filename, f.read()) for f in form.attachments.data or [] if f and f.filename]
        receipt, _replayed = service.receive(
            db.session, idempotency_key=form.submission_key.data or None, complainant_name=form.name.data,
            complainant_phone=form.phone.data, complainant_representative=form.representative.data,
            co_complainants=form.co_complainant_rows(), respondent_kind=form.respondent_kind.data,
            incident_city=form.incident_city.data, occurred_on=form.occurred_on.data,
            description=form.description.data, respondent_ref=form.respondent_ref.data or None,
            contract_city=form.contract_city.code, contract_end_on=form.contract_end_on.data,
            group_no=form.group_no.data or None,
            urgent=form.urgent.data, claim_cny=form.claim_cny.data, files=files)
        return receipt

    if not form.is_submitted() and request.args.get("group"):
        form.process(data=service.form_defaults_from_group(db.session, request.args["group"]))
    result = submit(form, file)
    if result.done:
        return render_template("complaints/receipt.html", receipt=result.value)
    return render_template("complaints/complaint_form.html", form=form, limits=rules.limits()), result.status


@bp.route("/complaints/track", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOOKUP_RATE_LIMIT"], methods=["POST"])
def track():
    form = TrackForm()
    if form.validate_on_submit():
        try:
            complaint = service.lookup(db.session, form.tracking_no.data, form.access_code.data)
        except NotFound:
            message = _("No complaint matches this tracking number and access code together: check both.")
            form.tracking_no.errors = [message]
            form.access_code.errors = [message]
            return render_template("complaints/track.html", form=form), 404
        attach_form = AttachForm(tracking_no=complaint.tracking_no, access_code=form.access_code.data)
        return render_template("complaints/track.html", form=form, complaint=complaint, attach_form=attach_form,
                               history=service.complainant_history(db.session, complaint))
    return render_template("complaints/track.html", form=form), 422 if form.errors else 200


@bp.route("/complaints/track/attach", methods=["POST"])
@limiter.limit(lambda: current_app.config["COMPLAINT_RATE_LIMIT"])
@attachments.upload_budget
def attach():
    form = AttachForm()
    if not form.validate_on_submit():
        abort(400)
    complaint = service.lookup(db.session, form.tracking_no.data, form.access_code.data)
    press(form, lambda: service.add_attachment(db.session, complaint, filename=form.file.data.filename or "file",
                                               data=form.file.data.read()),
          _("The file was added to your complaint."))
    return redirect(url_for("complaints.track"))


# --- the regulators' log -------------------------------------------------------------------------

@bp.route("/cases")
@login_required
def queue():
    """The cases a regulator works on: their own city's open cases unless they filter otherwise; the
    zone's shared log is every city's."""
    require("complaint.read")
    form = QueueFilterForm(request.args)
    form.validate()
    if "city" not in request.args and current_user.city_code:
        form.city.data = current_user.city_code
    page, per_page = page_from_args(request.args)
    value = filter_value
    cases = service.search_cases(
        db.session, city=value(form.city), status=value(form.status), respondent=value(form.respondent),
        tracking_no=value(form.tracking_no), overdue_only=bool(value(form.overdue)),
        state=value(form.state) or CaseState.OPEN, received_from=value(form.received_from),
        received_to=value(form.received_to), oldest_first=value(form.sort) == "oldest", page=page,
        per_page=per_page)
    return render_template("complaints/queue.html", form=form, cases=cases, today=clock.today(), rules=rules)


def _case(tracking_no):
    require("complaint.read")
    return service.get_complaint(db.session, tracking_no)


# The case page's forms, each filled with the case's version when shown afresh.
CASE_FORMS = {"transition_form": TransitionForm, "transfer_form": TransferForm, "transfer_out_form": TransferOutForm,
              "contract_form": ContractEndForm, "notice_form": RespondentNoticeForm, "reply_form": RespondentReplyForm}


def _case_page(complaint, status=200, **forms):
    shown = {key: forms.get(key) or form_class(version=complaint.version) for key, form_class in CASE_FORMS.items()}
    shown["transition_form"].set_targets(complaint.status)
    shown["transfer_form"].set_cities(can("complaint.designate"))
    if not forms.get("transfer_out_form") and complaint.transfer_to:
        shown["transfer_out_form"].city.data = complaint.transfer_to
    return render_template(
        "complaints/case.html", complaint=complaint, handle=service.view_for(current_user, complaint) == "handler",
        today=clock.today(), rules=rules, limits=rules.limits(),
        history=history.of_stream(db.session, complaint.stream),
        message_form=forms.get("message_form") or MessageForm(), **shown), status


@bp.route("/cases/<tracking_no>")
@login_required
def case(tracking_no):
    return _case_page(_case(tracking_no))


def _case_action(tracking_no, form_key, form, act, done):
    """One of the case page's forms: authorised on the stored case, then done, or the page again with why not."""
    complaint = _case(tracking_no)
    require("complaint.handle", complaint)
    if form_key == "transition_form":
        form.set_targets(complaint.status)
    elif form_key == "transfer_form":
        form.set_cities(can("complaint.designate"))
    result = submit(form, lambda: act(complaint))
    if result.done:
        flash(done(result.value) if callable(done) else done, "success")
        return redirect(url_for("complaints.case", tracking_no=tracking_no))
    return _case_page(service.get_complaint(db.session, tracking_no), result.status, **{form_key: form})


@bp.route("/cases/<tracking_no>/transition", methods=["POST"])
@login_required
def transition(tracking_no):
    form = TransitionForm()
    return _case_action(tracking_no, "transition_form", form, lambda complaint: service.transition(
        db.session, current_user, complaint, to=form.to.data, version=int(form.version.data), note=form.note.data,
        outcome=form.outcome.data or None, compensation_cny=form.compensation_cny.data,
        contract_end_on=form.contract_end_on.data, without_contract=form.without_contract.data),
        lambda complaint: _("The case is now %(state)s.", state=complaint.status.label))


@bp.route("/cases/<tracking_no>/transfer", methods=["POST"])
@login_required
def transfer(tracking_no):
    form = TransferForm()
    return _case_action(tracking_no, "transfer_form", form, lambda complaint: service.transfer(
        db.session, current_user, complaint, city=form.city.data, version=int(form.version.data),
        reason=form.reason.data, designate=can("complaint.designate")),
        lambda complaint: _("The case was transferred to %(city)s.", city=city_name(complaint.assigned_city)))


@bp.route("/cases/<tracking_no>/transfer-out", methods=["POST"])
@login_required
def transfer_out(tracking_no):
    form = TransferOutForm()
    return _case_action(tracking_no, "transfer_out_form", form, lambda complaint: service.transfer_out(
        db.session, current_user, complaint, version=int(form.version.data), city=form.city.data,
        authority=form.authority.data, reason=form.reason.data),
        lambda complaint: _("The case was transferred to %(authority)s.", authority=complaint.transferred_authority))


@bp.route("/cases/<tracking_no>/contract-end", methods=["POST"])
@login_required
def contract_end(tracking_no):
    form = ContractEndForm()
    return _case_action(tracking_no, "contract_form", form, lambda complaint: service.record_contract_end(
        db.session, current_user, complaint, version=int(form.version.data), contract_end_on=form.ended_on.data,
        without_contract=form.no_contract.data), _("The contract's end is recorded."))


@bp.route("/cases/<tracking_no>/respondent-notice", methods=["POST"])
@login_required
def respondent_notice(tracking_no):
    form = RespondentNoticeForm()
    return _case_action(tracking_no, "notice_form", form, lambda complaint: service.notify_respondent(
        db.session, current_user, complaint, version=int(form.version.data), notified_on=form.notified_on.data),
        lambda complaint: _("Notice recorded; the written reply is due by %(day)s.",
                            day=complaint.respondent_reply_due.isoformat()))


@bp.route("/cases/<tracking_no>/respondent-reply", methods=["POST"])
@login_required
def respondent_reply(tracking_no):
    form = RespondentReplyForm()
    return _case_action(tracking_no, "reply_form", form, lambda complaint: service.record_reply(
        db.session, current_user, complaint, version=int(form.version.data), replied_on=form.replied_on.data),
        _("The reply is recorded."))


@bp.route("/cases/<tracking_no>/messages", methods=["POST"])
@login_required
def message(tracking_no):
    form = MessageForm()
    return _case_action(tracking_no, "message_form", form, lambda complaint: service.add_message(
        db.session, current_user, complaint, body=form.body.data, for_complainant=form.for_complainant.data),
        _("Message added."))


@bp.route("/cases/<tracking_no>/attachments/<int:attachment_id>")
@login_required
def download(tracking_no, attachment_id):
    complaint = _case(tracking_no)
    require("complaint.handle", complaint)
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
    keys, counts = service.monthly_counts(db.session)
    titles = {city: city_name(city) for city in counts}
    titles[rules.PROVINCE] = _("Province")
    return render_template("complaints/dashboard.html", charts=charts.small_multiples(counts, keys, titles),
                           keys=keys, incidents=emergencies.board(db.session, include_closed=True))
