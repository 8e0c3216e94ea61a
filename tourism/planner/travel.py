"""Travel times between places, from coordinates and the documented parameters in routes_data/travel.json.

Road: overhead + network distance / speed, where network distance is the great-circle distance times
the detour index, driven at the urban speed for the first ``urban_km`` and at the intercity speed for
the rest. Rail links (city pairs with their fastest scheduled time and source) replace the road when
faster, with the road to and from each city's station added. A shortest-path closure over the matrix
keeps the triangle inequality even where rail and road mix.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "routes_data"
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    city: str


def great_circle_km(a: Place, b: Place) -> float:
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    d_phi, d_lambda = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@lru_cache(maxsize=1)
def parameters() -> dict:
    data = json.loads((DATA / "travel.json").read_text(encoding="utf-8"))
    values = {key: entry["value"] for key, entry in data.items() if isinstance(entry, dict) and "value" in entry}
    values["rail_links"] = data.get("rail_links", [])
    return values


def road_minutes(a: Place, b: Place) -> float:
    if a == b:
        return 0.0
    p = parameters()
    km = great_circle_km(a, b) * p["detour_index"]
    urban = min(km, p["urban_km"])
    return p["overhead_minutes"] + 60 * (urban / p["urban_speed_kmh"] + (km - urban) / p["intercity_speed_kmh"])


def _rail_minutes(a: Place, b: Place, stations: dict) -> float | None:
    best = None
    for link in parameters()["rail_links"]:
        if {link["from"], link["to"]} != {a.city, b.city}:
            continue
        here, there = stations.get(a.city), stations.get(b.city)
        if here is None or there is None:
            continue
        minutes = road_minutes(a, here) + link["minutes"] + link.get("transfer_minutes", 0) + road_minutes(there, b)
        best = minutes if best is None else min(best, minutes)
    return best


def matrix(places: list[Place], stations: dict | None = None) -> list[list[int]]:
    """Whole minutes between every pair, symmetric, zero on the diagonal, obeying the triangle inequality."""
    stations = stations or {}
    n = len(places)
    times = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            minutes = road_minutes(places[i], places[j])
            if places[i].city != places[j].city:
                rail = _rail_minutes(places[i], places[j], stations)
                if rail is not None:
                    minutes = min(minutes, rail)
            times[i][j] = times[j][i] = minutes
    for k in range(n):  # Floyd–Warshall: a leg never takes longer than going through a third place
        row_k = times[k]
        for i in range(n):
            via = times[i][k]
            row_i = times[i]
            for j in range(n):
                if via + row_k[j] < row_i[j]:
                    row_i[j] = via + row_k[j]
    return [[math.ceil(value) for value in row] for row in times]
