"""Loading a notice: checked, held, and every open deadline that depended on it recomputed and recorded."""

import json
from datetime import date, datetime

import pytest

from tests.factories import make_agency, make_office
from tourism.calendar import service as calendar
from tourism.calendar.notices import parse
from tourism.complaints import service as complaints
from tourism.core import audit, clock
from tourism.core.errors import Conflict, InvalidInput
from tourism.extensions import db

# A notice for 2027 in the State Council's usual shape. It is an example for the tests, not the real one: that
# is published by the State Council and loaded with `flask calendar load` when it is.
EXAMPLE_2027 = {
    "year": 2027, "title": "国务院办公厅关于2027年部分节假日安排的通知", "number": "国办发明电〔2026〕0号",
    "published_on": "2026-11-20", "url": "https://www.gov.cn/example",
    "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                 {"name": "春节", "from": "2027-02-05", "to": "2027-02-12"},
                 {"name": "清明节", "from": "2027-04-03", "to": "2027-04-05"},
                 {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
                 {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
                 {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
                 {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
    "working_days": ["2027-02-20", "2027-04-25", "2027-09-26", "2027-10-09"],
}


def _received_on(day: date):
    with clock.frozen_at(datetime.combine(day, datetime.min.time()).replace(hour=10)):
        case, _code = complaints.file_complaint(
            db.session, complainant_name="游客", complainant_phone="13800000001", respondent_kind="other",
            incident_city="440600", occurred_on=day, description="测试")
    db.session.commit()
    return case


def test_loading_the_notice_recomputes_an_open_case_and_records_it(app):
    case = _received_on(date(2026, 12, 30))
    assert (case.accept_by, case.accept_by_provisional) == (date(2027, 1, 7), True)
    result = calendar.load_notice(db.session, "calendar", parse(EXAMPLE_2027))
    db.session.commit()
    assert result.changed and result.recomputed["complaints"] == 1
    # 31 Dec, then 1–3 Jan off: Mon 4, Tue 5, Wed 6, Thu 7 Jan. Same day, no longer provisional.
    assert (case.accept_by, case.accept_by_provisional) == (date(2027, 1, 7), False)
    entry = audit.history(db.session, case.stream)[-1]
    assert entry.action == "deadline_recomputed" and entry.details["provisional"] is False
    assert "国办发明电〔2026〕0号" in entry.details["source"]
    assert audit.history(db.session, "calendar:2027")[-1].action == "notice_loaded"


def test_a_case_whose_limit_moves_is_recomputed_and_told(client):
    case = _received_on(date(2027, 2, 4))
    before = case.accept_by
    calendar.load_notice(db.session, "calendar", parse(EXAMPLE_2027))
    db.session.commit()
    assert case.accept_by == date(2027, 2, 19) and case.accept_by != before  # 5–12 Feb off under the notice
    code = db.session.get(type(case), case.id)
    history = complaints.complainant_history(db.session, code)
    assert history[-1].event == "deadline_recomputed" and history[-1].note == "2027-02-19"


def test_an_office_filing_limit_is_recomputed_with_history(app):
    agency = make_agency("L-GD-100001", "440100")
    with clock.frozen_at(datetime(2027, 2, 4, 10, 0)):
        office = make_office(agency, "branch", "440600", established_on=date(2027, 2, 3))
    assert office.deadlines_provisional
    calendar.load_notice(db.session, "calendar", parse(EXAMPLE_2027))
    db.session.commit()
    assert office.decision_due == date(2027, 2, 17) and not office.deadlines_provisional
    assert audit.history(db.session, office.stream)[-1].action == "deadlines_recomputed"


def test_closed_cases_are_left_alone(app):
    case = _received_on(date(2026, 12, 30))
    case.status = "not_accepted"
    db.session.commit()
    result = calendar.load_notice(db.session, "calendar", parse(EXAMPLE_2027))
    assert result.recomputed["complaints"] == 0 and case.accept_by_provisional


def test_the_same_notice_twice_changes_nothing_and_a_different_one_needs_replace(app):
    calendar.load_notice(db.session, "calendar", parse(EXAMPLE_2027))
    db.session.commit()
    assert not calendar.load_notice(db.session, "calendar", parse(EXAMPLE_2027)).changed
    corrected = {**EXAMPLE_2027, "working_days": ["2027-02-20"]}
    with pytest.raises(Conflict):
        calendar.load_notice(db.session, "calendar", parse(corrected))
    assert calendar.load_notice(db.session, "calendar", parse(corrected), replace=True).changed


@pytest.mark.parametrize("change,field", [
    ({"holidays": [h for h in EXAMPLE_2027["holidays"] if h["name"] != "国庆节"]}, "holidays"),
    ({"working_days": ["2027-03-03"]}, "working_days"),  # a Wednesday cannot be a make-up working day
    ({"year": 1999}, "year"),
    ({"published_on": "yesterday"}, "published_on"),
    ({"number": ""}, "number"),
])
def test_a_notice_that_contradicts_the_law_or_itself_is_refused(change, field, app):
    with pytest.raises(InvalidInput) as refused:
        parse({**EXAMPLE_2027, **change})
    assert field in refused.value.errors


def test_the_command_loads_a_file_and_reports(app, tmp_path):
    _received_on(date(2026, 12, 30))
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(EXAMPLE_2027, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["calendar", "load", str(path)])
    assert result.exit_code == 0 and "complaints: 1" in result.output, result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["calendar", "load", str(bad)])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_the_december_check_warns_from_the_first_without_next_years_notice(client):
    with clock.frozen_at(datetime(2026, 11, 30, 12, 0)):
        assert client.get("/healthz").json["warnings"] == []
    with clock.frozen_at(datetime(2026, 12, 1, 9, 0)):
        body = client.get("/healthz").json
        assert body["status"] == "ok" and any("2027" in w for w in body["warnings"])
        calendar.load_notice(db.session, "calendar", parse(EXAMPLE_2027))
        db.session.commit()
        assert client.get("/healthz").json["warnings"] == []


def test_the_working_days_endpoint(client):
    ok = client.get("/api/v1/calendar/working-days?from=2026-12-30&days=5")
    assert ok.status_code == 200 and ok.json["date"] == "2027-01-07" and ok.json["provisional"] is True
    assert ok.json["source"] and "no-store" in ok.headers.get("Cache-Control", "")
    firm = client.get("/api/v1/calendar/working-days?from=2026-09-30&days=3").json
    assert (firm["date"], firm["provisional"]) == ("2026-10-10", False)
    for query in ("from=2026-12-30", "days=5", "from=2026-13-01&days=5", "from=2026-12-30&days=-1",
                  "from=2026-12-30&days=99999999999999999999", "from=1950-01-01&days=1", "from=9999-01-01&days=1",
                  "from=2026-12-30&days=five"):
        response = client.get(f"/api/v1/calendar/working-days?{query}", headers={"Accept-Language": "en"})
        assert response.status_code == 422, query
        assert response.json["code"] == "validation_error"
