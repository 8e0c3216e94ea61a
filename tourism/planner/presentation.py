"""An itinerary as a person reads it: each day's cities, a timeline of visits, journeys and lunch, and totals.

Everything here is derived from the stored answer and the catalogue; nothing is planned again.
"""

from dataclasses import dataclass, field
from datetime import date

from tourism.planner import catalogue


def _minutes(hhmm: str) -> int:
    return catalogue.minutes_of(hhmm)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class Visit:
    number: int
    poi: catalogue.Poi
    arrive: str
    start: str
    end: str
    minutes: int
    ticket_cny: float
    hours: list[str]  # that day's opening intervals, "09:00–17:30"
    lunch: tuple[str, str] | None  # lunch taken during this visit
    locked: bool


@dataclass
class Journey:
    mode: str
    minutes: int
    rail: dict | None
    to_base: catalogue.Base | None  # the night's base, on the day's last journey


@dataclass
class Lunch:
    start: str
    end: str


@dataclass
class Day:
    number: int
    date: date
    cities: list[str]  # the cities visited, in order
    start_base: catalogue.Base | None
    base: catalogue.Base | None
    entries: list = field(default_factory=list)  # Visit, Journey and Lunch in time order
    travel_minutes: int = 0
    visiting_minutes: int = 0
    tickets_cny: float = 0.0  # per person


@dataclass
class Trip:
    days: list[Day]
    group_size: int
    travel_minutes: int
    visiting_minutes: int
    tickets_cny: float  # per person

    @property
    def group_tickets_cny(self) -> float:
        return self.tickets_cny * self.group_size


def _lunch_between(entries: list, lunch: dict) -> list:
    """Put a lunch taken between visits after the last entry that ends by its start."""
    start = _minutes(lunch["start"])
    at = len(entries)
    for index, entry in enumerate(entries):
        if isinstance(entry, Visit) and _minutes(entry.start) >= start:
            at = index - 1 if index and isinstance(entries[index - 1], Journey) else index
            break
    return entries[:at] + [Lunch(lunch["start"], lunch["end"])] + entries[at:]


def trip(result: dict, request: dict) -> Trip:
    pois, bases = catalogue.pois(), catalogue.bases()
    locked = {(lock["poi_id"], lock["day"]) for lock in request.get("locked", [])}
    days, number = [], 0
    for index, planned in enumerate(result["days"], start=1):
        on = date.fromisoformat(planned["date"])
        day = Day(index, on, [], bases.get(planned.get("start_base", "")), bases.get(planned.get("base", "")))
        lunch = planned.get("lunch")
        legs = planned["legs"]
        for position, stop in enumerate(planned["stops"]):
            poi = pois.get(stop["poi_id"])
            if poi is None:  # a place since taken out of the catalogue
                continue
            if position < len(legs):
                leg = legs[position]
                day.entries.append(Journey(leg["mode"], leg["minutes"], leg.get("rail"), None))
            number += 1
            minutes = _minutes(stop["end"]) - _minutes(stop["start"])
            here = (lunch["start"], lunch["end"]) if lunch and lunch.get("poi_id") == poi.id else None
            day.entries.append(Visit(number, poi, stop["arrive"], stop["start"], stop["end"], minutes,
                                     poi.ticket_cny, [f"{_hhmm(a)}–{_hhmm(b)}" for a, b in poi.intervals_on(on)],
                                     here, (poi.id, index) in locked))
            if not day.cities or day.cities[-1] != poi.city:
                day.cities.append(poi.city)
            day.visiting_minutes += minutes
            day.tickets_cny += poi.ticket_cny
        if legs and len(legs) > len(planned["stops"]):
            leg = legs[-1]
            day.entries.append(Journey(leg["mode"], leg["minutes"], leg.get("rail"), day.base))
        if lunch and not lunch.get("poi_id") and day.visiting_minutes:
            day.entries = _lunch_between(day.entries, lunch)
        day.travel_minutes = planned["travel_minutes"]
        days.append(day)
    return Trip(days, request.get("group_size", 1), sum(d.travel_minutes for d in days),
                sum(d.visiting_minutes for d in days), sum(d.tickets_cny for d in days))
