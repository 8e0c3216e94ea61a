"""JSON API: the agency registry, branch and outlet filing, deposits, the public directory."""

from dataclasses import dataclass

from flask_login import current_user

from tourism.agencies import service
from tourism.agencies.deposit import deposit_statement
from tourism.agencies.models import Agency, FilingStatus, Kind
from tourism.agencies.schemas import (
    AgencyCreateSchema,
    AgencyDetailSchema,
    AgencyListSchema,
    AgencyQuerySchema,
    AgencySchema,
    AgencyUpdateSchema,
    BranchCreateSchema,
    ClosureSchema,
    DepositSchema,
    EstablishmentListSchema,
    EstablishmentQuerySchema,
    EstablishmentSchema,
    FilingDecisionSchema,
    FilingResultSchema,
    LicenceStatusChangeSchema,
    OutletCreateSchema,
    ResubmissionSchema,
)
from tourism.core import audit
from tourism.core.api import Blueprint
from tourism.core.authz import can, require
from tourism.core.errors import NotFound
from tourism.core.schemas import HistoryEntrySchema
from tourism.extensions import db

blp = Blueprint("agencies_api", __name__, description="Travel agencies, branch offices, service outlets, filing")

def _visible(establishment):
    """The public sees filed offices; the agency and regulators see every state."""
    return establishment.status == FilingStatus.FILED or can("agency.inspect", agency=establishment.agency_id)


@blp.route("/agencies", methods=["POST"])
@blp.arguments(AgencyCreateSchema)
@blp.response(201, AgencySchema)
@blp.errors(401, 403, 409)
def create_agency(data):
    """Register a licensed agency (the home city's regulator, provincial or admin)."""
    require("agency.create", city=data["home_city"])
    agency = service.create_agency(db.session, current_user, **data)
    db.session.commit()
    return agency


@blp.route("/agencies", methods=["GET"])
@blp.arguments(AgencyQuerySchema, location="query")
@blp.response(200, AgencyListSchema)
def list_agencies(query):
    """Public directory of agencies, by home city or a city with a filed office, scope and name."""
    return service.search_agencies(db.session, city=query["city"], scope=query["scope"], text=query["q"],
                                   page=query["page"], per_page=query["per_page"])


@dataclass
class AgencyDetail:
    """An agency with the offices this viewer may see; every other attribute is the agency's own."""

    agency: Agency
    branches: list
    outlets: list

    def __getattr__(self, name):
        return getattr(self.agency, name)


@blp.route("/agencies/<licence_no>", methods=["GET"])
@blp.response(200, AgencyDetailSchema)
@blp.errors(404)
def get_agency(licence_no):
    """An agency with its offices (filed ones for the public; all for the agency and regulators)."""
    agency = service.get_agency(db.session, licence_no)
    shown = [e for e in agency.establishments if _visible(e)]
    return AgencyDetail(agency, branches=[e for e in shown if e.kind == Kind.BRANCH],
                        outlets=[e for e in shown if e.kind == Kind.OUTLET])


@blp.route("/agencies/<licence_no>", methods=["PATCH"])
@blp.arguments(AgencyUpdateSchema)
@blp.response(200, AgencySchema)
@blp.errors(401, 403, 404, 409)
def update_agency(data, licence_no):
    """Update the licence record: deposit held, names, outbound scope (home city's regulator or provincial)."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", city=agency.home_city)
    version = data.pop("version")
    service.update_agency(db.session, current_user, agency, version, **data)
    db.session.commit()
    return agency


@blp.route("/agencies/<licence_no>/licence-status", methods=["POST"])
@blp.arguments(LicenceStatusChangeSchema)
@blp.response(200, AgencySchema)
@blp.errors(401, 403, 404, 409)
def change_licence_status(data, licence_no):
    """Suspend, reinstate or revoke an agency's licence, with a reason."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", city=agency.home_city)
    service.change_licence_status(db.session, current_user, agency, **data)
    db.session.commit()
    return agency


@blp.route("/agencies/<licence_no>/deposit", methods=["GET"])
@blp.response(200, DepositSchema)
@blp.errors(401, 403, 404)
def get_deposit(licence_no):
    """What the rules require the agency to hold, what it holds, the shortfall, and each line's rule."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.inspect", agency=agency.id)
    return deposit_statement(agency)


@blp.route("/agencies/<licence_no>/history", methods=["GET"])
@blp.response(200, HistoryEntrySchema(many=True))
@blp.errors(401, 403, 404)
def agency_history(licence_no):
    """Every change to the agency's record, oldest first."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.inspect", agency=agency.id)
    return audit.history(db.session, agency.stream)


@blp.route("/agencies/<licence_no>/branches", methods=["POST"])
@blp.arguments(BranchCreateSchema)
@blp.response(201, EstablishmentSchema)
@blp.errors(401, 403, 404)
def submit_branch(data, licence_no):
    """Open a branch office (分社) and submit it for filing in its city (the agency's admin)."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.manage", agency=agency.id)
    establishment = service.submit_establishment(db.session, current_user, agency, Kind.BRANCH, **data)
    db.session.commit()
    return establishment


@blp.route("/agencies/<licence_no>/outlets", methods=["POST"])
@blp.arguments(OutletCreateSchema)
@blp.response(201, EstablishmentSchema)
@blp.errors(401, 403, 404)
def submit_outlet(data, licence_no):
    """Open a service outlet (服务网点) and submit it for filing in its city (the agency's admin)."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.manage", agency=agency.id)
    establishment = service.submit_establishment(db.session, current_user, agency, Kind.OUTLET, **data)
    db.session.commit()
    return establishment


def _register_office_routes(kind: str, collection: str, label: str):
    """The same routes serve branches and outlets: list, read, history, filing, resubmission, closure."""

    def load(establishment_id):
        return service.get_establishment(db.session, establishment_id, kind)

    @blp.route(f"/{collection}", methods=["GET"], endpoint=f"list_{collection}")
    @blp.arguments(EstablishmentQuerySchema, location="query")
    @blp.response(200, EstablishmentListSchema)
    @blp.doc(summary=f"{label}: filed ones for the public; regulators may filter by any status.")
    def list_offices(query):
        statuses = (FilingStatus.FILED,)
        if query["status"] and can("agency.inspect"):
            statuses = (query["status"],)
        return service.search_establishments(db.session, kind=kind, city=query["city"], scope=query["scope"],
                                             text=query["q"], statuses=statuses, page=query["page"],
                                             per_page=query["per_page"])


    @blp.route(f"/{collection}/<int:establishment_id>", methods=["GET"], endpoint=f"get_{kind}")
    @blp.response(200, EstablishmentSchema)
    @blp.errors(404)
    @blp.doc(summary=f"One {kind}, with its filing number once filed.")
    def get_office(establishment_id):
        establishment = load(establishment_id)
        if not _visible(establishment):
            raise NotFound()
        return establishment


    @blp.route(f"/{collection}/<int:establishment_id>/history", methods=["GET"], endpoint=f"{kind}_history")
    @blp.response(200, HistoryEntrySchema(many=True))
    @blp.errors(401, 403, 404)
    @blp.doc(summary=f"Every event of the {kind}'s filing, oldest first.")
    def office_history(establishment_id):
        establishment = load(establishment_id)
        require("agency.inspect", agency=establishment.agency_id)
        return audit.history(db.session, establishment.stream)


    @blp.route(f"/{collection}/<int:establishment_id>/filing", methods=["POST"], endpoint=f"decide_{kind}")
    @blp.arguments(FilingDecisionSchema)
    @blp.response(200, FilingResultSchema)
    @blp.errors(401, 403, 404, 409)
    @blp.doc(summary=f"File (备案) or return a submitted {kind} (the regulator of its city, or provincial)",
             description="The answer shows the agency's deposit at the time of the decision.")
    def decide(data, establishment_id):
        establishment = load(establishment_id)
        require("establishment.decide", city=establishment.city)
        establishment, statement = service.decide_filing(db.session, current_user, establishment, **data)
        db.session.commit()
        establishment.deposit = statement  # shown with the decision, not stored
        return establishment

    @blp.route(f"/{collection}/<int:establishment_id>/resubmission", methods=["POST"],
               endpoint=f"resubmit_{kind}")
    @blp.arguments(ResubmissionSchema)
    @blp.response(200, EstablishmentSchema)
    @blp.errors(401, 403, 404, 409)
    @blp.doc(summary=f"Correct a returned {kind} and submit it again (the agency's admin).")
    def resubmit(data, establishment_id):
        establishment = load(establishment_id)
        require("agency.manage", agency=establishment.agency_id)
        version = data.pop("version")
        service.resubmit_establishment(db.session, current_user, establishment, version, **data)
        db.session.commit()
        return establishment


    @blp.route(f"/{collection}/<int:establishment_id>/closure", methods=["POST"], endpoint=f"close_{kind}")
    @blp.arguments(ClosureSchema)
    @blp.response(200, EstablishmentSchema)
    @blp.errors(401, 403, 404, 409)
    @blp.doc(summary=f"Close a {kind} (the agency's admin); it leaves the directory and the deposit.")
    def close(data, establishment_id):
        establishment = load(establishment_id)
        require("agency.manage", agency=establishment.agency_id)
        service.close_establishment(db.session, current_user, establishment, **data)
        db.session.commit()
        return establishment



_register_office_routes(Kind.BRANCH, "branches", "Branch offices (分社)")
_register_office_routes(Kind.OUTLET, "outlets", "Service outlets (服务网点)")
