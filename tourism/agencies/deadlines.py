"""Where a branch or outlet filing stands against its time limits, counted in working days.

- The agency's limit: 《旅行社条例》art. 10 — a branch is filed with the tourism authority of its place
  within 3 working days of its registration with the market regulator. Art. 11 sets no period for a
  service outlet; the same 3 working days are applied to both as this system's yardstick.
- The authority's limit to issue the filing certificate: found only in a draft revision of the 条例, not
  in the enacted 条例 or 实施细则, so it is the setting FILING_DECISION_WORKING_DAYS (3 by default) and
  the pages say so.
Both are counted when the filing is submitted and stored with it, with whether a year they count through
lacked its holiday notice (provisional); loading a notice recomputes them (recompute_deadlines).
"""

from dataclasses import dataclass
from datetime import date

from tourism.core import clock

FILING_WORKING_DAYS = 3  # 条例 art. 10


@dataclass(frozen=True)
class FilingClock:
    submission_due: date  # the agency's limit: 3 working days after registration
    submitted_on: date
    decision_due: date  # the authority's limit (a setting)
    decided_on: date | None
    provisional: bool
    today: date

    @classmethod
    def of(cls, office, today: date | None = None) -> "FilingClock":
        decided = office.decided_at if office.status != "submitted" else None
        return cls(office.submission_due, office.submitted_at.date(), office.decision_due,
                   decided.date() if decided else None, office.deadlines_provisional, today or clock.today())

    @property
    def submitted_late(self) -> bool:
        return self.submitted_on > self.submission_due

    @property
    def overdue(self) -> bool:
        """Undecided past the authority's limit (or decided after it)."""
        return (self.decided_on or self.today) > self.decision_due


def filing_deadlines(work_calendar, *, established_on: date, submitted_on: date, decision_days: int):
    """The agency's and the authority's limits for a filing, as Deadlines."""
    return (work_calendar.add(established_on, FILING_WORKING_DAYS),
            work_calendar.add(submitted_on, decision_days))
