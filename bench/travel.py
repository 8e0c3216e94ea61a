"""The travel model against the published times it was calibrated on (routes_data/travel_calibration.json).

For every published leg: the model's minutes by road, the published minutes (or range: a model inside the
range counts as no error), the residual; then the mean absolute error per kind of source, beside that of
a naive baseline computed in the same run (straight line at 50 km/h plus the same overhead).

    .venv/bin/python bench/travel.py
"""

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tourism.planner import travel  # noqa: E402

NAIVE_KMH = 50


def residual(model: float, published) -> float:
    low, high = (published, published) if isinstance(published, (int, float)) else published
    return 0.0 if low <= model <= high else (model - high if model > high else model - low)


def main():
    data = json.loads((travel.DATA / "travel_calibration.json").read_text(encoding="utf-8"))
    overhead = travel.model()["road"]["overhead_minutes"]
    rows, by_basis = [], {}
    for item in data["items"]:
        a = travel.Place(item["from_lat"], item["from_lon"], "")
        b = travel.Place(item["to_lat"], item["to_lon"], "")
        model = travel.road_minutes(a, b)
        naive = overhead + 60 * travel.great_circle_km(a, b) / NAIVE_KMH
        error, naive_error = residual(model, item["minutes"]), residual(naive, item["minutes"])
        rows.append((item, model, error))
        by_basis.setdefault(item["basis"], []).append((abs(error), abs(naive_error)))
    print(f"{'leg':<62} {'basis':<12} {'rel':<3} {'published':>10} {'model':>6} {'error':>6}")
    for item, model, error in rows:
        minutes = item["minutes"]
        published = minutes if isinstance(minutes, int) else f"{minutes[0]}-{minutes[1]}"
        leg = f"{item['from_place']} → {item['to_place']}"[:62]
        print(f"{leg:<62} {item['basis']:<12} {item['reliability']:<3} {published:>10} {model:>6.0f} {error:>+6.0f}")
    print()
    print(f"{'basis':<12} {'n':>3} {'MAE model':>10} {'MAE naive':>10} {'ratio':>6}")
    for basis, errors in sorted(by_basis.items()):
        model_mae = statistics.mean(e for e, _n in errors)
        naive_mae = statistics.mean(n for _e, n in errors)
        print(f"{basis:<12} {len(errors):>3} {model_mae:>10.1f} {naive_mae:>10.1f} {model_mae / naive_mae:>6.2f}")


if __name__ == "__main__":
    main()
