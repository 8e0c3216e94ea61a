from marshmallow import Schema, fields, validate

from tourism.core import clock
from tourism.core.pagination import list_schema
from tourism.core.schemas import HEADCOUNT, AwareDateTime
from tourism.emergencies import service
from tourism.emergencies.enums import Grade, IncidentKind, ReportLevel
from tourism.zone.schemas import CityCode


class IncidentCreateSchema(Schema):
    grade = Grade.field(required=True)
    kind = IncidentKind.field(required=True)
    cities = fields.List(CityCode(), required=True, validate=validate.Length(min=1, max=21))
    occurred_at = AwareDateTime(required=True, metadata={"description": "ISO 8601; without an offset, Asia/Shanghai"})
    summary = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    dead_or_missing = fields.Integer(load_default=None, allow_none=True, validate=HEADCOUNT)
    seriously_injured = fields.Integer(load_default=None, allow_none=True, validate=HEADCOUNT)
    stranded = fields.Integer(load_default=None, allow_none=True, validate=HEADCOUNT,
                              metadata={"description": "Tourists stranded over 24 hours"})
    agencies = fields.List(fields.String(validate=validate.Length(min=1, max=32)), load_default=list,
                           validate=validate.Length(max=50), metadata={
                               "description": "Licence numbers of agencies whose tourists are involved: "
                                              "their home cities are informed and acknowledge"})
    groups = fields.List(fields.String(validate=validate.Length(min=1, max=24)), load_default=list,
                         validate=validate.Length(max=50), metadata={
                             "description": "Numbers of the tour groups involved: the home cities of their organising "
                                            "and receiving agencies are informed and acknowledge"})


class IncidentUpdateCreateSchema(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class IncidentCloseSchema(Schema):
    note = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class ReportCreateSchema(Schema):
    level = ReportLevel.field(required=True)
    reported_at = AwareDateTime(required=True, metadata={"description": "When the report was made"})
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class ReportDueSchema(Schema):
    level = ReportLevel.field()
    due_at = fields.DateTime()
    reported_at = fields.DateTime(allow_none=True)
    overdue = fields.Function(lambda due: due.overdue(clock.now()))


class IncidentUpdateSchema(Schema):
    id = fields.Integer()
    author = fields.String()
    body = fields.String()
    created_at = fields.DateTime()


class IncidentSchema(Schema):
    id = fields.Integer()
    grade = Grade.field()
    kind = IncidentKind.field()
    summary = fields.String()
    occurred_at = fields.DateTime()
    reported_at = fields.DateTime()
    reported_by = fields.String()
    closed_at = fields.DateTime(allow_none=True)
    acknowledgements = fields.Dict(keys=fields.String(), values=fields.DateTime(allow_none=True),
                                   metadata={"description": "Per affected city: when it acknowledged, or null"})
    acknowledge_by = fields.DateTime(metadata={"description": "This system's acknowledgement limit among the "
                                                               "zone's cities (a policy, not law)"})
    late_cities = fields.List(fields.String())
    informed_cities = fields.Function(lambda i: [c.city for c in i.cities if c.role == "agency_home"], metadata={
        "description": "Home cities of the agencies involved, informed and asked to acknowledge"})
    agencies = fields.Function(lambda i: [a.agency.licence_no for a in i.agencies])
    groups = fields.List(fields.String(), attribute="group_nos")
    reports = fields.Function(lambda i: ReportDueSchema(many=True).dump(service.reports_due(i)), metadata={
        "description": "Upward reports the grade calls for, each with its due time"})
    updates = fields.List(fields.Nested(IncidentUpdateSchema))
    version = fields.Integer()


class IncidentSummarySchema(IncidentSchema):
    class Meta:
        exclude = ("updates",)


IncidentListSchema = list_schema(IncidentSummarySchema, "IncidentListSchema")
