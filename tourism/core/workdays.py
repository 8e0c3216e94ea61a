"""Mainland working days, from the holiday calendar kept as data.

Deadlines in the rules are counted in working days (工作日): weekdays that are not
public holidays, plus the weekend days the State Council turns into working days.
"""

import json
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

CALENDAR_FILE = Path(__file__).parent / "data" / "cn_holidays.json"


@lru_cache(maxsize=1)
def _calendar():
    data = json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))
    days_off, working_weekends = set(), set()
    for year in data["years"].values():
        days_off.update(date.fromisoformat(d) for d in year["holidays"])
        working_weekends.update(date.fromisoformat(d) for d in year["working_weekends"])
    covered = {int(y) for y in data["years"]}
    return frozenset(days_off), frozenset(working_weekends), frozenset(covered)


def calendar_covers(day: date) -> bool:
    """Whether the published calendar reaches ``day``'s year (later years count Mon–Fri only)."""
    return day.year in _calendar()[2]


def is_working_day(day: date) -> bool:
    days_off, working_weekends, _covered = _calendar()
    if day in working_weekends:
        return True
    return day.weekday() < 5 and day not in days_off


def add_working_days(start: date, count: int) -> date:
    """The day on which a limit of ``count`` working days, counted from ``start``, ends.

    The day of the event itself does not count (the period starts the next day),
    so 3 working days from a Friday end on the following Wednesday.
    """
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
