from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db


class HolidayNotice(db.Model):
    """A year's holiday notice loaded after release (``flask calendar load``); it overrides a shipped one."""

    __tablename__ = "holiday_notices"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document: Mapped[dict] = mapped_column(JSON)  # as tourism.calendar.notices.parse reads it
    loaded_by: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
