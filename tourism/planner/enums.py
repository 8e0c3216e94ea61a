"""Where a background plan stands, with its label."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class JobStatus(Choices):
    QUEUED = "queued", _lp("planning job", "waiting for a planner")
    RUNNING = "running", _lp("planning job", "being planned")
    DONE = "done", _lp("planning job", "ready")
    FAILED = "failed", _lp("planning job", "failed")
