from flask import url_for
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from tourism.core.pagination import PageArgsSchema, list_schema
from tourism.core.schemas import Date
from tourism.guides.enums import AffiliationKind, GuideRole, GuideStatus, Level, RecordedStatus
from tourism.guides.validation import (
    LANGUAGE_MESSAGE,
    LANGUAGE_PATTERN,
    LICENCE_NO_MESSAGE,
    LICENCE_NO_PATTERN,
    NAME_MAX,
    REASON_MAX,
)
from tourism.zone.schemas import CityCode

LICENCE = validate.Regexp(LICENCE_NO_PATTERN, error=LICENCE_NO_MESSAGE)
LANGUAGE = fields.String(validate=validate.Regexp(LANGUAGE_PATTERN, error=LANGUAGE_MESSAGE))
MAX_TOUR_DAYS = 366


class GuideCreateSchema(Schema):
    licence_no = fields.String(required=True, validate=LICENCE)
    name = fields.String(required=True, validate=validate.Length(min=1, max=NAME_MAX))
    home_city = CityCode(required=True)
    level = Level.field(required=True)
    languages = fields.List(LANGUAGE, required=True, validate=validate.Length(min=1, max=10))
    issued_on = Date(required=True)
    expires_on = Date(required=True)
    id_number = fields.String(load_only=True, load_default=None, validate=validate.Length(max=30),
                              metadata={"description": "Stored only as a keyed hash"})


class GuideUpdateSchema(Schema):
    version = fields.Integer(required=True)
    name = fields.String(validate=validate.Length(min=1, max=NAME_MAX))
    level = Level.field()
    languages = fields.List(LANGUAGE, validate=validate.Length(min=1, max=10))
    issued_on = Date()
    expires_on = Date(metadata={"description": "A renewal moves the expiry (at most 3 years after issue)"})


class StatusChangeSchema(Schema):
    status = RecordedStatus.field(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=REASON_MAX))
    until = Date(load_default=None, allow_none=True,
                        metadata={"description": "Last day of a suspension; without it the suspension is open-ended"})
    version = fields.Integer(load_default=None)


class AffiliationCreateSchema(Schema):
    agency_licence_no = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=32),
                                      metadata={"description": "The employing agency (required for employment)"})
    kind = AffiliationKind.field(required=True)
    association = fields.String(load_default="", validate=validate.Length(max=200),
                                metadata={"description": "Name of the guide association, for kind association"})
    start_on = Date(required=True)
    end_on = Date(load_default=None, allow_none=True)


class AffiliationEndSchema(Schema):
    end_on = Date(required=True)


class AffiliationSchema(Schema):
    id = fields.Integer()
    kind = AffiliationKind.field()
    agency_licence_no = fields.Function(lambda a: a.agency.licence_no if a.agency else None, allow_none=True)
    agency_name = fields.Function(lambda a: a.agency.name_zh if a.agency else None, allow_none=True)
    association = fields.String()
    start_on = Date()
    end_on = Date(allow_none=True)


class BarCreateSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=REASON_MAX))
    start_on = Date(required=True)
    end_on = Date(load_default=None, allow_none=True)


class BarLiftSchema(Schema):
    end_on = Date(required=True, metadata={"description": "The bar's last day"})


class BarSchema(Schema):
    id = fields.Integer()
    reason = fields.String()
    start_on = Date()
    end_on = Date(allow_none=True)


class GuideSchema(Schema):
    licence_no = fields.String()
    name = fields.String()
    home_city = fields.String()
    level = Level.field()
    languages = fields.List(fields.String(), attribute="language_codes")
    issued_on = Date()
    expires_on = Date()
    status = GuideStatus.field()
    suspended_until = Date(allow_none=True)
    has_photo = fields.Function(lambda g: g.photo is not None)
    affiliations = fields.List(fields.Nested(AffiliationSchema))
    bars = fields.List(fields.Nested(BarSchema))
    version = fields.Integer()


class GuideCardSchema(Schema):
    """What an inspector needs, and nothing more."""

    licence_no = fields.String()
    name = fields.String()
    level = Level.field()
    languages = fields.List(fields.String(), attribute="language_codes")
    status = GuideStatus.field()
    affiliation = fields.String(allow_none=True)
    valid_from = Date()
    valid_to = Date()
    photo_url = fields.Function(
        lambda card: url_for("guides.photo", licence_no=card.licence_no) if card.has_photo else None,
        allow_none=True)


class GuideQuerySchema(PageArgsSchema):
    q = fields.String(load_default=None, validate=validate.Length(max=100))
    city = CityCode(load_default=None)
    status = GuideStatus.field(load_default=None)
    level = Level.field(load_default=None)
    language = fields.String(load_default=None, validate=validate.Regexp(LANGUAGE_PATTERN, error=LANGUAGE_MESSAGE))
    sort = fields.String(load_default="licence", validate=validate.OneOf(["licence", "name", "expires"]),
                         metadata={"description": "licence number, name, or soonest expiry first"})


class GuideSummarySchema(Schema):
    licence_no = fields.String()
    name = fields.String()
    home_city = fields.String()
    level = Level.field()
    languages = fields.List(fields.String(), attribute="language_codes")
    expires_on = Date()
    status = GuideStatus.field()


GuideListSchema = list_schema(GuideSummarySchema, "GuideListSchema")


class EligibilityRequestSchema(Schema):
    licence_no = fields.String(required=True, validate=validate.Length(min=1, max=32))
    cities = fields.List(CityCode(), required=True, validate=validate.Length(min=1, max=21))
    start_on = Date(required=True)
    end_on = Date(required=True)
    agency_licence_no = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=32))
    language = fields.String(load_default=None, allow_none=True,
                             validate=validate.Regexp(LANGUAGE_PATTERN, error=LANGUAGE_MESSAGE))
    role = GuideRole.field(load_default=GuideRole.LOCAL,
                         metadata={"description": "local (地陪, bound by the recognition rules) or escort (全陪)"})

    @validates_schema
    def check_range(self, data, **kwargs):
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            raise ValidationError("The tour ends on or after its first day.", "end_on")
        if start and end and (end - start).days >= MAX_TOUR_DAYS:
            raise ValidationError(f"A tour lasts at most {MAX_TOUR_DAYS} days.", "end_on")


class CheckSchema(Schema):
    code = fields.String()
    passed = fields.Boolean()
    message = fields.String()


class EligibilityResponseSchema(Schema):
    eligible = fields.Boolean()
    checks = fields.List(fields.Nested(CheckSchema))
    cities = fields.Dict(keys=fields.String(), values=fields.Boolean())


class CredentialSchema(Schema):
    credential = fields.String()
    expires_at = fields.String()
    claims = fields.Dict()


class CredentialVerifyRequestSchema(Schema):
    credential = fields.String(required=True, validate=validate.Length(min=1, max=4000))


class CredentialVerificationSchema(Schema):
    valid = fields.Boolean()
    reason = fields.String(metadata={"description": "ok, malformed, bad_signature, expired, licence_not_active, "
                                                    "licence_out_of_date, not_in_registry, licence_not_active_now"})
    claims = fields.Dict(allow_none=True)
    current_status = fields.String(allow_none=True, metadata={"description": "The registry's status now"})
    check = fields.String(metadata={"description": "online: checked against the registry now, not only the "
                                                   "signature (which an offline device can check alone)"})


class PublicKeySchema(Schema):
    kid = fields.String()
    alg = fields.String()
    public_key = fields.String(metadata={"description": "Raw Ed25519 public key, base64url"})
    pem = fields.String()


class ImportQuerySchema(Schema):
    dry_run = fields.Boolean(load_default=True)


class RowFateSchema(Schema):
    line = fields.Integer()
    licence_no = fields.String()
    action = fields.String(metadata={"description": "create, update, unchanged or invalid"})
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class ImportReportSchema(Schema):
    committed = fields.Boolean()
    summary = fields.Dict(keys=fields.String(), values=fields.Integer())
    rows = fields.List(fields.Nested(RowFateSchema))
