"""An offline map of the Delta for an itinerary: coordinates projected onto an SVG, no tile server."""

import math
from dataclasses import dataclass

from tourism.planner.mapdata import DAY_COLOURS, day_ends
from tourism.zone.service import zone_cities

WIDTH, HEIGHT, MARGIN = 640, 480, 24


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


MIN_SPAN_DEG = 0.3  # the least extent shown, so a one-town day still shows its neighbourhood


def _projector(coordinates):
    """Fit the points into the drawing, keeping distances true (an equirectangular projection)."""
    lats = [lat for lat, _lon in coordinates]
    lons = [lon for _lat, lon in coordinates]
    mid = math.radians((min(lats) + max(lats)) / 2)
    xs = [lon * math.cos(mid) for lon in lons]
    x_span = max(max(xs) - min(xs), MIN_SPAN_DEG)
    y_span = max(max(lats) - min(lats), MIN_SPAN_DEG)
    scale = min((WIDTH - 2 * MARGIN) / x_span, (HEIGHT - 2 * MARGIN) / y_span)
    x_centre, y_centre = (max(xs) + min(xs)) / 2, (max(lats) + min(lats)) / 2

    def project(lat, lon):
        x = WIDTH / 2 + (lon * math.cos(mid) - x_centre) * scale
        y = HEIGHT / 2 - (lat - y_centre) * scale
        return round(x, 1), round(y, 1)

    return project


def _inside(x, y):
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT


def draw(days, pois, bases, day):
    """The plan's area: each day's route as a line through its stops, the stops numbered, the cities in view."""
    places = [end for d in days for end in day_ends(d, bases)]
    places += [pois[stop["poi_id"]] for d in days for stop in d["stops"]]
    project = _projector([(p.lat, p.lon) for p in places])
    city_points = [Point(*xy, c.name) for c in zone_cities(day) if _inside(*(xy := project(c.lat, c.lon)))]
    lines, stops = [], []
    number = 0
    for index, plan_day in enumerate(days):
        start, end = day_ends(plan_day, bases)
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
