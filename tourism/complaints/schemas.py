from marshmallow import Schema, fields, validate

from tourism.complaints import rules
from tourism.complaints.enums import CaseState, ComplaintStatus, Outcome, RespondentKind
from tourism.core import clock
from tourism.core.pagination import PageArgsSchema, list_schema
from tourism.core.schemas import AMOUNT_CNY, PHONE, Date
from tourism.zone.schemas import CityCode, PrefectureCode


class ComplainantSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    phone = fields.String(required=True, validate=PHONE)
    representative = fields.Boolean(load_default=False, metadata={
        "description": "Chosen as a representative of a joint complaint (4 or more complainants, art. 14)"})


class RespondentSchema(Schema):
    kind = RespondentKind.field(required=True)
    ref = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200),
                        metadata={"description": "Licence number of the agency or guide, or the place's name"})
    city = PrefectureCode(load_default=None, allow_none=True, metadata={
        "description": "Where the respondent is, when not in the registries (any GB/T 2260 prefecture code)"})


class ComplaintCreateSchema(Schema):
    complainant = fields.Nested(ComplainantSchema, required=True)
    co_complainants = fields.List(fields.Nested(ComplainantSchema), load_default=list,
                                  validate=validate.Length(max=200), metadata={
                                      "description": "Others complaining with the same cause against the same "
                                                     "respondent (a joint complaint from 4 in all)"})
    respondent = fields.Nested(RespondentSchema, required=True)
    contract_city = PrefectureCode(load_default=None, allow_none=True, metadata={
        "description": "Where the tour contract was signed: any GB/T 2260 prefecture code, in Guangdong or not"})
    contract_end_on = Date(load_default=None, allow_none=True, metadata={
        "description": "When the tour contract ended; more than 90 days before receipt is refused (art. 9(四))"})
    group_no = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=24), metadata={
        "description": "The tour group's number from its itinerary sheet: fills the respondent agency, the "
                       "contract city and its end when not given"})
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
    accept_by_provisional = fields.Boolean(metadata={
        "description": "The limit counts through a year whose holiday notice is not loaded yet; it may change"})
    transfer_to = fields.String(allow_none=True, metadata={
        "description": "The competent place outside the zone the case is to be transferred to (art. 5)"})


class LookupSchema(Schema):
    access_code = fields.String(required=True, validate=validate.Length(min=1, max=40))


class PublicEventSchema(Schema):
    at = fields.DateTime()
    event = fields.String()
    note = fields.String(allow_none=True)


class ComplaintStatusSchema(Schema):
    tracking_no = fields.String()
    status = ComplaintStatus.field()
    assigned_city = fields.String()
    received_at = fields.DateTime()
    accept_by = Date()
    accept_by_provisional = fields.Boolean()
    transferred_authority = fields.String(allow_none=True, metadata={
        "description": "The authority outside the zone the case was transferred to"})
    outcome = Outcome.field(allow_none=True)
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


class RespondentViewSchema(Schema):
    kind = RespondentKind.field(attribute="respondent_kind")
    ref = fields.String(attribute="respondent_ref")
    name = fields.String(attribute="respondent_name")
    city = fields.String(attribute="respondent_city", allow_none=True)


class ComplainantViewSchema(Schema):
    name = fields.String(attribute="complainant_name")
    phone = fields.String(attribute="complainant_phone")
    representative = fields.Boolean(attribute="complainant_representative")


class CoComplainantViewSchema(Schema):
    name = fields.String()
    phone = fields.String()
    representative = fields.Boolean()


class ComplaintSchema(Schema):
    """A case as the zone's shared log shows it to every regulator: without the complainant's details."""

    tracking_no = fields.String()
    status = ComplaintStatus.field()
    version = fields.Integer()
    assigned_city = fields.String()
    competent_cities = fields.List(fields.String())
    respondent = fields.Function(lambda c: RespondentViewSchema().dump(c))
    transfer_to = fields.String(allow_none=True, metadata={
        "description": "The competent place outside the zone the case goes (or went) to"})
    transferred_authority = fields.String(allow_none=True)
    contract_city = fields.String(allow_none=True)
    group_no = fields.String(allow_none=True)
    origin = fields.String()
    contract_end_on = Date(allow_none=True)
    without_contract = fields.Boolean()
    incident_city = fields.String()
    occurred_on = Date()
    description = fields.String()
    claim_cny = fields.Integer(allow_none=True)
    urgent = fields.Boolean()
    complainant_count = fields.Integer(metadata={"description": "4 or more: a joint complaint (art. 14)"})
    received_at = fields.DateTime()
    accept_by = Date()
    accept_by_provisional = fields.Boolean()
    accepted_on = Date(allow_none=True)
    respondent_notified_on = Date(allow_none=True)
    respondent_reply_due = Date(allow_none=True)
    respondent_replied_on = Date(allow_none=True)
    reply_overdue = fields.Function(lambda c: rules.reply_overdue(c, clock.today()))
    due_on = fields.Function(lambda c: rules.due_date(c), allow_none=True)
    overdue = fields.Function(lambda c: rules.is_overdue(c, clock.today()))
    outcome = Outcome.field(allow_none=True)
    compensation_cny = fields.Integer(allow_none=True)
    decided_on = Date(allow_none=True)
    complainant = fields.Constant(None, allow_none=True, metadata={
        "description": "The complainant's name and phone: only for the city with jurisdiction and provincial"})
    co_complainants = fields.Constant(None, allow_none=True)
    attachments = fields.Constant(None, allow_none=True)
    messages = fields.List(fields.Nested(MessageSchema))


class HandlerComplaintSchema(ComplaintSchema):
    """A case as the city with jurisdiction (and the province) sees it: with the complainant and attachments."""

    complainant = fields.Function(lambda c: ComplainantViewSchema().dump(c), allow_none=True)
    co_complainants = fields.List(fields.Nested(CoComplainantViewSchema), allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentSchema), allow_none=True)


# Which schema each audience of a case gets (tourism.complaints.service.view_for decides the audience).
VIEWS = {"handler": HandlerComplaintSchema, "shared": ComplaintSchema}


class ComplaintSummarySchema(ComplaintSchema):
    class Meta:
        exclude = ("complainant", "co_complainants", "attachments", "messages")


ComplaintListSchema = list_schema(ComplaintSummarySchema, "ComplaintListSchema")


class ComplaintQuerySchema(PageArgsSchema):
    city = fields.String(load_default=None, validate=validate.Regexp(r"^\d{6}$"))
    status = ComplaintStatus.field(load_default=None)
    respondent = fields.String(load_default=None, validate=validate.Length(max=100))
    overdue = fields.Boolean(load_default=False)
    tracking_no = fields.String(load_default=None, validate=validate.Length(max=40),
                                metadata={"description": "All or part of it, in any case, spaces allowed"})
    state = CaseState.field(load_default=CaseState.ANY)
    received_from = Date(load_default=None)
    received_to = Date(load_default=None)
    sort = fields.String(load_default="newest", validate=validate.OneOf(["newest", "oldest"]))


class TransitionSchema(Schema):
    to = ComplaintStatus.field(required=True)
    version = fields.Integer(required=True)
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))
    outcome = Outcome.field(load_default=None, allow_none=True)
    compensation_cny = fields.Integer(load_default=None, allow_none=True, validate=AMOUNT_CNY)
    contract_end_on = Date(load_default=None, allow_none=True,
                           metadata={"description": "When accepting: when the tour contract ended (art. 9(四))"})
    without_contract = fields.Boolean(load_default=False,
                                      metadata={"description": "When accepting: there was no tour contract"})


class ContractEndSchema(Schema):
    version = fields.Integer(required=True)
    contract_end_on = Date(load_default=None, allow_none=True)
    without_contract = fields.Boolean(load_default=False)


class RespondentNoticeSchema(Schema):
    version = fields.Integer(required=True)
    notified_on = Date(required=True, metadata={"description": "The day the complaint was sent to the respondent"})


class RespondentReplySchema(Schema):
    version = fields.Integer(required=True)
    replied_on = Date(required=True, metadata={"description": "The day the written reply arrived"})


class TransferOutSchema(Schema):
    version = fields.Integer(required=True)
    city = PrefectureCode(required=True, metadata={"description": "The competent authority's place (GB/T 2260)"})
    authority = fields.String(required=True, validate=validate.Length(min=1, max=200),
                              metadata={"description": "The receiving authority, e.g. 长沙市文化旅游广电局"})
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class TransferSchema(Schema):
    city = fields.String(required=True, validate=validate.Regexp(r"^\d{6}$"),
                         metadata={"description": "A city code; 440000 for the province to take the case"})
    version = fields.Integer(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class MessageCreateSchema(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    for_complainant = fields.Boolean(load_default=False)


