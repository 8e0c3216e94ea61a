"""Property test: every plan for a random valid request passes the independent feasibility check."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.planner.check import check_plan
from tourism.planner.catalogue import THEMES

requests = st.fixed_dictionaries({
    "start_date": st.dates(min_value=date(2026, 12, 1), max_value=date(2027, 3, 31)).map(date.isoformat),
    "days": st.integers(1, 3),
    "start_city": st.sampled_from(["440100", "440600", "442000"]),
    "themes": st.dictionaries(st.sampled_from(THEMES), st.integers(1, 5), min_size=1, max_size=4),
    "day_start": st.sampled_from(["08:00", "09:00", "10:30"]),
    "day_end": st.sampled_from(["16:00", "18:00", "20:00"]),
    "group_size": st.integers(1, 6),
    "budget_cny": st.one_of(st.none(), st.integers(0, 300)),
})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=requests)
def test_every_plan_is_feasible(client, places, request):
    response = client.post("/api/v1/itineraries", json={**request, "time_limit_s": 0.5})
    assert response.status_code == 201, response.json
    check_plan(response.json, request, places)
    visited = [s["poi_id"] for d in response.json["days"] for s in d["stops"]]
    if request["budget_cny"] is not None:
        assert sum(places[p]["ticket_cny"] for p in visited) * request["group_size"] <= request["budget_cny"]
