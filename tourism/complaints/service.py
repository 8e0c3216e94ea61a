"""Complaints in the zone's shared log: intake, jurisdiction, workflow, privacy, outcomes.

The rules themselves (jurisdiction, states, time limits) are in tourism.complaints.rules.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update

from tourism.accounts.service import check_secret, hash_access_code, spend_secret_check
from tourism.agencies.service import find_agency
from tourism.complaints import attachments, rules
from tourism.complaints.enums import ComplaintStatus, Outcome, RespondentKind
from tourism.complaints.models import Complaint, ComplaintAttachment, ComplaintMessage, ReviewFlag
from tourism.core import audit, clock, idempotency
from tourism.core.authz import can
from tourism.core.errors import Conflict, InvalidInput, NotFound, check_version, field_error
from tourism.core.sequences import next_value
from tourism.guides.service import find_guide
from tourism.zone.service import is_known_city

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 12  # 60 bits


# --- intake ----------------------------------------------------------------------------------

def _respondent(session, kind: str, ref: str | None, incident_city: str):
    """Name and city of the respondent, from the registries when the reference is a licence number."""
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
        return ref, ref, incident_city  # a place is where the harm happened
    return ref, ref, None


def _new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def file_complaint(session, actor=None, *, complainant_name, complainant_phone, respondent_kind, incident_city,
                   occurred_on, description, respondent_ref=None, contract_city=None, urgent=False, claim_cny=None,
                   files=()) -> tuple[Complaint, str]:
    """Record a complaint and route it by art. 5; returns the case and its access code (shown once)."""
    errors = {}
    today = clock.today()
    if respondent_kind not in RespondentKind.values():
        errors["respondent.kind"] = [_("Use agency, guide, poi or other.")]
    for field, city in (("incident_city", incident_city), ("contract_city", contract_city)):
        if city and not is_known_city(city):
            errors[field] = [_("Unknown city code.")]
    if occurred_on > today:
        errors["occurred_on"] = [_("The date cannot be in the future.")]
    if not (description or "").strip():
        errors["description"] = [_("Say what happened.")]
    if len(files) > attachments.MAX_FILES:
        errors["attachments"] = [_("At most %(n)d files.", n=attachments.MAX_FILES)]
    if errors:
        raise InvalidInput(errors=errors)
    checked = [(name, data, attachments.check(data)) for name, data in files]
    ref, name, respondent_city = _respondent(session, respondent_kind, respondent_ref, incident_city)
    competent = rules.competent_cities(contract_city, respondent_city, incident_city, urgent)
    code = _new_access_code()
    code_hash = hash_access_code(code)  # before the number is drawn, which locks its counter
    received_at = clock.now()
    number = next_value(session, f"complaint:{received_at.year}")
    complaint = Complaint(
        tracking_no=f"TS{received_at.year}{number:06d}", access_code_hash=code_hash, status=ComplaintStatus.RECEIVED,
        assigned_city=rules.assigned_city(competent, today), competent_cities=competent,
        complainant_name=complainant_name.strip(), complainant_phone=complainant_phone.strip(),
        respondent_kind=respondent_kind, respondent_ref=ref, respondent_name=name, respondent_city=respondent_city,
        contract_city=contract_city, incident_city=incident_city, occurred_on=occurred_on,
        description=description.strip(), claim_cny=claim_cny, urgent=bool(urgent), received_at=received_at,
        accept_by=rules.accept_by(received_at.date()), attachment_count=len(checked),
    )
    session.add(complaint)
    session.flush()
    for filename, data, content_type in checked:
        _attach(session, complaint, filename, data, content_type)
    audit.record(session, complaint.stream, "received", actor, assigned_city=complaint.assigned_city,
                 competent_cities=competent, urgent=complaint.urgent, accept_by=complaint.accept_by,
                 attachments=len(checked))
    return complaint, code


def receipt(complaint: Complaint, access_code: str) -> dict:
    """What the complainant keeps: the number, the code (shown this once), who handles it and by when."""
    return {"tracking_no": complaint.tracking_no, "access_code": access_code, "assigned_city": complaint.assigned_city,
            "status": complaint.status, "accept_by": complaint.accept_by.isoformat()}


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
}


def history_problems(session, entries):
    """Cases whose stored status or handling city is not what their histories say (see tourism.core.audit)."""
    for complaint in session.scalars(select(Complaint)):
        stream = entries.get(complaint.stream)
        yield from audit.state_problems(complaint.stream, stream, audit.replay(stream or [], {}, COMPLAINT_STEPS),
                                        {"status": complaint.status, "assigned_city": complaint.assigned_city})


# --- reading ---------------------------------------------------------------------------------

def get_complaint(session, tracking_no: str) -> Complaint:
    complaint = session.scalar(select(Complaint).where(Complaint.tracking_no == tracking_no))
    if complaint is None:
        raise NotFound()
    return complaint


def lookup(session, tracking_no: str, access_code: str) -> Complaint:
    """The case for its complainant; a wrong code and an unknown number fail alike, in the same time."""
    complaint = session.scalar(select(Complaint).where(Complaint.tracking_no == (tracking_no or "").strip()))
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
        elif entry.action == "message" and details.get("for_complainant"):
            events.append(PublicEvent(entry.at, "message", details.get("body")))
    return events


def view_for(user, complaint: Complaint) -> str:
    """Which view of a case ``user`` gets: ``handler`` (with the complainant's details) or ``shared``."""
    return "handler" if can("complaint.handle", complaint, user=user) else "shared"


def complainant_view(session, complaint: Complaint) -> dict:
    """What the complainant sees through the tracking number and access code."""
    return {"tracking_no": complaint.tracking_no, "status": complaint.status, "assigned_city": complaint.assigned_city,
            "received_at": complaint.received_at, "accept_by": complaint.accept_by, "outcome": complaint.outcome,
            "compensation_cny": complaint.compensation_cny, "history": complainant_history(session, complaint)}


def queue(session, *, city=None, status=None, respondent=None, overdue_only=False, exclude_city=None, limit=200):
    """Cases for a regulator's queue, the oldest limit first; ``overdue_only`` keeps those past their limit."""
    query = select(Complaint)
    if city:
        query = query.where(Complaint.assigned_city == city)
    if exclude_city:
        query = query.where(Complaint.assigned_city != exclude_city)
    if status:
        query = query.where(Complaint.status == status)
    if respondent:
        pattern = f"%{respondent.strip()}%"
        query = query.where(or_(Complaint.respondent_ref.ilike(pattern), Complaint.respondent_name.ilike(pattern)))
    today = clock.today()
    if overdue_only:
        # Only open cases can be overdue; all of them are read, so none is cut off by the limit.
        query = query.where(Complaint.status.in_(rules.OPEN_STATES))
        cases = [c for c in session.scalars(query) if rules.is_overdue(c, today)]
    else:
        cases = session.scalars(query.order_by(Complaint.received_at.desc()).limit(limit)).all()
    # Overdue first, then by the nearest limit, so late cases stand out in every queue.
    return sorted(cases, key=lambda c: (not rules.is_overdue(c, today), rules.due_date(c) or date.max))


# --- workflow --------------------------------------------------------------------------------

def transition(session, actor, complaint: Complaint, *, to: str, version: int, note=None, outcome=None,
               compensation_cny=None) -> Complaint:
    """Move the case along the workflow; a stale ``version`` is refused and nothing is written."""
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
                 compensation_cny=compensation_cny, told_to_complainant=to in rules.TOLD_TO_COMPLAINANT)
    if to == ComplaintStatus.DECIDED and outcome in rules.UPHELD:
        _feed_registry(session, actor, complaint)
    return complaint


def transfer(session, actor, complaint: Complaint, *, city: str, version: int, reason: str, designate=False):
    """Hand the case to another city's body (or, ``designate``d by the province, to anyone including itself).

    The history stays with the case and no time limit restarts.
    """
    check_version(complaint, version)
    if not (reason or "").strip():
        raise field_error("reason", _("Give the reason for the transfer."))
    if city != rules.PROVINCE and not is_known_city(city):
        raise field_error("city", _("Unknown city code."))
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
