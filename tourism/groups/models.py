"""A tour group (旅游团队) as filed: who organises it, who receives it where, who guides it, where it goes each day."""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db
from tourism.groups.enums import Origin, ReceivingStatus, StopKind
from tourism.guides.enums import GuideRole


class TourGroup(db.Model):
    """One group's record and its electronic itinerary sheet (旅游团队电子行程单)."""

    __tablename__ = "tour_groups"
    __table_args__ = (
        CheckConstraint("end_on >= start_on", name="group_dates_in_order"),
        CheckConstraint("tourists BETWEEN 1 AND 10000", name="group_tourists"),
        CheckConstraint("shopping_allowed_minutes >= 0", name="group_shopping_allowed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_no: Mapped[str] = mapped_column(String(24), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"), index=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"))
    filing_city: Mapped[str] = mapped_column(String(6))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    tourists: Mapped[int] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(8))
    origin: Mapped[Origin] = Origin.column("group_origin", 10, default=Origin.DOMESTIC)
    origin_region: Mapped[str] = mapped_column(String(100), default="")
    contract_no: Mapped[str] = mapped_column(String(64), default="")
    contract_city: Mapped[str | None] = mapped_column(String(6))
    contract_end_on: Mapped[date | None] = mapped_column(Date)
    # The shopping the contract lets the agency arrange (《旅游法》art. 35: only as agreed with the tourists).
    shopping_allowed_minutes: Mapped[int] = mapped_column(Integer, default=0)
    shopping_minutes: Mapped[int] = mapped_column(Integer, default=0)
    leader_name: Mapped[str] = mapped_column(String(100))
    leader_phone: Mapped[str] = mapped_column(String(40))
    coach_plate: Mapped[str] = mapped_column(String(16), default="")
    coach_operator: Mapped[str] = mapped_column(String(200), default="")
    coach_driver: Mapped[str] = mapped_column(String(100), default="")
    itinerary_id: Mapped[str | None] = mapped_column(String(32))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    filed_by: Mapped[str] = mapped_column(String(64))
    # Results of the checks at the last filing or amendment, for the regulators' filters.
    guides_eligible: Mapped[bool] = mapped_column(default=True)
    # Kept by the inspections' own statements, which leave the group's version alone.
    inspections_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    findings_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    amended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    agency: Mapped["Agency"] = relationship()  # noqa: F821 (tourism.agencies.models)
    branch: Mapped["Office | None"] = relationship()  # noqa: F821
    stops: Mapped[list["GroupStop"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="(GroupStop.on_date, GroupStop.time)")
    guides: Mapped[list["GroupGuide"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupGuide.id")
    receiving: Mapped[list["GroupReceiving"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupReceiving.id")
    presence: Mapped[list["GroupPresence"]] = relationship(back_populates="group", cascade="all, delete-orphan")
    versions: Mapped[list["GroupVersion"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupVersion.version")

    __mapper_args__ = {"version_id_col": version}

    @property
    def stream(self) -> str:
        return f"group:{self.group_no}"

    @property
    def shopping_over(self) -> bool:
        """The sheet declares more shopping than the contract allows."""
        return self.shopping_minutes > self.shopping_allowed_minutes

    @property
    def cities(self) -> list[str]:
        """Every city the group is in on some day, in order of first arrival."""
        ordered = sorted(self.presence, key=lambda row: (row.on_date, row.position))
        return list(dict.fromkeys(row.city for row in ordered))


class GroupStop(db.Model):
    """One stop of the sheet: when, where (a catalogue place or a named place in a city), what, how long."""

    __tablename__ = "group_stops"
    __table_args__ = (CheckConstraint("minutes BETWEEN 0 AND 1440", name="stop_minutes"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("tour_groups.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    time: Mapped[str] = mapped_column(String(5))  # HH:MM, local time
    poi_id: Mapped[str | None] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(6))
    kind: Mapped[StopKind] = StopKind.column("stop_kind", 10)
    minutes: Mapped[int] = mapped_column(Integer)

    group: Mapped[TourGroup] = relationship(back_populates="stops")


class GroupGuide(db.Model):
    """A guide assigned to the group: a local guide (地陪) for some cities and days, or the escort (全陪)."""

    __tablename__ = "group_guides"
    __table_args__ = (Index("ix_group_guides_guide_dates", "guide_id", "start_on", "end_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("tour_groups.id", ondelete="CASCADE"), index=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="RESTRICT"))
    role: Mapped[GuideRole] = GuideRole.column("group_guide_role", 8)
    cities: Mapped[list] = mapped_column(JSON, default=list)
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    dispatched_by_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    eligible: Mapped[bool] = mapped_column(default=True)

    group: Mapped[TourGroup] = relationship(back_populates="guides")
    guide: Mapped["Guide"] = relationship()  # noqa: F821 (tourism.guides.models)
    dispatched_by: Mapped["Agency"] = relationship()  # noqa: F821

    def on_duty(self, day: date, city: str | None = None) -> bool:
        return self.start_on <= day <= self.end_on and (city is None or not self.cities or city in self.cities)


class GroupReceiving(db.Model):
    """Days and cities handed to a receiving agency (地接社) of another city, which accepts or declines."""

    __tablename__ = "group_receiving"
    __table_args__ = (UniqueConstraint("group_id", "agency_id", name="uq_group_receiving_agency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("tour_groups.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"), index=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id", ondelete="RESTRICT"))
    cities: Mapped[list] = mapped_column(JSON, default=list)
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ReceivingStatus] = ReceivingStatus.column("receiving_status", 10, default=ReceivingStatus.PENDING)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    group: Mapped[TourGroup] = relationship(back_populates="receiving")
    agency: Mapped["Agency"] = relationship(foreign_keys=[agency_id])  # noqa: F821
    branch: Mapped["Office | None"] = relationship(foreign_keys=[branch_id])  # noqa: F821

    def covers(self, cities, start_on: date, end_on: date) -> bool:
        return self.start_on <= start_on and end_on <= self.end_on and set(cities) <= set(self.cities)


class GroupPresence(db.Model):
    """The group is in ``city`` on ``on_date``: the index behind each city's "groups today"."""

    __tablename__ = "group_presence"
    __table_args__ = (Index("ix_group_presence_city_date", "city", "on_date"),)

    group_id: Mapped[int] = mapped_column(ForeignKey("tour_groups.id", ondelete="CASCADE"), primary_key=True)
    on_date: Mapped[date] = mapped_column(Date, primary_key=True)
    city: Mapped[str] = mapped_column(String(6), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order of arrival that day

    group: Mapped[TourGroup] = relationship(back_populates="presence")


class GroupVersion(db.Model):
    """Every filed version of the group, kept whole (a guide replaced, a stop added)."""

    __tablename__ = "group_versions"
    __table_args__ = (UniqueConstraint("group_id", "version", name="uq_group_versions"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("tour_groups.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict] = mapped_column(JSON)
    checks: Mapped[list] = mapped_column(JSON, default=list)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    filed_by: Mapped[str] = mapped_column(String(64))

    group: Mapped[TourGroup] = relationship(back_populates="versions")
