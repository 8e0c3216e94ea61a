"""Working days: a notice held is followed exactly; a year without one counts statutory holidays, provisionally."""

from datetime import date, timedelta

import pytest

from tourism.calendar.notices import bundled
from tourism.calendar.statutory import days_off_without_notice, statutory_holidays
from tourism.calendar.workdays import WorkCalendar
from tourism.core.errors import InvalidInput


@pytest.fixture(scope="module")
def calendar():
    return WorkCalendar(bundled())


def test_plain_week_skips_the_weekend(calendar):
    # Friday 2026-11-20 + 3 working days: Mon 23, Tue 24, Wed 25.
    deadline = calendar.add(date(2026, 11, 20), 3)
    assert deadline.date == date(2026, 11, 25) and not deadline.provisional
    assert "国办发明电〔2025〕7号" in deadline.source


def test_spring_festival_2026_is_skipped_and_the_makeup_saturday_counts(calendar):
    # 2026 notice: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are working days.
    assert calendar.is_working_day(date(2026, 2, 14)) and not calendar.is_working_day(date(2026, 2, 16))
    assert calendar.add(date(2026, 2, 13), 1).date == date(2026, 2, 14)
    assert calendar.add(date(2026, 2, 14), 1).date == date(2026, 2, 24)
    assert calendar.add(date(2026, 2, 14), 5).date == date(2026, 2, 28)


def test_national_day_2026_is_skipped(calendar):
    # 1–7 Oct off; Sun 20 Sep and Sat 10 Oct are working days. From Wed 30 Sep: Thu 8, Fri 9, Sat 10 Oct.
    assert not calendar.is_working_day(date(2026, 10, 5)) and calendar.is_working_day(date(2026, 10, 10))
    assert calendar.add(date(2026, 9, 30), 3).date == date(2026, 10, 10)
    assert calendar.working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2


def test_new_years_day_2027_counts_as_a_holiday_and_the_deadline_is_provisional(calendar):
    # Wed 30 Dec 2026 + 5: Thu 31 Dec; Fri 1 Jan 2027 is 元旦; Mon 4, Tue 5, Wed 6, Thu 7 Jan.
    deadline = calendar.add(date(2026, 12, 30), 5)
    assert deadline.date == date(2027, 1, 7) and deadline.provisional
    assert "2027" in deadline.source and "国务院令第795号" in deadline.source


def test_spring_festival_2027_is_counted_from_the_statutory_days(calendar):
    # 除夕 Fri 5 Feb to 初三 Mon 8 Feb 2027; 初一 and 初二 fall on the weekend and are made up (art. 6).
    deadline = calendar.add(date(2027, 2, 4), 5)
    assert deadline.date >= date(2027, 2, 15) and deadline.provisional
    assert not any(calendar.is_working_day(date(2027, 2, d)) for d in (5, 8))


def test_a_limit_within_a_year_with_its_notice_is_not_provisional(calendar):
    assert not calendar.add(date(2026, 12, 1), 5).provisional


@pytest.mark.parametrize("year", range(2020, 2027))
def test_the_computed_statutory_days_are_off_in_every_notice_held(calendar, year):
    """The lunar dates from the library agree with the State Council's notices, year by year."""
    for holiday in statutory_holidays(year):
        assert not calendar.is_working_day(holiday.day) or holiday.day.weekday() >= 5, holiday


def test_the_2024_measures_apply_from_2025_only():
    names_2024 = [h.name for h in statutory_holidays(2024)]
    names_2025 = [h.name for h in statutory_holidays(2025)]
    assert names_2024.count("春节") == 3 and names_2024.count("劳动节") == 1
    assert names_2025.count("春节") == 4 and names_2025.count("劳动节") == 2
    assert date(2024, 2, 9) not in {h.day for h in statutory_holidays(2024)}  # 除夕 2024 was a working day


def test_a_weekend_holiday_is_made_up_on_the_next_free_weekday():
    off = days_off_without_notice(2027)
    # 劳动节 Sat 1 – Sun 2 May 2027: made up on Mon 3 and Tue 4 May.
    assert off[date(2027, 5, 3)].startswith("劳动节") and off[date(2027, 5, 4)].startswith("劳动节")
    assert date(2027, 5, 5) not in off


def test_dates_outside_the_calendar_are_refused(calendar):
    for start, days in ((date(2019, 12, 31), 1), (date(2099, 12, 30), 30), (date(2026, 1, 5), 10_000)):
        with pytest.raises(InvalidInput):
            calendar.add(start, days)
    assert calendar.add(date(2026, 1, 5), 0).date == date(2026, 1, 5)


def test_every_bundled_year_is_whole(calendar):
    for year, notice in calendar.notices.items():
        assert all(day.year in (year - 1, year) for day in notice.days_off), year
        assert all(day.weekday() >= 5 for day in notice.working_days), year
    assert sorted(calendar.notices) == list(range(2020, 2027)) + sorted(y for y in calendar.notices if y > 2026)
    assert all(calendar.notices[y].published_on < date(y, 1, 1) + timedelta(days=30) for y in calendar.notices)
