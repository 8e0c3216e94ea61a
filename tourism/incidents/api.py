"""JSON API: complaint intake and tracking, the shared case log, incidents and their acknowledgement."""

from flask import current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from tourism.core import audit, clock, idempotency
from tourism.core.api import Blueprint
from tourism.core.authz import can, require
from tourism.core.errors import field_error
from tourism.core.schemas import HistoryEntrySchema
from tourism.extensions import db, limiter
from tourism.incidents import attachments, complaints, emergencies, rules
from tourism.incidents.schemas import (
    AttachmentSchema,
    ComplaintCreateSchema,
    ComplaintListSchema,
    ComplaintQuerySchema,
    ComplaintReceiptSchema,
    ComplaintSchema,
    ComplaintStatusSchema,
    IncidentCloseSchema,
    IncidentCreateSchema,
    IncidentListSchema,
    IncidentSchema,
    IncidentUpdateCreateSchema,
    IncidentUpdateSchema,
    LookupSchema,
    MessageCreateSchema,
    MessageSchema,
    TransferSchema,
    TransitionSchema,
)

blp = Blueprint("incidents_api", __name__, description="The joint complaint and incident log")


def case_view(complaint, private: bool) -> dict:
    """A case as regulators see it; contact details and attachments only when ``private``."""
    today = clock.today()
    view = {column: getattr(complaint, column) for column in (
        "tracking_no", "status", "version", "assigned_city", "competent_cities", "contract_city", "incident_city",
        "occurred_on", "description", "claim_cny", "urgent", "received_at", "accept_by", "accepted_on", "outcome",
        "compensation_cny", "decided_on", "messages")}
    view["respondent"] = {"kind": complaint.respondent_kind, "ref": complaint.respondent_ref,
                          "name": complaint.respondent_name, "city": complaint.respondent_city}
    view["due_on"] = rules.due_date(complaint)
    view["overdue"] = rules.is_overdue(complaint, today)
    view["complainant"] = ({"name": complaint.complainant_name, "phone": complaint.complainant_phone}
                           if private else None)
    view["attachments"] = complaint.attachments if private else None
    return view


def incident_view(incident) -> dict:
    return {**{c: getattr(incident, c) for c in ("id", "grade", "kind", "summary", "occurred_at", "reported_at",
                                                  "reported_by", "closed_at", "updates", "version")},
            "acknowledgements": {row.city: row.acknowledged_at for row in incident.cities},
            "acknowledge_by": min(row.acknowledge_by for row in incident.cities),
            "late_cities": [row.city for row in incident.cities if emergencies.is_late(row)]}


# --- complaints: the public side --------------------------------------------------------------

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
    body, _replayed = complaints.receive(
        db.session, idempotency_key=key, complainant_name=data["complainant"]["name"],
        complainant_phone=data["complainant"]["phone"], respondent_kind=data["respondent"]["kind"],
        respondent_ref=data["respondent"]["ref"], incident_city=data["incident_city"],
        occurred_on=data["occurred_on"], description=data["description"], contract_city=data["contract_city"],
        urgent=data["urgent"], claim_cny=data["claim_cny"])
    db.session.commit()
    return jsonify(body), 201


@blp.route("/complaints/<tracking_no>/lookup", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOOKUP_RATE_LIMIT"])
@blp.arguments(LookupSchema)
@blp.response(200, ComplaintStatusSchema)
@blp.errors(404)
def lookup(data, tracking_no):
    """The complainant's view: status and the messages meant for them. A wrong code is a 404 like a wrong number."""
    complaint = complaints.lookup(db.session, tracking_no, data["access_code"])
    return {**{c: getattr(complaint, c) for c in ("tracking_no", "status", "assigned_city", "received_at",
                                                   "accept_by", "outcome", "compensation_cny")},
            "history": complaints.complainant_history(db.session, complaint)}


@blp.route("/complaints/<tracking_no>/attachments", methods=["POST"])
@limiter.limit(lambda: current_app.config["COMPLAINT_RATE_LIMIT"])
@attachments.upload_budget
@blp.response(201, AttachmentSchema)
@blp.errors(404)
@blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {"type": "object", "required": ["access_code",
         "file"], "properties": {"access_code": {"type": "string"}, "file": {"type": "string", "format": "binary"}}}}}})
def add_attachment(tracking_no):
    """The complainant adds a photo or PDF (multipart: access_code, file)."""
    complaint = complaints.lookup(db.session, tracking_no, request.form.get("access_code", ""))
    upload = request.files.get("file")
    if upload is None:
        raise field_error("file", _("Attach a file."))
    attachment = complaints.add_attachment(db.session, complaint, upload.filename or "file", upload.read())
    db.session.commit()
    return attachment


# --- complaints: the shared log -----------------------------------------------------------------

@blp.route("/complaints", methods=["GET"])
@blp.arguments(ComplaintQuerySchema, location="query")
@blp.response(200, ComplaintListSchema)
@blp.errors(401, 403)
def list_complaints(query):
    """The shared log, overdue cases first (any zone regulator, provincial)."""
    require("complaint.read")
    cases = complaints.queue(db.session, query["city"], query["status"], query["respondent"], query["overdue"])
    return {"items": [case_view(c, private=False) for c in cases]}


def _case(tracking_no):
    require("complaint.read")
    return complaints.get_complaint(db.session, tracking_no)


@blp.route("/complaints/<tracking_no>", methods=["GET"])
@blp.response(200, ComplaintSchema)
@blp.errors(401, 403, 404)
def get_complaint(tracking_no):
    """A case; the complainant's contact details only for the city with jurisdiction and provincial."""
    complaint = _case(tracking_no)
    return case_view(complaint, private=can("complaint.handle", city=complaint.assigned_city))


@blp.route("/complaints/<tracking_no>/history", methods=["GET"])
@blp.response(200, HistoryEntrySchema(many=True))
@blp.errors(401, 403, 404)
def complaint_history(tracking_no):
    """The case's hash-chained history."""
    return audit.history(db.session, _case(tracking_no).stream)


@blp.route("/complaints/<tracking_no>/transitions", methods=["POST"])
@blp.arguments(TransitionSchema)
@blp.response(200, ComplaintSchema)
@blp.errors(401, 403, 404, 409)
def transition(data, tracking_no):
    """Move the case on (the city with jurisdiction, or provincial); 409 on a stale version."""
    complaint = _case(tracking_no)
    require("complaint.handle", city=complaint.assigned_city)
    complaints.transition(db.session, current_user, complaint, **data)
    db.session.commit()
    return case_view(complaint, private=True)


@blp.route("/complaints/<tracking_no>/transfer", methods=["POST"])
@blp.arguments(TransferSchema)
@blp.response(200, ComplaintSchema)
@blp.errors(401, 403, 404, 409)
def transfer(data, tracking_no):
    """Transfer the case to the city with jurisdiction, or (provincial) designate the handling city."""
    complaint = _case(tracking_no)
    require("complaint.handle", city=complaint.assigned_city)
    designate = can("complaint.designate")
    complaints.transfer(db.session, current_user, complaint, data["city"], data["version"], data["reason"],
                        designate=designate)
    db.session.commit()
    return case_view(complaint, private=can("complaint.handle", city=complaint.assigned_city))


@blp.route("/complaints/<tracking_no>/messages", methods=["POST"])
@blp.arguments(MessageCreateSchema)
@blp.response(201, MessageSchema)
@blp.errors(401, 403, 404)
def add_message(data, tracking_no):
    """A note on the case; ``for_complainant`` ones appear on the tracking page."""
    complaint = _case(tracking_no)
    require("complaint.handle", city=complaint.assigned_city)
    message = complaints.add_message(db.session, current_user, complaint, **data)
    db.session.commit()
    return message


# --- incidents ----------------------------------------------------------------------------------

@blp.route("/incidents", methods=["POST"])
@blp.arguments(IncidentCreateSchema)
@blp.response(201, IncidentSchema)
@blp.errors(401, 403)
def report_incident(data):
    """Broadcast a safety incident to the affected cities (a regulator or provincial)."""
    require("incident.report")
    incident = emergencies.report_incident(db.session, current_user, **data)
    db.session.commit()
    return incident_view(incident)


@blp.route("/incidents", methods=["GET"])
@blp.response(200, IncidentListSchema)
@blp.errors(401, 403)
def list_incidents():
    """Open incidents with the acknowledgement of each affected city."""
    require("incident.read")
    return {"items": [incident_view(i) for i in emergencies.board(db.session)]}


def _incident(incident_id):
    require("incident.read")
    return emergencies.get_incident(db.session, incident_id)


@blp.route("/incidents/<int:incident_id>", methods=["GET"])
@blp.response(200, IncidentSchema)
@blp.errors(401, 403, 404)
def get_incident(incident_id):
    """An incident with its timeline."""
    return incident_view(_incident(incident_id))


@blp.route("/incidents/<int:incident_id>/acknowledge", methods=["POST"])
@blp.response(200, IncidentSchema)
@blp.errors(401, 403, 404, 409)
def acknowledge(incident_id):
    """The calling regulator's city acknowledges the incident."""
    incident = _incident(incident_id)
    require("incident.acknowledge", cities=[row.city for row in incident.cities])
    emergencies.acknowledge(db.session, current_user, incident)
    db.session.commit()
    return incident_view(incident)


@blp.route("/incidents/<int:incident_id>/updates", methods=["POST"])
@blp.arguments(IncidentUpdateCreateSchema)
@blp.response(201, IncidentUpdateSchema)
@blp.errors(401, 403, 404, 409)
def add_update(data, incident_id):
    """Append to the incident's timeline (affected cities, provincial)."""
    incident = _incident(incident_id)
    require("incident.follow", cities=[row.city for row in incident.cities])
    update = emergencies.add_update(db.session, current_user, incident, data["body"])
    db.session.commit()
    return update


@blp.route("/incidents/<int:incident_id>/close", methods=["POST"])
@blp.arguments(IncidentCloseSchema)
@blp.response(200, IncidentSchema)
@blp.errors(401, 403, 404, 409)
def close_incident(data, incident_id):
    """Close the incident with a closing note (affected cities, provincial)."""
    incident = _incident(incident_id)
    require("incident.follow", cities=[row.city for row in incident.cities])
    emergencies.close_incident(db.session, current_user, incident, data["note"])
    db.session.commit()
    return incident_view(incident)
