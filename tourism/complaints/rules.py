"""The complaint-handling rules: jurisdiction, workflow, time limits. Sources cited per rule.

《旅游投诉处理办法》(国家旅游局令第32号, in force 2010-07-01):
- art. 5: the complaint-handling body of the place where the tourism contract was signed, or where
  the respondent is located, has jurisdiction; where the harmful conduct must be stopped or corrected
  at once, the body of the place where it happens.
- art. 15: within 5 working days of receiving a complaint the body accepts it, refuses it with
  reasons, or transfers it to the body with jurisdiction (quoted at m.75law.com/question/160895.html).
- mediation: an agreement is reached within 60 days of acceptance, otherwise mediation ends and the
  parties may go to arbitration or court (the measures' procedure as summarised in public flowcharts
  and the Chongqing complaint guide, 9556666.cn/travel/2013/0221/960.html).
A transfer between cities changes who handles the case; it restarts no time limit (the measures do
not restart the 5 working days, and the zone shares one log, so the complaint was received once).
"""

from datetime import date, timedelta

from tourism.complaints.enums import ComplaintStatus, Outcome
from tourism.core.workdays import add_working_days
from tourism.zone.service import is_zone_city

PROVINCE = "440000"  # the province designates, and may take any case
ACCEPT_WORKING_DAYS = 5
MEDIATION_DAYS = 60

UPHELD = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)

S = ComplaintStatus
# The workflow: from each state, where a case may go next.
TRANSITIONS = {
    S.RECEIVED: (S.ACCEPTED, S.NOT_ACCEPTED),
    S.ACCEPTED: (S.MEDIATION, S.INVESTIGATION),
    S.MEDIATION: (S.INVESTIGATION, S.DECIDED),
    S.INVESTIGATION: (S.MEDIATION, S.DECIDED),
    S.DECIDED: (S.CLOSED, S.REOPENED),
    S.NOT_ACCEPTED: (S.CLOSED, S.REOPENED),
    S.CLOSED: (S.REOPENED,),
    S.REOPENED: (S.MEDIATION, S.INVESTIGATION, S.DECIDED),
}
OPEN_STATES = (S.RECEIVED, S.ACCEPTED, S.MEDIATION, S.INVESTIGATION, S.REOPENED)
# Transitions that need a written reason (refusal must give reasons, art. 15; an appeal its grounds).
NEEDS_NOTE = (S.NOT_ACCEPTED, S.REOPENED)
# Notes on these are addressed to the complainant as well.
TOLD_TO_COMPLAINANT = (S.ACCEPTED, S.NOT_ACCEPTED, S.DECIDED, S.CLOSED, S.REOPENED)


def competent_cities(contract_city: str | None, respondent_city: str | None, incident_city: str,
                     urgent: bool) -> list[str]:
    """The cities whose bodies have jurisdiction under art. 5, the first being the one the case goes to.

    Urgent cases (conduct to stop at once) go to the place of harm; otherwise the contract city, then
    the respondent's city. When neither is known, the place of harm is the best indication of where
    the respondent is.
    """
    candidates = ([incident_city] if urgent else []) + [contract_city, respondent_city]
    cities = list(dict.fromkeys(c for c in candidates if c))
    return cities or [incident_city]


def assigned_city(competent: list[str], day: date) -> str:
    """The first competent city that is in the zone; outside the zone the province handles the case."""
    return next((city for city in competent if is_zone_city(city, day)), PROVINCE)


def accept_by(received_on: date) -> date:
    return add_working_days(received_on, ACCEPT_WORKING_DAYS)


def mediation_by(accepted_on: date) -> date:
    return accepted_on + timedelta(days=MEDIATION_DAYS)


def due_date(complaint) -> date | None:
    """The next statutory limit the open case runs against."""
    if complaint.status == S.RECEIVED:
        return complaint.accept_by
    if complaint.status in OPEN_STATES and complaint.accepted_on:
        return mediation_by(complaint.accepted_on)
    return None


def is_overdue(complaint, today: date) -> bool:
    due = due_date(complaint)
    return due is not None and today > due
