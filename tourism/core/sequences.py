"""Gap-free counters kept in the database (filing numbers, tracking numbers).

The increment is one UPDATE ... RETURNING, atomic on SQLite and PostgreSQL alike, so two
requests never draw the same number. Each domain that draws numbers also says how to read the
highest number already used from its own records, so a restore can move every counter past it.
"""

from collections.abc import Callable, Iterable

from sqlalchemy import Integer, String, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tourism.extensions import db


class Sequence(db.Model):
    __tablename__ = "sequences"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


# ``reader(session)`` yields ``(key, highest number used)`` for the counters a domain draws from.
_used_readers: dict[str, Callable[[object], Iterable[tuple[str, int]]]] = {}


def register_used_numbers(name: str, reader: Callable[[object], Iterable[tuple[str, int]]]) -> None:
    _used_readers[name] = reader


def next_value(session, key: str) -> int:
    bump = update(Sequence).where(Sequence.key == key).values(last=Sequence.last + 1).returning(Sequence.last)
    value = session.execute(bump).scalar()
    if value is None:
        try:
            with session.begin_nested():
                session.add(Sequence(key=key, last=1))
            value = 1
        except IntegrityError:
            value = session.execute(bump).scalar()
    return value


def raise_to_highest_used(session) -> None:
    """Move every counter at least to the highest number its records use (after a restore)."""
    highest: dict[str, int] = {}
    for reader in _used_readers.values():
        for key, used in reader(session):
            highest[key] = max(highest.get(key, 0), used)
    for key, used in highest.items():
        current = session.scalar(select(Sequence).where(Sequence.key == key))
        if current is None:
            session.add(Sequence(key=key, last=used))
        elif current.last < used:
            current.last = used
    session.flush()
