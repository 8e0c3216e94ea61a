"""Multi-day, multi-city itineraries: the request becomes an orienteering problem, the answer a day plan.

One route per day from that morning's base to that night's base (tourism.planner.bases chooses the
nights, knowing the must-sees, unless the request fixes them). Times are minutes from midnight of the
first day. A visit lies wholly inside one opening interval of its date, within the day's hours; each
day keeps a lunch break, taken during a visit to a place that serves food or between visits; a day's
travel stays under its cap, and a day never returns to a city it left except the night's base. The
objective is the themes' score of the places visited minus a cost for every minute of travel.
Must-visit places that cannot be planned are reported with a code and, where one exists, the change
to the request that would let them in (tourism.planner.mustsee): never silently dropped.
"""

import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from tourism.planner import bases, catalogue, mustsee, reach, search, travel
from tourism.planner.enums import MustSeeProblem, TravelMode
from tourism.planner.network import Network, base_node, network
from tourism.planner.problem import Problem, Route, Visit

DAY = 24 * 60
SCORE_SCALE = 100  # a theme weight of 1 is worth 100 points
# The planner's policy: two hours of travel cost as much as a place of the traveller's
# favourite theme is worth, so a long drive must lead somewhere they care about.
TRAVEL_MINUTES_PER_FAVOURITE = 120
MAX_DAYS = 14


@dataclass
class Request:
    start_date: date
    days: int
    start_city: str
    end_city: str
    themes: dict[str, float]
    day_start: int  # minutes after midnight
    day_end: int
    lunch: tuple[int, int, int]  # earliest start, latest start, minutes
    group_size: int = 1
    must_visit: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    budget_cny: float | None = None
    bases: list[str | None] | None = None  # a city code or base id per night (days - 1); None: the planner chooses
    mode: str = TravelMode.CAR
    max_travel: int = 180
    locked: list[tuple[str, int]] = field(default_factory=list)  # (place, day index): planned on that day
    day_hours: dict[int, tuple[int, int]] = field(default_factory=dict)  # day index -> its own (start, end)
    time_limit_s: float = 5.0
    seed: int = 0


@dataclass
class PlannedStop:
    poi_id: str
    arrive: int
    start: int
    end: int


@dataclass
class PlannedLeg:
    origin: str  # a place id or "base:<city code>"
    to: str
    mode: str
    minutes: int
    rail: dict | None = None  # a train leg's line and stations


@dataclass
class PlannedDay:
    date: date
    start_city: str
    base_city: str
    start_base: str  # the morning's base id
    base: str  # the night's base id
    stops: list[PlannedStop]
    legs: list[PlannedLeg]
    travel_minutes: int
    back_at: int
    lunch: tuple[int, int] | None
    lunch_at: str | None  # the place whose food is lunch, when it is taken during a visit


@dataclass
class Unvisited:
    poi_id: str
    code: MustSeeProblem
    fix: dict | None


@dataclass
class Plan:
    days: list[PlannedDay]
    score: float
    unvisited_must_visit: list[Unvisited]
    seconds: float


def score_of(poi, themes: dict[str, float]) -> float:
    return sum(weight for theme, weight in themes.items() if theme in poi.themes)


def hours_of(request: Request, day: int) -> tuple[int, int]:
    """The day's start and end: its own, where the request gives them, else the trip's."""
    return request.day_hours.get(day, (request.day_start, request.day_end))


def _frame(request: Request) -> reach.Day:
    lo, hi, length = request.lunch
    spans_lunch = request.day_start <= hi and request.day_end >= lo + length
    return reach.Day(request.day_start, request.day_end, request.lunch if spans_lunch else None, request.max_travel)


def _windows(poi, request: Request, days: list[int]) -> list[tuple[int, int]]:
    """Start times (minutes from the first midnight) at which the whole visit fits an opening interval and the day."""
    windows = []
    for day in days:
        day_start, day_end = hours_of(request, day)
        for open_at, close_at in poi.intervals_on(request.start_date + timedelta(days=day)):
            lo = max(open_at, day_start)
            hi = min(close_at, day_end) - poi.visit_minutes
            if lo <= hi:
                windows.append((day * DAY + lo, day * DAY + hi))
    return windows


def travel_cost(request: Request) -> float:
    """What a minute of travel costs, in theme points."""
    return max(request.themes.values(), default=1) / TRAVEL_MINUTES_PER_FAVOURITE


def _fixed_nights(request: Request) -> list[str | None]:
    return [catalogue.base_for(code).id if code else None for code in request.bases or []]


def _night_bases(request: Request, candidates: list[bases.Candidate], net: Network, days: int,
                 start: str, end: str) -> list[str]:
    return bases.choose(candidates, start=start, end=end, first_day=request.start_date, days=days,
                        frame=_frame(request), net=net, travel_cost=travel_cost(request),
                        fixed=_fixed_nights(request) if days == request.days else None)


def plan(request: Request) -> Plan:
    """Solve the request: choose the nights' bases, check the must-sees, build the problem, search, read back."""
    started = time.perf_counter()
    net = network(request.mode)
    all_pois = catalogue.pois()
    candidates = [bases.Candidate(p, score_of(p, request.themes), p.id in request.must_visit)
                  for p in all_pois.values() if p.id not in request.avoid
                  and (score_of(p, request.themes) > 0 or p.id in request.must_visit)]
    start, end = catalogue.base_for(request.start_city).id, catalogue.base_for(request.end_city).id
    nights = _night_bases(request, candidates, net, request.days, start, end)
    trip = mustsee.Trip(request.start_date, request.days, [start, *nights, end], _frame(request),
                        request.budget_cny, request.group_size)
    unvisited = _check_must_sees(request, trip, candidates, net, start, end)
    refused = {u.poi_id for u in unvisited}
    problem, chosen = _problem(request, trip, [c for c in candidates if c.poi.id not in refused], net)
    remaining = request.time_limit_s - (time.perf_counter() - started)
    solution = search.solve(problem, max(remaining, 0.05), request.seed)
    days = _read_days(request, trip, problem, solution, chosen, net)
    planned = {stop.poi_id for d in days for stop in d.stops}
    for poi_id in request.must_visit:
        if poi_id not in planned and poi_id not in refused:
            fix = _conflict_fix(request, all_pois[poi_id], trip, candidates, net, start, end)
            unvisited.append(Unvisited(poi_id, MustSeeProblem.CONFLICT, fix))
    order = {pid: i for i, pid in enumerate(request.must_visit)}
    unvisited.sort(key=lambda u: order[u.poi_id])
    score = sum(score_of(all_pois[pid], request.themes) for pid in planned)
    return Plan(days, score, unvisited, time.perf_counter() - started)


def _check_must_sees(request, trip, candidates, net, start, end) -> list[Unvisited]:
    pois = catalogue.pois()
    found = []
    for poi_id in request.must_visit:
        poi = pois[poi_id]
        cost = poi.ticket_cny * request.group_size
        problem = mustsee.diagnose(poi, trip, net, cost)
        if problem is None:
            continue

        def rebase(days, poi=poi):
            return _rebased(request, candidates, net, days, start, end, poi)

        fix = mustsee.find_fix(poi, problem, trip, net, cost_cny=_must_see_cost(request), rebase=rebase,
                               max_days=MAX_DAYS, fixed_bases=any(_fixed_nights(request)))
        found.append(Unvisited(poi_id, problem, fix))
    return found


def _rebased(request, candidates, net, days, start, end, poi) -> list[str]:
    """Nights chosen so that ``poi`` can be reached, under the loosest hours a fix may propose."""
    wanted = [c if c.poi.id != poi.id else bases.Candidate(poi, c.score, True) for c in candidates]
    loosest = replace(_frame(request), day_start=min(request.day_start, mustsee.EARLIEST_DAY_START),
                      day_end=max(request.day_end, mustsee.LATEST_DAY_END), max_travel=mustsee.LONGEST_TRAVEL)
    return bases.choose(wanted, start=start, end=end, first_day=request.start_date, days=days, frame=loosest,
                        net=net, travel_cost=travel_cost(request))


def _must_see_cost(request: Request) -> float:
    pois = catalogue.pois()
    return sum(pois[pid].ticket_cny for pid in request.must_visit) * request.group_size


def _conflict_fix(request, poi, trip, candidates, net, start, end) -> dict | None:
    """A must-see that fits alone but not with the rest: one more day, if the place then fits on it."""
    if request.days >= MAX_DAYS:
        return None
    nights = _rebased(request, candidates, net, request.days + 1, start, end, poi)
    longer = mustsee.Trip(trip.first_day, trip.days + 1, [start, *nights, end], trip.frame, trip.budget_cny,
                          trip.group_size)
    return {"days": request.days + 1} if mustsee.fits_on_some_day(poi, longer, net) else None


def _problem(request: Request, trip: mustsee.Trip, candidates: list[bases.Candidate], net: Network):
    """The orienteering problem: one location per day's base, then one per candidate place."""
    depot_nodes = [base_node(b) for b in trip.bases]
    cities = sorted({catalogue.bases()[b].city for b in trip.bases} | {c.poi.city for c in candidates})
    group = {city: i for i, city in enumerate(cities)}
    locked = dict(request.locked)
    visits, chosen = [], []
    for c in candidates:
        days = [locked[c.poi.id]] if c.poi.id in locked else list(range(request.days))
        windows = _windows(c.poi, request, days)
        if not windows:
            continue
        mandatory = c.must or c.poi.id in locked
        visits.append(Visit(score=max(1, round(c.score * SCORE_SCALE)), service=c.poi.visit_minutes,
                            windows=windows, cost=round(c.poi.ticket_cny * request.group_size * 100),
                            mandatory=mandatory, meal=c.poi.meal_on_site, group=group[c.poi.city]))
        chosen.append(c.poi)
    nodes = depot_nodes + [p.id for p in chosen]
    travel = [[net.minutes(a, b) for b in nodes] for a in nodes]
    routes = [Route(start=day, end=day + 1, earliest=day * DAY + hours_of(request, day)[0],
                    latest=day * DAY + hours_of(request, day)[1],
                    breaks=[(day * DAY + lo, day * DAY + hi, length) for lo, hi, length in _lunch(request, day)],
                    # a day that must move between far bases (the request's own) may drive that far, no further
                    max_travel=max(request.max_travel, net.minutes(depot_nodes[day], depot_nodes[day + 1])),
                    home_group=group[catalogue.bases()[trip.bases[day + 1]].city])
              for day in range(request.days)]
    problem = Problem(visits=visits, routes=routes, travel=travel, depots=len(depot_nodes),
                      budget=round(request.budget_cny * 100) if request.budget_cny is not None else None,
                      travel_weight=travel_cost(request) * SCORE_SCALE)
    return problem, chosen


def _lunch(request: Request, day: int) -> list[tuple[int, int, int]]:
    """The day's lunch break, when its hours span the lunch window."""
    lo, hi, length = request.lunch
    start, end = hours_of(request, day)
    return [request.lunch] if start <= hi and end >= lo + length else []


def _city_node(base_id: str) -> str:
    return f"base:{catalogue.bases()[base_id].city}"


def _planned_leg(origin: str, to: str, leg: travel.Leg) -> PlannedLeg:
    return PlannedLeg(origin, to, leg.mode, leg.minutes, travel.rail_detail(leg.rail) if leg.rail else None)


def _read_days(request, trip, problem, solution, chosen, net) -> list[PlannedDay]:
    days = []
    for day, stops in enumerate(solution.routes):
        here, there = trip.bases[day], trip.bases[day + 1]
        legs, previous, label = [], base_node(here), _city_node(here)
        for stop in stops:
            poi = chosen[stop.visit]
            leg = net.leg(previous, poi.id)
            legs.append(_planned_leg(label, poi.id, leg))
            previous, label = poi.id, poi.id
        if previous != base_node(there):  # a free day at the same base has no journey
            legs.append(_planned_leg(label, _city_node(there), net.leg(previous, base_node(there))))
        brk = solution.breaks[day] if solution.breaks else None
        lunch_at = next((chosen[s.visit].id for s in stops if brk and s.start <= brk[0] and brk[1] <= s.end), None)
        offset = day * DAY
        days.append(PlannedDay(
            date=request.start_date + timedelta(days=day), start_city=catalogue.bases()[here].city,
            base_city=catalogue.bases()[there].city, start_base=here, base=there,
            stops=[PlannedStop(chosen[s.visit].id, s.arrive - offset, s.start - offset, s.end - offset)
                   for s in stops],
            legs=legs, travel_minutes=sum(leg.minutes for leg in legs),
            back_at=solution.route_end[day] - offset,
            lunch=(brk[0] - offset, brk[1] - offset) if brk else None, lunch_at=lunch_at))
    return days
