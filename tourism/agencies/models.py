from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.agencies.deadlines import filing_clock
from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db


class LicenceStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class Kind(StrEnum):
    BRANCH = "branch"  # 分社
    OUTLET = "outlet"  # 服务网点


class FilingStatus(StrEnum):
    SUBMITTED = "submitted"
    FILED = "filed"
    RETURNED = "returned"
    CLOSED = "closed"


class Agency(db.Model):
    """A licensed travel agency (旅行社), registered in its home city."""

    __tablename__ = "agencies"
    __table_args__ = (
        CheckConstraint("licence_status IN ('active','suspended','revoked')", name="licence_status"),
        CheckConstraint("deposit_cny >= 0", name="deposit_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    home_city: Mapped[str] = mapped_column(String(6), index=True)
    outbound: Mapped[bool] = mapped_column(default=False)
    licensed_on: Mapped[date | None] = mapped_column(Date)
    licence_status: Mapped[str] = mapped_column(String(12), default=LicenceStatus.ACTIVE)
    deposit_cny: Mapped[int] = mapped_column(Integer, default=0)
    complaint_phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    establishments: Mapped[list["Establishment"]] = relationship(
        back_populates="agency", order_by="Establishment.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def scope(self) -> str:
        return "outbound" if self.outbound else "domestic"

    @property
    def stream(self) -> str:
        return f"agency:{self.licence_no}"

    @property
    def branches(self) -> list["Establishment"]:
        return [e for e in self.establishments if e.kind == Kind.BRANCH]

    @property
    def outlets(self) -> list["Establishment"]:
        return [e for e in self.establishments if e.kind == Kind.OUTLET]


class Establishment(db.Model):
    """A branch office (分社) or a service outlet (服务网点) of an agency, filed by its city's regulator.

    Neither is a legal person: both act in the agency's name (旅行社条例实施细则 art. 18).
    An outlet may hang under one of the agency's branches (``branch_id``).
    """

    __tablename__ = "establishments"
    __table_args__ = (
        CheckConstraint("kind IN ('branch','outlet')", name="kind"),
        CheckConstraint("status IN ('submitted','filed','returned','closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("establishments.id", ondelete="SET NULL"))
    city: Mapped[str] = mapped_column(String(6), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    manager: Mapped[str] = mapped_column(String(100), default="")
    outbound: Mapped[bool] = mapped_column(default=False)
    established_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=FilingStatus.SUBMITTED, index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filing_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    return_reason: Mapped[str | None] = mapped_column(String(1000))
    closed_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    agency: Mapped[Agency] = relationship(back_populates="establishments")
    branch: Mapped["Establishment | None"] = relationship(remote_side=[id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def stream(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def scope(self) -> str:
        return "outbound" if self.outbound else "domestic"

    @property
    def clock(self):
        """Where the filing stands against its time limits today."""
        return filing_clock(self)
