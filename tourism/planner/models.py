from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db


class Itinerary(db.Model):
    """A planned trip kept for its permalink: the request as given and the plan as answered."""

    __tablename__ = "itineraries"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    request: Mapped[dict] = mapped_column(JSON)
    result: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
