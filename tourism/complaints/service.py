"""Complaints in the zone's shared log: intake, jurisdiction, workflow, privacy, outcomes.

The rules themselves (jurisdiction, states, time limits) are in tourism.complaints.rules.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select, update

from tourism.accounts.service import check_secret, hash_access_code, spend_secret_check
from tourism.agencies.service import find_agency
from tourism.calendar import service as calendar
from tourism.complaints import attachments, rules
from tourism.complaints.enums import CaseState, ComplaintStatus, Origin, Outcome, RespondentKind, ReviewSubject
from tourism.complaints.models import CoComplainant, Complaint, ComplaintAttachment, ComplaintMessage, ReviewFlag
from tourism.core import audit, clock, idempotency
from tourism.core.authz import can, own_city
from tourism.core.errors import Conflict, InvalidInput, NotFound, check_version, field_error
from tourism.core.pagination import Page, paginate
from tourism.core.sequences import next_value
from tourism.groups.service import find_group
from tourism.guides.models import Guide
from tourism.guides.service import find_guide
from tourism.zone.service import is_known_city, is_prefecture, is_zone_city, primary_zone

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 12  # 60 bits


# --- intake ----------------------------------------------------------------------------------

def _respondent(session, kind: str, ref: str | None, incident_city: str, city: str | None):
    """Name and city of the respondent: from the registries when the reference is a licence number,
    else the city given (any prefecture of the country)."""
    ref = (ref or "").strip()
    if kind == RespondentKind.AGENCY and ref:
        agency = find_agency(session, ref)
        if agency:
            return agency.licence_no, agency.name_zh, agency.home_city
    if kind == RespondentKind.GUIDE and ref:
        guide = find_guide(session, ref)
        if guide:
            return guide.licence_no, guide.name, guide.home_city
    if kind == RespondentKind.POI:
        return ref, ref, city or incident_city  # a place is where the harm happened
    return ref, ref, city


def _new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _check_parties(co_complainants, complainant_representative: bool, errors: dict) -> None:
    """Art. 14: representatives only on a joint complaint (4 or more complainants), and at most 3."""
    for index, party in enumerate(co_complainants):
        if not (party.get("name") or "").strip() or not (party.get("phone") or "").strip():
            errors[f"co_complainants.{index}"] = [_("Give each complainant's name and phone.")]
    count = 1 + len(co_complainants)
    chosen = int(bool(complainant_representative)) + sum(bool(p.get("representative")) for p in co_complainants)
    problem = rules.representatives_problem(count, chosen)
    if problem == "not_joint":
        errors["co_complainants"] = [_("Representatives are chosen on a joint complaint, by %(n)d or more "
                                       "complainants (art. 14).", n=rules.JOINT_FROM)]
    elif problem == "too_many":
        errors["co_complainants"] = [_("A joint complaint has 1 to %(n)d representatives (art. 14).",
                                       n=rules.MAX_REPRESENTATIVES)]


def _contract_end_error(contract_end_on: date, received_on: date) -> str:
    return _("The tour contract ended on %(day)s, more than %(n)d days before the complaint: it cannot be "
             "accepted (《旅游投诉处理办法》art. 9(四)). A court or arbitration may still hear the claim.",
             day=contract_end_on.isoformat(), n=rules.limits().contract_cutoff_days)


def _from_group(session, group_no, respondent_kind, respondent_ref, contract_city, contract_end_on, errors):
    """What the group's sheet tells about the tour: its agency (the organiser unless another is named), where
    the contract was signed and when it ended. Jurisdiction then follows the contract as for any complaint."""
    group = find_group(session, group_no)
    if group is None:
        errors["group_no"] = [_("No tour group %(no)s is filed: check the number on the itinerary sheet.",
                                no=group_no)]
        return None, respondent_ref, contract_city, contract_end_on
    if respondent_kind == RespondentKind.AGENCY and not (respondent_ref or "").strip():
        respondent_ref = group.agency.licence_no
    return (group.group_no, respondent_ref, contract_city or group.contract_city,
            contract_end_on or group.contract_end_on)


def form_defaults_from_group(session, group_no: str) -> dict:
    """What the complaint form can fill in from a group's sheet: the number, its agency, its contract."""
    group = find_group(session, group_no)
    if group is None:
        return {}
    today = clock.today()
    return {"group_no": group.group_no, "respondent_kind": RespondentKind.AGENCY,
            "respondent_ref": group.agency.licence_no, "contract_city": group.contract_city or "",
            "contract_end_on": group.contract_end_on, "occurred_on": min(max(today, group.start_on), group.end_on),
            "incident_city": next((p.city for p in group.presence if p.on_date == today), "")}


def file_complaint(session, actor=None, *, complainant_name, complainant_phone, respondent_kind, incident_city,
                   occurred_on, description, respondent_ref=None, respondent_city=None, contract_city=None,
                   contract_end_on=None, group_no=None, urgent=False, claim_cny=None, co_complainants=(),
                   complainant_representative=False, files=()) -> tuple[Complaint, str]:
    """Record a complaint and route it by art. 5; returns the case and its access code (shown once)."""
    errors = {}
    today = clock.today()
    if (group_no or "").strip():
        group_no, respondent_ref, contract_city, contract_end_on = _from_group(
            session, group_no, respondent_kind, respondent_ref, contract_city, contract_end_on, errors)
    else:
        group_no = None
    if respondent_kind not in RespondentKind.values():
        errors["respondent.kind"] = [_("Use agency, guide, poi or other.")]
    if not is_known_city(incident_city):
        errors["incident_city"] = [_("Unknown city code.")]
    for field, city in (("contract_city", contract_city), ("respondent.city", respondent_city)):
        if city and not is_prefecture(city):
            errors[field] = [_("Unknown place: use the six-digit GB/T 2260 code of a prefecture-level city.")]
    if occurred_on > today:
        errors["occurred_on"] = [_("The date cannot be in the future.")]
    elif occurred_on < primary_zone().start:
        errors["occurred_on"] = [_("The date is before the zone existed (%(day)s): check the year.",
                                   day=format_date(primary_zone().start))]
    if contract_end_on and contract_end_on > today:
        errors["contract_end_on"] = [_("The contract's end cannot be in the future.")]
    elif rules.contract_too_old(contract_end_on, today):
        errors["contract_end_on"] = [_contract_end_error(contract_end_on, today)]
    if not (description or "").strip():
        errors["description"] = [_("Say what happened.")]
    if len(files) > attachments.MAX_FILES:
        errors["attachments"] = [_("At most %(n)d files.", n=attachments.MAX_FILES)]
    _check_parties(co_complainants, complainant_representative, errors)
    if errors:
        raise InvalidInput(errors=errors)
    checked = [(name, data, attachments.check(data)) for name, data in files]
    ref, name, respondent_city = _respondent(session, respondent_kind, respondent_ref, incident_city, respondent_city)
    competent = rules.competent_cities(contract_city, respondent_city, incident_city, urgent)
    routing = rules.route(competent, incident_city, today)
    code = _new_access_code()
    code_hash = hash_access_code(code)  # before the number is drawn, which locks its counter
    received_at = clock.now()
    accept_by, tracking_no = _number_and_limit(session, received_at)
    complaint = Complaint(
        tracking_no=tracking_no, access_code_hash=code_hash, status=ComplaintStatus.RECEIVED,
        assigned_city=routing.assigned_city, transfer_to=routing.transfer_to, competent_cities=competent,
        complainant_name=complainant_name.strip(), complainant_phone=complainant_phone.strip(),
        complainant_representative=bool(complainant_representative),
        respondent_kind=respondent_kind, respondent_ref=ref, respondent_name=name, respondent_city=respondent_city,
        contract_city=contract_city, contract_end_on=contract_end_on, incident_city=incident_city, group_no=group_no,
        occurred_on=occurred_on, description=description.strip(), claim_cny=claim_cny, urgent=bool(urgent),
        received_at=received_at, accept_by=accept_by.date, accept_by_provisional=accept_by.provisional,
        attachment_count=len(checked),
        co_complainants=[CoComplainant(name=p["name"].strip(), phone=p["phone"].strip(),
                                       representative=bool(p.get("representative"))) for p in co_complainants],
    )
    session.add(complaint)
    session.flush()
    for filename, data, content_type in checked:
        _attach(session, complaint, filename, data, content_type)
    audit.record(session, complaint.stream, "received", actor, assigned_city=complaint.assigned_city,
                 competent_cities=competent, transfer_to=routing.transfer_to, urgent=complaint.urgent,
                 group_no=group_no, accept_by=complaint.accept_by, accept_by_provisional=accept_by.provisional,
                 complainants=complaint.complainant_count, attachments=len(checked))
    return complaint, code


def _number_and_limit(session, received_at: datetime):
    """The acceptance limit (art. 15, in working days) and the case's tracking number."""
    accept_by = calendar.add_working_days(session, received_at.date(), rules.limits().accept_working_days)
    number = next_value(session, f"complaint:{received_at.year}")
    return accept_by, f"TS{received_at.year}{number:06d}"


def open_case(session, actor, *, city, occurred_on, description, group_no, agency_licence_no,
              contract_city=None) -> Complaint:
    """Open a case on an inspection's findings, handled by the inspecting city where the group was found
    (the regulator acts on its own motion: 《旅游法》art. 83 supervision, art. 91 ff. penalties)."""
    agency = find_agency(session, agency_licence_no)
    received_at = clock.now()
    code_hash = hash_access_code(_new_access_code())  # no complainant follows this case with a code
    accept_by, tracking_no = _number_and_limit(session, received_at)
    complaint = Complaint(
        tracking_no=tracking_no, access_code_hash=code_hash, status=ComplaintStatus.RECEIVED,
        origin=Origin.INSPECTION,
        assigned_city=city, competent_cities=[city], complainant_name=audit.actor_name(actor), complainant_phone="",
        respondent_kind=RespondentKind.AGENCY, respondent_ref=agency.licence_no, respondent_name=agency.name_zh,
        respondent_city=agency.home_city, contract_city=contract_city, incident_city=city, group_no=group_no,
        occurred_on=occurred_on, description=description, received_at=received_at, accept_by=accept_by.date,
        accept_by_provisional=accept_by.provisional)
    session.add(complaint)
    session.flush()
    audit.record(session, complaint.stream, "received", actor, assigned_city=city, competent_cities=[city],
                 transfer_to=None, urgent=False, group_no=group_no, origin=Origin.INSPECTION,
                 accept_by=complaint.accept_by, accept_by_provisional=accept_by.provisional, complainants=0,
                 attachments=0)
    return complaint


def receipt(complaint: Complaint, access_code: str) -> dict:
    """What the complainant keeps: the number, the code (shown this once), who handles it and by when."""
    return {"tracking_no": complaint.tracking_no, "access_code": access_code, "assigned_city": complaint.assigned_city,
            "status": complaint.status, "accept_by": complaint.accept_by.isoformat(),
            "accept_by_provisional": complaint.accept_by_provisional, "transfer_to": complaint.transfer_to}


def receive(session, *, idempotency_key: str | None = None, **fields) -> tuple[dict, bool]:
    """File a complaint once per idempotency key (24 hours); returns the receipt and whether it was a replay."""
    request = {**fields, "files": [hashlib.sha256(data).hexdigest() for _name, data in fields.get("files", ())]}

    def act():
        complaint, code = file_complaint(session, **fields)
        return receipt(complaint, code)

    return idempotency.once(session, "complaint", idempotency_key, idempotency.fingerprint(request), act)


def _attach(session, complaint, filename, data, content_type) -> ComplaintAttachment:
    """Keep the bytes under a random name. The file's own name often names people: it is kept with the
    complainant's details, never written to the history that every regulator of the zone reads."""
    key, digest = attachments.store(data)
    attachment = ComplaintAttachment(complaint=complaint, filename=(filename or "file")[:200],
                                     content_type=content_type, size=len(data), sha256=digest, storage_key=key)
    session.add(attachment)
    return attachment


def used_tracking_numbers(session):
    """The highest tracking number of each year, so a restore moves the counters past them."""
    for tracking_no in session.scalars(select(Complaint.tracking_no)):
        yield f"complaint:{tracking_no[2:6]}", int(tracking_no[6:])


COMPLAINT_STEPS = {
    "received": lambda state, d: state.update(status=ComplaintStatus.RECEIVED, assigned_city=d["assigned_city"]),
    "transition": lambda state, d: state.update(status=d["to"]),
    "transferred": lambda state, d: state.update(assigned_city=d["to_city"]),
    "transferred_out": lambda state, d: state.update(status=ComplaintStatus.TRANSFERRED),
}


def history_problems(session, entries):
    """Cases whose stored status or handling city is not what their histories say (see tourism.core.audit)."""
    for complaint in session.scalars(select(Complaint)):
        stream = entries.get(complaint.stream)
        yield from audit.state_problems(complaint.stream, stream, audit.replay(stream or [], {}, COMPLAINT_STEPS),
                                        {"status": complaint.status, "assigned_city": complaint.assigned_city})


# --- reading ---------------------------------------------------------------------------------

def normalise_tracking_no(text: str | None) -> str:
    """A tracking number as typed ("ts 2026 000001") in its stored form ("TS2026000001")."""
    return re.sub(r"[\s-]+", "", text or "").upper()


def get_complaint(session, tracking_no: str) -> Complaint:
    complaint = session.scalar(select(Complaint).where(Complaint.tracking_no == normalise_tracking_no(tracking_no)))
    if complaint is None:
        raise NotFound()
    return complaint


def lookup(session, tracking_no: str, access_code: str) -> Complaint:
    """The case for its complainant; a wrong code and an unknown number fail alike, in the same time."""
    complaint = session.scalar(select(Complaint).where(Complaint.tracking_no == normalise_tracking_no(tracking_no)))
    code = (access_code or "").strip().upper().replace("-", "")
    if complaint is None:
        spend_secret_check(code, access_code=True)
        raise NotFound()
    if not check_secret(complaint.access_code_hash, code):
        raise NotFound()
    return complaint


@dataclass(frozen=True)
class PublicEvent:
    at: object
    event: str
    note: str | None


def complainant_history(session, complaint) -> list[PublicEvent]:
    """The events the complainant may see: receipt, status changes, transfers, and messages meant for them."""
    events = []
    for entry in audit.history(session, complaint.stream):
        details = entry.details or {}
        if entry.action == "received":
            events.append(PublicEvent(entry.at, "received", None))
        elif entry.action == "transition":
            note = details.get("note") if details.get("told_to_complainant") else None
            events.append(PublicEvent(entry.at, details["to"], note))
        elif entry.action == "transferred":
            events.append(PublicEvent(entry.at, "transferred", details.get("to_city")))
        elif entry.action == "transferred_out":
            events.append(PublicEvent(entry.at, "transferred_out", details.get("authority")))
        elif entry.action == "deadline_recomputed":
            events.append(PublicEvent(entry.at, "deadline_recomputed", str(details.get("accept_by"))))
        elif entry.action == "message" and details.get("for_complainant"):
            events.append(PublicEvent(entry.at, "message", details.get("body")))
    return events


def view_for(user, complaint: Complaint) -> str:
    """Which view of a case ``user`` gets: ``handler`` (with the complainant's details) or ``shared``."""
    return "handler" if can("complaint.handle", complaint, user=user) else "shared"


def complainant_view(session, complaint: Complaint) -> dict:
    """What the complainant sees through the tracking number and access code."""
    return {"tracking_no": complaint.tracking_no, "status": complaint.status, "assigned_city": complaint.assigned_city,
            "received_at": complaint.received_at, "accept_by": complaint.accept_by,
            "accept_by_provisional": complaint.accept_by_provisional,
            "transferred_authority": complaint.transferred_authority, "outcome": complaint.outcome,
            "compensation_cny": complaint.compensation_cny, "history": complainant_history(session, complaint)}


def search_cases(session, *, city=None, exclude_city=None, status=None, respondent=None, tracking_no=None,
                 overdue_only=False, state=CaseState.ANY, received_from=None, received_to=None, oldest_first=False,
                 page=1, per_page=20) -> Page:
    """Cases for a list, filtered and cut into pages in the database: open cases first, overdue ones first
    among them, then by when they were received (newest first, or oldest with ``oldest_first``)."""
    today = clock.today()
    overdue = rules.overdue_clause(Complaint, today)
    conditions = []
    if city:
        conditions.append(Complaint.assigned_city == city)
    if exclude_city:
        conditions.append(Complaint.assigned_city != exclude_city)
    if status:
        conditions.append(Complaint.status == status)
    if respondent:
        pattern = f"%{respondent.strip()}%"
        conditions.append(or_(Complaint.respondent_ref.ilike(pattern), Complaint.respondent_name.ilike(pattern)))
    if tracking_no:
        conditions.append(Complaint.tracking_no.contains(normalise_tracking_no(tracking_no), autoescape=True))
    if overdue_only:
        conditions.append(overdue)
    if state == CaseState.OPEN:
        conditions.append(Complaint.status.in_(rules.OPEN_STATES))
    elif state == CaseState.FINISHED:
        conditions.append(Complaint.status.not_in(rules.OPEN_STATES))
    if received_from:
        conditions.append(Complaint.received_at >= clock.start_of_day(received_from))
    if received_to:
        conditions.append(Complaint.received_at < clock.start_of_day(received_to + timedelta(days=1)))
    received = Complaint.received_at.asc() if oldest_first else Complaint.received_at.desc()
    query = select(Complaint).where(*conditions).order_by(
        case((Complaint.status.in_(rules.OPEN_STATES), 0), else_=1), case((overdue, 0), else_=1), received,
        Complaint.id)
    return paginate(session, query, page, per_page)


def overdue_cases(session, user) -> int:
    """Cases of ``user``'s city (every city for the province) past their limit."""
    return search_cases(session, city=own_city(user), overdue_only=True, per_page=1).total


# --- workflow --------------------------------------------------------------------------------

def transition(session, actor, complaint: Complaint, *, to: str, version: int, note=None, outcome=None,
               compensation_cny=None, contract_end_on=None, without_contract=False) -> Complaint:
    """Move the case along the workflow; a stale ``version`` is refused and nothing is written.

    Accepting needs to know when the tour contract ended (art. 9(四)), or that there was none.
    """
    check_version(complaint, version)
    allowed = rules.TRANSITIONS.get(complaint.status, ())
    if to not in allowed:
        state = ComplaintStatus.label_of(complaint.status)
        raise InvalidInput(_("A case that is %(state)s cannot become %(to)s; next may be: %(allowed)s.",
                             state=state, to=ComplaintStatus.label_of(to),
                             allowed="、".join(s.label for s in allowed) or "—"),
                           errors={"to": [_("Not allowed from %(state)s.", state=state)]},
                           code="transition_not_allowed")
    note = (note or "").strip() or None
    if to in rules.NEEDS_NOTE and not note:
        raise field_error("note", _("Give the reason; the complainant is told it."))
    if to == ComplaintStatus.ACCEPTED:
        _settle_contract_end(complaint, contract_end_on, without_contract)
    if to == ComplaintStatus.DECIDED:
        if outcome not in Outcome.values():
            raise field_error("outcome", _("Choose the outcome: %(outcomes)s.",
                                           outcomes="、".join(o.label for o in Outcome)))
        if compensation_cny is not None and compensation_cny < 0:
            raise field_error("compensation_cny", _("Compensation cannot be negative."))
        if outcome == Outcome.REJECTED and compensation_cny:
            raise field_error("compensation_cny", _("A rejected complaint carries no compensation."))
        complaint.outcome, complaint.compensation_cny, complaint.decided_on = outcome, compensation_cny, clock.today()
    if to == ComplaintStatus.ACCEPTED:
        complaint.accepted_on = clock.today()
    if to == ComplaintStatus.REOPENED:
        complaint.outcome, complaint.compensation_cny, complaint.decided_on = None, None, None
    before = complaint.status
    complaint.status = to
    session.flush()
    audit.record(session, complaint.stream, "transition", actor, before=before, to=to, note=note, outcome=outcome,
                 compensation_cny=compensation_cny, told_to_complainant=to in rules.TOLD_TO_COMPLAINANT,
                 contract_end_on=complaint.contract_end_on if to == ComplaintStatus.ACCEPTED else None)
    if to == ComplaintStatus.DECIDED and outcome in rules.UPHELD:
        _feed_registry(session, actor, complaint)
    return complaint


def _settle_contract_end(complaint: Complaint, contract_end_on, without_contract: bool) -> None:
    """Before accepting: the contract's end must be known (and within the cut-off) or there was no contract."""
    if contract_end_on is not None:
        complaint.contract_end_on, complaint.without_contract = contract_end_on, False
    elif without_contract:
        complaint.contract_end_on, complaint.without_contract = None, True
    received_on = complaint.received_at.date()
    if complaint.contract_end_on is None and not complaint.without_contract:
        raise field_error("contract_end_on", _(
            "When did the tour contract end? A complaint more than %(n)d days after it is not accepted "
            "(art. 9(四)). Give the date, or say there was no tour contract.", n=rules.limits().contract_cutoff_days))
    if complaint.contract_end_on and complaint.contract_end_on > received_on:
        raise field_error("contract_end_on", _("The contract's end cannot be after the complaint was received."))
    if rules.contract_too_old(complaint.contract_end_on, received_on):
        raise field_error("contract_end_on", _contract_end_error(complaint.contract_end_on, received_on))


def record_contract_end(session, actor, complaint: Complaint, *, version: int, contract_end_on=None,
                        without_contract=False) -> Complaint:
    """The handling city records when the tour contract ended (or that there was none)."""
    check_version(complaint, version)
    if complaint.status not in rules.OPEN_STATES:
        raise Conflict(_("Only an open case is changed."), code="not_open")
    if contract_end_on is None and not without_contract:
        raise field_error("contract_end_on", _("Give the date, or say there was no tour contract."))
    if contract_end_on and contract_end_on > complaint.received_at.date():
        raise field_error("contract_end_on", _("The contract's end cannot be after the complaint was received."))
    complaint.contract_end_on = contract_end_on
    complaint.without_contract = contract_end_on is None
    session.flush()
    audit.record(session, complaint.stream, "contract_end", actor, contract_end_on=contract_end_on,
                 without_contract=complaint.without_contract,
                 too_old=rules.contract_too_old(contract_end_on, complaint.received_at.date()))
    return complaint


def notify_respondent(session, actor, complaint: Complaint, *, version: int, notified_on: date) -> Complaint:
    """The respondent was sent the complaint on ``notified_on``; the written reply is due 10 days later."""
    check_version(complaint, version)
    if complaint.status not in rules.REPLY_STATES:
        raise Conflict(_("The respondent is notified of an accepted case."), code="not_accepted")
    if notified_on > clock.today() or (complaint.accepted_on and notified_on < complaint.accepted_on):
        raise field_error("notified_on", _("Give the day the notice was sent: from acceptance to today."))
    complaint.respondent_notified_on = notified_on
    complaint.respondent_reply_due = rules.reply_due(notified_on)
    complaint.respondent_replied_on = None
    session.flush()
    audit.record(session, complaint.stream, "respondent_notified", actor, notified_on=notified_on,
                 reply_due=complaint.respondent_reply_due)
    return complaint


def record_reply(session, actor, complaint: Complaint, *, version: int, replied_on: date) -> Complaint:
    """The respondent's written reply arrived on ``replied_on``."""
    check_version(complaint, version)
    if complaint.respondent_notified_on is None:
        raise Conflict(_("Record the notice to the respondent first."), code="not_notified")
    if not complaint.respondent_notified_on <= replied_on <= clock.today():
        raise field_error("replied_on", _("Give the day the reply arrived: from the notice to today."))
    complaint.respondent_replied_on = replied_on
    session.flush()
    audit.record(session, complaint.stream, "respondent_replied", actor, replied_on=replied_on,
                 late=replied_on > complaint.respondent_reply_due)
    return complaint


def transfer_out(session, actor, complaint: Complaint, *, version: int, city: str, authority: str,
                 reason: str) -> Complaint:
    """Transfer the case to the competent body outside the zone (art. 15(三)); the complainant is told."""
    check_version(complaint, version)
    if complaint.status not in rules.OPEN_STATES:
        raise Conflict(_("Only an open case is transferred."), code="not_open")
    errors = {}
    if not is_prefecture(city):
        errors["city"] = [_("Unknown place: use the six-digit GB/T 2260 code of a prefecture-level city.")]
    elif is_zone_city(city, clock.today()):
        errors["city"] = [_("That city is in the zone: transfer the case to it within the log instead.")]
    if not (authority or "").strip():
        errors["authority"] = [_("Name the authority that receives the case.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the transfer.")]
    if errors:
        raise InvalidInput(errors=errors)
    before = complaint.status
    complaint.status = ComplaintStatus.TRANSFERRED
    complaint.transfer_to, complaint.transferred_authority = city, authority.strip()
    session.flush()
    audit.record(session, complaint.stream, "transferred_out", actor, before=before, city=city,
                 authority=complaint.transferred_authority, reason=reason.strip())
    return complaint


def recompute_deadlines(session, actor, work_calendar) -> int:
    """Recompute the acceptance limit of every case awaiting acceptance on ``work_calendar``; each change is
    written to the case's history."""
    changed = 0
    days = rules.limits().accept_working_days
    for complaint in session.scalars(select(Complaint).where(Complaint.status == ComplaintStatus.RECEIVED)):
        deadline = work_calendar.add(complaint.received_at.date(), days)
        if (deadline.date, deadline.provisional) == (complaint.accept_by, complaint.accept_by_provisional):
            continue
        before = complaint.accept_by
        complaint.accept_by, complaint.accept_by_provisional = deadline.date, deadline.provisional
        session.flush()
        audit.record(session, complaint.stream, "deadline_recomputed", actor, before=before, accept_by=deadline.date,
                     provisional=deadline.provisional, source=deadline.source)
        changed += 1
    return changed


def transfer(session, actor, complaint: Complaint, *, city: str, version: int, reason: str, designate=False):
    """Hand the case to another city's body (or, ``designate``d by the province, to anyone including itself).

    The history stays with the case and no time limit restarts.
    """
    check_version(complaint, version)
    if not (reason or "").strip():
        raise field_error("reason", _("Give the reason for the transfer."))
    if city != rules.PROVINCE and not is_zone_city(city, clock.today()):
        raise field_error("city", _("Transfer within the zone's cities; a body outside the zone receives the case "
                                    "by a transfer out."))
    if city == rules.PROVINCE and not designate:
        raise field_error("city", _("Only the province takes a case itself."))
    if city == complaint.assigned_city:
        raise Conflict(_("The case is already with that city."), code="same_city")
    if complaint.status not in rules.OPEN_STATES:
        raise Conflict(_("Only an open case is transferred."), code="not_open")
    before = complaint.assigned_city
    complaint.assigned_city = city
    if city not in complaint.competent_cities:
        complaint.competent_cities = [*complaint.competent_cities, city]
    session.flush()
    audit.record(session, complaint.stream, "transferred", actor, from_city=before, to_city=city,
                 reason=reason.strip(), designated=designate)
    return complaint


def add_message(session, actor, complaint: Complaint, *, body: str, for_complainant: bool) -> ComplaintMessage:
    if not (body or "").strip():
        raise field_error("body", _("Write the message."))
    message = ComplaintMessage(complaint=complaint, author=audit.actor_name(actor),
                               for_complainant=bool(for_complainant), body=body.strip())
    session.add(message)
    session.flush()
    audit.record(session, complaint.stream, "message", actor, for_complainant=bool(for_complainant),
                 body=message.body)
    return message


def add_attachment(session, complaint: Complaint, *, filename: str, data: bytes) -> ComplaintAttachment:
    """A file the complainant adds later (through the tracking number and access code).

    The count is taken in the same statement that raises it, so parallel uploads cannot pass the limit.
    """
    if complaint.finished:
        raise field_error("file", _("This case is over: files can no longer be added to it."))
    content_type = attachments.check(data)
    taken = session.execute(update(Complaint).where(Complaint.id == complaint.id,
                                                    Complaint.attachment_count < attachments.MAX_FILES)
                            .values(attachment_count=Complaint.attachment_count + 1)
                            .execution_options(synchronize_session=False)).rowcount
    if not taken:
        raise field_error("attachments", _("At most %(n)d files.", n=attachments.MAX_FILES))
    attachment = _attach(session, complaint, filename, data, content_type)
    session.flush()
    audit.record(session, complaint.stream, "attachment", None, attachment_id=attachment.id,
                 content_type=content_type, size=len(data), sha256=attachment.sha256)
    return attachment


# --- outcomes feed the registries ---------------------------------------------------------------

def _feed_registry(session, actor, complaint):
    """Record an upheld complaint on the licence's history and flag the licence after repeated ones."""
    if complaint.respondent_kind not in (RespondentKind.AGENCY, RespondentKind.GUIDE) or \
            complaint.respondent_city is None:
        return
    stream = f"{complaint.respondent_kind}:{complaint.respondent_ref}"
    audit.record(session, stream, "complaint_upheld", actor, tracking_no=complaint.tracking_no,
                 outcome=complaint.outcome, compensation_cny=complaint.compensation_cny)
    threshold = current_app.config["COMPLAINT_REVIEW_THRESHOLD"]
    since = clock.today() - timedelta(days=current_app.config["COMPLAINT_REVIEW_WINDOW_DAYS"])
    upheld = session.scalar(select(func.count(Complaint.id)).where(
        Complaint.respondent_kind == complaint.respondent_kind, Complaint.respondent_ref == complaint.respondent_ref,
        Complaint.outcome.in_(rules.UPHELD), Complaint.decided_on >= since))
    open_flag = session.scalar(select(ReviewFlag.id).where(
        ReviewFlag.subject_kind == complaint.respondent_kind, ReviewFlag.licence_no == complaint.respondent_ref,
        ReviewFlag.cleared_at.is_(None)))
    if upheld >= threshold and open_flag is None:
        reason = _("%(n)d upheld complaints since %(day)s", n=upheld, day=since.isoformat())
        session.add(ReviewFlag(subject_kind=complaint.respondent_kind, licence_no=complaint.respondent_ref,
                               reason=reason))
        audit.record(session, stream, "flagged_for_review", actor, upheld=upheld, since=since)


def guides_to_review(session, user) -> int:
    """Guide licences flagged after repeated upheld complaints and not cleared: those of ``user``'s city's
    guides (every one for the province)."""
    query = select(func.count(ReviewFlag.id)).where(ReviewFlag.subject_kind == ReviewSubject.GUIDE,
                                                    ReviewFlag.cleared_at.is_(None))
    city = own_city(user)
    if city:
        query = query.join(Guide, Guide.licence_no == ReviewFlag.licence_no).where(Guide.home_city == city)
    return session.scalar(query)


@dataclass(frozen=True)
class ComplaintRecord:
    upheld: list
    flag: ReviewFlag | None


def complaint_record(session, *, subject_kind: str, licence_no: str) -> ComplaintRecord:
    """Upheld complaints against a licence and its open review flag, for the registries' pages."""
    upheld = session.scalars(select(Complaint).where(
        Complaint.respondent_kind == subject_kind, Complaint.respondent_ref == licence_no,
        Complaint.outcome.in_(rules.UPHELD)).order_by(Complaint.decided_on.desc())).all()
    flag = session.scalar(select(ReviewFlag).where(
        ReviewFlag.subject_kind == subject_kind, ReviewFlag.licence_no == licence_no,
        ReviewFlag.cleared_at.is_(None)))
    return ComplaintRecord(list(upheld), flag)


# --- dashboard ---------------------------------------------------------------------------------

def last_months(today: date, months: int) -> list[str]:
    """``YYYY-MM`` of the last ``months`` months, oldest first, ending with ``today``'s."""
    keys, year, month = [], today.year, today.month
    for _step in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def monthly_counts(session, months: int = 12) -> tuple[list[str], dict[str, dict[str, int]]]:
    """Complaints received per assigned city and month, over the last ``months`` months."""
    keys = last_months(clock.today(), months)
    since = date.fromisoformat(f"{keys[0]}-01")
    start = datetime.combine(since, time.min, tzinfo=clock.LOCAL_TZ)
    rows = session.execute(select(Complaint.assigned_city, Complaint.received_at)
                           .where(Complaint.received_at >= start)).all()
    counts: dict[str, dict[str, int]] = {}
    for city, received_at in rows:
        month = received_at.strftime("%Y-%m")
        if month in keys:
            counts.setdefault(city, dict.fromkeys(keys, 0))[month] += 1
    return keys, counts
