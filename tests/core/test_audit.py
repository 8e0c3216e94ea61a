"""The hash-chained history: appended only, and `flask verify-audit` finds any edit or gap."""

from sqlalchemy import delete, update

from tourism.core import audit
from tourism.core.audit import AuditEntry
from tourism.extensions import db


def _two_streams():
    for n in range(3):
        audit.record(db.session, "case:A", "step", "system", n=n)
    audit.record(db.session, "case:B", "step", "system", n=0)
    db.session.commit()


def test_entries_chain_to_the_one_before(app):
    _two_streams()
    entries = audit.history(db.session, "case:A")
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == audit.GENESIS
    assert entries[1].prev_hash == entries[0].hash and entries[2].prev_hash == entries[1].hash


def test_verify_audit_passes_on_an_intact_log(app):
    _two_streams()
    result = app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code == 0 and "2 histories" in result.output


def test_verify_audit_names_an_edited_entry(app):
    _two_streams()
    db.session.execute(update(AuditEntry).where(AuditEntry.stream == "case:A", AuditEntry.seq == 2)
                       .values(details={"n": 99}))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code != 0
    assert "case:A #2" in result.output and "MAC" in result.output


def test_verify_audit_names_a_deleted_entry(app):
    _two_streams()
    db.session.execute(delete(AuditEntry).where(AuditEntry.stream == "case:A", AuditEntry.seq == 2))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code != 0 and "case:A #3" in result.output
