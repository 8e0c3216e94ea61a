"""JSON API: inspections of tour groups by the cities on their route."""

from flask_login import current_user

from tourism.core.api import Blueprint
from tourism.core.authz import require
from tourism.core.pagination import PageArgsSchema
from tourism.extensions import db
from tourism.groups.service import get_group
from tourism.inspections import service
from tourism.inspections.schemas import InspectionCreateSchema, InspectionListSchema, InspectionSchema

blp = Blueprint("inspections_api", __name__, description="Inspections of tour groups on the spot")


@blp.route("/groups/<group_no>/inspections", methods=["POST"])
@blp.arguments(InspectionCreateSchema)
@blp.response(201, InspectionSchema)
@blp.errors(401, 403, 404, 422)
def record_inspection(data, group_no):
    """Record an inspection (an inspector or regulator of a city on the group's route)."""
    group = get_group(db.session, group_no)
    require("group.inspect", group)
    require("group.inspect", group, cities=[data["city"]])
    open_a_case = data.pop("open_case")
    inspection = service.record_inspection(db.session, current_user, group, open_a_case=open_a_case, **data)
    db.session.commit()
    return inspection


@blp.route("/groups/<group_no>/inspections", methods=["GET"])
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, InspectionListSchema)
@blp.errors(401, 403, 404)
def list_inspections(query, group_no):
    """The group's inspections, newest first (its agencies and the regulators who may read it)."""
    group = get_group(db.session, group_no)
    require("group.read", group)
    return service.inspections_of(db.session, group, page=query["page"], per_page=query["per_page"])
