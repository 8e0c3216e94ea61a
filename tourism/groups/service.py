"""Tour groups: filing with every check, amending with every version kept, receiving agencies, the sheet,
and each city's view of the groups in it."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload, selectinload

from tourism.agencies.enums import FilingStatus, OfficeKind
from tourism.agencies.service import find_agency
from tourism.core import audit, clock
from tourism.core.database import lock_rows
from tourism.core.errors import Conflict, InvalidInput, NotFound, check_version
from tourism.core.i18n import local_name
from tourism.core.pagination import paginate
from tourism.core.sequences import next_value
from tourism.groups import checks as filing
from tourism.groups.enums import Origin, ReceivingStatus, StopKind
from tourism.groups.models import GroupGuide, GroupPresence, GroupReceiving, GroupStop, GroupVersion, TourGroup
from tourism.guides.enums import GuideRole
from tourism.guides.models import Guide
from tourism.planner import catalogue
from tourism.planner.service import get_itinerary
from tourism.zone.service import city_name, is_prefecture

MAX_DAYS = 60  # the longest tour filed as one group
FILING_HORIZON_DAYS = 366


def find_group(session, group_no: str) -> TourGroup | None:
    return session.scalar(select(TourGroup).where(TourGroup.group_no == (group_no or "").strip().upper()))


def get_group(session, group_no: str) -> TourGroup:
    group = find_group(session, group_no)
    if group is None:
        raise NotFound(_("No tour group %(no)s is filed.", no=group_no))
    return group


# --- reading the filing ------------------------------------------------------------------------------------

def itinerary_days(session, itinerary_id: str) -> list[dict]:
    """A saved plan's days as the sheet's days: each visit at its start, for its length, in its place's city."""
    try:
        plan = get_itinerary(session, itinerary_id)
    except NotFound:
        raise InvalidInput(errors={"itinerary_id": [_("No saved plan has this number.")]}) from None
    places = catalogue.pois()
    days = []
    for day in plan["days"]:
        stops = []
        for stop in day["stops"]:
            poi = places.get(stop["poi_id"])
            if poi is None:
                continue
            minutes = catalogue.minutes_of(stop["end"]) - catalogue.minutes_of(stop["start"])
            stops.append({"time": stop["start"], "poi_id": poi.id, "city": poi.city, "kind": StopKind.VISIT,
                          "minutes": minutes})
        days.append({"date": date.fromisoformat(day["date"]), "stops": stops})
    return days


def _read_stops(days, start_on, end_on, errors) -> list[dict]:
    places = catalogue.pois()
    stops = []
    for d, day in enumerate(days or []):
        if not start_on <= day["date"] <= end_on:
            errors[f"days.{d}.date"] = [_("The day is outside the group's dates.")]
            continue
        for s, stop in enumerate(day.get("stops") or []):
            where = f"days.{d}.stops.{s}"
            poi = places.get(stop.get("poi_id") or "")
            if stop.get("poi_id") and poi is None:
                errors[f"{where}.poi_id"] = [_("No place with this id in the catalogue.")]
                continue
            city = poi.city if poi else stop.get("city")
            place = poi.name_zh if poi else (stop.get("place") or "").strip()
            if not place:
                errors[f"{where}.place"] = [_("Name the place, or choose it from the catalogue.")]
            if not city or not is_prefecture(city):
                errors[f"{where}.city"] = [_("Unknown place: use the six-digit GB/T 2260 code of a "
                                             "prefecture-level city.")]
            if place and city and is_prefecture(city):
                stops.append({"on_date": day["date"], "time": stop["time"], "poi_id": poi.id if poi else None,
                              "place": place, "city": city, "kind": stop["kind"], "minutes": stop["minutes"]})
    stops.sort(key=lambda stop: (stop["on_date"], stop["time"]))
    _check_timeline(stops, errors)
    return stops


def _check_timeline(stops, errors) -> None:
    """A day's stops follow one another: none starts before the one before has ended, and only the night's
    hotel runs past midnight."""
    previous = None
    for stop in stops:
        start = catalogue.minutes_of(stop["time"])
        if stop["kind"] != StopKind.HOTEL and start + stop["minutes"] > 24 * 60:
            errors.setdefault("days", []).append(_("%(day)s %(time)s: the stop runs past midnight; only the hotel "
                                                   "may.", day=stop["on_date"].isoformat(), time=stop["time"]))
        if previous and previous["on_date"] == stop["on_date"] and \
                start < catalogue.minutes_of(previous["time"]) + previous["minutes"]:
            errors.setdefault("days", []).append(_("%(day)s %(time)s: the stop begins before the one at %(before)s "
                                                   "has ended.", day=stop["on_date"].isoformat(), time=stop["time"],
                                                   before=previous["time"]))
        previous = stop


def _read_parts(session, receiving, organiser, start_on, end_on, stops, errors) -> list[dict]:
    parts = []
    for r, part in enumerate(receiving or []):
        where = f"receiving.{r}"
        agency = find_agency(session, part["agency_licence_no"])
        if agency is None:
            errors[f"{where}.agency_licence_no"] = [_("No agency with licence number %(no)s.",
                                                      no=part["agency_licence_no"])]
            continue
        if agency.id == organiser.id:
            errors[f"{where}.agency_licence_no"] = [_("A receiving agency is another agency than the organiser.")]
            continue
        if any(p["agency"].id == agency.id for p in parts):
            errors[f"{where}.agency_licence_no"] = [_("Name each receiving agency once, with all the days and "
                                                      "cities it receives.")]
            continue
        branch = _branch_of(agency, part.get("branch_id"), f"{where}.branch_id", errors)
        if branch is not None and branch.status != FilingStatus.FILED:
            errors[f"{where}.branch_id"] = [_("A branch receives groups once filed with its city.")]
        if not part["start_on"] <= part["end_on"] or part["start_on"] < start_on or part["end_on"] > end_on:
            errors[f"{where}.start_on"] = [_("The days handed over lie within the group's dates, in order.")]
        bad = [c for c in part["cities"] if not is_prefecture(c)]
        if not part["cities"] or bad:
            errors[f"{where}.cities"] = [_("Name the cities handed over by their codes.")]
        visited = {s["city"] for s in stops if part["start_on"] <= s["on_date"] <= part["end_on"]}
        if stops and not set(part["cities"]) <= visited:
            errors[f"{where}.cities"] = [_("The sheet's stops on those days are not in %(cities)s.",
                                           cities=", ".join(city_name(c) for c in set(part["cities"]) - visited))]
        parts.append({"agency": agency, "branch": branch, "cities": list(dict.fromkeys(part["cities"])),
                      "start_on": part["start_on"], "end_on": part["end_on"]})
    return parts


def _branch_of(agency, branch_id, field, errors):
    if branch_id is None:
        return None
    branch = next((o for o in agency.offices if o.id == branch_id and o.kind == OfficeKind.BRANCH), None)
    if branch is None:
        errors[field] = [_("This agency has no branch with this number.")]
    return branch


def _read_assignments(session, guides, organiser, parts, start_on, end_on, errors) -> list[dict]:
    assignments = []
    for g, entry in enumerate(guides or []):
        where = f"guides.{g}"
        guide = session.scalar(select(Guide).where(Guide.licence_no == entry["licence_no"].strip()))
        if guide is None:
            errors[f"{where}.licence_no"] = [_("No guide licence %(no)s is registered.", no=entry["licence_no"])]
            continue
        first, last = entry.get("start_on") or start_on, entry.get("end_on") or end_on
        if not start_on <= first <= last <= end_on:
            errors[f"{where}.start_on"] = [_("The guide's days lie within the group's dates, in order.")]
            continue
        cities = list(dict.fromkeys(entry.get("cities") or []))
        if any(not is_prefecture(c) for c in cities) or (entry["role"] == GuideRole.LOCAL and not cities):
            errors[f"{where}.cities"] = [_("Name the cities the local guide leads in by their codes.")]
            continue
        assignment = {"guide": guide, "role": entry["role"], "cities": cities, "start_on": first, "end_on": last}
        if any(a["guide"].id == guide.id and a["start_on"] <= last and first <= a["end_on"] for a in assignments):
            errors[f"{where}.licence_no"] = [_("This guide is already on the group on some of these days: give "
                                               "one row with all their cities.")]
            continue
        dispatcher = _dispatcher(session, entry.get("agency_licence_no"), assignment, organiser, parts, where, errors)
        if dispatcher is not None:
            assignments.append({**assignment, "dispatcher": dispatcher})
    return assignments


def _dispatcher(session, licence_no, assignment, organiser, parts, where, errors):
    """Who dispatches the guide: the agency named, which must be the organiser or a receiving agency of those
    days; by default the receiving agency whose part covers the guide's cities and days, else the organiser."""
    live = [p for p in parts if p.get("status") != ReceivingStatus.DECLINED]

    def covers(part):
        return (assignment["role"] == GuideRole.LOCAL and assignment["cities"]
                and part["start_on"] <= assignment["start_on"] and assignment["end_on"] <= part["end_on"]
                and set(assignment["cities"]) <= set(part["cities"]))

    if licence_no and licence_no != organiser.licence_no:
        part = next((p for p in live if p["agency"].licence_no == licence_no), None)
        if part is None or not covers(part):
            errors[f"{where}.agency_licence_no"] = [_("A receiving agency dispatches local guides only within the "
                                                      "days and cities handed to it.")]
            return None
        return part["agency"]
    if licence_no:
        return organiser
    part = next((p for p in live if covers(p)), None)
    return part["agency"] if part else organiser


def _presence(stops, assignments, start_on, end_on, home_city) -> list[GroupPresence]:
    """Where the group is each day: its stops' cities; else its local guides' cities; else where it was."""
    rows, last = [], home_city
    for day in clock.each_day(start_on, end_on):
        cities = [s["city"] for s in stops if s["on_date"] == day]
        if not cities:
            cities = [c for a in assignments if a["role"] == GuideRole.LOCAL
                      and a["start_on"] <= day <= a["end_on"] for c in a["cities"]]
        cities = list(dict.fromkeys(cities)) or [last]
        rows += [GroupPresence(on_date=day, city=city, position=n) for n, city in enumerate(cities)]
        last = cities[-1]
    return rows


# --- filing and amending -------------------------------------------------------------------------------------

@dataclass
class Filing:
    """The filing as read and checked, ready to be written to a group."""

    fields: dict
    stops: list[dict]
    assignments: list[dict]
    parts: list[dict]
    checks: list[filing.FilingCheck]
    body: dict


def _lock_guides(session, assignments) -> None:
    """Hold the guides' rows until commit, so two filings cannot both take one guide's days."""
    lock_rows(session, Guide, [a["guide"].id for a in assignments])


def _read_filing(session, organiser, *, branch_id, start_on, end_on, tourists, leader, language=None, origin=None,
                 contract=None, coach=None, itinerary_id=None, days=None, guides=(), receiving=(), group=None,
                 kept_parts=()) -> Filing:
    errors = {}
    today = clock.today()
    origin = origin or {}
    contract = contract or {}
    coach = coach or {}
    if end_on < start_on:
        errors["end_on"] = [_("The last day is before the first.")]
    elif (end_on - start_on).days >= MAX_DAYS:
        errors["end_on"] = [_("File a tour of at most %(n)d days as one group.", n=MAX_DAYS)]
    if start_on < today and (group is None or start_on != group.start_on):
        errors["start_on"] = [_("A group is filed before it sets out: the first day cannot be past.")]
    if end_on < today and group is not None and end_on != group.end_on:
        errors["end_on"] = [_("A tour that is over cannot be moved.")]
    if start_on > today + timedelta(days=FILING_HORIZON_DAYS):
        errors["start_on"] = [_("File groups at most a year ahead.")]
    if contract.get("city") and not is_prefecture(contract["city"]):
        errors["contract.city"] = [_("Unknown place: use the six-digit GB/T 2260 code of a prefecture-level city.")]
    if origin.get("kind") == Origin.INBOUND and not (origin.get("region") or "").strip():
        errors["origin.region"] = [_("Say where inbound tourists come from (e.g. Hong Kong, Macau, Taiwan).")]
    if not (leader.get("name") or "").strip() or not (leader.get("phone") or "").strip():
        errors["leader"] = [_("Give the group leader's name and phone.")]
    branch = _branch_of(organiser, branch_id, "branch_id", errors)
    if errors:
        raise InvalidInput(errors=errors)
    if itinerary_id:
        imported = itinerary_days(session, itinerary_id)  # refused when no such plan is saved
        days = days or imported
    stops = _read_stops(days, start_on, end_on, errors)
    parts = _read_parts(session, receiving, organiser, start_on, end_on, stops, errors)
    for part in parts:
        row = next((k for k in kept_parts if k.agency_id == part["agency"].id), None)
        unchanged = row is not None and (row.start_on, row.end_on, sorted(row.cities)) == (
            part["start_on"], part["end_on"], sorted(part["cities"]))
        # The agency's answer stands while the days and cities it answered for do; changed, it must answer again.
        part["status"] = row.status if unchanged else ReceivingStatus.PENDING
        part["row"], part["unchanged"] = row, unchanged
    assignments = _read_assignments(session, guides, organiser, parts, start_on, end_on, errors)
    if errors:
        raise InvalidInput(errors=errors)
    _lock_guides(session, assignments)
    checks = filing.agency_checks(organiser, branch, origin.get("kind") or Origin.DOMESTIC, today)
    checks += [filing.receiving_check(part["agency"]) for part in parts]
    for assignment in assignments:
        assignment["checks"] = filing.guide_checks(session, assignment, dispatcher=assignment["dispatcher"],
                                                   language=language, group_id=group.id if group else None)
        checks += assignment["checks"]
    shopping = sum(s["minutes"] for s in stops if s["kind"] == StopKind.SHOPPING)
    allowed = contract.get("shopping_minutes") or 0
    checks.append(filing.shopping_check(shopping, allowed))
    fields = {
        "branch_id": branch.id if branch else None, "filing_city": branch.city if branch else organiser.home_city,
        "start_on": start_on, "end_on": end_on, "tourists": tourists, "language": language or None,
        "origin": origin.get("kind") or Origin.DOMESTIC, "origin_region": (origin.get("region") or "").strip(),
        "contract_no": (contract.get("no") or "").strip(), "contract_city": contract.get("city") or None,
        "contract_end_on": contract.get("end_on"), "shopping_allowed_minutes": allowed, "shopping_minutes": shopping,
        "leader_name": leader["name"].strip(), "leader_phone": leader["phone"].strip(),
        "coach_plate": (coach.get("plate") or "").strip().upper(),
        "coach_operator": (coach.get("operator") or "").strip(),
        "coach_driver": (coach.get("driver") or "").strip(), "itinerary_id": itinerary_id or None,
        "guides_eligible": all(c.passed for a in assignments for c in a["checks"] if c.code == "guide_eligible"),
    }
    body = _body(organiser, fields, stops, assignments, parts)
    return Filing(fields, stops, assignments, parts, checks, body)


def _body(organiser, fields, stops, assignments, parts) -> dict:
    """The version as filed, in the API's own shape (without the leader: versions are read by every viewer)."""
    return {
        "agency_licence_no": organiser.licence_no, "branch_id": fields["branch_id"],
        "start_on": fields["start_on"].isoformat(), "end_on": fields["end_on"].isoformat(),
        "tourists": fields["tourists"], "language": fields["language"],
        "origin": {"kind": fields["origin"], "region": fields["origin_region"]},
        "contract": {"no": fields["contract_no"], "city": fields["contract_city"],
                     "end_on": fields["contract_end_on"].isoformat() if fields["contract_end_on"] else None,
                     "shopping_minutes": fields["shopping_allowed_minutes"]},
        "coach": {"plate": fields["coach_plate"], "operator": fields["coach_operator"]},
        "itinerary_id": fields["itinerary_id"],
        "days": [{"date": day.isoformat(),
                  "stops": [{"time": s["time"], "poi_id": s["poi_id"], "place": s["place"], "city": s["city"],
                             "kind": str(s["kind"]), "minutes": s["minutes"]} for s in stops if s["on_date"] == day]}
                 for day in sorted({s["on_date"] for s in stops})],
        "guides": [{"licence_no": a["guide"].licence_no, "role": str(a["role"]), "cities": a["cities"],
                    "start_on": a["start_on"].isoformat(), "end_on": a["end_on"].isoformat(),
                    "agency_licence_no": a["dispatcher"].licence_no} for a in assignments],
        "receiving": [{"agency_licence_no": p["agency"].licence_no,
                       "branch_id": p["branch"].id if p["branch"] else None,
                       "cities": p["cities"], "start_on": p["start_on"].isoformat(), "end_on": p["end_on"].isoformat()}
                      for p in parts],
    }


def _refuse(checks) -> None:
    failed = filing.refused(checks)
    if failed:
        raise InvalidInput(_("The group cannot be filed: %(reasons)s", reasons=" ".join(c.message for c in failed)),
                           errors={"checks": [c.message for c in failed]},
                           details={"checks": [c.as_dict() for c in checks]})


def _receiving_row(part: dict) -> GroupReceiving:
    """The part's row: the agency's existing one (changed in place, and pending again if its days or cities
    changed), or a new one."""
    row = part["row"] or GroupReceiving(agency_id=part["agency"].id)
    if not part["unchanged"]:
        row.cities, row.start_on, row.end_on = part["cities"], part["start_on"], part["end_on"]
        row.status, row.reason, row.decided_at = ReceivingStatus.PENDING, "", None
    row.branch_id = part["branch"].id if part["branch"] else None
    return row


def _write(session, group: TourGroup, data: Filing) -> None:
    """Set the group to the filing in one flush (loading the old rows must not flush half of it: each flush of
    the group counts as a version)."""
    with session.no_autoflush:
        for name, value in data.fields.items():
            setattr(group, name, value)
        group.stops = [GroupStop(**stop) for stop in data.stops]
        group.guides = [GroupGuide(guide_id=a["guide"].id, role=a["role"], cities=a["cities"], start_on=a["start_on"],
                                   end_on=a["end_on"], dispatched_by_id=a["dispatcher"].id,
                                   eligible=all(c.passed for c in a["checks"] if c.code == "guide_eligible"))
                        for a in data.assignments]
        group.receiving = [_receiving_row(p) for p in data.parts]
        group.presence = _presence(data.stops, data.assignments, group.start_on, group.end_on, group.filing_city)


def _keep_version(session, actor, group: TourGroup, data: Filing) -> None:
    session.add(GroupVersion(group_id=group.id, version=group.version, body=data.body,
                             checks=[c.as_dict() for c in data.checks], filed_by=audit.actor_name(actor)))
    session.flush()
    session.expire(group, ["versions"])


def file_group(session, actor, *, agency_licence_no, branch_id=None, **filing_fields) -> tuple[TourGroup, list]:
    """File a group for ``agency_licence_no`` (or its branch); refused with every check when one fails."""
    organiser = find_agency(session, agency_licence_no)
    if organiser is None:
        raise InvalidInput(errors={"agency_licence_no": [_("No agency with licence number %(no)s.",
                                                            no=agency_licence_no)]})
    data = _read_filing(session, organiser, branch_id=branch_id, **filing_fields)
    _refuse(data.checks)
    year = data.fields["start_on"].year
    number = next_value(session, f"group:{data.fields['filing_city']}:{year}")
    group = TourGroup(group_no=f"TG{data.fields['filing_city']}{year}{number:05d}", agency_id=organiser.id,
                      filed_by=audit.actor_name(actor), filed_at=clock.now())
    _write(session, group, data)
    session.add(group)
    session.flush()
    _keep_version(session, actor, group, data)
    audit.record(session, group.stream, "filed", actor, agency=organiser.licence_no, version=group.version,
                 start_on=group.start_on, end_on=group.end_on, cities=group.cities,
                 guides=[a["guide"].licence_no for a in data.assignments],
                 receiving=[p["agency"].licence_no for p in data.parts],
                 warnings=[c.code for c in data.checks if not c.passed])
    return group, data.checks


def _file_version(session, actor, group: TourGroup, data: Filing, action: str, **details) -> list:
    _refuse(data.checks)
    _write(session, group, data)
    group.amended_at = clock.now()
    session.flush()
    _keep_version(session, actor, group, data)
    audit.record(session, group.stream, action, actor, version=group.version, start_on=group.start_on,
                 end_on=group.end_on, cities=group.cities, guides=[a["guide"].licence_no for a in data.assignments],
                 receiving=[p["agency"].licence_no for p in data.parts],
                 warnings=[c.code for c in data.checks if not c.passed], **details)
    return data.checks


def amend_group(session, actor, group: TourGroup, *, version, agency_licence_no, branch_id=None,
                **filing_fields) -> tuple[TourGroup, list]:
    """File a new version (a guide replaced, a stop added): every check again; the earlier versions kept."""
    check_version(group, version)
    if agency_licence_no != group.agency.licence_no:
        raise InvalidInput(errors={"agency_licence_no": [_("A group stays with the agency that filed it.")]})
    data = _read_filing(session, group.agency, branch_id=branch_id, group=group, kept_parts=list(group.receiving),
                        **filing_fields)
    return group, _file_version(session, actor, group, data, "amended")


def current_filing(group: TourGroup) -> dict:
    """The group as it stands, in the filing's own terms (what an amendment starts from)."""
    return {
        "branch_id": group.branch_id, "start_on": group.start_on, "end_on": group.end_on, "tourists": group.tourists,
        "leader": {"name": group.leader_name, "phone": group.leader_phone}, "language": group.language,
        "origin": {"kind": group.origin, "region": group.origin_region},
        "contract": {"no": group.contract_no, "city": group.contract_city, "end_on": group.contract_end_on,
                     "shopping_minutes": group.shopping_allowed_minutes},
        "coach": {"plate": group.coach_plate, "operator": group.coach_operator, "driver": group.coach_driver},
        "days": [{"date": day, "stops": [
            {"time": s.time, "poi_id": s.poi_id, "place": s.place, "city": s.city, "kind": s.kind, "minutes": s.minutes}
            for s in group.stops if s.on_date == day]} for day in sorted({s.on_date for s in group.stops})],
        "guides": [{"licence_no": g.guide.licence_no, "role": g.role, "cities": g.cities, "start_on": g.start_on,
                    "end_on": g.end_on, "agency_licence_no": g.dispatched_by.licence_no} for g in group.guides],
        "receiving": [{"agency_licence_no": p.agency.licence_no, "branch_id": p.branch_id, "cities": p.cities,
                       "start_on": p.start_on, "end_on": p.end_on} for p in group.receiving],
    }


def _in_part(part: GroupReceiving, day: date, city: str | None) -> bool:
    return part.start_on <= day <= part.end_on and city in part.cities


def _check_part_rows(session, part: GroupReceiving, days, guides) -> None:
    """The part's own rows, checked as sent (so each error names the request's own row)."""
    errors = {}
    places = catalogue.pois()
    for d, day in enumerate(days or []):
        for s, stop in enumerate(day.get("stops") or []):
            poi = places.get(stop.get("poi_id") or "")
            if stop.get("poi_id") and poi is None:
                errors[f"days.{d}.stops.{s}.poi_id"] = [_("No place with this id in the catalogue.")]
            elif not _in_part(part, day["date"], poi.city if poi else stop.get("city")):
                errors[f"days.{d}.stops.{s}"] = [_("This stop is outside the days and cities handed to you.")]
    seen = set()
    for g, entry in enumerate(guides or []):
        where = f"guides.{g}"
        if entry["role"] != GuideRole.LOCAL:
            errors[f"{where}.role"] = [_("A receiving agency dispatches local guides; the escort is the "
                                         "organiser's.")]
        first, last = entry.get("start_on") or part.start_on, entry.get("end_on") or part.end_on
        cities = entry.get("cities") or list(part.cities)
        if not (part.start_on <= first <= last <= part.end_on and set(cities) <= set(part.cities)):
            errors[where] = [_("Your guides lead within the days and cities handed to you.")]
        if entry["licence_no"] in seen:
            errors[f"{where}.licence_no"] = [_("This guide is already on the group on some of these days: give "
                                               "one row with all their cities.")]
        seen.add(entry["licence_no"])
        if session.scalar(select(Guide.id).where(Guide.licence_no == entry["licence_no"])) is None:
            errors[f"{where}.licence_no"] = [_("No guide licence %(no)s is registered.", no=entry["licence_no"])]
    if errors:
        raise InvalidInput(errors=errors)


def file_part(session, actor, group: TourGroup, part: GroupReceiving, *, version, days=None, guides=None):
    """The receiving agency files its part: the stops of the days and cities handed to it (``days``) and the
    local guides it dispatches there (``guides``); either left out stays as it is. The rest of the group stays
    as its organiser filed it; every check runs again."""
    check_version(group, version)
    if part.status != ReceivingStatus.ACCEPTED:
        raise Conflict(_("Accept the days handed to you before filing them."), code="not_accepted")
    _check_part_rows(session, part, days, guides)
    merged = current_filing(group)
    if days is not None:
        kept = [(day["date"], stop) for day in merged["days"] for stop in day["stops"]
                if not _in_part(part, day["date"], stop["city"])]
        sent = [(day["date"], stop) for day in days for stop in day.get("stops") or []]
        by_day: dict[date, list] = {}
        for day, stop in sorted(kept + sent, key=lambda item: (item[0], item[1]["time"])):
            by_day.setdefault(day, []).append(stop)
        merged["days"] = [{"date": day, "stops": stops} for day, stops in by_day.items()]
    if guides is not None:
        mine = [{**entry, "agency_licence_no": part.agency.licence_no,
                 "start_on": entry.get("start_on") or part.start_on, "end_on": entry.get("end_on") or part.end_on,
                 "cities": entry.get("cities") or list(part.cities)} for entry in guides]
        merged["guides"] = [g for g in merged["guides"] if g["agency_licence_no"] != part.agency.licence_no] + mine
    try:
        data = _read_filing(session, group.agency, group=group, kept_parts=list(group.receiving), **merged)
    except InvalidInput as error:  # a rule of the whole group: its paths name the merged filing, not the request
        raise InvalidInput(error.message, errors={"part": [m for ms in error.errors.values() for m in ms]},
                           details=error.details) from None
    return group, _file_version(session, actor, group, data, "part_filed", agency=part.agency.licence_no)


def receiving_part(group: TourGroup, agency_licence_no: str) -> GroupReceiving:
    part = next((p for p in group.receiving if p.agency.licence_no == agency_licence_no), None)
    if part is None:
        raise NotFound(_("Agency %(no)s receives no part of this group.", no=agency_licence_no))
    return part


def decide_receiving(session, actor, group: TourGroup, *, agency_licence_no, decision, reason=None, version=None):
    """The receiving agency accepts the days handed to it, or declines them with a reason (once), answering
    for the version it read (``version``: a changed group is answered again). Declining takes its guides off."""
    check_version(group, version)
    part = receiving_part(group, agency_licence_no)
    if decision not in (ReceivingStatus.ACCEPTED, ReceivingStatus.DECLINED):
        raise InvalidInput(errors={"decision": [_("Accept or decline.")]})
    reason = (reason or "").strip()
    if decision == ReceivingStatus.DECLINED and not reason:
        raise InvalidInput(errors={"reason": [_("Say why the group is declined.")]})
    taken = session.execute(
        update(GroupReceiving).where(GroupReceiving.id == part.id, GroupReceiving.status == ReceivingStatus.PENDING)
        .values(status=decision, reason=reason, decided_at=clock.now())
        .execution_options(synchronize_session=False)).rowcount
    status = session.scalar(select(GroupReceiving.status).where(GroupReceiving.id == part.id))
    if status is None:
        raise Conflict(_("The organiser changed the group meanwhile: reload it."), code="concurrent_change")
    if not taken:
        raise Conflict(_("This part was already %(status)s.", status=ReceivingStatus.label_of(status)),
                       code="already_decided")
    session.refresh(part)
    audit.record(session, group.stream, "receiving_decided", actor, agency=agency_licence_no, decision=decision,
                 reason=reason)
    if decision == ReceivingStatus.DECLINED:
        _drop_guides_of(session, actor, group, part)
    return part


def _drop_guides_of(session, actor, group: TourGroup, part: GroupReceiving) -> None:
    """The guides a declining agency had dispatched leave the group, in a new version."""
    gone = [g for g in group.guides if g.dispatched_by_id == part.agency_id]
    if not gone:
        return
    with session.no_autoflush:
        group.guides = [g for g in group.guides if g.dispatched_by_id != part.agency_id]
        group.guides_eligible = all(g.eligible for g in group.guides)
        group.amended_at = clock.now()
    session.flush()
    latest = group.versions[-1]
    body = {**latest.body, "guides": [g for g in latest.body.get("guides", [])
                                      if g.get("agency_licence_no") != part.agency.licence_no]}
    checks = [c for c in latest.checks if c.get("subject") not in {g.guide.licence_no for g in gone}]
    session.add(GroupVersion(group_id=group.id, version=group.version, body=body, checks=checks,
                             filed_by=audit.actor_name(actor)))
    session.flush()
    session.expire(group, ["versions"])
    audit.record(session, group.stream, "guides_withdrawn", actor, version=group.version,
                 agency=part.agency.licence_no, guides=[g.guide.licence_no for g in gone])


# --- who sees what -------------------------------------------------------------------------------------------

def route_cities(group: TourGroup) -> list[str]:
    return group.cities


def home_cities(group: TourGroup) -> list[str]:
    """The cities whose regulators keep the group's file: where it was filed, and its agency's home city."""
    return list(dict.fromkeys([group.filing_city, group.agency.home_city]))


def involved_agencies(group: TourGroup) -> list[int]:
    return [group.agency_id, *[p.agency_id for p in group.receiving if p.status != ReceivingStatus.DECLINED]]


def sees_personal_data(user, group: TourGroup) -> bool:
    """The leader's contact: the agencies serving the group, its guides, the regulators keeping its file."""
    role = getattr(user, "role", None)
    if role in ("admin", "provincial"):
        return True
    if role == "agency_admin":
        return user.agency_id in involved_agencies(group)
    if role == "guide":
        return any(g.guide_id == user.guide_id for g in group.guides)
    if role == "regulator":
        return user.city_code in home_cities(group)
    return False


@dataclass(frozen=True)
class SheetDay:
    day: date
    stops: list
    guides: list
    cities: list


def sheet_day(group: TourGroup, day: date) -> SheetDay:
    """The sheet as it stands on ``day``: that day's stops, the guides on duty, the cities the group is in."""
    return SheetDay(day, [s for s in group.stops if s.on_date == day],
                    [g for g in group.guides if g.on_duty(day)],
                    list(dict.fromkeys(p.city for p in sorted(group.presence, key=lambda p: (p.on_date, p.position))
                                       if p.on_date == day)))


def place_name(stop: GroupStop) -> str:
    """A stop's place in the page's language when it is from the catalogue, else as the agency named it."""
    poi = catalogue.pois().get(stop.poi_id or "")
    return local_name(poi) if poi else stop.place


def sheet_days(group: TourGroup) -> list[SheetDay]:
    return [sheet_day(group, day) for day in clock.each_day(group.start_on, group.end_on)]


def today_on_sheet(group: TourGroup) -> date:
    """The day the sheet opens on: today while the tour runs, else its first day."""
    today = clock.today()
    return today if group.start_on <= today <= group.end_on else group.start_on


# --- lists ---------------------------------------------------------------------------------------------------

# What a list of groups shows of each, loaded in a few queries for the whole page rather than per group.
LIST_LOADS = (joinedload(TourGroup.agency), joinedload(TourGroup.branch), selectinload(TourGroup.presence),
              selectinload(TourGroup.guides).joinedload(GroupGuide.guide),
              selectinload(TourGroup.guides).joinedload(GroupGuide.dispatched_by))


def groups_in_city(session, *, city=None, day: date, shopping_over=None, with_findings=None,
                   guides_not_eligible=None, page=1, per_page=20):
    """The groups in ``city`` (the whole zone when None) on ``day``, with the regulators' filters."""
    present = select(GroupPresence.group_id).where(GroupPresence.on_date == day)
    if city:
        present = present.where(GroupPresence.city == city)
    query = select(TourGroup).where(TourGroup.id.in_(present)).options(*LIST_LOADS)
    if shopping_over:
        query = query.where(TourGroup.shopping_minutes > TourGroup.shopping_allowed_minutes)
    if with_findings:
        query = query.where(TourGroup.findings_count > 0)
    if guides_not_eligible:
        query = query.where(TourGroup.guides_eligible.is_(False))
    return paginate(session, query.order_by(TourGroup.group_no), page, per_page)


def groups_of_agency(session, agency_id: int, *, page=1, per_page=20):
    received = select(GroupReceiving.group_id).where(GroupReceiving.agency_id == agency_id)
    query = select(TourGroup).where((TourGroup.agency_id == agency_id) | TourGroup.id.in_(received)).options(
        *LIST_LOADS)
    return paginate(session, query.order_by(TourGroup.start_on.desc(), TourGroup.group_no), page, per_page)


def parts_waiting_for(session, agency_id: int) -> list[GroupReceiving]:
    """The days other agencies handed to this agency that it has not answered yet."""
    return list(session.scalars(select(GroupReceiving).where(
        GroupReceiving.agency_id == agency_id, GroupReceiving.status == ReceivingStatus.PENDING)
        .order_by(GroupReceiving.start_on)))


def parts_to_answer(session, user) -> int:
    if getattr(user, "agency_id", None) is None:
        return 0
    return session.scalar(select(func.count(GroupReceiving.id)).where(
        GroupReceiving.agency_id == user.agency_id, GroupReceiving.status == ReceivingStatus.PENDING))


def groups_of_guide(session, guide_id: int, *, since: date) -> list[TourGroup]:
    assigned = select(GroupGuide.group_id).where(GroupGuide.guide_id == guide_id, GroupGuide.end_on >= since)
    return list(session.scalars(select(TourGroup).where(TourGroup.id.in_(assigned)).order_by(TourGroup.start_on)))


def counts_by_day(session, *, start: date, days: int, city=None) -> tuple[list[date], dict[str, Counter]]:
    """Groups present per city and day, from ``start`` for ``days`` days (the chart on the regulators' page)."""
    end = start + timedelta(days=days - 1)
    query = (select(GroupPresence.city, GroupPresence.on_date, func.count(GroupPresence.group_id))
             .where(GroupPresence.on_date.between(start, end)).group_by(GroupPresence.city, GroupPresence.on_date))
    if city:
        query = query.where(GroupPresence.city == city)
    counts: dict[str, Counter] = {}
    for code, day, n in session.execute(query):
        counts.setdefault(code, Counter())[day] = n
    return clock.each_day(start, end), counts


def note_inspection(session, group: TourGroup, *, with_findings: bool) -> None:
    """Count an inspection on the group, in one statement that leaves the group's version alone."""
    session.execute(update(TourGroup).where(TourGroup.id == group.id).values(
        inspections_count=TourGroup.inspections_count + 1,
        findings_count=TourGroup.findings_count + int(with_findings))
        .execution_options(synchronize_session=False))


def involved_in_incident(session, group_nos, *, cities, day: date) -> tuple[list[str], list]:
    """The named groups' numbers and their organising and receiving agencies, for an incident in ``cities`` on
    ``day``; a group not filed, or not in those cities that day, is refused on the field."""
    numbers, agencies, problems = [], {}, []
    for no in group_nos:
        group = find_group(session, no)
        if group is None:
            problems.append(_("No tour group %(no)s is filed.", no=no))
            continue
        if not any(p.on_date == day and p.city in cities for p in group.presence):
            problems.append(_("Group %(no)s is not in the affected cities on %(day)s.", no=group.group_no,
                              day=day.isoformat()))
            continue
        if group.group_no in numbers:
            continue
        numbers.append(group.group_no)
        agencies[group.agency.id] = group.agency
        for part in group.receiving:
            if part.status != ReceivingStatus.DECLINED:
                agencies[part.agency.id] = part.agency
    if problems:
        raise InvalidInput(errors={"groups": problems})
    return numbers, list(agencies.values())


def used_group_numbers(session):
    """The highest group number of each city and year, so a restore moves the counters past them."""
    for group_no in session.scalars(select(TourGroup.group_no)):
        yield f"group:{group_no[2:8]}:{group_no[8:12]}", int(group_no[12:])
