from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db
from tourism.planner.enums import JobStatus


class Itinerary(db.Model):
    """A planned trip kept for its permalink: the request as given and the plan as answered."""

    __tablename__ = "itineraries"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    request: Mapped[dict] = mapped_column(JSON)
    result: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class PlanningJob(db.Model):
    """A plan computed in the background: the request, where the work stands, and why it failed if it did.

    The state lives here rather than in the queue, so every web worker answers a poll alike and a
    worker that dies mid-solve cannot lose the job (see tourism/planner/jobs.py).
    """

    __tablename__ = "planning_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    request: Mapped[dict] = mapped_column(JSON)
    status: Mapped[JobStatus] = JobStatus.column("status", 16, default=JobStatus.QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    client: Mapped[str] = mapped_column(String(32), default="", server_default="", index=True)  # jobs.client_key
    itinerary_id: Mapped[str | None] = mapped_column(ForeignKey("itineraries.id"))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
