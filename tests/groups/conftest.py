"""A Guangzhou agency with a filed Foshan branch, a Jiangmen agency that receives groups, and their guides."""

from datetime import timedelta

import pytest

from tests.factories import api_user, make_agency, make_guide, make_office
from tourism.core import clock

GZ = "L-GD-100001"  # Guangzhou, domestic and inbound only
JM = "L-GD-700001"  # Jiangmen, receiving agency


@pytest.fixture
def tour(app, client):
    organiser = make_agency(GZ, home_city="440100")
    receiver = make_agency(JM, home_city="440700")
    branch = make_office(organiser, city="440600", status="filed")
    guides = {
        "zhuhai": make_guide("D-4404-000001", home_city="440400", employer=GZ),
        "qingyuan": make_guide("D-4418-000001", home_city="441800", employer=GZ),
        "escort": make_guide("D-4401-000009", home_city="440100", employer=GZ),
        "jiangmen": make_guide("D-4407-000001", home_city="440700", employer=JM),
    }
    start = clock.today() + timedelta(days=7)
    return {"organiser": organiser, "receiver": receiver, "branch": branch, "guides": guides, "start": start,
            "admin": api_user(client, "gz-admin", "agency_admin", agency=GZ)}


def day(start, n):
    return (start + timedelta(days=n)).isoformat()


def filing(tour, guides=None, **extra):
    """Three days from Foshan through Jiangmen to Zhuhai, with a Zhuhai guide leading in Foshan."""
    start = tour["start"]
    body = {
        "agency_licence_no": GZ, "branch_id": tour["branch"].id, "start_on": day(start, 0), "end_on": day(start, 2),
        "tourists": 28, "leader": {"name": "李领队", "phone": "13800138000"}, "language": "zh",
        "contract": {"no": "GD-E-2026-0001", "city": "440600", "shopping_minutes": 0},
        "coach": {"plate": "粤E12345", "operator": "佛山客运", "driver": "王师傅"},
        "days": [
            {"date": day(start, 0), "stops": [
                {"time": "09:30", "poi_id": "fs-ancestral-temple", "kind": "visit", "minutes": 120},
                {"time": "12:00", "place": "黄飞鸿酒家", "city": "440600", "kind": "meal", "minutes": 60}]},
            {"date": day(start, 1), "stops": [
                {"time": "10:00", "poi_id": "jm-kaiping-diaolou", "kind": "visit", "minutes": 150}]},
            {"date": day(start, 2), "stops": [
                {"time": "10:00", "place": "珠海渔女", "city": "440400", "kind": "visit", "minutes": 60}]},
        ],
        "guides": guides if guides is not None else [
            {"licence_no": "D-4404-000001", "role": "local", "cities": ["440600"], "start_on": day(start, 0),
             "end_on": day(start, 0)}],
    }
    body.update(extra)
    return body


def file_group(client, tour, **extra) -> str:
    """File ``filing(tour, **extra)`` as the organiser; its group number."""
    response = client.post("/api/v1/groups", json=filing(tour, **extra), headers=tour["admin"])
    assert response.status_code == 201, response.json
    return response.json["group_no"]


def hand_jiangmen_a_day(client, tour) -> str:
    """A group whose second day, in Jiangmen, is handed to the Jiangmen agency."""
    start = tour["start"]
    return file_group(client, tour, receiving=[{"agency_licence_no": JM, "cities": ["440700"],
                                                "start_on": day(start, 1), "end_on": day(start, 1)}])
