"""Travel agencies, their branch offices and service outlets, and the filing of both.

Rules applied here (the deposit's in tourism/agencies/deposit.py, the filing limits' in deadlines.py):
- 《旅行社条例》art. 8: outbound business only after two years of licensed operation and without a
  fine-or-heavier penalty for harming tourists' rights.
- 《旅行社条例》art. 10: a branch may be set up anywhere in the country, with a business scope no wider
  than its agency's, and is filed with the tourism authority of its place; art. 11: a service outlet
  likewise files with the authority of its place.
- 《旅行社条例实施细则》art. 21 (as amended by 国家旅游局令第42号, 2016): outlets within the agency's own
  province, or within the districted city of one of its branches.
"""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import flag_modified

from tourism.agencies.deadlines import FilingClock, filing_deadlines
from tourism.agencies.deposit import DepositStatement, deposit_statement, penalised_for_harm
from tourism.agencies.enums import DepositKind, FilingStatus, LicenceStatus, OfficeKind, PenaltyKind
from tourism.agencies.models import Agency, AgencyPenalty, Office
from tourism.calendar import service as calendar
from tourism.core import audit, clock
from tourism.core.authz import can, own_city
from tourism.core.errors import Conflict, InvalidInput, NotFound, check_version, field_error
from tourism.core.pagination import Page, paginate
from tourism.core.sequences import next_value
from tourism.zone.service import is_known_city

OUTBOUND_AFTER_YEARS = 2  # 《旅行社条例》第八条


# --- reading ---------------------------------------------------------------------------------

def find_agency(session, licence_no: str) -> Agency | None:
    return session.scalar(select(Agency).where(Agency.licence_no == licence_no))


def get_agency(session, licence_no: str) -> Agency:
    agency = find_agency(session, licence_no)
    if agency is None:
        raise NotFound(_("No agency with licence number %(no)s.", no=licence_no))
    return agency


def get_office(session, office_id: int, kind: str) -> Office:
    office = session.get(Office, office_id)
    if office is None or office.kind != kind:
        raise NotFound()
    return office


def search_agencies(session, *, city=None, scope=None, text=None, page=1, per_page=20) -> Page:
    """Agencies for the public directory, by home city or a city where they have a filed office."""
    query = select(Agency)
    if city:
        filed_here = select(Office.agency_id).where(
            Office.city == city, Office.status == FilingStatus.FILED)
        query = query.where(or_(Agency.home_city == city, Agency.id.in_(filed_here)))
    if scope in ("domestic", "outbound"):
        query = query.where(Agency.outbound.is_(scope == "outbound"))
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(or_(Agency.name_zh.ilike(pattern), Agency.name_en.ilike(pattern),
                                Agency.licence_no.ilike(pattern)))
    return paginate(session, query.order_by(Agency.name_zh, Agency.id), page, per_page)


def search_offices(session, *, kind=None, city=None, scope=None, text=None, statuses=(FilingStatus.FILED,),
                          agency=None, page=1, per_page=50) -> Page:
    query = select(Office).join(Office.agency)
    if kind:
        query = query.where(Office.kind == kind)
    if statuses:
        query = query.where(Office.status.in_(statuses))
    if city:
        query = query.where(Office.city == city)
    if agency is not None:
        query = query.where(Office.agency_id == agency.id)
    if scope in ("domestic", "outbound"):
        query = query.where(Agency.outbound.is_(scope == "outbound") if kind == OfficeKind.OUTLET
                            else Office.outbound.is_(scope == "outbound"))
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(or_(Office.name.ilike(pattern), Office.filing_no.ilike(pattern),
                                Agency.name_zh.ilike(pattern), Agency.name_en.ilike(pattern)))
    waiting_first = case((Office.status == FilingStatus.SUBMITTED, 0), else_=1)
    return paginate(session, query.order_by(waiting_first, Office.submitted_at.desc(), Office.id.desc()), page,
                    per_page)


@dataclass(frozen=True)
class AgencyView:
    """An agency with the offices a viewer may see: filed ones for the public, all for its own admins and
    every regulator of the zone (who also see its deposit and history)."""

    agency: Agency
    branches: list
    outlets: list
    inspector: bool


def agency_view(user, agency: Agency) -> AgencyView:
    inspector = can("agency.inspect", agency, user=user)
    shown = [o for o in agency.offices if inspector or o.status == FilingStatus.FILED]
    return AgencyView(agency, [o for o in shown if o.kind == OfficeKind.BRANCH],
                      [o for o in shown if o.kind == OfficeKind.OUTLET], inspector)


def office_visible(user, office: Office) -> bool:
    """The public sees filed offices; the agency and every regulator see every state."""
    return office.status == FilingStatus.FILED or can("agency.inspect", office, user=user)


def waiting_filings(session, user) -> int:
    """Filings waiting for a decision by ``user``'s city (all of them for the province)."""
    query = select(func.count(Office.id)).where(Office.status == FilingStatus.SUBMITTED)
    city = own_city(user)
    return session.scalar(query.where(Office.city == city) if city else query)


# --- agencies --------------------------------------------------------------------------------

def deposit_of(agency: Agency, today: date | None = None) -> DepositStatement:
    """The agency's deposit statement under the settings in force (see tourism.agencies.deposit)."""
    config = current_app.config
    return deposit_statement(agency, outbound_branch_cny=config["BRANCH_OUTBOUND_DEPOSIT_CNY"],
                             warning_days=config["GUARANTEE_WARNING_DAYS"], today=today)


def _check_outbound(licensed_on: date | None, penalties: list, today: date):
    """《旅行社条例》第八条: outbound business after two full years of licensed operation, and only for an
    agency never given a fine or heavier penalty for harming tourists' rights."""
    errors = []
    if licensed_on is not None:
        possible_from = clock.years_after(licensed_on, OUTBOUND_AFTER_YEARS)
        if today < possible_from:
            errors.append(_("Outbound business needs two years of licensed operation (《旅行社条例》第八条); "
                            "possible from %(day)s.", day=possible_from.isoformat()))
    for penalty in penalties:
        errors.append(_("Penalised for harming tourists' rights (%(kind)s, %(document)s, %(day)s): outbound "
                        "business cannot be licensed (《旅行社条例》第八条).", kind=PenaltyKind.label_of(penalty.kind),
                        document=penalty.document_no, day=penalty.decided_on.isoformat()))
    if errors:
        raise InvalidInput(errors={"outbound": errors})


def _check_deposit_fields(merged: dict, today: date):
    errors = {}
    if merged["deposit_since"] and merged["deposit_since"] > today:
        errors["deposit_since"] = [_("The deposit cannot have been paid in the future.")]
    if merged["deposit_kind"] == DepositKind.GUARANTEE and merged["guarantee_expires_on"] is None:
        errors["guarantee_expires_on"] = [_("Give the last day the bank guarantee is valid.")]
    if merged["deposit_kind"] == DepositKind.ACCOUNT and merged["guarantee_expires_on"] is not None:
        errors["guarantee_expires_on"] = [_("Only a bank guarantee has an expiry date.")]
    if errors:
        raise InvalidInput(errors=errors)


def create_agency(session, actor, *, licence_no, name, home_city, outbound=False, deposit_cny=0, name_en="",
                  licensed_on=None, complaint_phone="", deposit_kind=DepositKind.ACCOUNT, deposit_since=None,
                  guarantee_expires_on=None) -> Agency:
    errors = {}
    if not is_known_city(home_city):
        errors["home_city"] = [_("Unknown city code.")]
    if licensed_on and licensed_on > clock.today():
        errors["licensed_on"] = [_("The licence date cannot be in the future.")]
    if errors:
        raise InvalidInput(errors=errors)
    _check_deposit_fields({"deposit_kind": deposit_kind, "deposit_since": deposit_since,
                           "guarantee_expires_on": guarantee_expires_on}, clock.today())
    if outbound:
        _check_outbound(licensed_on, [], clock.today())
    if session.scalar(select(Agency.id).where(Agency.licence_no == licence_no)):
        raise field_error("licence_no", _("An agency with this licence number exists."), Conflict)
    agency = Agency(licence_no=licence_no, name_zh=name, name_en=name_en or "", home_city=home_city,
                    outbound=outbound, deposit_cny=deposit_cny, licensed_on=licensed_on,
                    complaint_phone=complaint_phone or "", deposit_kind=deposit_kind, deposit_since=deposit_since,
                    guarantee_expires_on=guarantee_expires_on)
    session.add(agency)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise field_error("licence_no", _("An agency with this licence number exists."), Conflict) from error
    audit.record(session, agency.stream, "created", actor, licence_no=licence_no, name=name, home_city=home_city,
                 outbound=outbound, deposit_cny=deposit_cny, licensed_on=licensed_on, deposit_kind=deposit_kind,
                 deposit_since=deposit_since, guarantee_expires_on=guarantee_expires_on)
    return agency


EDITABLE_AGENCY_FIELDS = ("name_zh", "name_en", "deposit_cny", "complaint_phone", "outbound", "licensed_on",
                          "deposit_kind", "deposit_since", "guarantee_expires_on")


def update_agency(session, actor, agency: Agency, *, version: int, **changes) -> Agency:
    """Change an agency's record (deposit held and its form, names, scope); every change is kept in its history."""
    check_version(agency, version)
    if changes.get("deposit_cny", 0) > agency.deposit_cny and "deposit_since" not in changes:
        changes["deposit_since"] = clock.today()  # a top-up restarts art. 17's three years
    merged = {field: changes.get(field, getattr(agency, field)) for field in EDITABLE_AGENCY_FIELDS}
    _check_deposit_fields(merged, clock.today())
    outbound, licensed_on = merged["outbound"], merged["licensed_on"]
    if outbound and not agency.outbound:
        _check_outbound(licensed_on, penalised_for_harm(agency), clock.today())
    if not outbound and agency.outbound:
        live_outbound = [b for b in agency.branches if b.outbound and b.status != FilingStatus.CLOSED]
        if live_outbound:
            raise field_error("outbound", _("Close or re-scope the outbound branches first: %(names)s.",
                                            names=", ".join(b.name for b in live_outbound)))
    diff = {}
    for field in EDITABLE_AGENCY_FIELDS:
        if field in changes and changes[field] != getattr(agency, field):
            diff[field] = [getattr(agency, field), changes[field]]
            setattr(agency, field, changes[field])
    if diff:
        session.flush()
        audit.record(session, agency.stream, "updated", actor, changes=diff)
    return agency


def change_licence_status(session, actor, agency: Agency, *, status: str, reason: str, version=None) -> Agency:
    check_version(agency, version)
    if status not in tuple(LicenceStatus):
        raise field_error("status", _("Unknown licence status."))
    if not (reason or "").strip():
        raise field_error("reason", _("Give the reason for the change."))
    if agency.licence_status == LicenceStatus.REVOKED:
        raise Conflict(_("A revoked licence cannot change; a new licence is a new record."))
    previous = agency.licence_status
    agency.licence_status = status
    flag_modified(agency, "licence_status")  # the version moves on even for the same status (see guides)
    session.flush()
    audit.record(session, agency.stream, "licence_status", actor, before=previous, after=status, reason=reason)
    return agency


def record_penalty(session, actor, agency: Agency, *, kind: str, decided_on: date, harms_tourists: bool,
                   document_no: str, authority: str) -> AgencyPenalty:
    """Record an administrative penalty on the agency (its home city's regulator); it is never edited.

    A fine or heavier one for harming tourists' rights ends art. 17's reduction until the deposit is
    topped up again, and bars outbound licensing (art. 8).
    """
    errors = {}
    if kind not in PenaltyKind.values():
        errors["kind"] = [_("Choose the kind of penalty.")]
    if decided_on > clock.today():
        errors["decided_on"] = [_("The decision cannot be dated in the future.")]
    if not (document_no or "").strip():
        errors["document_no"] = [_("Give the decision's document number.")]
    if not (authority or "").strip():
        errors["authority"] = [_("Name the authority that decided it.")]
    if errors:
        raise InvalidInput(errors=errors)
    if any(p.document_no == document_no.strip() for p in agency.penalties):
        raise field_error("document_no", _("This decision is already recorded."), Conflict)
    penalty = AgencyPenalty(agency=agency, kind=kind, decided_on=decided_on, harms_tourists=bool(harms_tourists),
                            document_no=document_no.strip(), authority=authority.strip(),
                            recorded_by=audit.actor_name(actor))
    session.add(penalty)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise field_error("document_no", _("This decision is already recorded."), Conflict) from error
    audit.record(session, agency.stream, "penalty", actor, kind=kind, decided_on=decided_on,
                 harms_tourists=penalty.harms_tourists, document_no=penalty.document_no, authority=penalty.authority)
    return penalty


# --- branches and outlets --------------------------------------------------------------------

def _same_province(city_a: str, city_b: str) -> bool:
    return city_a[:2] == city_b[:2]


def _validate_office(agency: Agency, kind: str, city: str, outbound: bool, established_on: date,
                            branch: Office | None, exclude_id=None):
    errors = {}
    if agency.licence_status != LicenceStatus.ACTIVE:
        raise InvalidInput(_("The agency's licence is %(status)s; it cannot open offices.",
                             status=agency.licence_status), code="licence_not_active")
    if not is_known_city(city):
        errors["city"] = [_("Unknown city code.")]
    if established_on > clock.today():
        errors["established_on"] = [_("The registration date cannot be in the future.")]
    if kind == OfficeKind.BRANCH and outbound and not agency.outbound:
        # A branch's scope is never wider than its agency's (《旅行社条例》art. 10).
        errors["outbound"] = [_("The agency holds no outbound licence, so its branch cannot do outbound business.")]
    if kind == OfficeKind.OUTLET and "city" not in errors:
        branch_cities = {b.city for b in agency.branches if b.status in (FilingStatus.SUBMITTED, FilingStatus.FILED)
                         and b.id != exclude_id}
        if branch is not None:
            if (branch.agency_id != agency.id or branch.kind != OfficeKind.BRANCH
                    or branch.status == FilingStatus.CLOSED):
                errors["branch_id"] = [_("Choose an open branch of this agency.")]
            elif branch.city != city:
                errors["city"] = [_("An outlet under a branch lies in that branch's city.")]
        elif not (_same_province(city, agency.home_city) or city in branch_cities):
            # Outlets: within the agency's province, or the city of one of its branches (实施细则 art. 21).
            errors["city"] = [_("Outlets may be set up in the agency's province or in a city with one of its "
                                "branches.")]
    if errors:
        raise InvalidInput(errors=errors)


def submit_office(session, actor, agency: Agency, *, kind: str, city: str, name: str, address: str,
                         established_on: date, outbound=False, manager="", branch_id=None) -> Office:
    """Register a new branch or outlet and submit it for filing with its city's regulator."""
    branch = session.get(Office, branch_id) if branch_id else None
    if branch_id and branch is None:
        raise field_error("branch_id", _("Choose an open branch of this agency."))
    _validate_office(agency, kind, city, outbound, established_on, branch)
    office = Office(
        agency=agency, kind=kind, city=city, name=name.strip(), address=address.strip(),
        manager=(manager or "").strip(),
        outbound=bool(outbound) if kind == OfficeKind.BRANCH else False, established_on=established_on,
        branch_id=branch.id if branch else None, status=FilingStatus.SUBMITTED, submitted_at=clock.now(),
    )
    session.add(office)
    _set_deadlines(session, office)
    session.flush()
    audit.record(session, office.stream, "submitted", actor, city=city, name=office.name,
                 address=office.address, manager=office.manager, outbound=office.outbound,
                 established_on=established_on, branch_id=office.branch_id)
    audit.record(session, agency.stream, f"{kind}_submitted", actor, office_id=office.id, city=city)
    return office


EDITABLE_OFFICE_FIELDS = ("name", "address", "manager", "outbound", "established_on")


def resubmit_office(session, actor, office: Office, *, version=None, **changes) -> Office:
    """Correct a returned filing and submit it again; the authority's limit runs from the new receipt."""
    check_version(office, version)
    if office.status != FilingStatus.RETURNED:
        raise Conflict(_("Only a returned filing can be resubmitted; this one is %(status)s.",
                         status=office.status), code="not_returned")
    merged = {f: changes.get(f, getattr(office, f)) for f in EDITABLE_OFFICE_FIELDS}
    _validate_office(office.agency, office.kind, office.city, merged["outbound"],
                            merged["established_on"], office.branch, exclude_id=office.id)
    diff = {f: [getattr(office, f), v] for f, v in merged.items() if v != getattr(office, f)}
    for field, (_old, new) in diff.items():
        setattr(office, field, new)
    office.status = FilingStatus.SUBMITTED
    office.submitted_at = clock.now()
    office.decided_at = None
    office.decided_by_id = None
    _set_deadlines(session, office)
    session.flush()
    audit.record(session, office.stream, "resubmitted", actor, changes=diff, decision_due=office.decision_due)
    return office


def _deadlines(work_calendar, office: Office):
    return filing_deadlines(work_calendar, established_on=office.established_on,
                            submitted_on=office.submitted_at.date(),
                            decision_days=current_app.config["FILING_DECISION_WORKING_DAYS"])


def _set_deadlines(session, office: Office):
    submission, decision = _deadlines(calendar.work_calendar(session), office)
    office.submission_due, office.decision_due = submission.date, decision.date
    office.deadlines_provisional = submission.provisional or decision.provisional


def recompute_deadlines(session, actor, work_calendar) -> int:
    """Recompute the limits of every filing awaiting a decision; each change goes into the office's history."""
    changed = 0
    for office in session.scalars(select(Office).where(Office.status == FilingStatus.SUBMITTED)):
        submission, decision = _deadlines(work_calendar, office)
        now = (submission.date, decision.date, submission.provisional or decision.provisional)
        if now == (office.submission_due, office.decision_due, office.deadlines_provisional):
            continue
        before = {"submission_due": office.submission_due, "decision_due": office.decision_due}
        office.submission_due, office.decision_due, office.deadlines_provisional = now
        session.flush()
        audit.record(session, office.stream, "deadlines_recomputed", actor, before=before,
                     submission_due=office.submission_due, decision_due=office.decision_due,
                     provisional=office.deadlines_provisional, source=decision.source)
        changed += 1
    return changed


def next_filing_no(session, city: str, kind: str, year: int) -> str:
    """The next filing number in ``city``: ``440600-FS-2026-0007`` (FS 分社, WD 服务网点)."""
    number = next_value(session, f"filing:{city}:{kind}:{year}")
    prefix = "FS" if kind == OfficeKind.BRANCH else "WD"
    return f"{city}-{prefix}-{year}-{number:04d}"


@dataclass(frozen=True)
class FilingDecision:
    """A decision on a filing, with the agency's deposit as it stood when the decision was made."""

    office: Office
    deposit: DepositStatement


def decide_filing(session, actor, office: Office, *, decision: str, reason=None, version=None) -> FilingDecision:
    """File (备案) or return a submitted branch or outlet."""
    check_version(office, version)
    if office.status != FilingStatus.SUBMITTED:
        raise Conflict(_("This filing is not awaiting a decision (it is %(status)s).",
                         status=FilingStatus.label_of(office.status)), code="not_submitted")
    reason = (reason or "").strip()
    if decision == FilingStatus.RETURNED and not reason:
        raise field_error("reason", _("Say why the filing is returned, so the agency can correct it."))
    if decision not in (FilingStatus.FILED, FilingStatus.RETURNED):
        raise field_error("decision", _("Decide 'filed' or 'returned'."))
    statement = deposit_of(office.agency)
    office.status = decision
    office.decided_at = clock.now()
    office.decided_by_id = getattr(actor, "id", None)
    if decision == FilingStatus.FILED:
        office.filing_no = office.filing_no or next_filing_no(
            session, office.city, office.kind, clock.today().year)
        office.return_reason = None
    else:
        office.return_reason = reason
    session.flush()
    audit.record(session, office.stream, decision, actor, filing_no=office.filing_no, reason=reason,
                 deposit_shortfall_cny=statement.shortfall_cny,
                 overdue=FilingClock.of(office).overdue)
    return FilingDecision(office, statement)


def close_office(session, actor, office: Office, *, closed_on: date, version=None) -> Office:
    """Close a branch or outlet (its filing certificate is handed back to the authority that issued it)."""
    check_version(office, version)
    if office.status == FilingStatus.CLOSED:
        raise Conflict(_("This office is already closed."), code="already_closed")
    if closed_on > clock.today() or closed_on < office.established_on:
        raise field_error("closed_on", _("The closing date lies between the registration date and today."))
    if office.kind == OfficeKind.BRANCH:
        open_outlets = [o for o in office.agency.outlets
                        if o.branch_id == office.id and o.status != FilingStatus.CLOSED]
        if open_outlets:
            raise field_error("closed_on", _("Close its outlets first: %(names)s.",
                                             names=", ".join(o.name for o in open_outlets)), Conflict)
    previous = office.status
    office.status = FilingStatus.CLOSED
    office.closed_on = closed_on
    session.flush()
    audit.record(session, office.stream, "closed", actor, closed_on=closed_on, previous_status=previous)
    return office


# How each history entry changes the record, for the audit's cross-check of records against histories.
AGENCY_STEPS = {
    "created": lambda state, d: state.update(licence_status=LicenceStatus.ACTIVE, deposit_cny=d["deposit_cny"],
                                             outbound=d["outbound"]),
    "updated": lambda state, d: state.update({field: change[1] for field, change in d["changes"].items()
                                               if field in ("deposit_cny", "outbound")}),
    "licence_status": lambda state, d: state.update(licence_status=d["after"]),
}
OFFICE_STEPS = {
    "submitted": lambda state, d: state.update(status=FilingStatus.SUBMITTED),
    "resubmitted": lambda state, d: state.update(status=FilingStatus.SUBMITTED),
    "filed": lambda state, d: state.update(status=FilingStatus.FILED, filing_no=d["filing_no"]),
    "returned": lambda state, d: state.update(status=FilingStatus.RETURNED),
    "closed": lambda state, d: state.update(status=FilingStatus.CLOSED),
}


def history_problems(session, entries):
    """Agencies and offices whose stored state is not what their histories say (see tourism.core.audit)."""
    for agency in session.scalars(select(Agency)):
        stream = entries.get(agency.stream)
        yield from audit.state_problems(
            agency.stream, stream, audit.replay(stream or [], {}, AGENCY_STEPS),
            {"licence_status": agency.licence_status, "deposit_cny": agency.deposit_cny, "outbound": agency.outbound})
    for office in session.scalars(select(Office)):
        stream = entries.get(office.stream)
        described = audit.replay(stream or [], {"filing_no": None}, OFFICE_STEPS)
        yield from audit.state_problems(office.stream, stream, described,
                                        {"status": office.status, "filing_no": office.filing_no})


def used_filing_numbers(session):
    """The highest filing number of each city, kind and year, so a restore moves the counters past them."""
    for office in session.scalars(select(Office).where(Office.filing_no.is_not(None))):
        city, prefix, year, number = office.filing_no.split("-")
        yield f"filing:{city}:{OfficeKind.BRANCH if prefix == 'FS' else OfficeKind.OUTLET}:{year}", int(number)


def agency_scope(session, licence_no: str):
    """Resolve ``create-user --agency LICENCE_NO`` to the account's agency."""
    agency_id = session.scalar(select(Agency.id).where(Agency.licence_no == licence_no))
    if agency_id is None:
        raise field_error("agency", _("No agency with licence number %(no)s.", no=licence_no))
    return "agency_id", agency_id


def agency_of(session, user) -> Agency:
    """The agency an ``agency_admin`` account manages."""
    agency = session.get(Agency, user.agency_id) if getattr(user, "agency_id", None) else None
    if agency is None:
        raise NotFound(_("Your account is not linked to an agency."))
    return agency
