"""The offline map fits the plan: every stop inside the drawing, the route spread across it."""

from datetime import date

from tourism.planner import catalogue, svgmap


def _day(start, end, *poi_ids):
    return {"start_city": start, "base_city": end, "stops": [{"poi_id": pid} for pid in poi_ids]}


def test_the_map_frames_the_plan_and_the_cities_in_view():
    days = [_day("440100", "441300", "gz-chen-clan-academy", "hz-west-lake"),
            _day("441300", "441300", "hz-luofu-mountain")]
    drawing = svgmap.draw(days, catalogue.pois(), catalogue.bases(), date(2026, 12, 8))
    xs = [s.x for s in drawing["stops"]]
    ys = [s.y for s in drawing["stops"]]
    assert all(0 <= x <= drawing["width"] for x in xs) and all(0 <= y <= drawing["height"] for y in ys)
    assert max(xs) - min(xs) > drawing["width"] / 2  # Guangzhou to Huizhou spans the drawing
    assert {"广州市", "惠州市"} <= {c.label for c in drawing["cities"]}
    assert "珠海市" not in {c.label for c in drawing["cities"]}  # outside the plan's area
    assert len(drawing["lines"]) == 2


def test_a_one_place_day_still_has_a_sensible_scale():
    days = [_day("440100", "440100", "gz-chen-clan-academy")]
    drawing = svgmap.draw(days, catalogue.pois(), catalogue.bases(), date(2026, 12, 8))
    (stop,) = drawing["stops"]
    assert 0 <= stop.x <= drawing["width"] and 0 <= stop.y <= drawing["height"]
