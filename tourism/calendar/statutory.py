"""The public holidays fixed by law, computed for any year the calendar covers.

《全国年节及纪念日放假办法》art. 2 lists the holidays of all citizens; art. 6 makes up on a working
day a holiday that falls on a Saturday or Sunday. Two versions matter here:
- as revised by 国务院令第644号 (2013-12-11, in force 2014-01-01): 春节 3 days (正月初一 to 初三),
  劳动节 1 day; text: flk.npc.gov.cn via LawRefBook/Laws `行政法规/全国年节及纪念日放假办法(2013-12-11).md`;
- as revised by 国务院令第795号 (2024-11-10, in force 2025-01-01): 春节 4 days (除夕 to 初三),
  劳动节 2 days; text: flk.npc.gov.cn via LawRefBook/Laws `行政法规/全国年节及纪念日放假办法(2024-11-10).md`.
Lunar dates come from lunar_python. The State Council's yearly notice moves days around (调休); only
the notice fixes that, so a year without its notice is computed from these days alone and is provisional.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar

REVISION_2024 = date(2025, 1, 1)
MEASURES_2024 = "《全国年节及纪念日放假办法》(国务院令第795号) 第二条、第六条"
MEASURES_2013 = "《全国年节及纪念日放假办法》(国务院令第644号) 第二条、第六条"


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str  # as the measures name it


def measures_for(year: int) -> str:
    return MEASURES_2024 if date(year, 1, 1) >= REVISION_2024 else MEASURES_2013


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def statutory_holidays(year: int) -> list[Holiday]:
    """The days off for all citizens in ``year`` under the measures in force that year (art. 2)."""
    new_year = _lunar(year, 1, 1)
    since_2025 = date(year, 1, 1) >= REVISION_2024
    spring = [new_year + timedelta(days=n) for n in ((-1, 0, 1, 2) if since_2025 else (0, 1, 2))]
    labour = [date(year, 5, 1), date(year, 5, 2)] if since_2025 else [date(year, 5, 1)]
    days = [Holiday(date(year, 1, 1), "元旦")]
    days += [Holiday(d, "春节") for d in spring]
    days += [Holiday(_qingming(year), "清明节")]
    days += [Holiday(d, "劳动节") for d in labour]
    days += [Holiday(_lunar(year, 5, 5), "端午节"), Holiday(_lunar(year, 8, 15), "中秋节")]
    days += [Holiday(date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    return sorted(days, key=lambda h: h.day)


@cache
def days_off_without_notice(year: int) -> dict[date, str]:
    """The statutory days of ``year`` and the make-up days art. 6 owes for those on a weekend.

    Art. 6 says a holiday on a Saturday or Sunday is made up on a working day, not which one; recent
    notices give it right after the holiday, so the estimate places it on the next free weekday.
    """
    holidays = statutory_holidays(year)
    off = {h.day: h.name for h in holidays}
    for holiday in holidays:
        if holiday.day.weekday() >= 5:
            day = holiday.day
            while day.weekday() >= 5 or day in off:
                day += timedelta(days=1)
            off[day] = f"{holiday.name}(补假)"
    return off
