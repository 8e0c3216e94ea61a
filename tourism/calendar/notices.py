"""The State Council's yearly holiday notices (国务院办公厅关于YYYY年部分节假日安排的通知), as data.

A notice is read from a JSON file (the ones shipped in ``data/notices/``, or a new one given to
``flask calendar load``) and checked before it is used: every statutory day of its year must be off,
make-up working days must be weekends, and every day must lie within a few days of its year.
"""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from flask_babel import gettext as _

from tourism.calendar.statutory import statutory_holidays
from tourism.core.errors import InvalidInput

BUNDLED = Path(__file__).parent / "data" / "notices"
FIRST_YEAR = 2020  # the first notice the calendar holds; earlier dates are refused
LAST_YEAR = 2099  # lunar dates are computed up to here


@dataclass(frozen=True)
class Notice:
    year: int
    title: str
    number: str
    published_on: date
    url: str
    days_off: dict[date, str]  # every day of each holiday period, with the holiday's name
    working_days: frozenset[date]  # weekend days the notice makes working days (调休)

    @property
    def source(self) -> str:
        return f"{self.title}({self.number})"

    def as_data(self) -> dict:
        """The notice as the JSON document it was read from (periods rebuilt from the days)."""
        periods, days = [], sorted(self.days_off)
        for day in days:
            name = self.days_off[day]
            if periods and periods[-1]["name"] == name and date.fromisoformat(periods[-1]["to"]) == day - timedelta(1):
                periods[-1]["to"] = day.isoformat()
            else:
                periods.append({"name": name, "from": day.isoformat(), "to": day.isoformat()})
        return {"year": self.year, "title": self.title, "number": self.number,
                "published_on": self.published_on.isoformat(), "url": self.url, "holidays": periods,
                "working_days": sorted(d.isoformat() for d in self.working_days)}


def _day(value, field: str, errors: dict) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(field, []).append(_("Not a date (YYYY-MM-DD): %(value)s", value=str(value)[:20]))
        return None


def parse(data: dict) -> Notice:
    """A notice from its JSON document; an error names every field that is wrong."""
    if not isinstance(data, dict):
        raise InvalidInput(_("A notice is a JSON object."))
    errors: dict[str, list] = {}
    year = data.get("year")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(errors={"year": [_("A year from %(first)d to %(last)d.", first=FIRST_YEAR,
                                                last=LAST_YEAR)]})
    for field in ("title", "number", "url"):
        if not isinstance(data.get(field), str) or not data[field].strip():
            errors[field] = [_("Required.")]
    published_on = _day(data.get("published_on"), "published_on", errors)
    nearby = (date(year - 1, 12, 1), date(year + 1, 1, 31))  # 2023's 元旦 began on 31 Dec 2022
    days_off: dict[date, str] = {}
    for period in data.get("holidays") or []:
        start, end = _day(period.get("from"), "holidays", errors), _day(period.get("to"), "holidays", errors)
        name = str(period.get("name") or "").strip()
        if not (start and end) or not name or not nearby[0] <= start <= end <= nearby[1]:
            errors.setdefault("holidays", []).append(_("Each holiday has a name and dates from/to near %(year)d.",
                                                       year=year))
            continue
        day = start
        while day <= end:
            days_off[day] = name
            day += timedelta(days=1)
    working = set()
    for value in data.get("working_days") or []:
        day = _day(value, "working_days", errors)
        if day is None:
            continue
        if day.weekday() < 5 or day in days_off or not nearby[0] <= day <= nearby[1]:
            errors.setdefault("working_days", []).append(
                _("%(day)s: a make-up working day is a weekend day outside the holidays.", day=day.isoformat()))
        working.add(day)
    missing = [h for h in statutory_holidays(year) if h.day not in days_off]
    if missing and not errors.get("holidays"):
        errors["holidays"] = [_("The statutory day %(day)s (%(name)s) is not off.", day=h.day.isoformat(),
                                name=h.name) for h in missing]
    if errors:
        raise InvalidInput(_("The notice for %(year)d is not valid.", year=year), errors=errors)
    return Notice(year, data["title"].strip(), data["number"].strip(), published_on, data["url"].strip(),
                  days_off, frozenset(working))


def read_file(path: Path) -> Notice:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput(_("Cannot read the notice: %(error)s", error=str(error))) from error
    return parse(data)


def bundled() -> dict[int, Notice]:
    """The notices shipped with the application, by year."""
    notices = (read_file(path) for path in sorted(BUNDLED.glob("*.json")))
    return {notice.year: notice for notice in notices}
