from marshmallow import Schema, fields, validate

from tourism.agencies.enums import DepositKind, FilingStatus, LicenceStatus, OfficeKind, PenaltyKind, Scope
from tourism.agencies.validation import (
    ADDRESS_LENGTH,
    LICENCE_NO_MESSAGE,
    LICENCE_NO_PATTERN,
    MANAGER_LENGTH,
    NAME_LENGTH,
    REASON_LENGTH,
)
from tourism.core.pagination import PageArgsSchema, list_schema
from tourism.core.schemas import AMOUNT_CNY, ROW_ID, Date
from tourism.zone.schemas import CityCode

LICENCE_NO = validate.Regexp(LICENCE_NO_PATTERN, error=LICENCE_NO_MESSAGE)


class AgencyCreateSchema(Schema):
    licence_no = fields.String(required=True, validate=LICENCE_NO)
    name = fields.String(required=True, validate=validate.Length(**NAME_LENGTH),
                         metadata={"description": "Registered Chinese name"})
    name_en = fields.String(load_default="", validate=validate.Length(max=NAME_LENGTH["max"]))
    home_city = CityCode(required=True)
    outbound = fields.Boolean(load_default=False)
    deposit_cny = fields.Integer(load_default=0, validate=AMOUNT_CNY)
    licensed_on = Date(load_default=None, allow_none=True, metadata={
        "description": "Date of the business licence; checks the two-year rule for outbound business"})
    complaint_phone = fields.String(load_default="", validate=validate.Length(max=40))
    deposit_kind = DepositKind.field(load_default=DepositKind.ACCOUNT, metadata={
        "description": "account (cash) or guarantee (bank guarantee, art. 13)"})
    deposit_since = Date(load_default=None, allow_none=True, metadata={
        "description": "Day the deposit was paid in or last topped up: art. 17's three years run from it"})
    guarantee_expires_on = Date(load_default=None, allow_none=True,
                                metadata={"description": "A bank guarantee's last valid day"})


class AgencyUpdateSchema(Schema):
    version = fields.Integer(required=True)
    name = fields.String(validate=validate.Length(**NAME_LENGTH), data_key="name", attribute="name_zh")
    name_en = fields.String(validate=validate.Length(max=NAME_LENGTH["max"]))
    outbound = fields.Boolean()
    deposit_cny = fields.Integer(validate=AMOUNT_CNY)
    licensed_on = Date(allow_none=True)
    complaint_phone = fields.String(validate=validate.Length(max=40))
    deposit_kind = DepositKind.field(metadata={"description": "account (cash) or guarantee (bank guarantee, art. 13)"})
    deposit_since = Date(allow_none=True, metadata={
        "description": "Day the deposit was paid in or last topped up: art. 17's three years run from it"})
    guarantee_expires_on = Date(allow_none=True, metadata={"description": "A bank guarantee's last valid day"})


class LicenceStatusChangeSchema(Schema):
    status = LicenceStatus.field(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, **REASON_LENGTH))
    version = fields.Integer(load_default=None)


class AgencySchema(Schema):
    licence_no = fields.String()
    name = fields.String(attribute="name_zh")
    name_en = fields.String()
    home_city = fields.String()
    outbound = fields.Boolean()
    scope = Scope.field()
    licence_status = LicenceStatus.field()
    licensed_on = Date(allow_none=True)
    deposit_cny = fields.Integer()
    deposit_kind = DepositKind.field(metadata={"description": "account (cash) or guarantee (bank guarantee, art. 13)"})
    deposit_since = Date(allow_none=True, metadata={
        "description": "Day the deposit was paid in or last topped up: art. 17's three years run from it"})
    guarantee_expires_on = Date(allow_none=True, metadata={"description": "A bank guarantee's last valid day"})
    complaint_phone = fields.String()
    version = fields.Integer()


AgencyListSchema = list_schema(AgencySchema, "AgencyListSchema")


class AgencyQuerySchema(PageArgsSchema):
    city = CityCode(load_default=None)
    scope = Scope.field(load_default=None)
    q = fields.String(load_default=None, validate=validate.Length(max=100))


class OfficeQuerySchema(AgencyQuerySchema):
    status = FilingStatus.field(load_default=None,
                                metadata={"description": "Regulators only; the public sees filed offices"})


class OfficeFieldsSchema(Schema):
    """What the agency states about any office it opens."""

    name = fields.String(required=True, validate=validate.Length(**NAME_LENGTH))
    address = fields.String(required=True, validate=validate.Length(**ADDRESS_LENGTH))
    manager = fields.String(load_default="", validate=validate.Length(**MANAGER_LENGTH))
    established_on = Date(required=True, metadata={
        "description": "Date of registration with the market regulator (设立登记)"})


class BranchCreateSchema(OfficeFieldsSchema):
    city = CityCode(required=True)
    outbound = fields.Boolean(load_default=False)


class OutletCreateSchema(OfficeFieldsSchema):
    city = CityCode(required=True)
    branch_id = fields.Integer(load_default=None, allow_none=True, validate=ROW_ID,
                               metadata={"description": "The branch the outlet belongs to, if not the agency"})


class ResubmissionSchema(OfficeFieldsSchema):
    """Any of the office's own fields, corrected, and the version read: load it with ``partial=CORRECTABLE``."""

    CORRECTABLE = ("name", "address", "established_on")

    version = fields.Integer(required=True)
    manager = fields.String(validate=validate.Length(**MANAGER_LENGTH))
    outbound = fields.Boolean()


class ClosureSchema(Schema):
    closed_on = Date(required=True)
    version = fields.Integer(load_default=None)


class FilingDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf((FilingStatus.FILED, FilingStatus.RETURNED)))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(**REASON_LENGTH))
    version = fields.Integer(load_default=None, metadata={"description": "Optimistic lock: the version you saw"})


class DepositLineSchema(Schema):
    item = fields.String()
    description = fields.String()
    amount_cny = fields.Integer()
    rule = fields.String(metadata={"description": "The article the amount comes from"})
    office_id = fields.Integer(allow_none=True)


class DepositSchema(Schema):
    required_cny = fields.Integer()
    held_cny = fields.Integer(metadata={"description": "0 from the day a bank guarantee expires"})
    shortfall_cny = fields.Integer()
    kind = DepositKind.field()
    guarantee_expires_on = Date(allow_none=True)
    guarantee_expired = fields.Boolean()
    guarantee_expiring = fields.Boolean()
    reduced_from = Date(allow_none=True, metadata={"description": "Art. 17's 50% reduction applies from this day"})
    reduction_possible_from = Date(allow_none=True, metadata={
        "description": "When art. 17's reduction would apply, if no fine-or-heavier penalty for harming "
                       "tourists' rights intervenes"})
    lines = fields.List(fields.Nested(DepositLineSchema))


class PenaltyCreateSchema(Schema):
    kind = PenaltyKind.field(required=True)
    decided_on = Date(required=True)
    harms_tourists = fields.Boolean(required=True, metadata={
        "description": "For harming tourists' rights (侵害旅游者合法权益)"})
    document_no = fields.String(required=True, validate=validate.Length(min=1, max=64))
    authority = fields.String(required=True, validate=validate.Length(min=1, max=200))


class PenaltySchema(Schema):
    id = fields.Integer()
    kind = PenaltyKind.field()
    decided_on = Date()
    harms_tourists = fields.Boolean()
    document_no = fields.String()
    authority = fields.String()
    recorded_by = fields.String()
    recorded_at = fields.DateTime()


PenaltyListSchema = list_schema(PenaltySchema, "PenaltyListSchema")


class OfficeSchema(Schema):
    id = fields.Integer()
    kind = OfficeKind.field()
    agency_licence_no = fields.String(attribute="agency.licence_no")
    agency_name = fields.String(attribute="agency.name_zh")
    branch_id = fields.Integer(allow_none=True)
    city = fields.String()
    name = fields.String()
    address = fields.String()
    manager = fields.String()
    outbound = fields.Boolean()
    established_on = Date()
    status = FilingStatus.field()
    filing_no = fields.String(allow_none=True)
    return_reason = fields.String(allow_none=True)
    submitted_at = fields.DateTime()
    decided_at = fields.DateTime(allow_none=True)
    closed_on = Date(allow_none=True)
    submission_due = Date(metadata={"description": "The agency's limit: 3 working days after registration "
                                                   "(《旅行社条例》art. 10)"})
    decision_due = Date(metadata={"description": "The authority's limit (a setting: only a draft sets it)"})
    deadlines_provisional = fields.Boolean(metadata={
        "description": "A limit counts through a year whose holiday notice is not loaded yet"})
    overdue = fields.Boolean(attribute="clock.overdue")
    submitted_late = fields.Boolean(attribute="clock.submitted_late")
    version = fields.Integer()


OfficeListSchema = list_schema(OfficeSchema, "OfficeListSchema")


class FilingResultSchema(OfficeSchema):
    """A FilingDecision: the office as decided, and the agency's deposit when the decision was made."""

    deposit = fields.Nested(DepositSchema, metadata={"description": "The agency's deposit when the decision was made"})

    def get_attribute(self, obj, attr, default):
        return super().get_attribute(obj if attr == "deposit" else obj.office, attr, default)


class AgencyDetailSchema(AgencySchema):
    """An AgencyView: the agency's own fields, and the offices its viewer may see."""

    branches = fields.List(fields.Nested(OfficeSchema))
    outlets = fields.List(fields.Nested(OfficeSchema))

    def get_attribute(self, obj, attr, default):
        return super().get_attribute(obj if attr in ("branches", "outlets") else obj.agency, attr, default)
