from marshmallow import Schema, fields, validate

from tourism.core.pagination import PageArgsSchema, PageSchema
from tourism.core.schemas import AMOUNT_CNY, ROW_ID, CityCode, Date

LICENCE_NO = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9-]{2,31}$",
                             error="Use 3–32 letters, digits and hyphens, e.g. L-GD-100123.")
SCOPES = ("domestic", "outbound")
DECISIONS = ("filed", "returned")
LICENCE_STATUSES = ("active", "suspended", "revoked")


class AgencyCreateSchema(Schema):
    licence_no = fields.String(required=True, validate=LICENCE_NO)
    name = fields.String(required=True, validate=validate.Length(min=2, max=200),
                         metadata={"description": "Registered Chinese name"})
    name_en = fields.String(load_default="", validate=validate.Length(max=200))
    home_city = CityCode(required=True)
    outbound = fields.Boolean(load_default=False)
    deposit_cny = fields.Integer(load_default=0, validate=AMOUNT_CNY)
    licensed_on = Date(load_default=None, allow_none=True,
                              metadata={"description": "Date of the business licence; checks the two-year rule "
                                                       "for outbound business"})
    complaint_phone = fields.String(load_default="", validate=validate.Length(max=40))


class AgencyUpdateSchema(Schema):
    version = fields.Integer(required=True)
    name = fields.String(validate=validate.Length(min=2, max=200), data_key="name", attribute="name_zh")
    name_en = fields.String(validate=validate.Length(max=200))
    outbound = fields.Boolean()
    deposit_cny = fields.Integer(validate=AMOUNT_CNY)
    licensed_on = Date(allow_none=True)
    complaint_phone = fields.String(validate=validate.Length(max=40))


class LicenceStatusChangeSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(LICENCE_STATUSES))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    version = fields.Integer(load_default=None)


class AgencySchema(Schema):
    licence_no = fields.String()
    name = fields.String(attribute="name_zh")
    name_en = fields.String()
    home_city = fields.String()
    outbound = fields.Boolean()
    scope = fields.String(validate=validate.OneOf(SCOPES))
    licence_status = fields.String()
    licensed_on = Date(allow_none=True)
    deposit_cny = fields.Integer()
    complaint_phone = fields.String()
    version = fields.Integer()


class AgencyListSchema(PageSchema):
    items = fields.List(fields.Nested(AgencySchema))


class AgencyQuerySchema(PageArgsSchema):
    city = CityCode(load_default=None)
    scope = fields.String(load_default=None, validate=validate.OneOf(SCOPES))
    q = fields.String(load_default=None, validate=validate.Length(max=100))


class EstablishmentQuerySchema(AgencyQuerySchema):
    status = fields.String(load_default=None, validate=validate.OneOf(("submitted", "filed", "returned", "closed")),
                           metadata={"description": "Regulators only; the public sees filed offices"})


class BranchCreateSchema(Schema):
    city = CityCode(required=True)
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    address = fields.String(required=True, validate=validate.Length(min=2, max=300))
    manager = fields.String(load_default="", validate=validate.Length(max=100))
    outbound = fields.Boolean(load_default=False)
    established_on = Date(required=True, metadata={"description": "Date of registration with the market "
                                                                         "regulator (设立登记)"})


class OutletCreateSchema(Schema):
    city = CityCode(required=True)
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    address = fields.String(required=True, validate=validate.Length(min=2, max=300))
    manager = fields.String(load_default="", validate=validate.Length(max=100))
    established_on = Date(required=True)
    branch_id = fields.Integer(load_default=None, allow_none=True, validate=ROW_ID,
                               metadata={"description": "The branch the outlet belongs to, if not the agency"})


class ResubmissionSchema(Schema):
    version = fields.Integer(required=True)
    name = fields.String(validate=validate.Length(min=2, max=200))
    address = fields.String(validate=validate.Length(min=2, max=300))
    manager = fields.String(validate=validate.Length(max=100))
    outbound = fields.Boolean()
    established_on = Date()


class ClosureSchema(Schema):
    closed_on = Date(required=True)
    version = fields.Integer(load_default=None)


class FilingDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(DECISIONS))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    version = fields.Integer(load_default=None, metadata={"description": "Optimistic lock: the version you saw"})


class DepositLineSchema(Schema):
    item = fields.String()
    description = fields.String()
    amount_cny = fields.Integer()
    rule = fields.String(metadata={"description": "The article the amount comes from"})
    establishment_id = fields.Integer(allow_none=True)


class DepositSchema(Schema):
    required_cny = fields.Integer()
    held_cny = fields.Integer()
    shortfall_cny = fields.Integer()
    lines = fields.List(fields.Nested(DepositLineSchema))


class EstablishmentSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    agency_licence_no = fields.String(attribute="agency.licence_no")
    agency_name = fields.String(attribute="agency.name_zh")
    branch_id = fields.Integer(allow_none=True)
    city = fields.String()
    name = fields.String()
    address = fields.String()
    manager = fields.String()
    outbound = fields.Boolean()
    established_on = Date()
    status = fields.String()
    filing_no = fields.String(allow_none=True)
    return_reason = fields.String(allow_none=True)
    submitted_at = fields.DateTime()
    decided_at = fields.DateTime(allow_none=True)
    closed_on = Date(allow_none=True)
    decision_due = Date(attribute="clock.decision_due")
    overdue = fields.Boolean(attribute="clock.overdue")
    submitted_late = fields.Boolean(attribute="clock.submitted_late")
    version = fields.Integer()


class FilingResultSchema(EstablishmentSchema):
    deposit = fields.Nested(DepositSchema, metadata={"description": "The agency's deposit when the decision was made"})


class EstablishmentListSchema(PageSchema):
    items = fields.List(fields.Nested(EstablishmentSchema))


class AgencyDetailSchema(AgencySchema):
    branches = fields.List(fields.Nested(EstablishmentSchema))
    outlets = fields.List(fields.Nested(EstablishmentSchema))
