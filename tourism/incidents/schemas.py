from marshmallow import Schema, fields, validate

from tourism.core.schemas import AMOUNT_CNY, HEADCOUNT, AwareDateTime, CityCode, Date
from tourism.incidents import rules
from tourism.incidents.emergencies import GRADES, KINDS

PHONE = validate.Regexp(r"^[0-9+\-() ]{5,30}$", error="Give a phone number of digits, spaces, +, - or ().")


class ComplainantSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    phone = fields.String(required=True, validate=PHONE)


class RespondentSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(rules.RESPONDENT_KINDS))
    ref = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200),
                        metadata={"description": "Licence number of the agency or guide, or the place's name"})


class ComplaintCreateSchema(Schema):
    complainant = fields.Nested(ComplainantSchema, required=True)
    respondent = fields.Nested(RespondentSchema, required=True)
    contract_city = CityCode(load_default=None, allow_none=True)
    incident_city = CityCode(required=True)
    occurred_on = Date(required=True)
    description = fields.String(required=True, validate=validate.Length(min=1, max=10_000))
    urgent = fields.Boolean(load_default=False,
                            metadata={"description": "The wrong must be stopped at once: the place of harm handles"})
    claim_cny = fields.Integer(load_default=None, allow_none=True, validate=AMOUNT_CNY)


class ComplaintReceiptSchema(Schema):
    tracking_no = fields.String()
    access_code = fields.String(metadata={"description": "Shown once; keep it to follow the case"})
    assigned_city = fields.String()
    status = fields.String()
    accept_by = Date(metadata={"description": "The body accepts, refuses or transfers it by this date"})


class LookupSchema(Schema):
    access_code = fields.String(required=True, validate=validate.Length(min=1, max=40))


class PublicEventSchema(Schema):
    at = fields.DateTime()
    event = fields.String()
    note = fields.String(allow_none=True)


class ComplaintStatusSchema(Schema):
    tracking_no = fields.String()
    status = fields.String()
    assigned_city = fields.String()
    received_at = fields.DateTime()
    accept_by = Date()
    outcome = fields.String(allow_none=True)
    compensation_cny = fields.Integer(allow_none=True)
    history = fields.List(fields.Nested(PublicEventSchema))


class MessageSchema(Schema):
    id = fields.Integer()
    author = fields.String()
    for_complainant = fields.Boolean()
    body = fields.String()
    created_at = fields.DateTime()


class AttachmentSchema(Schema):
    id = fields.Integer()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()


class ComplaintSchema(Schema):
    """The case for regulators; ``complainant`` and ``attachments`` only for the city with jurisdiction."""

    tracking_no = fields.String()
    status = fields.String(validate=validate.OneOf(rules.STATES))
    version = fields.Integer()
    assigned_city = fields.String()
    competent_cities = fields.List(fields.String())
    respondent = fields.Dict()
    contract_city = fields.String(allow_none=True)
    incident_city = fields.String()
    occurred_on = Date()
    description = fields.String()
    claim_cny = fields.Integer(allow_none=True)
    urgent = fields.Boolean()
    received_at = fields.DateTime()
    accept_by = Date()
    accepted_on = Date(allow_none=True)
    due_on = Date(allow_none=True)
    overdue = fields.Boolean()
    outcome = fields.String(allow_none=True)
    compensation_cny = fields.Integer(allow_none=True)
    decided_on = Date(allow_none=True)
    complainant = fields.Nested(ComplainantSchema, allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentSchema), allow_none=True)
    messages = fields.List(fields.Nested(MessageSchema))


class ComplaintSummarySchema(ComplaintSchema):
    class Meta:
        exclude = ("complainant", "attachments", "messages")


class ComplaintListSchema(Schema):
    items = fields.List(fields.Nested(ComplaintSummarySchema))


class ComplaintQuerySchema(Schema):
    city = fields.String(load_default=None, validate=validate.Regexp(r"^\d{6}$"))
    status = fields.String(load_default=None, validate=validate.OneOf(rules.STATES))
    respondent = fields.String(load_default=None, validate=validate.Length(max=100))
    overdue = fields.Boolean(load_default=False)


class TransitionSchema(Schema):
    to = fields.String(required=True, validate=validate.OneOf(rules.STATES))
    version = fields.Integer(required=True)
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))
    outcome = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(rules.OUTCOMES))
    compensation_cny = fields.Integer(load_default=None, allow_none=True, validate=AMOUNT_CNY)


class TransferSchema(Schema):
    city = fields.String(required=True, validate=validate.Regexp(r"^\d{6}$"),
                         metadata={"description": "A city code; 440000 for the province to take the case"})
    version = fields.Integer(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class MessageCreateSchema(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    for_complainant = fields.Boolean(load_default=False)


class IncidentCreateSchema(Schema):
    grade = fields.String(required=True, validate=validate.OneOf(GRADES))
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    cities = fields.List(CityCode(), required=True, validate=validate.Length(min=1, max=21))
    occurred_at = AwareDateTime(required=True,
                                       metadata={"description": "ISO 8601; without an offset, Asia/Shanghai"})
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
    grade = fields.String()
    kind = fields.String()
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


class IncidentListSchema(Schema):
    items = fields.List(fields.Nested(IncidentSummarySchema))
