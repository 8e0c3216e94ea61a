"""Inspections of tour groups by a city's inspectors or regulators, as recorded on the spot."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db


class Inspection(db.Model):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("tour_groups.id", ondelete="RESTRICT"), index=True)
    city: Mapped[str] = mapped_column(String(6))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(200), default="")
    guide_licence_no: Mapped[str] = mapped_column(String(16), default="")
    findings: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    inspector: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    case_no: Mapped[str | None] = mapped_column(String(20))  # the complaint-log case the findings opened

    group: Mapped["TourGroup"] = relationship()  # noqa: F821 (tourism.groups.models)
    photos: Mapped[list["InspectionPhoto"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", order_by="InspectionPhoto.id")

    @property
    def stream(self) -> str:
        return f"inspection:{self.id}"


class InspectionPhoto(db.Model):
    """A photo taken on the spot, kept outside the web root like complaint attachments."""

    __tablename__ = "inspection_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(64))

    inspection: Mapped[Inspection] = relationship(back_populates="photos")
