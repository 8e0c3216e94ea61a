"""Cities and the zone are data: membership by date, a city joining is a data edit."""

import json
from datetime import date

import pytest

from tourism.zone import service

ZONE_CITIES = {"440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"}


def test_the_nine_delta_cities_form_the_zone():
    assert {c.code for c in service.zone_cities(date(2026, 11, 24))} == ZONE_CITIES


def test_other_guangdong_cities_are_known_but_outside():
    for code in ("440200", "441800", "445300", "440500"):
        assert service.is_known_city(code)
        assert not service.is_zone_city(code, date(2026, 11, 24))


def test_every_city_has_both_names_and_coordinates_in_guangdong():
    for city in service.all_cities():
        assert city.name_zh.endswith("市") and city.name_en
        assert 20.0 < city.lat < 25.6 and 109.5 < city.lon < 117.4


def test_zone_starts_on_its_effective_date():
    assert not service.is_zone_city("440100", date(2011, 11, 6))
    assert service.is_zone_city("440100", date(2011, 11, 7))


def test_shared_zone_between_member_cities_only():
    assert service.shared_zones("440100", "442000", date(2026, 1, 1))
    assert not service.shared_zones("440100", "441800", date(2026, 1, 1))


@pytest.fixture
def joined_zone_file(tmp_path, monkeypatch):
    data = json.loads((service.DATA / "zones.json").read_text(encoding="utf-8"))
    data["zones"][0]["members"].append({"city": "441800", "from": "2027-01-01", "to": None})
    (tmp_path / "zones.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "cities.json").write_text((service.DATA / "cities.json").read_text(encoding="utf-8"))
    monkeypatch.setattr(service, "DATA", tmp_path)
    service._zones.cache_clear()
    yield
    service._zones.cache_clear()


def test_a_city_joining_is_a_data_change(joined_zone_file):
    assert not service.is_zone_city("441800", date(2026, 12, 31))
    assert service.is_zone_city("441800", date(2027, 1, 1))
    assert service.shared_zones("441800", "440100", date(2027, 1, 1))


def test_cities_api_flags_zone_members(client):
    items = client.get("/api/v1/cities").json["items"]
    assert {c["code"] for c in items if c["in_zone"]} == ZONE_CITIES
    assert len(items) == 21
