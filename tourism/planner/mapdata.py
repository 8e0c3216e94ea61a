"""An itinerary's routes as map data: each day's line and numbered stops, for the interactive map and the SVG."""

from tourism.core.i18n import local_name

DAY_COLOURS = ("#8a1c1c", "#1a4fd6", "#1e6b34", "#8a5a00", "#6b1e6b", "#00707a", "#444444")


def day_ends(plan_day: dict, bases: dict):
    """The day's morning and night bases (itineraries kept before bases had ids name only their cities)."""
    def base(key, city_key):
        return bases.get(plan_day.get(key) or "") or next(
            b for b in bases.values() if b.city == plan_day[city_key] and b.main)
    return base("start_base", "start_city"), base("base", "base_city")


def routes(days: list[dict], pois: dict, bases: dict) -> dict:
    """{"days": [{"day", "colour", "path": [[lat, lon]...]}], "stops": [...], "bases": [...]} in the page's language."""
    lines, stops, nights, number = [], [], {}, 0
    for index, plan_day in enumerate(days):
        start, end = day_ends(plan_day, bases)
        path = [[start.lat, start.lon]]
        for stop in plan_day["stops"]:
            poi = pois.get(stop["poi_id"])
            if poi is None:
                continue
            number += 1
            path.append([poi.lat, poi.lon])
            stops.append({"n": number, "day": index + 1, "lat": poi.lat, "lon": poi.lon, "name": local_name(poi),
                          "time": f"{stop['start']}–{stop['end']}", "colour": DAY_COLOURS[index % len(DAY_COLOURS)]})
        path.append([end.lat, end.lon])
        for base in (start, end):
            nights[base.id] = {"lat": base.lat, "lon": base.lon, "name": local_name(base)}
        lines.append({"day": index + 1, "colour": DAY_COLOURS[index % len(DAY_COLOURS)], "path": path})
    return {"days": lines, "stops": stops, "bases": list(nights.values())}
