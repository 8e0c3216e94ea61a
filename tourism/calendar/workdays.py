"""Mainland working days (工作日): weekdays that are not days off, plus the weekends a notice makes working days.

A year whose State Council notice is held follows it exactly. A year without one follows the statutory
holidays alone (tourism.calendar.statutory), and anything counted through it is *provisional*: the notice,
when it comes, may move days around.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from flask_babel import gettext as _

from tourism.calendar.notices import FIRST_YEAR, LAST_YEAR, Notice
from tourism.calendar.statutory import days_off_without_notice, measures_for
from tourism.core.errors import InvalidInput

MAX_WORKING_DAYS = 366


@dataclass(frozen=True)
class Deadline:
    """The day a limit of working days ends, and whether a year it counts through lacks its notice."""

    date: date
    provisional: bool
    source: str


class WorkCalendar:
    def __init__(self, notices: dict[int, Notice]):
        self.notices = dict(notices)

    @cached_property
    def _days_off(self) -> dict[date, str]:
        off: dict[date, str] = {}
        for notice in self.notices.values():
            off.update(notice.days_off)
        return off

    @cached_property
    def _working(self) -> frozenset[date]:
        return frozenset(d for notice in self.notices.values() for d in notice.working_days)

    def has_notice(self, year: int) -> bool:
        return year in self.notices

    def day_off_name(self, day: date) -> str | None:
        """Why ``day`` is not worked (a holiday's name), or None for a weekday or a weekend."""
        if day.year in self.notices:
            return self._days_off.get(day)
        return self._days_off.get(day) or days_off_without_notice(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        if day in self._working:
            return True
        return day.weekday() < 5 and self.day_off_name(day) is None

    def check_range(self, day: date, field: str = "from") -> None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise InvalidInput(errors={field: [_("The working-day calendar covers %(first)d to %(last)d.",
                                                 first=FIRST_YEAR, last=LAST_YEAR)]})

    def add(self, start: date, count: int) -> Deadline:
        """The day on which a limit of ``count`` working days counted from ``start`` ends.

        The day of the event itself does not count (the period starts the next day), so 3 working
        days from a Friday end on the following Wednesday.
        """
        self.check_range(start)
        if not 0 <= count <= MAX_WORKING_DAYS:
            raise InvalidInput(errors={"days": [_("From 0 to %(n)d working days.", n=MAX_WORKING_DAYS)]})
        day, remaining = start, count
        while remaining > 0:
            day += timedelta(days=1)
            if day.year > LAST_YEAR:
                self.check_range(day, "days")
            remaining -= self.is_working_day(day)
        return self.deadline_over(start, day)

    def deadline_over(self, start: date, end: date) -> Deadline:
        """``end`` as a deadline counted from ``start``: provisional if a year in between lacks its notice."""
        years = range(start.year, end.year + 1) if end > start else [start.year]
        missing = [y for y in years if y not in self.notices]
        sources = [self.notices[y].source if y in self.notices else
                   _("%(measures)s only (the %(year)d notice is not loaded)", measures=measures_for(y), year=y)
                   for y in years]
        return Deadline(end, bool(missing), "; ".join(dict.fromkeys(sources)))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

