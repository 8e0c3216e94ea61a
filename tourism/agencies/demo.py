"""Demo agencies (fictional, marked 示例) with branches and outlets in several filing states."""

from datetime import timedelta

from sqlalchemy import select

from tourism.agencies import service
from tourism.agencies.enums import OfficeKind
from tourism.agencies.models import Agency
from tourism.core import clock

ACTOR = "demo-seed"

AGENCIES = [
    # licence_no, name, name_en, home city, outbound, licensed years ago, deposit held
    ("L-GD-DEMO01", "示例羊城国际旅行社有限公司", "Demo Yangcheng International Travel", "440100", True, 12, 2_100_000),
    ("L-GD-DEMO02", "示例佛山岭南旅行社有限公司", "Demo Foshan Lingnan Travel", "440600", False, 5, 250_000),
    ("L-GD-DEMO03", "示例鹏城旅行社有限公司", "Demo Pengcheng Travel", "440300", False, 1, 200_000),
]


def _office(session, agency, kind, city, name, address, days_ago, **extra):
    established_on = clock.today() - timedelta(days=days_ago)
    return service.submit_office(session, ACTOR, agency, kind=kind, city=city, name=name, address=address,
                                 established_on=established_on, **extra)


def seed_agencies(session):
    if session.scalar(select(Agency.id).where(Agency.licence_no == AGENCIES[0][0])):
        return
    agencies = {}
    today = clock.today()
    for licence_no, name, name_en, city, outbound, years, deposit in AGENCIES:
        agencies[licence_no] = service.create_agency(
            session, ACTOR, licence_no=licence_no, name=name, home_city=city, outbound=outbound, deposit_cny=deposit,
            name_en=name_en, licensed_on=today.replace(year=today.year - years), complaint_phone="12345")
    gz, fs, sz = agencies["L-GD-DEMO01"], agencies["L-GD-DEMO02"], agencies["L-GD-DEMO03"]
    # Guangzhou's deposit paid in four years ago with no penalty since: halved (art. 17). Foshan's is a bank
    # guarantee expiring soon, and Foshan was fined last year for harming tourists (no outbound scope, art. 8).
    service.update_agency(session, ACTOR, gz, version=gz.version, deposit_since=today - timedelta(days=4 * 365))
    service.update_agency(session, ACTOR, fs, version=fs.version, deposit_kind="guarantee",
                          guarantee_expires_on=today + timedelta(days=20))
    service.record_penalty(session, ACTOR, fs, kind="fine", decided_on=today - timedelta(days=200), harms_tourists=True,
                           document_no="示例佛文旅罚〔2026〕1号", authority="佛山市文化广电旅游体育局")
    # Guangzhou's outbound agency: a filed outbound branch in Foshan with an outlet, one waiting in Zhuhai.
    foshan = _office(session, gz, OfficeKind.BRANCH, "440600", "示例羊城国际旅行社佛山分社", "佛山市禅城区祖庙路 1 号",
                     30, outbound=True, manager="陈经理")
    service.decide_filing(session, ACTOR, foshan, decision="filed")
    outlet = _office(session, gz, OfficeKind.OUTLET, "440600", "示例羊城国际旅行社岭南天地服务网点",
                     "佛山市禅城区岭南天地", 10, branch_id=foshan.id)
    service.decide_filing(session, ACTOR, outlet, decision="filed")
    _office(session, gz, OfficeKind.BRANCH, "440400", "示例羊城国际旅行社珠海分社", "珠海市香洲区情侣路 2 号", 2)
    # Foshan's domestic agency: one returned in Jiangmen, one in Zhongshan long overdue.
    jiangmen = _office(session, fs, OfficeKind.BRANCH, "440700", "示例佛山岭南旅行社江门分社", "江门市蓬江区 3 号", 20)
    service.decide_filing(session, ACTOR, jiangmen, decision="returned", reason="营业执照复印件不清晰，请重新提交。")
    with clock.frozen_at(clock.now() - timedelta(days=14)):  # received two weeks ago, still undecided
        _office(session, fs, OfficeKind.BRANCH, "442000", "示例佛山岭南旅行社中山分社", "中山市石岐区孙文西路 4 号", 1)
    # Shenzhen's agency: an outlet at home waiting for Shenzhen's regulator.
    _office(session, sz, OfficeKind.OUTLET, "440300", "示例鹏城旅行社南山服务网点", "深圳市南山区 5 号", 1)
    session.flush()


seed_agencies.accounts = [
    ("gz-agency", "agency_admin", {"agency": "L-GD-DEMO01"}, "admin of a Guangzhou agency (outbound)"),
    ("fs-agency", "agency_admin", {"agency": "L-GD-DEMO02"}, "admin of a Foshan agency (domestic)"),
]
