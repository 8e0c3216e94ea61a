"""Where a guide may lead a group, from the zones in the reference data.

- A guide licence is valid nationwide (导游证管理办法 1999, item 2: 导游证在全国范围内有效), so a
  tour escort (全陪) accompanying a group across regions is not limited by city.
- The local-guide role (地陪) is where the local practice of requiring a guide registered in the
  city visited applied. Measure 11 of 粤办函〔2011〕689号 lifts it inside the zone (合法持证导游可以
  跨区域带团): a guide registered in a member city may act as local guide in every member city while
  both are members and the zone is in force. Elsewhere a local guide leads only in the home city.

Zones live in tourism/zone/data/zones.json, so a city joining or a second agreement changes no code.
"""

from datetime import date

from tourism.core import clock
from tourism.guides.enums import GuideRole
from tourism.zone.service import shared_zones


def uncovered_days(home_city: str, city: str, start: date, end: date, role: str = GuideRole.LOCAL) -> list[date]:
    """The days of ``start``..``end`` on which no rule lets the guide lead in ``city``."""
    if role == GuideRole.ESCORT or city == home_city:
        return []
    return [day for day in clock.each_day(start, end) if not shared_zones(home_city, city, day)]
