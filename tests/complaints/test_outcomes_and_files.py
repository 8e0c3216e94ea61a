"""Upheld complaints feed the registries; attachments are sniffed, stored apart and shown to few; the audit holds."""

import io
import re
from datetime import date
from pathlib import Path

from sqlalchemy import update

from tests.factories import api_user, csrf_from, login, make_agency, make_guide, make_user
from tourism.core.audit import AuditEntry
from tourism.extensions import db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def decide(client, headers, no, outcome="upheld"):
    url = f"/api/v1/complaints/{no}/transitions"
    version = 1
    steps = (("accepted", {"without_contract": True}), ("investigation", {}), ("decided", {"outcome": outcome}))
    for to, extra in steps:
        response = client.post(url, json={"to": to, "version": version, **extra}, headers=headers)
        assert response.status_code == 200, response.json
        version = response.json["version"]


def test_repeated_upheld_complaints_flag_the_guide_for_review(app, client):
    app.config["COMPLAINT_REVIEW_THRESHOLD"] = 2
    make_guide("D-4401-000001", "440100")
    gz = api_user(client, "gz", "regulator", city="440100")
    body = {"complainant": {"name": "甲", "phone": "13800000001"}, "respondent": {"kind": "guide",
            "ref": "D-4401-000001"}, "incident_city": "440100", "occurred_on": "2026-11-01", "description": "强迫购物",
            "urgent": False}
    first = client.post("/api/v1/complaints", json=body).json["tracking_no"]
    decide(client, gz, first)
    history = client.get("/api/v1/guides/D-4401-000001/history", headers=gz).json
    assert history[-1]["action"] == "complaint_upheld" and history[-1]["details"]["tracking_no"] == first
    second = client.post("/api/v1/complaints", json=body).json["tracking_no"]
    decide(client, gz, second, outcome="partly_upheld")
    actions = [h["action"] for h in client.get("/api/v1/guides/D-4401-000001/history", headers=gz).json]
    assert actions[-2:] == ["complaint_upheld", "flagged_for_review"]
    make_user("zh", "regulator", city="440400")
    login(client, "zh")
    page = client.get("/guides/D-4401-000001").get_data(as_text=True)
    assert first in page and second in page and 'role="alert"' in page


def test_a_rejected_complaint_is_not_held_against_the_agency(client):
    make_agency("L-GD-000001", "440100")
    gz = api_user(client, "gz", "regulator", city="440100")
    body = {"complainant": {"name": "甲", "phone": "13800000001"}, "respondent": {"kind": "agency",
            "ref": "L-GD-000001"}, "incident_city": "440100", "occurred_on": "2026-11-01", "description": "x",
            "urgent": False}
    decide(client, gz, client.post("/api/v1/complaints", json=body).json["tracking_no"], outcome="rejected")
    actions = [h["action"] for h in client.get("/api/v1/agencies/L-GD-000001/history", headers=gz).json]
    assert "complaint_upheld" not in actions


def test_attachments_are_sniffed_stored_apart_and_shown_only_to_jurisdiction(app, client):
    page = client.get("/complaints/new").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "name": "游客乙", "phone": "13800000002", "respondent_kind": "other",
            "incident_city": "440600", "contract_city": "none", "occurred_on": "2026-11-20",
            "description": "门票被多收",
            "attachments": [(io.BytesIO(PDF), "receipt.pdf")]}
    receipt = client.post("/complaints/new", data=form, content_type="multipart/form-data")
    html = receipt.get_data(as_text=True)
    assert receipt.status_code == 200
    no = re.search(r"<code>(TS\d+)</code>", html).group(1)
    stored = list((Path(app.instance_path) / "attachments").iterdir())
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    bad = {**form, "csrf_token": csrf_from(client.get("/complaints/new").get_data(as_text=True)),
           "attachments": [(io.BytesIO(b"MZ\x90\x00 not a pdf"), "receipt.pdf")]}
    refused = client.post("/complaints/new", data=bad, content_type="multipart/form-data")
    assert refused.status_code == 422 and "门票被多收" in refused.get_data(as_text=True)

    make_user("gz", "regulator", city="440100")
    make_user("fs", "regulator", city="440600")
    login(client, "gz")
    case = client.get(f"/cases/{no}").get_data(as_text=True)
    assert "13800000002" not in case and "receipt.pdf" not in case
    assert client.get(f"/cases/{no}/attachments/1").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_from(case)})
    login(client, "fs")
    case = client.get(f"/cases/{no}").get_data(as_text=True)
    assert "13800000002" in case and "receipt.pdf" in case
    download = client.get(f"/cases/{no}/attachments/1")
    assert download.data == PDF and download.headers["Content-Disposition"].startswith("attachment")


def test_the_complainant_follows_the_case_on_the_tracking_page(client):
    body = {"complainant": {"name": "甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
            "incident_city": "440600", "occurred_on": "2026-11-01", "description": "x", "urgent": False}
    receipt = client.post("/api/v1/complaints", json=body).json
    page = client.get("/complaints/track").get_data(as_text=True)
    shown = client.post("/complaints/track", data={"csrf_token": csrf_from(page), "tracking_no": receipt["tracking_no"],
                                                   "access_code": receipt["access_code"]})
    due = date.fromisoformat(receipt["accept_by"])
    assert shown.status_code == 200 and f"{due.year}年{due.month}月{due.day}日" in shown.get_data(as_text=True)
    wrong = client.post("/complaints/track", data={"csrf_token": csrf_from(page),
                                                   "tracking_no": receipt["tracking_no"], "access_code": "WRONG"})
    assert wrong.status_code == 404


def test_verify_audit_detects_tampering_with_a_case(app, client):
    body = {"complainant": {"name": "甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
            "incident_city": "440600", "occurred_on": "2026-11-01", "description": "x", "urgent": False}
    no = client.post("/api/v1/complaints", json=body).json["tracking_no"]
    fs = api_user(client, "fs", "regulator", city="440600")
    client.post(f"/api/v1/complaints/{no}/transitions", json={"to": "not_accepted", "version": 1, "note": "超过90天"},
                headers=fs)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["verify-audit"]).exit_code == 0
    db.session.execute(update(AuditEntry).where(AuditEntry.stream == f"complaint:{no}", AuditEntry.seq == 2)
                       .values(details={"to": "accepted"}))
    db.session.commit()
    result = runner.invoke(args=["verify-audit"])
    assert result.exit_code != 0 and f"complaint:{no} #2" in result.output
