"""A release carries next year's holiday notice from 1 December: this test reads the real date, not the clock."""

from datetime import datetime
from zoneinfo import ZoneInfo

from tourism.calendar.notices import bundled


def test_next_years_notice_is_shipped_from_the_first_of_december():
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    if today.month == 12:
        assert today.year + 1 in bundled(), (
            f"The State Council's holiday notice for {today.year + 1} is not in tourism/calendar/data/notices/: "
            "add it (see README, 'The working-day calendar'); until then every deadline counted into "
            f"{today.year + 1} is provisional.")
