from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.agencies.deadlines import FilingClock
from tourism.agencies.enums import DepositKind, FilingStatus, LicenceStatus, OfficeKind, PenaltyKind, Scope
from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db


class Agency(db.Model):
    """A licensed travel agency (旅行社), registered in its home city."""

    __tablename__ = "agencies"
    __table_args__ = (
        CheckConstraint("deposit_cny >= 0", name="deposit_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    home_city: Mapped[str] = mapped_column(String(6), index=True)
    outbound: Mapped[bool] = mapped_column(default=False)
    licensed_on: Mapped[date | None] = mapped_column(Date)
    licence_status: Mapped[LicenceStatus] = LicenceStatus.column("licence_status", 12, default=LicenceStatus.ACTIVE)
    deposit_cny: Mapped[int] = mapped_column(Integer, default=0)
    deposit_kind: Mapped[DepositKind] = DepositKind.column("deposit_kind", 10, default=DepositKind.ACCOUNT,
                                                           server_default=DepositKind.ACCOUNT.value)
    # The day the deposit was paid in or last topped up: art. 17's three clean years run from it.
    deposit_since: Mapped[date | None] = mapped_column(Date)
    guarantee_expires_on: Mapped[date | None] = mapped_column(Date)  # a bank guarantee's last valid day
    complaint_phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    offices: Mapped[list["Office"]] = relationship(
        back_populates="agency", order_by="Office.id", cascade="all, delete-orphan"
    )
    penalties: Mapped[list["AgencyPenalty"]] = relationship(
        back_populates="agency", order_by="AgencyPenalty.decided_on", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def scope(self) -> Scope:
        return Scope.OUTBOUND if self.outbound else Scope.DOMESTIC

    @property
    def stream(self) -> str:
        return f"agency:{self.licence_no}"

    @property
    def branches(self) -> list["Office"]:
        return [e for e in self.offices if e.kind == OfficeKind.BRANCH]

    @property
    def outlets(self) -> list["Office"]:
        return [e for e in self.offices if e.kind == OfficeKind.OUTLET]


class Office(db.Model):
    """A branch office (分社) or a service outlet (服务网点) of an agency, filed by its city's regulator.

    Neither is a legal person: both act in the agency's name (旅行社条例实施细则 art. 18).
    An outlet may hang under one of the agency's branches (``branch_id``).
    """

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), index=True)
    kind: Mapped[OfficeKind] = OfficeKind.column("kind", 8)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id", ondelete="SET NULL"))
    city: Mapped[str] = mapped_column(String(6), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    manager: Mapped[str] = mapped_column(String(100), default="")
    outbound: Mapped[bool] = mapped_column(default=False)
    established_on: Mapped[date] = mapped_column(Date)
    status: Mapped[FilingStatus] = FilingStatus.column("status", 10, default=FilingStatus.SUBMITTED, index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filing_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    return_reason: Mapped[str | None] = mapped_column(String(1000))
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Filing limits, counted in working days when the filing was submitted (tourism.agencies.deadlines).
    submission_due: Mapped[date] = mapped_column(Date)
    decision_due: Mapped[date] = mapped_column(Date)
    deadlines_provisional: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    version: Mapped[int] = mapped_column(Integer, default=1)

    agency: Mapped[Agency] = relationship(back_populates="offices")
    branch: Mapped["Office | None"] = relationship(remote_side=[id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def stream(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def scope(self) -> Scope:
        return Scope.OUTBOUND if self.outbound else Scope.DOMESTIC

    @property
    def clock(self) -> FilingClock:
        """Where the filing stands against its time limits today."""
        return FilingClock.of(self)


class AgencyPenalty(db.Model):
    """An administrative penalty imposed on an agency, recorded by its home city's regulator.

    Those for harming tourists' rights (侵害旅游者合法权益) of a fine or heavier decide the deposit's
    reduction (《旅行社条例》art. 17) and outbound licensing (art. 8).
    """

    __tablename__ = "agency_penalties"
    __table_args__ = (UniqueConstraint("agency_id", "document_no", name="uq_agency_penalties_document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PenaltyKind] = PenaltyKind.column("kind", 12)
    decided_on: Mapped[date] = mapped_column(Date)
    harms_tourists: Mapped[bool] = mapped_column(Boolean)
    document_no: Mapped[str] = mapped_column(String(64))  # the decision's number, e.g. 穗文旅罚〔2026〕12号
    authority: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    agency: Mapped[Agency] = relationship(back_populates="penalties")
