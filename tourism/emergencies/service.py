"""Safety incidents shared across the zone: grades, acknowledgement by each affected city, a timeline.

Grades follow 《旅游安全管理办法》(国家旅游局令第41号, in force 2016-12-01) art. 39, as quoted at
cwzpg.com/lvyougonglve/6c5va4ljia.html ('N+' includes N, 'under N' excludes it):
  I   特别重大: 30+ dead or missing, or 100+ seriously injured, or 500+ stranded over 24 h;
  II  重大:     10–29 dead or missing, or 50–99 seriously injured, or 200+ stranded over 24 h;
  III 较大:     3–9 dead or missing, or 10–49 seriously injured, or 50–199 stranded over 24 h;
  IV  一般:     fewer.
Acknowledgement limits: a travel agency reports an incident to the authority of the place within one
hour (draft reporting measures, 2013, as reported at healinghandsltd.com); how fast each city's
authority must acknowledge a broadcast is set by the provincial emergency plan, so the limits per
grade are configuration (INCIDENT_ACK_MINUTES), one hour for every grade by default.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from tourism.core import audit, clock
from tourism.core.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from tourism.emergencies.enums import Grade, IncidentKind
from tourism.emergencies.models import Incident, IncidentCity, IncidentUpdate
from tourism.zone.service import is_known_city

SEVERITY = {grade: rank for rank, grade in enumerate(Grade)}  # I is the gravest


def grade_for(dead_or_missing: int = 0, seriously_injured: int = 0, stranded: int = 0) -> Grade:
    """The grade the casualty figures call for (art. 39)."""
    if dead_or_missing >= 30 or seriously_injured >= 100 or stranded >= 500:
        return Grade.I
    if dead_or_missing >= 10 or seriously_injured >= 50 or stranded >= 200:
        return Grade.II
    if dead_or_missing >= 3 or seriously_injured >= 10 or stranded >= 50:
        return Grade.III
    return Grade.IV


def acknowledge_limit(grade: str) -> timedelta:
    return timedelta(minutes=current_app.config["INCIDENT_ACK_MINUTES"][grade])


def get_incident(session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound()
    return incident


def report_incident(session, actor, *, grade, kind, cities, occurred_at, summary, dead_or_missing=None,
                    seriously_injured=None, stranded=None) -> Incident:
    """Broadcast an incident to the cities it touches; each must acknowledge within its grade's limit."""
    errors = {}
    if grade not in Grade.values():
        errors["grade"] = [_("Use I, II, III or IV.")]
    if kind not in IncidentKind.values():
        errors["kind"] = [_("Use accident, natural_disaster, public_health, crowding or other.")]
    unknown = [c for c in cities if not is_known_city(c)]
    if not cities or unknown:
        errors["cities"] = [_("Name the affected cities by their codes.")]
    if occurred_at > clock.now() + timedelta(minutes=5):
        errors["occurred_at"] = [_("The time cannot be in the future.")]
    if not (summary or "").strip():
        errors["summary"] = [_("Describe what happened.")]
    figures = {"dead_or_missing": dead_or_missing or 0, "seriously_injured": seriously_injured or 0,
               "stranded": stranded or 0}
    if not errors and any(figures.values()):
        needed = grade_for(**figures)
        if SEVERITY[grade] > SEVERITY[needed]:
            errors["grade"] = [_("These figures make it grade %(grade)s at least (旅游安全管理办法 art. 39).",
                                 grade=needed)]
    if errors:
        raise InvalidInput(errors=errors)
    now = clock.now()
    incident = Incident(grade=grade, kind=kind, summary=summary.strip(), occurred_at=occurred_at, reported_at=now,
                        reported_by=audit.actor_name(actor))
    deadline = now + acknowledge_limit(grade)
    incident.cities = [IncidentCity(city=city, acknowledge_by=deadline) for city in dict.fromkeys(cities)]
    session.add(incident)
    session.flush()
    audit.record(session, incident.stream, "reported", actor, grade=grade, kind=kind,
                 cities=[row.city for row in incident.cities], occurred_at=occurred_at, summary=incident.summary,
                 **figures)
    return incident


def acknowledge(session, actor, incident: Incident) -> IncidentCity:
    """The acting regulator acknowledges for their own city, once.

    The acknowledgement is taken only if none was: two regulators of one city pressing at once record one.
    """
    row = next((c for c in incident.cities if c.city == actor.city_code), None)
    if row is None:
        raise Forbidden(_("Only a regulator of an affected city acknowledges, for that city."))
    now = clock.now()
    taken = session.execute(
        update(IncidentCity).where(IncidentCity.incident_id == incident.id, IncidentCity.city == row.city,
                                   IncidentCity.acknowledged_at.is_(None))
        .values(acknowledged_at=now, acknowledged_by=audit.actor_name(actor))
        .execution_options(synchronize_session=False)).rowcount
    session.refresh(row)
    if not taken:
        raise Conflict(_("Your city acknowledged this incident at %(time)s.",
                         time=row.acknowledged_at.strftime("%Y-%m-%d %H:%M")), code="already_acknowledged")
    audit.record(session, incident.stream, "acknowledged", actor, city=row.city, late=now > row.acknowledge_by)
    return row


def add_update(session, actor, incident: Incident, *, body: str) -> IncidentUpdate:
    if not (body or "").strip():
        raise field_error("body", _("Write the update."))
    if incident.closed_at is not None:
        raise Conflict(_("The incident is closed."), code="closed")
    update = IncidentUpdate(incident=incident, author=audit.actor_name(actor), body=body.strip())
    session.add(update)
    session.flush()
    audit.record(session, incident.stream, "update", actor, body=update.body)
    return update


def close_incident(session, actor, incident: Incident, *, note: str) -> Incident:
    if incident.closed_at is not None:
        raise Conflict(_("The incident is closed."), code="closed")
    if not (note or "").strip():
        raise field_error("note", _("Say how the incident ended."))
    incident.closed_at = clock.now()
    session.flush()
    audit.record(session, incident.stream, "closed", actor, note=note.strip())
    return incident


INCIDENT_STEPS = {
    "reported": lambda state, d: state.update(closed=False, acknowledged=[]),
    "acknowledged": lambda state, d: state.update(acknowledged=sorted([*state["acknowledged"], d["city"]])),
    "closed": lambda state, d: state.update(closed=True),
}


def history_problems(session, entries):
    """Incidents whose closure or acknowledgements are not what their histories say (see tourism.core.audit)."""
    for incident in session.scalars(select(Incident)):
        stream = entries.get(incident.stream)
        actual = {"closed": incident.closed_at is not None,
                  "acknowledged": sorted(row.city for row in incident.cities if row.acknowledged_at is not None)}
        yield from audit.state_problems(incident.stream, stream, audit.replay(stream or [], {}, INCIDENT_STEPS),
                                        actual)


def board(session, *, include_closed=False) -> list[Incident]:
    query = select(Incident)
    if not include_closed:
        query = query.where(Incident.closed_at.is_(None))
    return list(session.scalars(query.order_by(Incident.reported_at.desc()).limit(200)))
