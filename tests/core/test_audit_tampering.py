"""Tampering with the database directly: `flask verify-audit` exits non-zero and names the stream, every time.

Each case edits the tables the way someone with write access to the database (and without AUDIT_KEY)
could: the six kinds the integrity review found undetected, and the kinds detected before.
"""

import hashlib
import json

import pytest
from sqlalchemy import delete, insert, select, update

from tests.factories import api_user, make_user
from tourism.complaints.models import Complaint
from tourism.core.audit import AuditEntry, AuditHead
from tourism.extensions import db

COMPLAINT = {"complainant": {"name": "游客甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
             "incident_city": "440600", "occurred_on": "2026-11-20", "description": "被强迫购物。", "urgent": False}

ACCEPT = {"to": "accepted", "without_contract": True}  # no tour contract: art. 9(四) does not apply


@pytest.fixture
def stream(client):
    """A case with a history of four entries: received, accepted, a message, in mediation."""
    headers = api_user(client, "fs", "regulator", city="440600")
    tracking_no = client.post("/api/v1/complaints", json=COMPLAINT).json["tracking_no"]
    client.post(f"/api/v1/complaints/{tracking_no}/transitions", json={**ACCEPT, "version": 1},
                headers=headers)
    client.post(f"/api/v1/complaints/{tracking_no}/messages", json={"body": "已联系旅行社"}, headers=headers)
    client.post(f"/api/v1/complaints/{tracking_no}/transitions", json={"to": "mediation", "version": 2},
                headers=headers)
    db.session.remove()
    return f"complaint:{tracking_no}"


def entries(stream):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.stream == stream).order_by(AuditEntry.seq)).all()


def sha256_of(entry, prev_hash):
    """What someone without the key can compute: the chain's payload hashed, not MACed."""
    payload = json.dumps([entry.stream, entry.seq, entry.at.isoformat(), entry.actor_id, entry.actor_name,
                          entry.action, entry.details, prev_hash], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def rehash_from(stream, first_seq):
    """Recompute every link from ``first_seq`` on and the head, as a forger without the key would."""
    prev = entries(stream)[first_seq - 2].hash if first_seq > 1 else "0" * 64
    for entry in entries(stream)[first_seq - 1:]:
        new_hash = sha256_of(entry, prev)
        db.session.execute(update(AuditEntry).where(AuditEntry.id == entry.id).values(prev_hash=prev, hash=new_hash))
        prev = new_hash
    db.session.execute(update(AuditHead).where(AuditHead.stream == stream).values(
        hash=prev, mac=hashlib.sha256(prev.encode()).hexdigest()))


def delete_last_entry(stream):
    last = entries(stream)[-1]
    db.session.execute(delete(AuditEntry).where(AuditEntry.id == last.id))


def delete_last_entry_and_roll_the_head_back(stream):
    *kept, last = entries(stream)
    db.session.execute(delete(AuditEntry).where(AuditEntry.id == last.id))
    db.session.execute(update(AuditHead).where(AuditHead.stream == stream).values(seq=kept[-1].seq,
                                                                                   hash=kept[-1].hash))


def delete_whole_stream(stream):
    db.session.execute(delete(AuditEntry).where(AuditEntry.stream == stream))


def delete_whole_stream_and_its_head(stream):
    delete_whole_stream(stream)
    db.session.execute(delete(AuditHead).where(AuditHead.stream == stream))


def change_actor_id(stream):
    other = make_user("someone-else", "provincial")
    entry = entries(stream)[1]
    db.session.execute(update(AuditEntry).where(AuditEntry.id == entry.id).values(actor_id=other.id))


def change_status_without_entry(stream):
    db.session.execute(update(Complaint).where(Complaint.tracking_no == stream.split(":")[1]).values(status="closed"))


def rewrite_entry_and_rehash_the_rest(stream):
    entry = entries(stream)[2]
    db.session.execute(update(AuditEntry).where(AuditEntry.id == entry.id).values(
        details={**entry.details, "body": "改写的内容"}))
    db.session.flush()
    rehash_from(stream, entry.seq)


def downgrade_to_unkeyed_and_rehash(stream):
    db.session.execute(update(AuditEntry).where(AuditEntry.stream == stream).values(scheme=1))
    rehash_from(stream, 1)


def append_forged_entry(stream):
    last = entries(stream)[-1]
    forged = {"stream": stream, "seq": last.seq + 1, "at": last.at, "actor_id": None, "actor_name": "fs",
              "action": "transition", "details": {"before": "mediation", "to": "decided", "outcome": "rejected"},
              "prev_hash": last.hash, "scheme": 2}
    forged["hash"] = hashlib.sha256(json.dumps(forged, default=str).encode()).hexdigest()
    db.session.execute(insert(AuditEntry).values(**forged))
    db.session.execute(update(AuditHead).where(AuditHead.stream == stream).values(seq=last.seq + 1,
                                                                                   hash=forged["hash"]))


def edit_entry(stream):
    entry = entries(stream)[1]
    db.session.execute(update(AuditEntry).where(AuditEntry.id == entry.id).values(details={"to": "not_accepted"}))


def delete_middle_entry(stream):
    db.session.execute(delete(AuditEntry).where(AuditEntry.id == entries(stream)[1].id))


TAMPERING = [delete_last_entry, delete_last_entry_and_roll_the_head_back, delete_whole_stream,
             delete_whole_stream_and_its_head, change_actor_id, change_status_without_entry,
             rewrite_entry_and_rehash_the_rest, downgrade_to_unkeyed_and_rehash, append_forged_entry, edit_entry,
             delete_middle_entry]


def verify(app, *args):
    return app.test_cli_runner().invoke(args=["verify-audit", *args])


def test_an_untouched_history_verifies(app, stream):
    result = verify(app)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("tamper", TAMPERING, ids=lambda f: f.__name__)
def test_tampering_is_detected_and_the_stream_named(app, stream, tamper):
    tamper(stream)
    db.session.commit()
    result = verify(app)
    assert result.exit_code != 0
    assert stream in result.output


def test_a_rollback_to_an_earlier_head_is_only_caught_by_a_checkpoint(app, client, stream, tmp_path):
    # Someone keeps a copy of the head row as it is now...
    head = db.session.get(AuditHead, stream)
    saved = {"seq": head.seq, "hash": head.hash, "mac": head.mac}
    db.session.remove()
    headers = api_user(client, "fs2", "regulator", city="440600")
    client.post(f"/api/v1/complaints/{stream.split(':')[1]}/messages", json={"body": "后来的记录"}, headers=headers)
    checkpoint = tmp_path / "checkpoint.json"
    assert app.test_cli_runner().invoke(args=["audit-checkpoint", str(checkpoint)]).exit_code == 0
    assert oct(checkpoint.stat().st_mode & 0o777) == "0o600"
    # ...then deletes the entry written since and puts the old head back: the chain alone cannot tell.
    db.session.execute(delete(AuditEntry).where(AuditEntry.id == entries(stream)[-1].id))
    db.session.execute(update(AuditHead).where(AuditHead.stream == stream).values(**saved))
    db.session.commit()
    assert verify(app).exit_code == 0
    result = verify(app, "--checkpoint", str(checkpoint))
    assert result.exit_code != 0 and f"{stream} #{saved['seq'] + 1}" in result.output
