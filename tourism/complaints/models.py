from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.complaints.enums import FINISHED, ComplaintStatus, Origin, Outcome, RespondentKind, ReviewSubject
from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db


class Complaint(db.Model):
    """A tourist's complaint (旅游投诉) in the zone's shared log."""

    __tablename__ = "complaints"
    __table_args__ = (
        CheckConstraint("claim_cny IS NULL OR claim_cny >= 0", name="claim_not_negative"),
        CheckConstraint("attachment_count BETWEEN 0 AND 5", name="attachment_count"),
        Index("ix_complaints_assigned_city_status", "assigned_city", "status"),
        Index("ix_complaints_respondent", "respondent_kind", "respondent_ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(20), unique=True)
    access_code_hash: Mapped[str] = mapped_column(String(255))
    status: Mapped[ComplaintStatus] = ComplaintStatus.column("status", 16, default=ComplaintStatus.RECEIVED,
                                                             index=True)
    assigned_city: Mapped[str] = mapped_column(String(6))
    competent_cities: Mapped[list] = mapped_column(JSON, default=list)
    complainant_name: Mapped[str] = mapped_column(String(100))
    complainant_phone: Mapped[str] = mapped_column(String(40))
    respondent_kind: Mapped[RespondentKind] = RespondentKind.column("respondent_kind", 8)
    respondent_ref: Mapped[str] = mapped_column(String(200), default="")
    respondent_name: Mapped[str] = mapped_column(String(200), default="")
    respondent_city: Mapped[str | None] = mapped_column(String(6))
    contract_city: Mapped[str | None] = mapped_column(String(6))
    group_no: Mapped[str | None] = mapped_column(String(24), index=True)  # the tour group, from its sheet
    origin: Mapped[Origin] = Origin.column("origin", 12, default=Origin.TOURIST, server_default=Origin.TOURIST.value)
    incident_city: Mapped[str] = mapped_column(String(6))
    occurred_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    claim_cny: Mapped[int | None] = mapped_column(Integer)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    accept_by: Mapped[date] = mapped_column(Date)
    # The acceptance limit counts through a year whose holiday notice was not loaded (tourism.calendar).
    accept_by_provisional: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    accepted_on: Mapped[date | None] = mapped_column(Date)
    contract_end_on: Mapped[date | None] = mapped_column(Date)  # art. 9(四): the 90 days run from here
    without_contract: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    complainant_representative: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # The competent body outside the zone the case must be transferred to (art. 5, art. 15(三)).
    transfer_to: Mapped[str | None] = mapped_column(String(6))
    transferred_authority: Mapped[str | None] = mapped_column(String(200))
    respondent_notified_on: Mapped[date | None] = mapped_column(Date)
    respondent_reply_due: Mapped[date | None] = mapped_column(Date)
    respondent_replied_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[Outcome | None] = Outcome.column("outcome", 16, nullable=True)
    compensation_cny: Mapped[int | None] = mapped_column(Integer)
    decided_on: Mapped[date | None] = mapped_column(Date)
    attachment_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version: Mapped[int] = mapped_column(Integer, default=1)

    messages: Mapped[list["ComplaintMessage"]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="ComplaintMessage.id")
    attachments: Mapped[list["ComplaintAttachment"]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="ComplaintAttachment.id")
    co_complainants: Mapped[list["CoComplainant"]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="CoComplainant.id")

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def complainant_count(self) -> int:
        return 1 + len(self.co_complainants)

    @property
    def representatives(self) -> list[str]:
        """Names of the chosen representatives of a joint complaint (art. 14)."""
        names = [self.complainant_name] if self.complainant_representative else []
        return names + [c.name for c in self.co_complainants if c.representative]

    __mapper_args__ = {"version_id_col": version}

    @property
    def stream(self) -> str:
        return f"complaint:{self.tracking_no}"


class CoComplainant(db.Model):
    """Another complainant on a case with a common cause (art. 14); personal data, like the first complainant's."""

    __tablename__ = "complaint_co_complainants"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40))
    representative: Mapped[bool] = mapped_column(Boolean, default=False)

    complaint: Mapped[Complaint] = relationship(back_populates="co_complainants")


class ComplaintMessage(db.Model):
    """A note on a case; ``for_complainant`` ones are shown on the tracking page."""

    __tablename__ = "complaint_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    for_complainant: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    complaint: Mapped[Complaint] = relationship(back_populates="messages")


class ComplaintAttachment(db.Model):
    """A photo or PDF the complainant sent; the bytes live outside the web root."""

    __tablename__ = "complaint_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))  # personal data: shown only with the complainant's
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    complaint: Mapped[Complaint] = relationship(back_populates="attachments")


class ReviewFlag(db.Model):
    """A licence flagged for review after repeated upheld complaints."""

    __tablename__ = "review_flags"
    __table_args__ = (Index("ix_review_flags_subject", "subject_kind", "licence_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_kind: Mapped[ReviewSubject] = ReviewSubject.column("subject_kind", 8)
    licence_no: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(500))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
