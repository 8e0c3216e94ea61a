"""CSV import (dry run, commit, re-import as update) and export."""

import csv
import io

import pytest
from sqlalchemy import func, select

from tests.factories import api_user, login, make_guide
from tourism.extensions import db
from tourism.guides.models import Guide

CHINESE = (
    "\ufeff导游证号,姓名,注册城市,等级,语种,发证日期,有效期至\n"
    "D-4401-000101,王导,广州,中级,中文、英语,2025-01-01,2027-12-31\n"
    "D-4401-000102,赵导,440100,高级,zh;ja,2025/02/01,2028/01/31\n"
    "D-4401-000103,钱导,广州,大师,zh,2025-01-01,2027-12-31\n"
    "D-4406-000104,孙导,佛山,初级,zh,2025-01-01,2027-12-31\n"
    "D-4401-000101,王导,广州,中级,zh,2025-01-01,2027-12-31\n"
)


def post(client, headers, text, dry_run=True):
    return client.post(f"/api/v1/guides/imports?dry_run={'true' if dry_run else 'false'}",
                       data=text.encode("utf-8"), content_type="text/csv", headers=headers)


def count():
    return db.session.scalar(select(func.count(Guide.id)))


def test_dry_run_reports_every_row_and_saves_nothing(client):
    gz = api_user(client, "gz", "regulator", city="440100")
    report = post(client, gz, CHINESE).json
    fates = {row["line"]: (row["action"], sorted(row["errors"])) for row in report["rows"]}
    assert fates == {
        2: ("create", []), 3: ("create", []),
        4: ("invalid", ["level"]),
        5: ("invalid", ["home_city"]),  # Foshan's guide: registered by Foshan
        6: ("invalid", ["licence_no"]),  # the same licence twice in the file
    }
    assert report["committed"] is False and count() == 0


def test_commit_keeps_the_valid_rows(client):
    gz = api_user(client, "gz", "regulator", city="440100")
    report = post(client, gz, CHINESE, dry_run=False).json
    assert report["summary"] == {"create": 2, "update": 0, "unchanged": 0, "invalid": 3}
    guide = client.get("/api/v1/guides/D-4401-000101", headers=gz).json
    assert guide["languages"] == ["zh", "en"] and guide["level"] == "intermediate"


def test_reimport_updates_instead_of_duplicating(client):
    gz = api_user(client, "gz", "regulator", city="440100")
    post(client, gz, CHINESE, dry_run=False)
    english = ("licence_no,name,home_city,level,languages,issued_on,expires_on\n"
               "D-4401-000101,王导,440100,senior,zh en,2025-01-01,2027-12-31\n"
               "D-4401-000102,赵导,440100,senior,zh ja,2025-02-01,2028-01-31\n")
    report = post(client, gz, english, dry_run=False).json
    assert report["summary"] == {"create": 0, "update": 1, "unchanged": 1, "invalid": 0}
    assert count() == 2
    assert client.get("/api/v1/guides/D-4401-000101", headers=gz).json["level"] == "senior"


def test_provincial_imports_any_city(client):
    province = api_user(client, "province", "provincial")
    report = post(client, province, CHINESE, dry_run=False).json
    assert report["summary"]["create"] == 3 and report["summary"]["invalid"] == 2


def test_missing_columns_and_bad_encoding_are_refused(client):
    gz = api_user(client, "gz", "regulator", city="440100")
    response = post(client, gz, "licence_no,name\nD-4401-000001,x\n")
    assert response.status_code == 400 and response.json["code"] == "missing_columns"
    bad = client.post("/api/v1/guides/imports", data="姓名".encode("gbk"), content_type="text/csv", headers=gz)
    assert bad.status_code == 400 and bad.json["code"] == "not_utf8"


def test_agency_admins_and_the_public_cannot_import(client):
    from tests.factories import make_agency

    assert post(client, {}, CHINESE).status_code == 401
    make_agency("L-GD-000001")
    boss = api_user(client, "boss", "agency_admin", agency="L-GD-000001")
    assert post(client, boss, CHINESE).status_code == 403


def test_export_reads_back_as_unchanged(client):
    make_guide("D-4401-000001", "440100")
    make_guide("D-4401-000002", "440100", languages=("zh", "ko"))
    gz = api_user(client, "gz", "regulator", city="440100")
    exported = client.get("/api/v1/guides/export.csv?city=440100", headers=gz)
    assert exported.mimetype == "text/csv"
    report = post(client, gz, exported.get_data(as_text=True)).json
    assert report["summary"] == {"create": 0, "update": 0, "unchanged": 2, "invalid": 0}


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://evil.example\",\"点我\")", "@SUM(A1:A9)", "+1+1", "-2+3",
                                  "\tstart", "\rstart"])
def test_formula_looking_names_leave_the_export_as_text_and_come_back_unchanged(client, name):
    guide = make_guide("D-4401-000001", "440100")
    guide.name = name
    db.session.commit()
    gz = api_user(client, "gz", "regulator", city="440100")
    for path in ("/api/v1/guides/export.csv", None):
        if path is None:
            login(client, "gz")
            exported = client.get("/guides/export.csv").get_data(as_text=True)
        else:
            exported = client.get(path, headers=gz).get_data(as_text=True)
        cell = list(csv.reader(io.StringIO(exported, newline="")))[1][1]
        assert cell == "'" + name
    report = post(client, gz, client.get("/api/v1/guides/export.csv", headers=gz).get_data(as_text=True)).json
    assert report["summary"]["unchanged"] == 1
