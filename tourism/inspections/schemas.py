from marshmallow import Schema, fields, validate

from tourism.core.pagination import list_schema
from tourism.core.schemas import AwareDateTime
from tourism.inspections.enums import Finding
from tourism.zone.schemas import CityCode


class InspectionCreateSchema(Schema):
    at = AwareDateTime(required=True, metadata={"description": "When the group was checked"})
    city = CityCode(required=True)
    findings = fields.List(Finding.field(), load_default=list, validate=validate.Length(max=len(Finding)))
    note = fields.String(load_default="", validate=validate.Length(max=5000))
    guide_licence_no = fields.String(load_default="", validate=validate.Length(max=16), metadata={
        "description": "The guide found with the group: checked against today's sheet and eligibility"})
    place = fields.String(load_default="", validate=validate.Length(max=200), metadata={
        "description": "Where the group was found (a catalogue id or a stop's name): checked against today's stops"})
    open_case = fields.Boolean(load_default=False, metadata={
        "description": "Open a case on the findings in the inspecting city's log"})


class InspectionSchema(Schema):
    id = fields.Integer()
    group_no = fields.Function(lambda i: i.group.group_no)
    city = fields.String()
    at = fields.DateTime()
    place = fields.String()
    guide_licence_no = fields.String()
    findings = fields.List(fields.String())
    note = fields.String()
    inspector = fields.String()
    case_no = fields.String(allow_none=True, metadata={"description": "The case the findings opened"})
    photos = fields.Function(lambda i: len(i.photos))


InspectionListSchema = list_schema(InspectionSchema, "InspectionListSchema")
