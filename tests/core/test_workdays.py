"""Working days follow the State Council's holiday notices (kept as data)."""

from datetime import date

from tourism.core.workdays import add_working_days, calendar_covers, is_working_day, working_days_between


def test_plain_week_skips_the_weekend():
    # Friday 2026-11-20 + 3 working days: Mon 23, Tue 24, Wed 25.
    assert add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 25)


def test_spring_festival_2026_is_skipped_and_the_makeup_saturday_counts():
    # 2026 notice: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are working days.
    assert is_working_day(date(2026, 2, 14))
    assert not is_working_day(date(2026, 2, 16))
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
    assert add_working_days(date(2026, 2, 14), 5) == date(2026, 2, 28)


def test_national_day_2026_is_skipped():
    # 1–7 Oct off; Sun 20 Sep and Sat 10 Oct are working days.
    assert not is_working_day(date(2026, 10, 5))
    assert is_working_day(date(2026, 10, 10))
    # From Wednesday 30 Sep: Thu 8 Oct, Fri 9 Oct, then the make-up Saturday 10 Oct.
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2


def test_years_beyond_the_published_calendar_count_weekdays():
    assert not calendar_covers(date(2030, 1, 2))
    assert is_working_day(date(2030, 1, 2)) and not is_working_day(date(2030, 1, 5))
