"""Whether one place can be visited on a given day between two bases: a quick test, used to choose the
nights' bases and to compute what would let a must-see in.

It follows the planner's model: leave the morning base at the day's start, be at the night's base by
the day's end, keep the day's travel under its cap, and keep the lunch break, which may be taken during
a visit to a place that serves food, on the way, or before or after the visit. The solver's own
insertion test has the last word (tourism.planner.itinerary); this one only has to be fast and close.
"""

from dataclasses import dataclass

from tourism.planner.catalogue import Poi


@dataclass(frozen=True)
class Day:
    day_start: int  # minutes after midnight
    day_end: int
    lunch: tuple[int, int, int] | None  # earliest start, latest start, minutes (None: the day misses lunch)
    max_travel: int


def _earliest(intervals, visit: int, t: int) -> int | None:
    for open_at, close_at in intervals:
        start = max(t, open_at)
        if start + visit <= close_at:
            return start
    return None


def fits(poi: Poi, intervals: list[tuple[int, int]], out: int, back: int, day: Day) -> bool:
    """``out``/``back``: minutes from the morning base and to the night's base."""
    if not intervals or out + back > day.max_travel:
        return False
    visit = poi.visit_minutes
    arrive = day.day_start + out
    if day.lunch is None:
        start = _earliest(intervals, visit, arrive)
        return start is not None and start + visit + back <= day.day_end
    lo, hi, length = day.lunch
    start = _earliest(intervals, visit, arrive)
    if start is not None and poi.meal_on_site and start <= hi and start + visit >= lo + length \
            and start + visit + back <= day.day_end:
        return True  # lunch during the visit
    if start is not None and start + visit <= hi and max(start + visit, lo) + length + back <= day.day_end:
        return True  # lunch after the visit
    after_lunch = max(arrive, lo + length) if day.day_start <= hi else None
    start = _earliest(intervals, visit, after_lunch) if after_lunch is not None else None
    return start is not None and start + visit + back <= day.day_end  # lunch before (or on the way)
