"""Safety incidents shared across the zone: acknowledgement by each city, upward reports, a timeline.

The rules (grades, reporting chain, limits) and their sources are in tourism.emergencies.rules.
"""

from datetime import datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from tourism.agencies.service import find_agency
from tourism.core import audit, clock
from tourism.core.authz import own_city
from tourism.core.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from tourism.emergencies import rules
from tourism.emergencies.enums import CityRole, Grade, IncidentKind, ReportLevel
from tourism.emergencies.models import Incident, IncidentAgency, IncidentCity, IncidentReport, IncidentUpdate
from tourism.groups.service import involved_in_incident
from tourism.zone.service import is_known_city, primary_zone


def get_incident(session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound()
    return incident


def report_incident(session, actor, *, grade, kind, cities, occurred_at, summary, dead_or_missing=None,
                    seriously_injured=None, stranded=None, agencies=(), groups=()) -> Incident:
    """Broadcast an incident to the cities it touches and to the home cities of the agencies whose tourists
    are involved (named, or organising and receiving the groups named); each must acknowledge within its
    grade's limit (this system's policy)."""
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
    elif occurred_at.date() < primary_zone().start:
        errors["occurred_at"] = [_("The date is before the zone existed (%(day)s): check the year.",
                                   day=format_date(primary_zone().start))]
    if not (summary or "").strip():
        errors["summary"] = [_("Describe what happened.")]
    figures = {"dead_or_missing": dead_or_missing or 0, "seriously_injured": seriously_injured or 0,
               "stranded": stranded or 0}
    if not errors and any(figures.values()):
        needed = rules.grade_for(**figures)
        if rules.SEVERITY[grade] > rules.SEVERITY[needed]:
            errors["grade"] = [_("These figures make it grade %(grade)s at least (《旅游安全管理办法》第三十九条).",
                                 grade=needed)]
    involved = []
    for licence_no in dict.fromkeys(agencies):
        agency = find_agency(session, licence_no)
        if agency is None:
            errors.setdefault("agencies", []).append(_("No agency with licence number %(no)s.", no=licence_no))
        else:
            involved.append(agency)
    group_nos = []
    if groups and "cities" not in errors and "occurred_at" not in errors:
        try:
            group_nos, group_agencies = involved_in_incident(session, groups, cities=cities,
                                                             day=occurred_at.astimezone(clock.LOCAL_TZ).date())
        except InvalidInput as error:
            errors.update(error.errors)
        else:
            involved += [a for a in group_agencies if a.id not in {b.id for b in involved}]
    if errors:
        raise InvalidInput(errors=errors)
    now = clock.now()
    incident = Incident(grade=grade, kind=kind, summary=summary.strip(), occurred_at=occurred_at, reported_at=now,
                        reported_by=audit.actor_name(actor), group_nos=group_nos)
    deadline = now + rules.acknowledge_limit(grade)
    roles = dict.fromkeys(cities, CityRole.AFFECTED)
    for agency in involved:
        roles.setdefault(agency.home_city, CityRole.AGENCY_HOME)
    incident.cities = [IncidentCity(city=city, role=role, acknowledge_by=deadline) for city, role in roles.items()]
    incident.agencies = [IncidentAgency(agency_id=agency.id) for agency in involved]
    session.add(incident)
    session.flush()
    audit.record(session, incident.stream, "reported", actor, grade=grade, kind=kind,
                 cities=[row.city for row in incident.cities], occurred_at=occurred_at, summary=incident.summary,
                 agencies=[agency.licence_no for agency in involved], groups=incident.group_nos,
                 informed=[city for city, role in roles.items() if role == CityRole.AGENCY_HOME], **figures)
    return incident


def reports_due(incident: Incident) -> list[rules.ReportDue]:
    """The upward reports the incident's grade calls for, with when each is due and when it was made."""
    return rules.upward_reports(incident.grade, incident.received_at,
                                {report.level: report.reported_at for report in incident.reports})


def record_report(session, actor, incident: Incident, *, level: str, reported_at: datetime,
                  note: str = "") -> IncidentReport:
    """Record that the incident was reported up to ``level`` at ``reported_at`` (once per level)."""
    chain = rules.CHAIN[Grade(incident.grade)]
    if level not in chain:
        raise field_error("level", _("A grade %(grade)s incident is not reported to that level.",
                                     grade=incident.grade))
    if level == ReportLevel.MINISTRY and ReportLevel.PROVINCE not in {r.level for r in incident.reports}:
        raise field_error("level", _("Record the report to the province first: reports go up level by level."))
    if reported_at > clock.now() + timedelta(minutes=5) or reported_at < incident.occurred_at:
        raise field_error("reported_at", _("Give the time the report was made: after the incident, not in the future."))
    if any(r.level == level for r in incident.reports):
        raise Conflict(_("That report is already recorded."), code="already_reported")
    report = IncidentReport(incident=incident, level=level, reported_at=reported_at,
                            recorded_by=audit.actor_name(actor), note=(note or "").strip())
    session.add(report)
    session.flush()
    due = next(d for d in reports_due(incident) if d.level == level)
    audit.record(session, incident.stream, "reported_up", actor, level=level, reported_at=reported_at,
                 due_at=due.due_at, late=reported_at > due.due_at, note=report.note)
    return report


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


def to_acknowledge(session, user) -> int:
    """Open incidents ``user``'s city has not acknowledged yet (none for the province, which does not)."""
    city = own_city(user)
    if city is None:
        return 0
    return session.scalar(select(func.count(IncidentCity.incident_id)).join(Incident).where(
        IncidentCity.city == city, IncidentCity.acknowledged_at.is_(None), Incident.closed_at.is_(None)))


def board(session, *, include_closed=False) -> list[Incident]:
    query = select(Incident)
    if not include_closed:
        query = query.where(Incident.closed_at.is_(None))
    return list(session.scalars(query.order_by(Incident.reported_at.desc()).limit(200)))
