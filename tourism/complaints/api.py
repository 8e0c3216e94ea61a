"""JSON API: complaint intake and tracking for the public, the shared case log for regulators."""

from flask import current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from tourism.complaints import attachments, service
from tourism.complaints.schemas import (
    VIEWS,
    AttachmentSchema,
    ComplaintCreateSchema,
    ComplaintListSchema,
    ComplaintQuerySchema,
    ComplaintReceiptSchema,
    ComplaintStatusSchema,
    ContractEndSchema,
    HandlerComplaintSchema,
    LookupSchema,
    MessageCreateSchema,
    MessageSchema,
    RespondentNoticeSchema,
    RespondentReplySchema,
    TransferOutSchema,
    TransferSchema,
    TransitionSchema,
)
from tourism.core import audit, idempotency
from tourism.core.api import Blueprint
from tourism.core.authz import can, require
from tourism.core.errors import field_error
from tourism.core.schemas import HistoryEntrySchema
from tourism.extensions import db, limiter

blp = Blueprint("complaints_api", __name__, description="Complaints: intake, tracking and the shared case log")


def _case_answer(complaint, status=200):
    """The case in the view this caller may see (the complainant's details only for the handling city)."""
    schema = VIEWS[service.view_for(current_user, complaint)]
    return jsonify(schema().dump(complaint)), status


# --- the public side ---------------------------------------------------------------------------

@blp.route("/complaints", methods=["POST"])
@limiter.limit(lambda: current_app.config["COMPLAINT_RATE_LIMIT"])
@attachments.upload_budget
@blp.arguments(ComplaintCreateSchema)
@blp.response(201, ComplaintReceiptSchema)
def file_complaint(data):
    """File a complaint (no account needed); keep the tracking number and access code.

    Send an `Idempotency-Key` header (e.g. a UUID) to retry safely: the same key within 24 hours answers
    with the first receipt and files nothing new.
    """
    key = idempotency.check_key(request.headers.get("Idempotency-Key"))
    complainant, respondent = data["complainant"], data["respondent"]
    body, _replayed = service.receive(
        db.session, idempotency_key=key, complainant_name=complainant["name"],
        complainant_phone=complainant["phone"], complainant_representative=complainant["representative"],
        co_complainants=data["co_complainants"], respondent_kind=respondent["kind"], respondent_ref=respondent["ref"],
        respondent_city=respondent["city"], incident_city=data["incident_city"], occurred_on=data["occurred_on"],
        description=data["description"], contract_city=data["contract_city"], contract_end_on=data["contract_end_on"],
        group_no=data["group_no"], urgent=data["urgent"], claim_cny=data["claim_cny"])
    db.session.commit()
    return jsonify(body), 201


@blp.route("/complaints/<tracking_no>/lookup", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOOKUP_RATE_LIMIT"])
@blp.arguments(LookupSchema)
@blp.response(200, ComplaintStatusSchema)
@blp.errors(404)
def lookup(data, tracking_no):
    """The complainant's view: status and the messages meant for them. A wrong code is a 404 like a wrong number."""
    complaint = service.lookup(db.session, tracking_no, data["access_code"])
    return service.complainant_view(db.session, complaint)


@blp.route("/complaints/<tracking_no>/attachments", methods=["POST"])
@limiter.limit(lambda: current_app.config["COMPLAINT_RATE_LIMIT"])
@attachments.upload_budget
@blp.response(201, AttachmentSchema)
@blp.errors(404)
@blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {"type": "object", "required": ["access_code",
         "file"], "properties": {"access_code": {"type": "string"}, "file": {"type": "string", "format": "binary"}}}}}})
def add_attachment(tracking_no):
    """The complainant adds a photo or PDF (multipart: access_code, file)."""
    complaint = service.lookup(db.session, tracking_no, request.form.get("access_code", ""))
    upload = request.files.get("file")
    if upload is None:
        raise field_error("file", _("Attach a file."))
    attachment = service.add_attachment(db.session, complaint, filename=upload.filename or "file",
                                        data=upload.read())
    db.session.commit()
    return attachment


# --- the shared log ------------------------------------------------------------------------------

@blp.route("/complaints", methods=["GET"])
@blp.arguments(ComplaintQuerySchema, location="query")
@blp.response(200, ComplaintListSchema)
@blp.errors(401, 403)
def list_complaints(query):
    """The shared log: open cases first, overdue ones first among them, then newest (or oldest) first; filter
    by city, status, respondent, tracking number (however typed), open or finished, dates received
    (any zone regulator, provincial)."""
    require("complaint.read")
    return service.search_cases(
        db.session, city=query["city"], status=query["status"], respondent=query["respondent"],
        tracking_no=query["tracking_no"], overdue_only=query["overdue"], state=query["state"],
        received_from=query["received_from"], received_to=query["received_to"],
        oldest_first=query["sort"] == "oldest", page=query["page"], per_page=query["per_page"])


def _case(tracking_no):
    require("complaint.read")
    return service.get_complaint(db.session, tracking_no)


@blp.route("/complaints/<tracking_no>", methods=["GET"])
@blp.response(200, HandlerComplaintSchema)
@blp.errors(401, 403, 404)
def get_complaint(tracking_no):
    """A case; the complainant's contact details only for the city with jurisdiction and provincial."""
    return _case_answer(_case(tracking_no))


@blp.route("/complaints/<tracking_no>/history", methods=["GET"])
@blp.response(200, HistoryEntrySchema(many=True))
@blp.errors(401, 403, 404)
def complaint_history(tracking_no):
    """The case's hash-chained history."""
    return audit.history(db.session, _case(tracking_no).stream)


@blp.route("/complaints/<tracking_no>/transitions", methods=["POST"])
@blp.arguments(TransitionSchema)
@blp.response(200, HandlerComplaintSchema)
@blp.errors(401, 403, 404, 409)
def transition(data, tracking_no):
    """Move the case on (the city with jurisdiction, or provincial); 409 on a stale version."""
    return _handle(tracking_no, lambda c: service.transition(db.session, current_user, c, **data))


@blp.route("/complaints/<tracking_no>/transfer", methods=["POST"])
@blp.arguments(TransferSchema)
@blp.response(200, HandlerComplaintSchema)
@blp.errors(401, 403, 404, 409)
def transfer(data, tracking_no):
    """Transfer the case to the city with jurisdiction, or (provincial) designate the handling city."""
    return _handle(tracking_no, lambda c: service.transfer(db.session, current_user, c, **data,
                                                           designate=can("complaint.designate")))


def _handle(tracking_no, act):
    """Run ``act`` on a case the caller handles, commit, and answer with the case."""
    complaint = _case(tracking_no)
    require("complaint.handle", complaint)
    act(complaint)
    db.session.commit()
    return _case_answer(complaint)


@blp.route("/complaints/<tracking_no>/transfer-out", methods=["POST"])
@blp.arguments(TransferOutSchema)
@blp.response(200, HandlerComplaintSchema)
@blp.errors(401, 403, 404, 409)
def transfer_out(data, tracking_no):
    """Transfer the case to the competent authority outside the zone, named (art. 15(三)); the case ends here."""
    return _handle(tracking_no, lambda c: service.transfer_out(db.session, current_user, c, **data))


@blp.route("/complaints/<tracking_no>/contract-end", methods=["POST"])
@blp.arguments(ContractEndSchema)
@blp.response(200, HandlerComplaintSchema)
@blp.errors(401, 403, 404, 409)
def contract_end(data, tracking_no):
    """Record when the tour contract ended, or that there was none (the 90-day rule, art. 9(四))."""
    return _handle(tracking_no, lambda c: service.record_contract_end(db.session, current_user, c, **data))


@blp.route("/complaints/<tracking_no>/respondent-notice", methods=["POST"])
@blp.arguments(RespondentNoticeSchema)
@blp.response(200, HandlerComplaintSchema)
@blp.errors(401, 403, 404, 409)
def respondent_notice(data, tracking_no):
    """Record the day the respondent was notified; the written reply is due 10 days later."""
    return _handle(tracking_no, lambda c: service.notify_respondent(db.session, current_user, c, **data))


@blp.route("/complaints/<tracking_no>/respondent-reply", methods=["POST"])
@blp.arguments(RespondentReplySchema)
@blp.response(200, HandlerComplaintSchema)
@blp.errors(401, 403, 404, 409)
def respondent_reply(data, tracking_no):
    """Record the day the respondent's written reply arrived."""
    return _handle(tracking_no, lambda c: service.record_reply(db.session, current_user, c, **data))


@blp.route("/complaints/<tracking_no>/messages", methods=["POST"])
@blp.arguments(MessageCreateSchema)
@blp.response(201, MessageSchema)
@blp.errors(401, 403, 404)
def add_message(data, tracking_no):
    """A note on the case; ``for_complainant`` ones appear on the tracking page."""
    complaint = _case(tracking_no)
    require("complaint.handle", complaint)
    message = service.add_message(db.session, current_user, complaint, **data)
    db.session.commit()
    return message
