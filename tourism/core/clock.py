"""The one clock of the application.

Every deadline and timestamp reads the time here, so tests can freeze it.
"""

from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")

_frozen: datetime | None = None


def now() -> datetime:
    """The current time, timezone-aware, in Asia/Shanghai."""
    if _frozen is not None:
        return _frozen
    return datetime.now(UTC).astimezone(LOCAL_TZ)


def today() -> date:
    return now().date()


def each_day(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in the zone's time."""
    return datetime.combine(day, datetime.min.time(), tzinfo=LOCAL_TZ)


def years_after(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, month=3, day=1)


@contextmanager
def frozen_at(moment: datetime):
    """Freeze the clock at ``moment`` (a naive value is read as Asia/Shanghai)."""
    global _frozen
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    previous, _frozen = _frozen, moment.astimezone(LOCAL_TZ)
    try:
        yield _frozen
    finally:
        _frozen = previous
