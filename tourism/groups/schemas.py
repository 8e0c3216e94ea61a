"""The tour-group API's shapes: the filing, what each audience reads, the public sheet."""

from marshmallow import Schema, fields, validate

from tourism.core.pagination import list_schema
from tourism.core.schemas import PHONE, Date
from tourism.core.urls import public_url
from tourism.groups.enums import Origin, ReceivingStatus, StopKind
from tourism.groups.service import sheet_days
from tourism.guides.enums import GuideRole
from tourism.guides.validation import LANGUAGE_MESSAGE, LANGUAGE_PATTERN
from tourism.planner.schemas import HHMM
from tourism.zone.schemas import PrefectureCode

LICENCE = validate.Length(min=1, max=32)
ROW_ID = validate.Range(min=1, max=2**31 - 1)


class LeaderSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    phone = fields.String(required=True, validate=PHONE)


class OriginSchema(Schema):
    kind = Origin.field(load_default=Origin.DOMESTIC)
    region = fields.String(load_default="", validate=validate.Length(max=100),
                           metadata={"description": "Where inbound tourists come from: Hong Kong, Macau, Taiwan, "
                                                    "a country"})


class ContractSchema(Schema):
    no = fields.String(load_default="", validate=validate.Length(max=64),
                       metadata={"description": "The electronic contract's number"})
    city = PrefectureCode(load_default=None, allow_none=True,
                          metadata={"description": "Where the contract was signed: it feeds complaint jurisdiction"})
    end_on = Date(load_default=None, allow_none=True)
    shopping_minutes = fields.Integer(
        strict=True, load_default=0, validate=validate.Range(min=0, max=60 * 24 * 60),
        metadata={"description": "Shopping the contract agrees to, in minutes (《旅游法》art. 35); more on the sheet "
                                 "is flagged"})


class CoachSchema(Schema):
    plate = fields.String(load_default="", validate=validate.Length(max=16))
    operator = fields.String(load_default="", validate=validate.Length(max=200))
    driver = fields.String(load_default="", validate=validate.Length(max=100))


class StopInSchema(Schema):
    time = fields.String(required=True, validate=HHMM)
    poi_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    place = fields.String(load_default="", validate=validate.Length(max=200))
    city = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=6))
    kind = StopKind.field(required=True)
    minutes = fields.Integer(strict=True, required=True, validate=validate.Range(min=0, max=1440))


class DayInSchema(Schema):
    date = Date(required=True)
    stops = fields.List(fields.Nested(StopInSchema), load_default=list, validate=validate.Length(max=40))


class GuideInSchema(Schema):
    licence_no = fields.String(required=True, validate=validate.Length(min=1, max=16))
    role = GuideRole.field(required=True)
    cities = fields.List(PrefectureCode(), load_default=list, validate=validate.Length(max=21))
    start_on = Date(load_default=None, allow_none=True)
    end_on = Date(load_default=None, allow_none=True)
    agency_licence_no = fields.String(load_default=None, allow_none=True, validate=LICENCE, metadata={
        "description": "The dispatching agency: the organiser (default) or a receiving agency of those days"})


class ReceivingInSchema(Schema):
    agency_licence_no = fields.String(required=True, validate=LICENCE)
    branch_id = fields.Integer(strict=True, load_default=None, allow_none=True, validate=ROW_ID)
    cities = fields.List(PrefectureCode(), required=True, validate=validate.Length(min=1, max=21))
    start_on = Date(required=True)
    end_on = Date(required=True)


class GroupFilingSchema(Schema):
    agency_licence_no = fields.String(required=True, validate=LICENCE)
    branch_id = fields.Integer(strict=True, load_default=None, allow_none=True, validate=ROW_ID)
    start_on = Date(required=True)
    end_on = Date(required=True)
    tourists = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=10000))
    leader = fields.Nested(LeaderSchema, required=True)
    language = fields.String(load_default=None, allow_none=True,
                             validate=validate.Regexp(LANGUAGE_PATTERN, error=LANGUAGE_MESSAGE))
    origin = fields.Nested(OriginSchema, load_default=None, allow_none=True)
    contract = fields.Nested(ContractSchema, load_default=None, allow_none=True)
    coach = fields.Nested(CoachSchema, load_default=None, allow_none=True)
    itinerary_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=32),
                                 metadata={"description": "A saved plan of the planner: its days become the sheet's"})
    days = fields.List(fields.Nested(DayInSchema), load_default=None, allow_none=True,
                       validate=validate.Length(max=60))
    guides = fields.List(fields.Nested(GuideInSchema), load_default=list, validate=validate.Length(max=50))
    receiving = fields.List(fields.Nested(ReceivingInSchema), load_default=list, validate=validate.Length(max=20))


class GroupAmendSchema(GroupFilingSchema):
    version = fields.Integer(strict=True, required=True, validate=ROW_ID)


class FilingCheckSchema(Schema):
    code = fields.String()
    passed = fields.Boolean()
    message = fields.String()
    blocking = fields.Boolean(metadata={"description": "False for a warning: shown, not refused"})
    subject = fields.String(allow_none=True)


class PartFilingSchema(Schema):
    version = fields.Integer(strict=True, required=True, validate=ROW_ID)
    days = fields.List(fields.Nested(DayInSchema), load_default=None, validate=validate.Length(max=60), metadata={
        "description": "The stops of the days and cities handed over (they replace the ones there); left out, "
                       "they stay"})
    guides = fields.List(fields.Nested(GuideInSchema), load_default=None, validate=validate.Length(max=50), metadata={
        "description": "The local guides the receiving agency dispatches there (they replace its earlier ones); "
                       "left out, they stay"})


class GroupFiledSchema(Schema):
    group_no = fields.String()
    version = fields.Integer()
    checks = fields.List(fields.Nested(FilingCheckSchema))
    sheet_url = fields.String()


class ReceivingDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf([ReceivingStatus.ACCEPTED,
                                                                     ReceivingStatus.DECLINED]))
    reason = fields.String(load_default="", validate=validate.Length(max=1000))
    version = fields.Integer(strict=True, load_default=None, validate=ROW_ID, metadata={
        "description": "The group's version the answer is for: a group changed since is answered again (409)"})


class CityGroupsArgsSchema(Schema):
    date = Date(required=True)
    shopping_over = fields.Boolean(load_default=None, allow_none=True)
    with_findings = fields.Boolean(load_default=None, allow_none=True)
    guides_not_eligible = fields.Boolean(load_default=None, allow_none=True)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=200))


def verify_url(licence_no: str) -> str:
    return public_url("guides.verify_page", licence_no=licence_no)


class StopSchema(Schema):
    time = fields.String()
    poi_id = fields.String(allow_none=True)
    place = fields.String()
    city = fields.String()
    kind = StopKind.field()
    minutes = fields.Integer()


class GuideOnSheetSchema(Schema):
    licence_no = fields.Function(lambda g: g.guide.licence_no)
    name = fields.Function(lambda g: g.guide.name)
    role = GuideRole.field()
    cities = fields.List(fields.String())
    start_on = fields.Date()
    end_on = fields.Date()
    verify_url = fields.Function(lambda g: verify_url(g.guide.licence_no))


class AssignedGuideSchema(GuideOnSheetSchema):
    agency_licence_no = fields.Function(lambda g: g.dispatched_by.licence_no)
    eligible = fields.Boolean()


class ReceivingSchema(Schema):
    agency_licence_no = fields.Function(lambda p: p.agency.licence_no)
    agency_name = fields.Function(lambda p: p.agency.name_zh)
    branch_id = fields.Integer(allow_none=True)
    cities = fields.List(fields.String())
    start_on = fields.Date()
    end_on = fields.Date()
    status = ReceivingStatus.field()
    reason = fields.String()


class AgencyRefSchema(Schema):
    licence_no = fields.String()
    name = fields.String(attribute="name_zh")
    home_city = fields.String()


class AgencyContactSchema(AgencyRefSchema):
    complaint_phone = fields.String()


class BranchRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    city = fields.String()
    filing_no = fields.String(allow_none=True)


class DaySchema(Schema):
    date = fields.Date(attribute="day")
    cities = fields.List(fields.String())
    stops = fields.List(fields.Nested(StopSchema))
    guides = fields.List(fields.Nested(GuideOnSheetSchema))


class VersionSummarySchema(Schema):
    version = fields.Integer()
    filed_at = fields.DateTime()
    filed_by = fields.String()
    checks = fields.List(fields.Nested(FilingCheckSchema))


class VersionSchema(VersionSummarySchema):
    body = fields.Dict(metadata={"description": "The version as filed (without the leader's contact)"})


def _days(group) -> list:
    return DaySchema(many=True).dump(sheet_days(group))


class GroupHeadSchema(Schema):
    """What every view of a group starts with: its number, its agency and branch, its dates and route."""

    group_no = fields.String()
    agency = fields.Nested(AgencyRefSchema)
    branch = fields.Nested(BranchRefSchema, allow_none=True)
    start_on = fields.Date()
    end_on = fields.Date()
    tourists = fields.Integer()
    cities = fields.List(fields.String())


class SheetSchema(GroupHeadSchema):
    """The public electronic itinerary sheet: what a tourist and an inspector need, nothing personal."""

    agency = fields.Nested(AgencyContactSchema)
    language = fields.String(allow_none=True)
    coach_plate = fields.String()
    days = fields.Function(_days)
    complaint_url = fields.Function(lambda g: public_url("complaints.new_complaint", group=g.group_no))
    version = fields.Integer()


class GroupSchema(SheetSchema):
    """The group as the agencies, its guides and the regulators keeping its file read it (with the leader)."""

    filing_city = fields.String()
    origin = fields.Function(lambda g: {"kind": g.origin, "region": g.origin_region})
    contract = fields.Function(lambda g: {"no": g.contract_no, "city": g.contract_city,
                                          "end_on": g.contract_end_on.isoformat() if g.contract_end_on else None,
                                          "shopping_minutes": g.shopping_allowed_minutes})
    shopping_minutes = fields.Integer()
    shopping_over = fields.Boolean()
    leader = fields.Function(lambda g: {"name": g.leader_name, "phone": g.leader_phone})
    coach = fields.Function(lambda g: {"plate": g.coach_plate, "operator": g.coach_operator,
                                       "driver": g.coach_driver})
    itinerary_id = fields.String(allow_none=True)
    guides = fields.List(fields.Nested(AssignedGuideSchema))
    receiving = fields.List(fields.Nested(ReceivingSchema))
    checks = fields.Function(lambda g: g.versions[-1].checks if g.versions else [])
    versions = fields.List(fields.Nested(VersionSchema))
    inspections_count = fields.Integer()
    findings_count = fields.Integer()
    filed_at = fields.DateTime()


class GroupRouteSchema(GroupSchema):
    """The group as a regulator or inspector of a city on its route reads it: no personal data."""

    leader = fields.Constant(None)
    coach = fields.Function(lambda g: {"plate": g.coach_plate, "operator": g.coach_operator})
    versions = fields.List(fields.Nested(VersionSummarySchema))


class CityGroupSchema(GroupHeadSchema):
    """A group in a city's list: its guides and the flags the regulators filter on."""

    guides = fields.List(fields.Nested(AssignedGuideSchema))
    shopping_over = fields.Boolean()
    guides_eligible = fields.Boolean()
    findings_count = fields.Integer()
    sheet_url = fields.Function(lambda g: public_url("groups.sheet", group_no=g.group_no))


CityGroupListSchema = list_schema(CityGroupSchema, "CityGroupListSchema")
