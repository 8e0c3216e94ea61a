"""Travel times between places, from coordinates and the documented parameters in routes_data/travel.json.

Road (the ``car`` mode, a group's coach): overhead + the network distance (great circle x detour index)
driven at the urban speed for the first ``urban_km`` and at the intercity speed for the rest. A leg
between the east and west banks of the Pearl River estuary goes over the fastest crossing (Humen,
Nansha, Huangpu bridges, the Shenzhen–Zhongshan Link), with the road to and from it.

Public transport (the ``public`` mode): within a city, the faster of a taxi (the road time) and the
metro where there is one; between cities, the fastest of an intercity coach (road + terminal access),
a train on a listed rail link (station access, the scheduled ride, egress, and a taxi or the metro at
each end) and, within Guangzhou–Foshan, the metro. Every leg says which it is.

Distinct places are never closer than ``min_leg_minutes``; a place and itself are 0 (by index: two
places may share coordinates). The model and its error against published times: routes_data/README.md.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tourism.planner.enums import LegMode, TravelMode

DATA = Path(__file__).resolve().parents[2] / "routes_data"
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    city: str


@dataclass(frozen=True)
class Leg:
    minutes: int
    mode: LegMode
    rail: tuple[str, str, str] | None = None  # a train leg's link index, boarding and alighting station ids


def great_circle_km(a: Place, b: Place) -> float:
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    d_phi, d_lambda = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@lru_cache(maxsize=1)
def model() -> dict:
    """routes_data/travel.json with each parameter reduced to its value."""
    data = json.loads((DATA / "travel.json").read_text(encoding="utf-8"))
    value = {section: {key: entry["value"] if isinstance(entry, dict) and "value" in entry else entry
                       for key, entry in data[section].items()} for section in ("road", "estuary", "public")}
    value["stations"] = {key: Place(s["lat"], s["lon"], s["city"]) for key, s in data["stations"].items()}
    value["station_names"] = {key: (s["name_zh"], s["name_en"]) for key, s in data["stations"].items()}
    value["rail_links"] = data["rail_links"]
    return value


# --- road ----------------------------------------------------------------------------------------

def _drive(km: float) -> float:
    road = model()["road"]
    urban = min(km, road["urban_km"])
    return 60 * (urban / road["urban_speed_kmh"] + max(km - urban, 0) / road["intercity_speed_kmh"])


def _channel_lon(lat: float) -> float:
    channel = model()["estuary"]["channel"]
    for (lat1, lon1), (lat2, lon2) in zip(channel, channel[1:], strict=False):
        if lat2 <= lat <= lat1:
            return lon1 + (lat1 - lat) / (lat1 - lat2) * (lon2 - lon1)
    return channel[-1][1]


def bank(place: Place) -> str:
    """'N' north of the estuary (its ring roads join both banks), else 'E' or 'W' of the main channel."""
    if place.lat >= model()["estuary"]["north_latitude"]:
        return "N"
    return "E" if place.lon > _channel_lon(place.lat) else "W"


def road_minutes(a: Place, b: Place) -> float:
    """Door to door by road, over the fastest estuary crossing when the leg needs one."""
    road, detour = model()["road"], model()["road"]["detour_index"]
    if {bank(a), bank(b)} != {"E", "W"}:
        return road["overhead_minutes"] + _drive(detour * great_circle_km(a, b))
    best = math.inf
    for crossing in model()["estuary"]["crossings"]:
        west, east = Place(*crossing["west"], ""), Place(*crossing["east"], "")
        near_a, near_b = (west, east) if bank(a) == "W" else (east, west)
        land = detour * (great_circle_km(a, near_a) + great_circle_km(near_b, b))
        best = min(best, road["overhead_minutes"] + _drive(land) + crossing["minutes"])
    return best


# --- public transport ------------------------------------------------------------------------------

def _metro_minutes(a: Place, b: Place) -> float | None:
    public = model()["public"]
    if a.city not in public["metro_cities"] or b.city not in public["metro_cities"]:
        return None
    guangfo = {"440100", "440600"}
    if a.city != b.city and not {a.city, b.city} <= guangfo:
        return None
    return public["metro_overhead_minutes"] + 60 * great_circle_km(a, b) / public["metro_kmh"]


def _to_station(place: Place, station: Place) -> float:
    """A taxi or the metro between a place and a station, whichever is faster."""
    metro = _metro_minutes(place, station)
    taxi = road_minutes(place, station)
    return taxi if metro is None else min(taxi, metro)


def _rail(a: Place, b: Place, to_stations_a: dict, to_stations_b: dict) -> tuple[float, tuple | None]:
    """The fastest train: minutes door to door, and (link index, boarding station, alighting station)."""
    public = model()["public"]
    best, how = math.inf, None
    for index, link in enumerate(model()["rail_links"]):
        for here, there in ((link["from"], link["to"]), (link["to"], link["from"])):
            if here not in to_stations_a or there not in to_stations_b:
                continue
            access = public["hub_access_minutes"] if here in public["hubs"] else public["station_access_minutes"]
            minutes = to_stations_a[here] + access + link["minutes"] + public["egress_minutes"] + to_stations_b[there]
            if minutes < best:
                best, how = minutes, (str(index), here, there)
    return best, how


def public_leg(a: Place, b: Place, to_stations_a: dict, to_stations_b: dict) -> tuple[float, LegMode, tuple | None]:
    """The fastest public way from ``a`` to ``b``, its mode, and for a train the link and stations."""
    public = model()["public"]
    road = road_minutes(a, b)
    options = [(road, LegMode.TAXI, None)] if a.city == b.city or great_circle_km(a, b) < public["local_km"] else \
        [(road + public["coach_access_minutes"], LegMode.COACH, None)]
    metro = _metro_minutes(a, b)
    if metro is not None:
        options.append((metro, LegMode.METRO, None))
    if a.city != b.city:
        minutes, how = _rail(a, b, to_stations_a, to_stations_b)
        options.append((minutes, LegMode.RAIL, how))
    return min(options, key=lambda option: option[0])


# --- matrices ----------------------------------------------------------------------------------------

def _station_times(place: Place) -> dict[str, float]:
    """The way to every station within reach of a place (a station over 80 km away is never the one used)."""
    return {key: _to_station(place, station) for key, station in model()["stations"].items()
            if great_circle_km(place, station) <= 80}


@lru_cache(maxsize=4)
def matrix(places: tuple[Place, ...], mode: str = TravelMode.CAR) -> tuple[tuple[Leg, ...], ...]:
    """Legs between every pair (by index), with whole minutes and the mode used (kept for the catalogue's
    few matrices: every plan reads its rows from the one over all places and bases).

    By car the matrix is symmetric and closed under shortest paths (a leg never takes longer than going
    through a third place), so it obeys the triangle inequality; public legs are each the best single
    way, and a train leg is longer out of a large hub than into it.
    """
    n = len(places)
    minimum = model()["road"]["min_leg_minutes"]
    minutes = [[0.0] * n for _ in range(n)]
    modes = [[LegMode.CAR] * n for _ in range(n)]
    rails = [[None] * n for _ in range(n)]
    if mode == TravelMode.PUBLIC:
        stations = [_station_times(p) for p in places]
    for i in range(n):
        for j in range(i + 1, n):
            if mode == TravelMode.PUBLIC:  # a station's access time differs on the way in and out
                for a, b in ((i, j), (j, i)):
                    value, how, rails[a][b] = public_leg(places[a], places[b], stations[a], stations[b])
                    minutes[a][b], modes[a][b] = max(value, minimum), how
            else:
                minutes[i][j] = minutes[j][i] = max(road_minutes(places[i], places[j]), minimum)
    if mode != TravelMode.PUBLIC:
        for k in range(n):  # Floyd–Warshall
            row_k = minutes[k]
            for i in range(n):
                via, row_i = minutes[i][k], minutes[i]
                for j in range(n):
                    if via + row_k[j] < row_i[j]:
                        row_i[j] = via + row_k[j]
    return tuple(tuple(Leg(0 if i == j else math.ceil(minutes[i][j]), modes[i][j], rails[i][j]) for j in range(n))
                 for i in range(n))


def rail_detail(rail: tuple[str, str, str]) -> dict:
    """A train leg's line and stations, named in both languages."""
    link = model()["rail_links"][int(rail[0])]
    (board_zh, board_en), (alight_zh, alight_en) = model()["station_names"][rail[1]], model()["station_names"][rail[2]]
    return {"line_zh": link["line_name"], "line_en": link["line_name_en"], "board_zh": board_zh,
            "board_en": board_en, "alight_zh": alight_zh, "alight_en": alight_en}
