"""Gap-free counters kept in the database (filing numbers, tracking numbers).

The increment is one UPDATE ... RETURNING, atomic on SQLite and PostgreSQL alike, so two
requests never draw the same number.
"""

from sqlalchemy import Integer, String, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tourism.extensions import db


class Sequence(db.Model):
    __tablename__ = "sequences"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


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
