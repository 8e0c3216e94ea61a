"""Multi-day, multi-city itineraries: the request becomes an orienteering problem, the answer a day plan.

One route per day from that morning's base to that night's base. Times are minutes from midnight of
the first day. A visit lies wholly inside one opening interval of that date's weekday, within the
day's start and end; a lunch break is kept each day; tickets for the group count against the budget.
Must-visit places that cannot be planned are reported with the reason, never silently dropped.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _

from tourism.planner import catalogue, search, travel
from tourism.planner.orienteering import Problem, Route, Visit

DAY = 24 * 60
LUNCH = (11 * 60 + 30, 13 * 60 + 30, 60)  # a 60-minute lunch starting between 11:30 and 13:30 (a policy)
SCORE_SCALE = 100


@dataclass
class Request:
    start_date: date
    days: int
    start_city: str
    end_city: str
    themes: dict[str, float]
    day_start: int  # minutes after midnight
    day_end: int
    group_size: int = 1
    must_visit: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    budget_cny: float | None = None
    bases: list[str] | None = None  # the city of each night (days - 1 of them); chosen when None
    time_limit_s: float = 5.0
    seed: int = 0


@dataclass
class PlannedStop:
    poi_id: str
    arrive: int
    start: int
    end: int


@dataclass
class PlannedDay:
    date: date
    start_city: str
    base_city: str
    stops: list[PlannedStop]
    legs: list[tuple[str, str, int]]
    travel_minutes: int
    back_at: int


@dataclass
class Plan:
    days: list[PlannedDay]
    score: float
    unvisited_must_visit: list[tuple[str, str]]
    seconds: float


def score_of(poi, themes: dict[str, float]) -> float:
    return sum(weight for theme, weight in themes.items() if theme in poi.themes)


def choose_bases(request: Request, candidates: list) -> list[str]:
    """The city of each night: as given, or each night where the best unplanned places are (a greedy rule)."""
    if request.bases is not None:
        return list(request.bases)
    nights = request.days - 1
    value: dict[str, float] = {}
    for poi in candidates:
        value[poi.city] = value.get(poi.city, 0) + score_of(poi, request.themes)
    chosen, here = [], request.start_city
    for night in range(nights):
        if night == nights - 1 and request.end_city != request.start_city:
            chosen.append(request.end_city)
            break
        best = max(value, key=lambda city: (value[city], city == here), default=here)
        chosen.append(best)
        value[best] = value.get(best, 0) / 2  # a second night there is worth less
        here = best
    return chosen


def _windows(poi, request: Request) -> list[tuple[int, int]]:
    """Start times (minutes from the first midnight) at which the whole visit fits an opening interval and the day."""
    windows = []
    for day in range(request.days):
        weekday = (request.start_date + timedelta(days=day)).weekday()
        for open_at, close_at in poi.intervals(weekday):
            lo = max(open_at, request.day_start)
            hi = min(close_at, request.day_end) - poi.visit_minutes
            if lo <= hi:
                windows.append((day * DAY + lo, day * DAY + hi))
    return windows


def plan(request: Request) -> Plan:
    """Solve the request: choose the nights' bases, build the problem, search, read the days back."""
    all_pois = catalogue.pois()
    candidates = [p for p in all_pois.values() if p.id not in request.avoid and (
        score_of(p, request.themes) > 0 or p.id in request.must_visit)]
    night_cities = choose_bases(request, candidates)
    day_cities = [request.start_city, *night_cities, request.end_city]
    base_places = [catalogue.bases()[city] for city in day_cities]
    places = [travel.Place(b.lat, b.lon, b.city) for b in base_places]
    reasons: dict[str, str] = {}
    visits, chosen = [], []
    for poi in candidates:
        windows = _windows(poi, request)
        cost = poi.ticket_cny * request.group_size
        if poi.id in request.must_visit:
            if not windows:
                reasons[poi.id] = _("closed, or its visit does not fit the opening hours within your days' hours, "
                                    "on every day of the trip")
                continue
            if request.budget_cny is not None and cost > request.budget_cny:
                reasons[poi.id] = _("the group's tickets (%(cost)s CNY) exceed the budget", cost=cost)
                continue
        if not windows:
            continue
        mandatory = poi.id in request.must_visit
        visits.append(Visit(score=max(1, round(score_of(poi, request.themes) * SCORE_SCALE)) if not mandatory
                            else SCORE_SCALE, service=poi.visit_minutes, windows=windows,
                            cost=round(cost * 100), mandatory=mandatory))
        chosen.append(poi)
        places.append(travel.Place(poi.lat, poi.lon, poi.city))
    stations = {b.city: travel.Place(b.lat, b.lon, b.city) for b in catalogue.bases().values()}
    times = travel.matrix(places, stations)
    routes = [Route(start=day, end=day + 1, earliest=day * DAY + request.day_start,
                    latest=day * DAY + request.day_end,
                    breaks=[(day * DAY + LUNCH[0], day * DAY + LUNCH[1], LUNCH[2])]
                    if request.day_start <= LUNCH[0] and request.day_end >= LUNCH[1] + LUNCH[2] else [])
              for day in range(request.days)]
    # Each day's end point is its own location (the night's base), so days chain base to base.
    problem = Problem(visits=visits, routes=routes, travel=times, depots=len(base_places),
                      budget=round(request.budget_cny * 100) if request.budget_cny is not None else None,
                      travel_weight=1)
    solution = search.solve(problem, request.time_limit_s, request.seed)
    days = []
    for day, stops in enumerate(solution.routes):
        legs, previous, travelled = [], day, 0
        for stop in stops:
            node = len(base_places) + stop.visit
            legs.append((_label(previous, base_places, chosen), chosen[stop.visit].id, times[previous][node]))
            travelled += times[previous][node]
            previous = node
        legs.append((_label(previous, base_places, chosen), f"base:{day_cities[day + 1]}", times[previous][day + 1]))
        travelled += times[previous][day + 1]
        days.append(PlannedDay(
            date=request.start_date + timedelta(days=day), start_city=day_cities[day], base_city=day_cities[day + 1],
            stops=[PlannedStop(chosen[s.visit].id, s.arrive - day * DAY, s.start - day * DAY, s.end - day * DAY)
                   for s in stops],
            legs=legs, travel_minutes=travelled, back_at=solution.route_end[day] - day * DAY))
    planned = {stop.poi_id for d in days for stop in d.stops}
    for poi_id in request.must_visit:
        if poi_id not in planned and poi_id not in reasons:
            reasons[poi_id] = _("it does not fit with the other must-visit places, the travel times and the "
                                "days' hours")
    score = sum(score_of(all_pois[pid], request.themes) for pid in planned)
    return Plan(days, score, [(pid, reasons[pid]) for pid in request.must_visit if pid in reasons], solution.seconds)


def _label(node: int, base_places, chosen) -> str:
    return f"base:{base_places[node].city}" if node < len(base_places) else chosen[node - len(base_places)].id
