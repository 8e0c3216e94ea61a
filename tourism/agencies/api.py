"""JSON API: the agency registry, branch and outlet filing, deposits, the public directory."""

from flask_login import current_user

from tourism.agencies import service
from tourism.agencies.enums import FilingStatus, OfficeKind
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
    FilingDecisionSchema,
    FilingResultSchema,
    LicenceStatusChangeSchema,
    OfficeListSchema,
    OfficeQuerySchema,
    OfficeSchema,
    OutletCreateSchema,
    PenaltyCreateSchema,
    PenaltyListSchema,
    PenaltySchema,
    ResubmissionSchema,
)
from tourism.core import audit
from tourism.core.api import Blueprint
from tourism.core.authz import can, require
from tourism.core.errors import NotFound
from tourism.core.pagination import PageArgsSchema, page_of
from tourism.core.schemas import HistoryEntrySchema
from tourism.extensions import db

blp = Blueprint("agencies_api", __name__, description="Travel agencies, branch offices, service outlets, filing")


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


@blp.route("/agencies/<licence_no>", methods=["GET"])
@blp.response(200, AgencyDetailSchema)
@blp.errors(404)
def get_agency(licence_no):
    """An agency with its offices (filed ones for the public; all for the agency and regulators)."""
    return service.agency_view(current_user, service.get_agency(db.session, licence_no))


@blp.route("/agencies/<licence_no>", methods=["PATCH"])
@blp.arguments(AgencyUpdateSchema)
@blp.response(200, AgencySchema)
@blp.errors(401, 403, 404, 409)
def update_agency(data, licence_no):
    """Update the licence record: deposit held, names, outbound scope (home city's regulator or provincial)."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", agency)
    service.update_agency(db.session, current_user, agency, **data)
    db.session.commit()
    return agency


@blp.route("/agencies/<licence_no>/licence-status", methods=["POST"])
@blp.arguments(LicenceStatusChangeSchema)
@blp.response(200, AgencySchema)
@blp.errors(401, 403, 404, 409)
def change_licence_status(data, licence_no):
    """Suspend, reinstate or revoke an agency's licence, with a reason."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", agency)
    service.change_licence_status(db.session, current_user, agency, **data)
    db.session.commit()
    return agency


@blp.route("/agencies/<licence_no>/deposit", methods=["GET"])
@blp.response(200, DepositSchema)
@blp.errors(401, 403, 404)
def get_deposit(licence_no):
    """What the rules require the agency to hold, what it holds, the shortfall, and each line's rule."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.inspect", agency)
    return service.deposit_of(agency)


@blp.route("/agencies/<licence_no>/penalties", methods=["GET"])
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, PenaltyListSchema)
@blp.errors(401, 403, 404)
def list_penalties(query, licence_no):
    """The administrative penalties recorded on the agency, oldest first."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.inspect", agency)
    return page_of(agency.penalties, query["page"], query["per_page"])


@blp.route("/agencies/<licence_no>/penalties", methods=["POST"])
@blp.arguments(PenaltyCreateSchema)
@blp.response(201, PenaltySchema)
@blp.errors(401, 403, 404, 409)
def record_penalty(data, licence_no):
    """Record an administrative penalty (the home city's regulator or provincial); it decides the deposit's
    reduction (《旅行社条例》art. 17) and outbound licensing (art. 8)."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.regulate", agency)
    penalty = service.record_penalty(db.session, current_user, agency, **data)
    db.session.commit()
    return penalty


@blp.route("/agencies/<licence_no>/history", methods=["GET"])
@blp.response(200, HistoryEntrySchema(many=True))
@blp.errors(401, 403, 404)
def agency_history(licence_no):
    """Every change to the agency's record, oldest first."""
    agency = service.get_agency(db.session, licence_no)
    require("agency.inspect", agency)
    return audit.history(db.session, agency.stream)


def _submit(kind, data, licence_no):
    agency = service.get_agency(db.session, licence_no)
    require("agency.manage", agency)
    office = service.submit_office(db.session, current_user, agency, kind=kind, **data)
    db.session.commit()
    return office


@blp.route("/agencies/<licence_no>/branches", methods=["POST"])
@blp.arguments(BranchCreateSchema)
@blp.response(201, OfficeSchema)
@blp.errors(401, 403, 404)
def submit_branch(data, licence_no):
    """Open a branch office (分社) and submit it for filing in its city (the agency's admin)."""
    return _submit(OfficeKind.BRANCH, data, licence_no)


@blp.route("/agencies/<licence_no>/outlets", methods=["POST"])
@blp.arguments(OutletCreateSchema)
@blp.response(201, OfficeSchema)
@blp.errors(401, 403, 404)
def submit_outlet(data, licence_no):
    """Open a service outlet (服务网点) and submit it for filing in its city (the agency's admin)."""
    return _submit(OfficeKind.OUTLET, data, licence_no)


def _register_office_routes(kind: str, collection: str, label: str):
    """The same routes serve branches and outlets: list, read, history, filing, resubmission, closure."""

    def load(office_id):
        return service.get_office(db.session, office_id, kind)

    @blp.route(f"/{collection}", methods=["GET"], endpoint=f"list_{collection}")
    @blp.arguments(OfficeQuerySchema, location="query")
    @blp.response(200, OfficeListSchema)
    @blp.doc(summary=f"{label}: filed ones for the public; regulators may filter by any status.")
    def list_offices(query):
        statuses = (query["status"],) if query["status"] and can("agency.inspect") else (FilingStatus.FILED,)
        return service.search_offices(db.session, kind=kind, city=query["city"], scope=query["scope"],
                                      text=query["q"], statuses=statuses, page=query["page"],
                                      per_page=query["per_page"])

    @blp.route(f"/{collection}/<int:office_id>", methods=["GET"], endpoint=f"get_{kind}")
    @blp.response(200, OfficeSchema)
    @blp.errors(404)
    @blp.doc(summary=f"One {kind}, with its filing number once filed.")
    def get_office(office_id):
        office = load(office_id)
        if not service.office_visible(current_user, office):
            raise NotFound()
        return office

    @blp.route(f"/{collection}/<int:office_id>/history", methods=["GET"], endpoint=f"{kind}_history")
    @blp.response(200, HistoryEntrySchema(many=True))
    @blp.errors(401, 403, 404)
    @blp.doc(summary=f"Every event of the {kind}'s filing, oldest first.")
    def office_history(office_id):
        office = load(office_id)
        require("agency.inspect", office)
        return audit.history(db.session, office.stream)

    @blp.route(f"/{collection}/<int:office_id>/filing", methods=["POST"], endpoint=f"decide_{kind}")
    @blp.arguments(FilingDecisionSchema)
    @blp.response(200, FilingResultSchema)
    @blp.errors(401, 403, 404, 409)
    @blp.doc(summary=f"File (备案) or return a submitted {kind} (the regulator of its city, or provincial)",
             description="The answer shows the agency's deposit at the time of the decision.")
    def decide(data, office_id):
        office = load(office_id)
        require("office.decide", office)
        decision = service.decide_filing(db.session, current_user, office, **data)
        db.session.commit()
        return decision

    @blp.route(f"/{collection}/<int:office_id>/resubmission", methods=["POST"], endpoint=f"resubmit_{kind}")
    @blp.arguments(ResubmissionSchema(partial=ResubmissionSchema.CORRECTABLE))
    @blp.response(200, OfficeSchema)
    @blp.errors(401, 403, 404, 409)
    @blp.doc(summary=f"Correct a returned {kind} and submit it again (the agency's admin).")
    def resubmit(data, office_id):
        office = load(office_id)
        require("agency.manage", office)
        service.resubmit_office(db.session, current_user, office, **data)
        db.session.commit()
        return office

    @blp.route(f"/{collection}/<int:office_id>/closure", methods=["POST"], endpoint=f"close_{kind}")
    @blp.arguments(ClosureSchema)
    @blp.response(200, OfficeSchema)
    @blp.errors(401, 403, 404, 409)
    @blp.doc(summary=f"Close a {kind} (the agency's admin); it leaves the directory and the deposit.")
    def close(data, office_id):
        office = load(office_id)
        require("agency.manage", office)
        service.close_office(db.session, current_user, office, **data)
        db.session.commit()
        return office


_register_office_routes(OfficeKind.BRANCH, "branches", "Branch offices (分社)")
_register_office_routes(OfficeKind.OUTLET, "outlets", "Service outlets (服务网点)")
