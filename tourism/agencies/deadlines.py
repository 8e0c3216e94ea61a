"""Where a filing stands against the statutory time limits, counted in working days.

实施细则 (text as published at 78911.com.cn, art. 16): the agency files a branch or outlet within
3 working days of its registration; the authority issues the filing certificate within 3 working
days of receiving the filing.
"""

from dataclasses import dataclass
from datetime import date

from tourism.core import clock
from tourism.core.workdays import add_working_days, working_days_between

FILING_WORKING_DAYS = 3


@dataclass(frozen=True)
class FilingClock:
    submission_due: date  # the agency's limit: 3 working days after registration
    submitted_on: date
    decision_due: date  # the authority's limit: 3 working days after receipt
    decided_on: date | None
    today: date

    @property
    def submitted_late(self) -> bool:
        return self.submitted_on > self.submission_due

    @property
    def overdue(self) -> bool:
        """Undecided past the authority's limit (or decided after it)."""
        return (self.decided_on or self.today) > self.decision_due

    @property
    def working_days_overdue(self) -> int:
        return working_days_between(self.decision_due, self.decided_on or self.today)


def filing_clock(office, today: date | None = None) -> FilingClock:
    submitted_on = office.submitted_at.date()
    decided = office.decided_at if office.status != "submitted" else None
    return FilingClock(
        submission_due=add_working_days(office.established_on, FILING_WORKING_DAYS),
        submitted_on=submitted_on,
        decision_due=add_working_days(submitted_on, FILING_WORKING_DAYS),
        decided_on=decided.date() if decided else None,
        today=today or clock.today(),
    )
