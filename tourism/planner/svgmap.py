"""An offline map of the Delta for an itinerary: coordinates projected onto an SVG, no tile server."""

import math
from dataclasses import dataclass

from tourism.zone.service import zone_cities

WIDTH, HEIGHT, MARGIN = 640, 480, 24
DAY_COLOURS = ("#8a1c1c", "#1a4fd6", "#1e6b34", "#8a5a00", "#6b1e6b", "#00707a", "#444444")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Line:
    points: str
    colour: str
    day: int


def _projector(coordinates):
    lats = [lat for lat, _lon in coordinates]
    lons = [lon for _lat, lon in coordinates]
    mid = math.radians((min(lats) + max(lats)) / 2)
    xs = [lon * math.cos(mid) for lon in lons]
    span = max(max(xs) - min(xs), max(lats) - min(lats), 1e-6)
    scale = min(WIDTH, HEIGHT) - 2 * MARGIN

    def project(lat, lon):
        x = MARGIN + (lon * math.cos(mid) - min(xs)) / span * scale
        y = HEIGHT - MARGIN - (lat - min(lats)) / span * scale
        return round(x, 1), round(y, 1)

    return project


def draw(days, pois, bases, day):
    """Cities, each day's route as a line through its stops, and the stops numbered."""
    cities = zone_cities(day)
    coordinates = [(c.lat, c.lon) for c in cities] + [(p.lat, p.lon) for p in pois.values()]
    project = _projector(coordinates)
    city_points = [Point(*project(c.lat, c.lon), c.name) for c in cities]
    lines, stops = [], []
    number = 0
    for index, plan_day in enumerate(days):
        start, end = bases[plan_day["start_city"]], bases[plan_day["base_city"]]
        path = [project(start.lat, start.lon)]
        for stop in plan_day["stops"]:
            poi = pois[stop["poi_id"]]
            number += 1
            x, y = project(poi.lat, poi.lon)
            path.append((x, y))
            stops.append(Point(x, y, str(number)))
        path.append(project(end.lat, end.lon))
        lines.append(Line(" ".join(f"{x},{y}" for x, y in path), DAY_COLOURS[index % len(DAY_COLOURS)], index + 1))
    return {"width": WIDTH, "height": HEIGHT, "cities": city_points, "lines": lines, "stops": stops}
