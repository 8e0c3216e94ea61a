"""JSON API: safety incidents broadcast across the zone and each affected city's acknowledgement."""

from flask_login import current_user

from tourism.core.api import Blueprint
from tourism.core.authz import require
from tourism.core.pagination import PageArgsSchema, page_of
from tourism.emergencies import service
from tourism.emergencies.enums import ReportLevel
from tourism.emergencies.schemas import (
    IncidentCloseSchema,
    IncidentCreateSchema,
    IncidentListSchema,
    IncidentSchema,
    IncidentUpdateCreateSchema,
    IncidentUpdateSchema,
    ReportCreateSchema,
    ReportDueSchema,
)
from tourism.extensions import db

blp = Blueprint("emergencies_api", __name__, description="Safety incidents shared across the zone")


@blp.route("/incidents", methods=["POST"])
@blp.arguments(IncidentCreateSchema)
@blp.response(201, IncidentSchema)
@blp.errors(401, 403)
def report_incident(data):
    """Broadcast a safety incident to the affected cities (a regulator or provincial)."""
    require("incident.report")
    incident = service.report_incident(db.session, current_user, **data)
    db.session.commit()
    return incident


@blp.route("/incidents", methods=["GET"])
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, IncidentListSchema)
@blp.errors(401, 403)
def list_incidents(query):
    """Open incidents with the acknowledgement of each affected city, newest first."""
    require("incident.read")
    return page_of(service.board(db.session), query["page"], query["per_page"])


def _incident(incident_id):
    require("incident.read")
    return service.get_incident(db.session, incident_id)


@blp.route("/incidents/<int:incident_id>", methods=["GET"])
@blp.response(200, IncidentSchema)
@blp.errors(401, 403, 404)
def get_incident(incident_id):
    """An incident with its timeline."""
    return _incident(incident_id)


@blp.route("/incidents/<int:incident_id>/acknowledge", methods=["POST"])
@blp.response(200, IncidentSchema)
@blp.errors(401, 403, 404, 409)
def acknowledge(incident_id):
    """The calling regulator's city acknowledges the incident."""
    incident = _incident(incident_id)
    require("incident.acknowledge", incident)
    service.acknowledge(db.session, current_user, incident)
    db.session.commit()
    return incident


@blp.route("/incidents/<int:incident_id>/updates", methods=["POST"])
@blp.arguments(IncidentUpdateCreateSchema)
@blp.response(201, IncidentUpdateSchema)
@blp.errors(401, 403, 404, 409)
def add_update(data, incident_id):
    """Append to the incident's timeline (affected cities, provincial)."""
    incident = _incident(incident_id)
    require("incident.follow", incident)
    update = service.add_update(db.session, current_user, incident, **data)
    db.session.commit()
    return update


@blp.route("/incidents/<int:incident_id>/reports", methods=["POST"])
@blp.arguments(ReportCreateSchema)
@blp.response(201, ReportDueSchema)
@blp.errors(401, 403, 404, 409)
def record_report(data, incident_id):
    """Record an upward report: to the province (an affected city or provincial), to the Ministry (provincial)."""
    incident = _incident(incident_id)
    require("incident.follow", incident)
    if data["level"] == ReportLevel.MINISTRY:
        require("incident.report_to_ministry")
    service.record_report(db.session, current_user, incident, **data)
    db.session.commit()
    return next(due for due in service.reports_due(incident) if due.level == data["level"])


@blp.route("/incidents/<int:incident_id>/close", methods=["POST"])
@blp.arguments(IncidentCloseSchema)
@blp.response(200, IncidentSchema)
@blp.errors(401, 403, 404, 409)
def close_incident(data, incident_id):
    """Close the incident with a closing note (affected cities, provincial)."""
    incident = _incident(incident_id)
    require("incident.follow", incident)
    service.close_incident(db.session, current_user, incident, **data)
    db.session.commit()
    return incident
