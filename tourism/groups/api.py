"""JSON API: tour groups, their receiving agencies, the public sheet and each city's groups."""

from flask import jsonify
from flask_login import current_user

from tourism.agencies.service import find_agency
from tourism.core.api import Blueprint
from tourism.core.authz import require
from tourism.core.errors import NotFound
from tourism.core.urls import public_url
from tourism.extensions import db
from tourism.groups import service
from tourism.groups.schemas import (
    CityGroupListSchema,
    CityGroupsArgsSchema,
    GroupAmendSchema,
    GroupFiledSchema,
    GroupFilingSchema,
    GroupRouteSchema,
    GroupSchema,
    PartFilingSchema,
    ReceivingDecisionSchema,
    ReceivingSchema,
    SheetSchema,
)
from tourism.zone.service import is_known_city

blp = Blueprint("groups_api", __name__, description="Tour groups and their electronic itinerary sheets")


def _filed(group, checks) -> dict:
    return {"group_no": group.group_no, "version": group.version, "checks": [c.as_dict() for c in checks],
            "sheet_url": public_url("groups.sheet", group_no=group.group_no)}


@blp.route("/groups", methods=["POST"])
@blp.arguments(GroupFilingSchema)
@blp.response(201, GroupFiledSchema)
@blp.errors(401, 403, 409, 422)
def file_group(data):
    """File a group for your agency or one of its filed branches; 422 with every check when one fails."""
    agency = find_agency(db.session, data["agency_licence_no"])
    if agency is None:
        require("group.workspace")  # an agency admin is told the licence is unknown (422)
    else:
        require("group.file", agency)
    group, checks = service.file_group(db.session, current_user, **data)
    db.session.commit()
    return _filed(group, checks)


def _group(group_no, action="group.read"):
    group = service.get_group(db.session, group_no)
    require(action, group)
    return group


@blp.route("/groups/<group_no>", methods=["GET"])
@blp.response(200, GroupSchema)
@blp.errors(401, 403, 404)
def get_group(group_no):
    """The group with every version; the leader's contact only for its agencies, guides and home regulators."""
    group = _group(group_no)
    schema = GroupSchema if service.sees_personal_data(current_user, group) else GroupRouteSchema
    return jsonify(schema().dump(group))


@blp.route("/groups/<group_no>", methods=["PUT"])
@blp.arguments(GroupAmendSchema)
@blp.response(200, GroupFiledSchema)
@blp.errors(401, 403, 404, 409, 422)
def amend_group(data, group_no):
    """File a new version of the group (the organising agency); 409 on a stale version."""
    group = _group(group_no, "group.amend")
    group, checks = service.amend_group(db.session, current_user, group, **data)
    db.session.commit()
    return _filed(group, checks)


def _receiving(group_no, agency_licence_no):
    """The group and the part handed to this agency, for that agency's admin only (who else receives the group
    is told only to those who may read it)."""
    group = service.get_group(db.session, group_no)
    require("group.read", group)
    part = service.receiving_part(group, agency_licence_no)
    require("group.receive", part.agency)
    return group, part


@blp.route("/groups/<group_no>/receiving/<agency_licence_no>", methods=["POST"])
@blp.arguments(ReceivingDecisionSchema)
@blp.response(200, ReceivingSchema)
@blp.errors(401, 403, 404, 409, 422)
def decide_receiving(data, group_no, agency_licence_no):
    """The receiving agency accepts the days handed to it, or declines them with a reason."""
    group, part = _receiving(group_no, agency_licence_no)
    part = service.decide_receiving(db.session, current_user, group, agency_licence_no=agency_licence_no, **data)
    db.session.commit()
    return part


@blp.route("/groups/<group_no>/receiving/<agency_licence_no>/part", methods=["PUT"])
@blp.arguments(PartFilingSchema)
@blp.response(200, GroupFiledSchema)
@blp.errors(401, 403, 404, 409, 422)
def file_part(data, group_no, agency_licence_no):
    """The receiving agency files the stops and local guides of the days it accepted; 409 on a stale version."""
    group, part = _receiving(group_no, agency_licence_no)
    group, checks = service.file_part(db.session, current_user, group, part, **data)
    db.session.commit()
    return _filed(group, checks)


@blp.route("/groups/<group_no>/sheet", methods=["GET"])
@blp.response(200, SheetSchema)
@blp.errors(404)
def sheet(group_no):
    """The public electronic itinerary sheet: agency, branch, guides with their verification links, stops."""
    return service.get_group(db.session, group_no)


@blp.route("/cities/<code>/groups", methods=["GET"])
@blp.arguments(CityGroupsArgsSchema, location="query")
@blp.response(200, CityGroupListSchema)
@blp.errors(401, 403, 404)
def city_groups(query, code):
    """The groups in a city on a date (that city's regulators and inspectors, provincial)."""
    if not is_known_city(code):
        raise NotFound()
    require("group.city_list", city=code)
    return service.groups_in_city(db.session, city=code, day=query.pop("date"), **query)
