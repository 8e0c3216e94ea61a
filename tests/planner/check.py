"""An independent check of a returned plan against the catalogue, the travel model and the request.

It recomputes what the planner promises from the raw data (opening hours and monthly closures read from
the catalogue's JSON entries, legs from the travel model), so a planner bug cannot hide behind itself.
"""

from datetime import date, timedelta

from tourism.planner import catalogue, travel

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LUNCH_FROM, LUNCH_UNTIL, LUNCH_MINUTES = 11 * 60, 13 * 60 + 30, 60  # the default settings


def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _closed_by(rule, on: date) -> bool:
    which, weekday = rule.split("-")
    if WEEKDAYS[on.weekday()] != weekday:
        return False
    week = (on.day - 1) // 7
    return on.month != (on + timedelta(days=7)).month if which == "last" else \
        week == ("first", "second", "third", "fourth").index(which)


def _open(poi, on, start, end):
    if any(_closed_by(rule, on) for rule in poi.get("closed_on", [])):
        return False
    return any(minutes(a) <= start and end <= minutes(b) for a, b in poi["opening_hours"][WEEKDAYS[on.weekday()]])


def _place(node, places):
    if node.startswith("base:"):
        return None
    poi = places[node]
    return travel.Place(poi["lat"], poi["lon"], poi["city"])


def _base_place(base_id):
    base = catalogue.bases()[base_id]
    return travel.Place(base.lat, base.lon, base.city)


def check_plan(plan, request, places):
    """Raise AssertionError on anything the plan promises and does not keep."""
    mode = request.get("mode", "car")
    cap = request.get("max_travel_minutes_per_day", 180)
    own_hours = {h["day"]: (minutes(h["start"]), minutes(h["end"])) for h in request.get("day_hours", [])}
    seen, spent = set(), 0.0
    assert len(plan["days"]) == request["days"]
    for offset, day in enumerate(plan["days"]):
        day_start, day_end = own_hours.get(offset + 1, (minutes(request.get("day_start", "09:00")),
                                                        minutes(request.get("day_end", "18:00"))))
        on = date.fromisoformat(request["start_date"]) + timedelta(days=offset)
        assert day["date"] == on.isoformat()
        start_place, end_place = _base_place(day["start_base"]), _base_place(day["base"])
        stops = day["stops"]
        nodes = [start_place] + [_place(s["poi_id"], places) for s in stops] + [end_place]
        legs = day["legs"]
        if not stops and day["start_base"] == day["base"]:
            assert legs == [], "a free day at its base has no journey"
            continue
        assert len(legs) == len(stops) + 1
        for leg, a, b in zip(legs, nodes[:-1], nodes[1:], strict=True):
            assert leg["mode"] in ("car", "taxi", "metro", "rail", "coach"), leg
            assert leg["from"] != leg["to"] and leg["minutes"] > 0, leg
            expected = travel.matrix((a, b), mode)[0][1]
            assert (leg["minutes"], leg["mode"]) == (expected.minutes, expected.mode), (leg, expected)
        assert [leg["to"] for leg in legs[:-1]] == [s["poi_id"] for s in stops]
        assert legs[-1]["to"] == f"base:{day['base_city']}" and legs[0]["from"] == f"base:{day['start_city']}"
        assert day["travel_minutes"] == sum(leg["minutes"] for leg in legs)
        direct = travel.matrix((start_place, end_place), mode)[0][1].minutes
        assert day["travel_minutes"] <= max(cap, direct), "over the day's travel cap"
        lunch = day.get("lunch")
        lunch_span = (minutes(lunch["start"]), minutes(lunch["end"])) if lunch else None
        if day_start <= LUNCH_UNTIL and day_end >= LUNCH_FROM + LUNCH_MINUTES:
            assert lunch_span and LUNCH_FROM <= lunch_span[0] <= LUNCH_UNTIL, "no lunch"
            assert lunch_span[1] - lunch_span[0] >= LUNCH_MINUTES
        clock = day_start
        for stop, leg in zip(stops, legs, strict=False):
            poi = places[stop["poi_id"]]
            assert stop["poi_id"] not in seen, "a place visited twice"
            seen.add(stop["poi_id"])
            spent += poi["ticket_cny"]
            arrive, start, end = minutes(stop["arrive"]), minutes(stop["start"]), minutes(stop["end"])
            assert arrive >= clock + leg["minutes"] and start >= arrive
            assert end - start >= poi["visit_minutes"]
            assert _open(poi, on, start, end), (stop, on)
            if lunch_span and lunch_span[0] < end and start < lunch_span[1]:
                assert lunch.get("poi_id") == stop["poi_id"] and poi.get("meal_on_site"), "lunch during a visit"
            clock = end
        assert clock + legs[-1]["minutes"] <= day_end, "back at the base after the day's end"
        runs = []
        for stop in stops:
            city = places[stop["poi_id"]]["city"]
            if not runs or runs[-1] != city:
                runs.append(city)
        revisited = {city for city in runs if runs.count(city) > 1} - {day["base_city"]}
        assert not revisited, f"a day returns to {revisited}"
    if request.get("budget_cny") is not None:
        assert spent * request.get("group_size", 1) <= request["budget_cny"]
