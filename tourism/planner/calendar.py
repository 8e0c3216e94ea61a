"""An itinerary as an iCalendar file: one event per visit, in Asia/Shanghai time with its VTIMEZONE, each
with the place's address and coordinates."""

from datetime import date, datetime

from icalendar import Calendar, Event

from tourism.core.clock import LOCAL_TZ


def _at(day: str, hhmm: str) -> datetime:
    hours, minutes = hhmm.split(":")
    return datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(
        hour=int(hours), minute=int(minutes), tzinfo=LOCAL_TZ)


def to_ics(itinerary: dict, pois: dict, stamp: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//PRD barrier-free tourism zone//planner//EN")
    calendar.add("version", "2.0")
    for day in itinerary["days"]:
        for index, stop in enumerate(day["stops"]):
            poi = pois.get(stop["poi_id"])
            event = Event()
            event.add("uid", f"{itinerary['id']}-{day['date']}-{index}@prd-tourism")
            event.add("dtstamp", stamp)
            event.add("dtstart", _at(day["date"], stop["start"]))
            event.add("dtend", _at(day["date"], stop["end"]))
            event.add("summary", f"{poi.name_zh} · {poi.name_en}" if poi else stop["poi_id"])
            if poi:
                event.add("location", f"{poi.name_zh}, {poi.address_zh}")
                event.add("geo", (poi.lat, poi.lon))
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
