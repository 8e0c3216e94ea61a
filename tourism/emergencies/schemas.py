from marshmallow import Schema, fields, validate

from tourism.core.pagination import list_schema
from tourism.core.schemas import HEADCOUNT, AwareDateTime
from tourism.emergencies.enums import Grade, IncidentKind
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


class IncidentUpdateCreateSchema(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class IncidentCloseSchema(Schema):
    note = fields.String(required=True, validate=validate.Length(min=1, max=5000))


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
    acknowledge_by = fields.DateTime()
    late_cities = fields.List(fields.String())
    updates = fields.List(fields.Nested(IncidentUpdateSchema))
    version = fields.Integer()


class IncidentSummarySchema(IncidentSchema):
    class Meta:
        exclude = ("updates",)


IncidentListSchema = list_schema(IncidentSummarySchema, "IncidentListSchema")
