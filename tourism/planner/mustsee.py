"""Must-see places as promises: before solving, why one cannot fit, and the change to the request that
would let it in, computed by trying the changes (never guessed).

A diagnosis is one of ``MustSeeProblem``'s codes. A fix is a change to the request in the request's
own terms (``{"day_end": "18:30"}``, ``{"bases": [...]}``, ``{"days": 4}``, ...), tried in the order
that changes the trip least and kept when the place then fits.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tourism.planner import reach
from tourism.planner.catalogue import Poi
from tourism.planner.enums import MustSeeProblem
from tourism.planner.network import Network, base_node

EARLIEST_DAY_START = 6 * 60
LATEST_DAY_END = 23 * 60
LONGEST_TRAVEL = 12 * 60
STEP = 15  # minutes: the fixes move the day's start or end in quarter hours
MAX_EXTRA_DAYS = 3
START_SHIFT_DAYS = 60


@dataclass(frozen=True)
class Trip:
    """What the checks need of a request: its dates, each day's bases, its hours and limits."""

    first_day: date
    days: int
    bases: list[str]  # base ids: the morning's base of day 0, each night's, the last evening's
    frame: reach.Day
    budget_cny: float | None
    group_size: int

    def date_of(self, day: int) -> date:
        return self.first_day + timedelta(days=day)


def fits_on_some_day(poi: Poi, trip: Trip, net: Network) -> bool:
    for day in range(trip.days):
        a, b = base_node(trip.bases[day]), base_node(trip.bases[day + 1])
        if reach.fits(poi, poi.intervals_on(trip.date_of(day)), net.minutes(a, poi.id), net.minutes(poi.id, b),
                      trip.frame):
            return True
    return False


def diagnose(poi: Poi, trip: Trip, net: Network, cost_cny: float) -> MustSeeProblem | None:
    """Why ``poi`` cannot be planned on this trip, or None when it can (as far as this test sees)."""
    if trip.budget_cny is not None and cost_cny > trip.budget_cny:
        return MustSeeProblem.BUDGET
    open_days = [d for d in range(trip.days) if poi.intervals_on(trip.date_of(d))]
    if not open_days:
        return MustSeeProblem.CLOSED
    unlimited = replace(trip.frame, max_travel=10**6)
    if not any(reach.fits(poi, poi.intervals_on(trip.date_of(d)), 0, 0, unlimited) for d in open_days):
        return MustSeeProblem.HOURS
    if not fits_on_some_day(poi, replace(trip, frame=unlimited), net):
        return MustSeeProblem.TOO_FAR
    if not fits_on_some_day(poi, trip, net):
        return MustSeeProblem.TRAVEL_CAP
    return None


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# What a change to the request costs the traveller, in minutes of their day: the fix offered is the
# cheapest that works (a later end of the day, sleeping elsewhere, more travel, or another day).
NEW_BASES_COST = 30
EXTRA_DAY_COST = 240
EARLY_START_FACTOR = 2  # a minute earlier in the morning weighs twice a minute later in the evening


def find_fix(poi: Poi, problem: MustSeeProblem, trip: Trip, net: Network, *, cost_cny: float,
             rebase: Callable[[int], list[str]], max_days: int, fixed_bases: bool) -> dict | None:
    """The least costly change to the request that lets ``poi`` in; ``rebase(days)`` chooses the bases anew
    (with this place among the must-sees) for a trip of that many days. A request that fixes its bases
    gets them in a fix that changes the number of days."""
    if problem == MustSeeProblem.BUDGET:
        return {"budget_cny": cost_cny}
    if problem == MustSeeProblem.CLOSED:
        return _open_day_fix(poi, trip, max_days)
    layouts = [({}, trip, 0)]
    if trip.days > 1:
        layouts.append(({"bases": rebase(trip.days)}, None, NEW_BASES_COST))
    for extra in range(1, MAX_EXTRA_DAYS + 1):
        if trip.days + extra <= max_days:
            layouts.append(({"days": trip.days + extra}, None, extra * EXTRA_DAY_COST))
    best = None
    frame = trip.frame
    for change, fixed, cost in layouts:
        if fixed is None:
            days = change.get("days", trip.days)
            nights = change.get("bases") or rebase(days)
            fixed = replace(trip, days=days, bases=[trip.bases[0], *nights, trip.bases[-1]])
            if fixed_bases and "days" in change:
                change = {**change, "bases": nights}
        for end in range(frame.day_end, LATEST_DAY_END + 1, STEP):
            for start in range(frame.day_start, EARLIEST_DAY_START - 1, -STEP):
                hours = (end - frame.day_end) + EARLY_START_FACTOR * (frame.day_start - start)
                if best is not None and cost + hours >= best[0]:
                    break
                variant = replace(fixed, frame=replace(frame, day_start=start, day_end=end))
                needed = _travel_needed(poi, variant, net)
                if needed is None:
                    continue
                total = cost + hours + max(0, needed - frame.max_travel)
                if best is None or total < best[0]:
                    fix = dict(change)
                    if end != frame.day_end:
                        fix["day_end"] = _hhmm(end)
                    if start != frame.day_start:
                        fix["day_start"] = _hhmm(start)
                    if needed > frame.max_travel:
                        fix["max_travel_minutes_per_day"] = needed
                    best = (total, fix)
    return best[1] if best and best[1] else None


def _travel_needed(poi: Poi, trip: Trip, net: Network) -> int | None:
    """The least daily travel cap under which the place fits and every day can go from its morning's base to
    its night's (the trip's own cap when that is enough), if the place fits at all within the day's hours."""
    best = None
    moves = max(net.minutes(base_node(a), base_node(b)) for a, b in zip(trip.bases, trip.bases[1:], strict=False))
    for day in range(trip.days):
        a, b = base_node(trip.bases[day]), base_node(trip.bases[day + 1])
        out, back = net.minutes(a, poi.id), net.minutes(poi.id, b)
        loose = replace(trip.frame, max_travel=max(out + back, trip.frame.max_travel))
        if reach.fits(poi, poi.intervals_on(trip.date_of(day)), out, back, loose):
            needed = max(out + back, trip.frame.max_travel, moves)
            best = needed if best is None else min(best, needed)
    return best


def _open_day_fix(poi: Poi, trip: Trip, max_days: int) -> dict | None:
    for extra in range(1, MAX_EXTRA_DAYS + 1):
        if trip.days + extra <= max_days and poi.intervals_on(trip.date_of(trip.days + extra - 1)):
            return {"days": trip.days + extra}
    for shift in range(1, START_SHIFT_DAYS + 1):
        start = trip.first_day + timedelta(days=shift)
        if any(poi.intervals_on(start + timedelta(days=d)) for d in range(trip.days)):
            return {"start_date": start.isoformat()}
    return None
