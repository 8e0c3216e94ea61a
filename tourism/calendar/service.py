"""The working-day calendar the rules count on: shipped notices, notices loaded since, and what depends on them.

Every deadline counted in working days is stored with the record it belongs to, with whether it is
provisional. Loading a notice recomputes them: each domain that stores such deadlines registers a
function here (``register_deadlines``) that recomputes its open ones and writes each change to the
record's history.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import g, has_app_context
from flask_babel import gettext as _
from sqlalchemy import func, select

from tourism.calendar import notices
from tourism.calendar.models import HolidayNotice
from tourism.calendar.workdays import Deadline, WorkCalendar
from tourism.core import audit, clock
from tourism.core.errors import Conflict

# name -> fn(session, actor, calendar) -> number of records whose deadlines changed
DeadlineOwner = Callable[..., int]
_owners: dict[str, DeadlineOwner] = {}
_cache: dict[tuple, WorkCalendar] = {}


def register_deadlines(name: str, recompute: DeadlineOwner) -> None:
    _owners[name] = recompute


def _generation(session) -> tuple:
    count, latest = session.execute(select(func.count(HolidayNotice.year), func.max(HolidayNotice.loaded_at))).one()
    return count, latest


def work_calendar(session) -> WorkCalendar:
    """The calendar as of now: shipped notices and those loaded into the database (read once per request)."""
    if has_app_context() and "work_calendar" in g:
        return g.work_calendar
    with session.no_autoflush:  # a record being built may ask for its deadlines before it is complete
        generation = _generation(session)
        calendar = _cache.get(generation)
        if calendar is None:
            held = notices.bundled()
            for row in session.scalars(select(HolidayNotice)):
                held[row.year] = notices.parse(row.document)
            calendar = _cache[generation] = WorkCalendar(held)
            if len(_cache) > 8:
                _cache.pop(next(iter(_cache)))
    if has_app_context():
        g.work_calendar = calendar
    return calendar


def add_working_days(session, start: date, days: int) -> Deadline:
    return work_calendar(session).add(start, days)


def _forget(session):
    if has_app_context():
        g.pop("work_calendar", None)


@dataclass(frozen=True)
class LoadResult:
    year: int
    changed: bool
    recomputed: dict[str, int]


def load_notice(session, actor, notice: notices.Notice, *, replace: bool = False) -> LoadResult:
    """Hold ``notice`` from now on and recompute every open deadline; a different notice for a year
    already held needs ``replace`` (a correction)."""
    held = work_calendar(session).notices.get(notice.year)
    if held is not None and held.as_data() == notice.as_data():
        return LoadResult(notice.year, False, {})
    if held is not None and not replace:
        raise Conflict(_("A different notice for %(year)d is already held (%(source)s); load it as a correction.",
                         year=notice.year, source=held.source), code="notice_held")
    row = session.get(HolidayNotice, notice.year)
    if row is None:
        row = HolidayNotice(year=notice.year)
        session.add(row)
    row.document, row.loaded_by, row.loaded_at = notice.as_data(), audit.actor_name(actor), clock.now()
    session.flush()
    audit.record(session, f"calendar:{notice.year}", "notice_loaded", actor, source=notice.source, url=notice.url,
                 replaced=held.source if held else None)
    _forget(session)
    return LoadResult(notice.year, True, recompute(session, actor))


def recompute(session, actor) -> dict[str, int]:
    """Recompute every stored open deadline on the current calendar; how many records changed, per owner."""
    _forget(session)
    calendar = work_calendar(session)
    return {name: owner(session, actor, calendar) for name, owner in _owners.items()}


def missing_next_year(calendar: WorkCalendar, today: date | None = None) -> str | None:
    """From 1 December, a warning while next year's notice is not held (deadlines then are provisional)."""
    today = today or clock.today()
    if today.month == 12 and not calendar.has_notice(today.year + 1):
        return _("The State Council's holiday notice for %(year)d is not loaded: deadlines counted into %(year)d "
                 "are provisional. Load it with `flask calendar load FILE`.", year=today.year + 1)
    return None
