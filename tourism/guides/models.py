from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db
from tourism.guides.enums import AffiliationKind, GuideStatus, Level, RecordedStatus


class Guide(db.Model):
    """A licensed tour guide (电子导游证), registered in their home city."""

    __tablename__ = "guides"
    __table_args__ = (
        CheckConstraint("expires_on > issued_on", name="validity"),
        Index("ix_guides_home_city_expires_on", "home_city", "expires_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    home_city: Mapped[str] = mapped_column(String(6))
    level: Mapped[Level] = Level.column("level", 12)
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    recorded_status: Mapped[RecordedStatus] = RecordedStatus.column("recorded_status", 10,
                                                                    default=RecordedStatus.ACTIVE)
    suspended_until: Mapped[date | None] = mapped_column(Date)  # last day of a suspension; None = open-ended
    revoked_on: Mapped[date | None] = mapped_column(Date)  # 《旅游法》art. 103's three years run from here
    id_digest: Mapped[str | None] = mapped_column(String(64), index=True)  # keyed hash, never the number itself
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    languages: Mapped[list["GuideLanguage"]] = relationship(
        back_populates="guide", cascade="all, delete-orphan", order_by="GuideLanguage.position")
    affiliations: Mapped[list["Affiliation"]] = relationship(
        back_populates="guide", cascade="all, delete-orphan", order_by="Affiliation.start_on")
    bars: Mapped[list["DisciplinaryBar"]] = relationship(
        back_populates="guide", cascade="all, delete-orphan", order_by="DisciplinaryBar.start_on")
    photo: Mapped["GuidePhoto | None"] = relationship(back_populates="guide", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    @property
    def stream(self) -> str:
        return f"guide:{self.licence_no}"

    @property
    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages]

    def status_on(self, day: date) -> GuideStatus:
        """``revoked``, ``suspended``, ``expired`` or ``active`` on ``day``; a suspension lifts after its last day."""
        if self.recorded_status == RecordedStatus.REVOKED:
            return GuideStatus.REVOKED
        if self.recorded_status == RecordedStatus.SUSPENDED and (
                self.suspended_until is None or day <= self.suspended_until):
            return GuideStatus.SUSPENDED
        if day > self.expires_on:
            return GuideStatus.EXPIRED
        return GuideStatus.ACTIVE

    @property
    def status(self) -> GuideStatus:
        return self.status_on(clock.today())

    def current_affiliations(self, day: date | None = None) -> list["Affiliation"]:
        day = day or clock.today()
        return [a for a in self.affiliations if a.covers(day, day)]


class GuideLanguage(db.Model):
    """A language a guide works in (ISO 639-1), one row each so that searches by language use an index."""

    __tablename__ = "guide_languages"
    __table_args__ = (Index("ix_guide_languages_code_guide_id", "code", "guide_id"),)

    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    guide: Mapped[Guide] = relationship(back_populates="languages")


class Affiliation(db.Model):
    """Employment by an agency, or registration with a guide association, for a period."""

    __tablename__ = "affiliations"
    __table_args__ = (
        CheckConstraint("kind <> 'employment' OR agency_id IS NOT NULL", name="employment_agency"),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="period"),
        # The same employment cannot be recorded twice (overlaps are refused by the service).
        Index("uq_affiliations_guide_agency_start", "guide_id", "agency_id", "start_on", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AffiliationKind] = AffiliationKind.column("kind", 12)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"), index=True)
    association: Mapped[str] = mapped_column(String(200), default="")
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    guide: Mapped[Guide] = relationship(back_populates="affiliations")
    agency = relationship("Agency")

    def covers(self, start: date, end: date) -> bool:
        return self.start_on <= start and (self.end_on is None or end <= self.end_on)


class DisciplinaryBar(db.Model):
    """A regulator's bar on practising (e.g. during an investigation or a blacklist period)."""

    __tablename__ = "disciplinary_bars"

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(1000))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)  # last day; None until lifted
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    guide: Mapped[Guide] = relationship(back_populates="bars")

    def overlaps(self, start: date, end: date) -> bool:
        return self.start_on <= end and (self.end_on is None or start <= self.end_on)


class GuidePhoto(db.Model):
    __tablename__ = "guide_photos"

    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    guide: Mapped[Guide] = relationship(back_populates="photo")
