"""The complaint-handling rules: jurisdiction, workflow, time limits, joint complaints.

They follow 《旅游投诉处理办法》(国家旅游局令第32号, in force 2010-07-01; text: law726.infoeach.com and
m.75law.com copies, checked 2026-11-26):
- art. 5: the complaint-handling body of the place where the tourism contract was signed, or where the
  respondent is located, has jurisdiction; where the harmful conduct must be stopped or corrected at
  once, the body of the place where it happens;
- art. 9(四): a complaint made more than 90 days after the tourism contract ended is not accepted;
- art. 14: four or more complainants with the same cause against the same respondent make a joint
  complaint, which may be made through 1 to 3 representatives they choose (《旅游法》art. 94 likewise
  lets tourists with a common claim choose representatives);
- art. 15: within 5 working days of receiving a complaint the body accepts it, refuses it with reasons,
  or transfers it (转办) to the body with jurisdiction, telling the complainant in writing;
- the respondent replies in writing within 10 days of being notified; mediation reaches an agreement
  within 60 days of acceptance, otherwise it ends (the measures' procedure, 中国消费者报 2010-05-28).
Those measures were replaced on 2026-03-15 by 《旅游投诉处理办法》(文化和旅游部令第14号), whose limits
could not be checked against its text; each limit is therefore a setting (COMPLAINT_*), defaulting to
the 2010 text, and the pages that show a limit say so.

A transfer between cities of the zone changes who handles the case; it restarts no time limit (the
zone shares one log, so the complaint was received once).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, or_

from tourism.complaints.enums import ComplaintStatus, Outcome
from tourism.zone.service import is_zone_city

PROVINCE = "440000"  # the province designates, and may take any case
JOINT_FROM = 4  # art. 14: four or more complainants make a joint complaint
MAX_REPRESENTATIVES = 3  # art. 14: 1 to 3 representatives

UPHELD = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)

S = ComplaintStatus
# The workflow: from each state, where a case may go next (a transfer out of the zone is its own action).
TRANSITIONS = {
    S.RECEIVED: (S.ACCEPTED, S.NOT_ACCEPTED),
    S.ACCEPTED: (S.MEDIATION, S.INVESTIGATION),
    S.MEDIATION: (S.INVESTIGATION, S.DECIDED),
    S.INVESTIGATION: (S.MEDIATION, S.DECIDED),
    S.DECIDED: (S.CLOSED, S.REOPENED),
    S.NOT_ACCEPTED: (S.CLOSED, S.REOPENED),
    S.CLOSED: (S.REOPENED,),
    S.REOPENED: (S.MEDIATION, S.INVESTIGATION, S.DECIDED),
    S.TRANSFERRED: (S.REOPENED,),
}
OPEN_STATES = (S.RECEIVED, S.ACCEPTED, S.MEDIATION, S.INVESTIGATION, S.REOPENED)
# While the respondent's written reply is awaited.
REPLY_STATES = (S.ACCEPTED, S.MEDIATION, S.INVESTIGATION, S.REOPENED)
# Transitions that need a written reason (refusal must give reasons, art. 15; an appeal its grounds).
NEEDS_NOTE = (S.NOT_ACCEPTED, S.REOPENED)
# Notes on these are addressed to the complainant as well.
TOLD_TO_COMPLAINANT = (S.ACCEPTED, S.NOT_ACCEPTED, S.DECIDED, S.CLOSED, S.REOPENED, S.TRANSFERRED)


@dataclass(frozen=True)
class Limits:
    """The time limits in force (settings; see the module docstring)."""

    accept_working_days: int
    contract_cutoff_days: int
    reply_days: int
    mediation_days: int


def limits() -> Limits:
    config = current_app.config
    return Limits(config["COMPLAINT_ACCEPT_WORKING_DAYS"], config["COMPLAINT_CONTRACT_CUTOFF_DAYS"],
                  config["COMPLAINT_REPLY_DAYS"], config["COMPLAINT_MEDIATION_DAYS"])


def competent_cities(contract_city: str | None, respondent_city: str | None, incident_city: str,
                     urgent: bool) -> list[str]:
    """The places whose bodies have jurisdiction under art. 5, the first being the one the case belongs to.

    Urgent cases (conduct to stop at once) go to the place of harm; otherwise the contract's place, then
    the respondent's. When neither is known, the place of harm is the best indication of where the
    respondent is. Any prefecture of the country may be named, inside the zone or not.
    """
    candidates = ([incident_city] if urgent else []) + [contract_city, respondent_city]
    cities = list(dict.fromkeys(c for c in candidates if c))
    return cities or [incident_city]


@dataclass(frozen=True)
class Routing:
    assigned_city: str  # the zone's body that handles the case (or the province)
    transfer_to: str | None  # the competent place outside the zone the case is to be transferred to


def route(competent: list[str], incident_city: str, day: date) -> Routing:
    """Who handles the case in the zone, and where it must go when no competent body is in the zone.

    The first competent city of the zone takes it. When none is in the zone, the body where the harm
    happened (if in the zone; else the province) receives it and transfers it within the acceptance
    limit to the competent body (art. 15(三)).
    """
    in_zone = [city for city in competent if is_zone_city(city, day)]
    if in_zone:
        return Routing(in_zone[0], None)
    receiver = incident_city if is_zone_city(incident_city, day) else PROVINCE
    return Routing(receiver, competent[0] if competent[0] != receiver else None)


def contract_too_old(contract_end_on: date | None, received_on: date) -> bool:
    """Art. 9(四): more than the cut-off after the tour contract ended."""
    return contract_end_on is not None and (received_on - contract_end_on).days > limits().contract_cutoff_days


def reply_due(notified_on: date) -> date:
    return notified_on + timedelta(days=limits().reply_days)


def mediation_by(accepted_on: date) -> date:
    return accepted_on + timedelta(days=limits().mediation_days)


def reply_overdue(complaint, today: date) -> bool:
    return (complaint.status in REPLY_STATES and complaint.respondent_reply_due is not None
            and complaint.respondent_replied_on is None and today > complaint.respondent_reply_due)


def due_date(complaint) -> date | None:
    """The next limit the open case runs against."""
    if complaint.status == S.RECEIVED:
        return complaint.accept_by
    if complaint.status in OPEN_STATES and complaint.accepted_on:
        return mediation_by(complaint.accepted_on)
    return None


def is_overdue(complaint, today: date) -> bool:
    due = due_date(complaint)
    return (due is not None and today > due) or reply_overdue(complaint, today)


def overdue_clause(model, today: date):
    """``is_overdue`` as a SQL condition on the complaints table (``model``), for lists that filter and sort
    in the database."""
    return or_(
        and_(model.status == S.RECEIVED, model.accept_by < today),
        and_(model.status.in_(OPEN_STATES), model.status != S.RECEIVED, model.accepted_on.is_not(None),
             model.accepted_on < today - timedelta(days=limits().mediation_days)),
        and_(model.status.in_(REPLY_STATES), model.respondent_reply_due.is_not(None),
             model.respondent_replied_on.is_(None), model.respondent_reply_due < today))


def representatives_problem(count: int, representatives: int) -> str | None:
    """What is wrong, under art. 14, with ``count`` complainants naming ``representatives`` of them."""
    if representatives and count < JOINT_FROM:
        return "not_joint"
    if representatives > MAX_REPRESENTATIVES:
        return "too_many"
    return None
