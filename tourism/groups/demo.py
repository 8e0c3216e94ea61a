"""Demo tour groups (fictional, marked 示例): one crossing three cities with a receiving agency, one whose sheet
declares more shopping than its contract allows."""

from datetime import timedelta

from sqlalchemy import func, select

from tourism.agencies.enums import FilingStatus
from tourism.agencies.service import find_agency
from tourism.core import clock
from tourism.groups import service
from tourism.groups.models import TourGroup

ACTOR = "demo-seed"


def _day(n):
    return clock.today() + timedelta(days=n)


def seed_groups(session):
    if session.scalar(select(func.count(TourGroup.id))):
        return
    gz = "L-GD-DEMO01"
    foshan_branch = next(b for b in find_agency(session, gz).branches if b.status == FilingStatus.FILED)
    # Guangzhou's agency, through its Foshan branch: Foshan, Jiangmen and Zhuhai over three days, with an escort
    # from Guangzhou, a Zhongshan guide leading locally (the zone allows it), and Zhuhai handed to Shenzhen's agency.
    service.file_group(
        session, ACTOR, agency_licence_no=gz, branch_id=foshan_branch.id, start_on=_day(0), end_on=_day(2),
        tourists=32, leader={"name": "示例·周领队", "phone": "13800000001"}, language="zh",
        origin={"kind": "inbound", "region": "香港"},
        contract={"no": "示例-GD-E-0001", "city": "440600", "shopping_minutes": 0},
        coach={"plate": "粤E·D0001", "operator": "示例佛山客运", "driver": "示例·吴师傅"},
        days=[{"date": _day(0), "stops": [
                  {"time": "09:30", "poi_id": "fs-ancestral-temple", "kind": "visit", "minutes": 120},
                  {"time": "12:00", "place": "示例岭南酒家", "city": "440600", "kind": "meal", "minutes": 60},
                  {"time": "14:00", "poi_id": "fs-lingnan-tiandi", "kind": "visit", "minutes": 90}]},
              {"date": _day(1), "stops": [
                  {"time": "10:00", "poi_id": "jm-kaiping-diaolou", "kind": "visit", "minutes": 150},
                  {"time": "16:00", "poi_id": "jm-chikan-old-town", "kind": "visit", "minutes": 90}]},
              {"date": _day(2), "stops": [
                  {"time": "10:00", "poi_id": "zh-fisher-girl", "kind": "visit", "minutes": 45},
                  {"time": "11:30", "poi_id": "zh-new-yuanming-palace", "kind": "show", "minutes": 120}]}],
        guides=[{"licence_no": "D-4401-900001", "role": "escort", "cities": []},
                {"licence_no": "D-4420-900004", "role": "local", "cities": ["440600", "440700"],
                 "start_on": _day(0), "end_on": _day(1)}],
        receiving=[{"agency_licence_no": "L-GD-DEMO03", "cities": ["440400"], "start_on": _day(2),
                    "end_on": _day(2)}])
    # Foshan's domestic agency: a day in Foshan and Zhaoqing with 90 minutes of shopping the contract never agreed.
    service.file_group(
        session, ACTOR, agency_licence_no="L-GD-DEMO02", start_on=_day(0), end_on=_day(1), tourists=18,
        leader={"name": "示例·郑领队", "phone": "13800000002"}, language="zh",
        contract={"no": "示例-GD-E-0002", "city": "440600", "shopping_minutes": 0},
        coach={"plate": "粤E·D0002", "operator": "示例顺德客运"},
        days=[{"date": _day(0), "stops": [
                  {"time": "09:00", "poi_id": "fs-qinghui-garden", "kind": "visit", "minutes": 90},
                  {"time": "11:00", "place": "示例玉器城", "city": "440600", "kind": "shopping", "minutes": 90}]},
              {"date": _day(1), "stops": [
                  {"time": "10:00", "place": "示例七星岩", "city": "441200", "kind": "visit", "minutes": 150}]}],
        guides=[{"licence_no": "D-4403-900003", "role": "local", "cities": ["440600", "441200"]}])
    session.flush()
