"""JSON API: guide licences, affiliations, status, cross-city eligibility, credentials, CSV exchange."""

from functools import partial

from flask import Response, request
from flask_login import current_user

from tourism.core import audit, clock
from tourism.core.api import Blueprint
from tourism.core.authz import require
from tourism.core.errors import NotFound
from tourism.core.schemas import HistoryEntrySchema
from tourism.extensions import db, limiter
from tourism.guides import credentials, csv_exchange, service
from tourism.guides.eligibility import check_eligibility
from tourism.guides.models import Affiliation, DisciplinaryBar
from tourism.guides.schemas import (
    AffiliationCreateSchema,
    AffiliationEndSchema,
    AffiliationSchema,
    BarCreateSchema,
    BarLiftSchema,
    BarSchema,
    CredentialSchema,
    CredentialVerificationSchema,
    CredentialVerifyRequestSchema,
    EligibilityRequestSchema,
    EligibilityResponseSchema,
    GuideCardSchema,
    GuideCreateSchema,
    GuideListSchema,
    GuideQuerySchema,
    GuideSchema,
    GuideUpdateSchema,
    ImportQuerySchema,
    ImportReportSchema,
    PublicKeySchema,
    StatusChangeSchema,
)

blp = Blueprint("guides_api", __name__, description="Guide licences and cross-city eligibility")

@blp.route("/guides", methods=["POST"])
@blp.arguments(GuideCreateSchema)
@blp.response(201, GuideSchema)
@blp.errors(401, 403, 409)
def create_guide(data):
    """Register a guide licence (admin, provincial, or the regulator of the guide's home city)."""
    require("guide.create", city=data["home_city"])
    guide = service.create_guide(db.session, current_user, **data)
    db.session.commit()
    return guide


@blp.route("/guides", methods=["GET"])
@blp.arguments(GuideQuerySchema, location="query")
@blp.response(200, GuideListSchema)
@blp.errors(401, 403)
def list_guides(query):
    """Search the registry by name or licence, home city, status, level and language (regulators)."""
    require("guide.registry")
    return service.search_guides(db.session, **_filters(query), page=query["page"], per_page=query["per_page"])


def _filters(query) -> dict:
    return {"text": query["q"], "city": query["city"], "status": query["status"], "level": query["level"],
            "language": query["language"], "sort": query["sort"]}


@blp.route("/guides/export.csv", methods=["GET"])
@blp.arguments(GuideQuerySchema, location="query")
@blp.response(200, description="CSV with English headers, readable by the import")
@blp.errors(401, 403)
def export_guides(query):
    """The guides matching the filters as CSV (regulators)."""
    require("guide.registry")
    guides = db.session.scalars(service.guides_query(**_filters(query)))
    return Response(csv_exchange.export(guides), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=guides.csv"})


@blp.route("/guides/imports", methods=["POST"])
@blp.arguments(ImportQuerySchema, location="query")
@blp.response(200, ImportReportSchema)
@blp.errors(400, 401, 403)
@blp.doc(requestBody={"content": {
    "text/csv": {"schema": {"type": "string"}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string",
                                                                                  "format": "binary"}}}}}})
def import_guides(query):
    """Import guides from CSV: ?dry_run=true (the default) reports every row's fate; false commits the valid rows."""
    require("guide.import")
    upload = request.files.get("file")
    text = csv_exchange.decode(upload.read() if upload else request.get_data())
    city = None if current_user.role == "provincial" else current_user.city_code
    report = csv_exchange.run(db.session, current_user, text=text, allowed_city=city, commit=not query["dry_run"])
    if report.committed:
        db.session.commit()
    else:
        db.session.rollback()
    return report


@blp.route("/guides/<licence_no>", methods=["GET"])
@blp.response(200, GuideSchema)
@blp.errors(401, 403, 404)
def get_guide(licence_no):
    """The full record (regulators, and the guide themself)."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.view", guide)
    return guide


@blp.route("/guides/<licence_no>/card", methods=["GET"])
@blp.response(200, GuideCardSchema)
@blp.errors(404)
def get_card(licence_no):
    """What an inspector sees: name, level, languages, status, affiliation, photo (public)."""
    return service.inspector_card(service.get_guide(db.session, licence_no))


@blp.route("/guides/<licence_no>", methods=["PATCH"])
@blp.arguments(GuideUpdateSchema)
@blp.response(200, GuideSchema)
@blp.errors(401, 403, 404, 409)
def update_guide(data, licence_no):
    """Correct or renew a licence (home city's regulator or provincial)."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.regulate", guide)
    service.update_guide(db.session, current_user, guide, **data)
    db.session.commit()
    return guide


@blp.route("/guides/<licence_no>/status", methods=["POST"])
@blp.arguments(StatusChangeSchema)
@blp.response(200, GuideSchema)
@blp.errors(401, 403, 404, 409)
def change_status(data, licence_no):
    """Suspend (until a last day), reinstate or revoke, with a reason (home city's regulator or provincial)."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.regulate", guide)
    service.change_status(db.session, current_user, guide, **data)
    db.session.commit()
    return guide


@blp.route("/guides/<licence_no>/history", methods=["GET"])
@blp.response(200, HistoryEntrySchema(many=True))
@blp.errors(401, 403, 404)
def guide_history(licence_no):
    """Every change to the licence, oldest first (append-only)."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.view", guide)
    return audit.history(db.session, guide.stream)


@blp.route("/guides/<licence_no>/affiliations", methods=["POST"])
@blp.arguments(AffiliationCreateSchema)
@blp.response(201, AffiliationSchema)
@blp.errors(401, 403, 404)
def add_affiliation(data, licence_no):
    """Record employment by an agency or registration with a guide association."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.affiliate", **service.affiliation_scope(db.session, guide, kind=data["kind"],
                                                           agency_licence_no=data["agency_licence_no"]))
    affiliation = service.add_affiliation(db.session, current_user, guide, **data)
    db.session.commit()
    return affiliation


def _affiliation(guide, affiliation_id) -> Affiliation:
    affiliation = db.session.get(Affiliation, affiliation_id)
    if affiliation is None or affiliation.guide_id != guide.id:
        raise NotFound()
    return affiliation


@blp.route("/guides/<licence_no>/affiliations/<int:affiliation_id>/end", methods=["POST"])
@blp.arguments(AffiliationEndSchema)
@blp.response(200, AffiliationSchema)
@blp.errors(401, 403, 404)
def end_affiliation(data, licence_no, affiliation_id):
    """End an employment or registration on a given day."""
    guide = service.get_guide(db.session, licence_no)
    affiliation = _affiliation(guide, affiliation_id)
    require("guide.affiliate", city=guide.home_city, agency=affiliation.agency_id)
    service.end_affiliation(db.session, current_user, affiliation, end_on=data["end_on"])
    db.session.commit()
    return affiliation


@blp.route("/guides/<licence_no>/bars", methods=["POST"])
@blp.arguments(BarCreateSchema)
@blp.response(201, BarSchema)
@blp.errors(401, 403, 404)
def add_bar(data, licence_no):
    """Bar a guide from practising for a period (home city's regulator or provincial)."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.regulate", guide)
    bar = service.add_bar(db.session, current_user, guide, **data)
    db.session.commit()
    return bar


@blp.route("/guides/<licence_no>/bars/<int:bar_id>/lift", methods=["POST"])
@blp.arguments(BarLiftSchema)
@blp.response(200, BarSchema)
@blp.errors(401, 403, 404)
def lift_bar(data, licence_no, bar_id):
    """End a bar on a given last day."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.regulate", guide)
    bar = db.session.get(DisciplinaryBar, bar_id)
    if bar is None or bar.guide_id != guide.id:
        raise NotFound()
    service.lift_bar(db.session, current_user, bar, last_day=data["end_on"])
    db.session.commit()
    return bar


@blp.route("/eligibility", methods=["POST"])
@blp.arguments(EligibilityRequestSchema)
@blp.response(200, EligibilityResponseSchema)
def eligibility(data):
    """May this guide lead this group in these cities on these dates? Every check, with a reason (public)."""
    result = check_eligibility(db.session, **data)
    return {"eligible": result.eligible, "checks": result.checks, "cities": result.cities}


@blp.route("/guides/<licence_no>/credential", methods=["POST"])
@blp.response(201, CredentialSchema)
@blp.errors(401, 403, 404)
def issue_credential(licence_no):
    """Sign a short-lived credential for the guide (the guide themself, or regulators of the home city)."""
    guide = service.get_guide(db.session, licence_no)
    require("guide.credential", guide)
    token, claims = credentials.issue(guide)
    return {"credential": token, "expires_at": claims["exp"], "claims": claims}


@blp.route("/credentials/public-key", methods=["GET"])
@blp.response(200, PublicKeySchema)
def public_key():
    """The Ed25519 key that signs guide credentials, for checking them offline."""
    return credentials.published_key()


@blp.route("/credentials/verify", methods=["POST"])
@limiter.limit("120 per minute")
@blp.arguments(CredentialVerifyRequestSchema)
@blp.response(200, CredentialVerificationSchema)
def verify_credential(data):
    """Check a credential online: signature, expiry, the status it vouches for, and the registry's status now."""
    result = credentials.verify_online(data["credential"], credentials.signing_key().public_key(), clock.now(),
                                       partial(service.status_today, db.session))
    return {"valid": result.valid, "reason": result.reason, "claims": result.claims,
            "current_status": result.current_status, "check": "online"}
