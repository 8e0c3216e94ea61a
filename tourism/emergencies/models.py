from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.emergencies.enums import Grade, IncidentKind
from tourism.extensions import db


class Incident(db.Model):
    """A safety incident (旅游突发事件) broadcast to the cities it touches."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    grade: Mapped[Grade] = Grade.column("grade", 3)
    kind: Mapped[IncidentKind] = IncidentKind.column("kind", 20)
    summary: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    reported_by: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    cities: Mapped[list["IncidentCity"]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="IncidentCity.city")
    updates: Mapped[list["IncidentUpdate"]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="IncidentUpdate.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def stream(self) -> str:
        return f"incident:{self.id}"

    @property
    def city_codes(self) -> list[str]:
        return [row.city for row in self.cities]

    @property
    def acknowledgements(self) -> dict:
        """Per affected city: when it acknowledged, or None."""
        return {row.city: row.acknowledged_at for row in self.cities}

    @property
    def acknowledge_by(self) -> datetime:
        return min(row.acknowledge_by for row in self.cities)

    @property
    def late_cities(self) -> list[str]:
        now = clock.now()
        return [row.city for row in self.cities if row.is_late(now)]


class IncidentCity(db.Model):
    """An affected city, which must acknowledge the incident within the limit for its grade."""

    __tablename__ = "incident_cities"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    city: Mapped[str] = mapped_column(String(6), primary_key=True)
    acknowledge_by: Mapped[datetime] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))

    incident: Mapped[Incident] = relationship(back_populates="cities")

    def is_late(self, now: datetime) -> bool:
        """Not acknowledged by its limit (or acknowledged after it)."""
        return (self.acknowledged_at or now) > self.acknowledge_by


class IncidentUpdate(db.Model):
    __tablename__ = "incident_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    incident: Mapped[Incident] = relationship(back_populates="updates")
