from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.emergencies.enums import CityRole, Grade, IncidentKind, ReportLevel
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
    group_nos: Mapped[list] = mapped_column(JSON, default=list)  # the tour groups involved
    version: Mapped[int] = mapped_column(Integer, default=1)

    cities: Mapped[list["IncidentCity"]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="IncidentCity.city")
    updates: Mapped[list["IncidentUpdate"]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="IncidentUpdate.id")
    reports: Mapped[list["IncidentReport"]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="IncidentReport.reported_at")
    agencies: Mapped[list["IncidentAgency"]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="IncidentAgency.agency_id")

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
    def received_at(self) -> datetime:
        """When the city level had the incident: the time it was reported here."""
        return self.reported_at

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
    role: Mapped[CityRole] = CityRole.column("role", 12, default=CityRole.AFFECTED,
                                             server_default=CityRole.AFFECTED.value)

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


class IncidentReport(db.Model):
    """An upward report of the incident (to the province, to the Ministry), with when it was made."""

    __tablename__ = "incident_reports"
    __table_args__ = (UniqueConstraint("incident_id", "level", name="uq_incident_reports_level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    level: Mapped[ReportLevel] = ReportLevel.column("level", 10)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")

    incident: Mapped[Incident] = relationship(back_populates="reports")


class IncidentAgency(db.Model):
    """An agency whose tourists are involved; its home city is informed (and acknowledges)."""

    __tablename__ = "incident_agencies"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True)

    incident: Mapped[Incident] = relationship(back_populates="agencies")
    agency: Mapped["Agency"] = relationship()  # noqa: F821 (tourism.agencies.models)
