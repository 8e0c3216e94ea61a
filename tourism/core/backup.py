"""Backup and restore: every table to one JSON file and back, on any of the supported databases.

The export reads every table inside one read-only snapshot (PostgreSQL: a serialisable, read-only,
deferrable transaction; SQLite: one read transaction), so a backup taken while the app serves holds
no message without its complaint and no counter behind the numbers it has handed out. The import
checks every reference between the file's rows before writing anything, writes into an empty,
migrated database in dependency order, then moves every counter (the databases' id sequences and our
own numbering in ``sequences``) past the highest value restored. Attachments on disk are not in the
file: copy the instance folder's ``attachments/`` alongside it. The audit chain verifies after a
restore only under the same ``AUDIT_KEY``.
"""

import base64
import json
from datetime import date, datetime

from sqlalchemy import func, insert, select, text
from sqlalchemy.types import Date, DateTime, Integer, LargeBinary, TypeDecorator

from tourism.core import sequences
from tourism.core.private_files import private_file
from tourism.extensions import db

FORMAT = "tourism-backup/1"


def _encode(value, column_type):
    if value is None:
        return None
    if isinstance(column_type, LargeBinary):
        return base64.b64encode(value).decode()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _decode(value, column_type):
    if value is None:
        return None
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl
    if isinstance(column_type, LargeBinary):
        return base64.b64decode(value)
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    return value


def _snapshot_connection(engine):
    """A connection whose one transaction sees the whole database as of one moment."""
    connection = engine.connect()
    if engine.dialect.name == "postgresql":
        return connection.execution_options(isolation_level="SERIALIZABLE", postgresql_readonly=True,
                                            postgresql_deferrable=True)
    return connection


def export_all(engine) -> dict:
    tables = {}
    with _snapshot_connection(engine) as connection, connection.begin():
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN")  # Python's sqlite3 opens no transaction for reads by itself
        for table in db.metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            tables[table.name] = [{c.name: _encode(row._mapping[c], c.type) for c in table.columns} for row in rows]
    return {"format": FORMAT, "tables": tables}


def dangling_references(data: dict) -> list[str]:
    """Every reference in the file to a row the file does not hold (an inconsistent or edited backup)."""
    problems = []
    for table in db.metadata.sorted_tables:
        rows = data["tables"].get(table.name, [])
        for constraint in table.foreign_key_constraints:
            pairs = [(element.parent.name, element.column) for element in constraint.elements]
            target = pairs[0][1].table
            present = {tuple(row.get(column.name) for _local, column in pairs)
                       for row in data["tables"].get(target.name, [])}
            for row in rows:
                key = tuple(row.get(local) for local, _column in pairs)
                if any(value is None for value in key) or key in present:
                    continue
                problems.append(f"{table.name}: {', '.join(local for local, _c in pairs)} = "
                                f"{', '.join(map(str, key))} refers to no row of {target.name}")
    return problems


def _move_counters_past_restored(session, counts: dict[str, int]) -> None:
    if session.get_bind().dialect.name == "postgresql":
        for table in db.metadata.sorted_tables:
            key = list(table.primary_key.columns)
            if len(key) == 1 and isinstance(key[0].type, Integer) and key[0].autoincrement and counts[table.name]:
                # Names come from our own metadata, not from the file.
                statement = (f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "  # noqa: S608
                             f"(SELECT MAX({key[0].name}) FROM {table.name}))")
                session.execute(text(statement))
    sequences.raise_to_highest_used(session)


def import_all(session, data: dict) -> dict[str, int]:
    """Load an export into an empty database; refuses to mix with existing rows or to load broken references."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    for table in db.metadata.sorted_tables:
        if session.scalar(select(func.count()).select_from(table)):
            raise ValueError(f"table {table.name} is not empty; import into a fresh database")
    dangling = dangling_references(data)
    if dangling:
        shown = "; ".join(dangling[:5]) + (f"; and {len(dangling) - 5} more" if len(dangling) > 5 else "")
        raise ValueError(f"the file's rows refer to rows it does not hold, nothing was imported: {shown}")
    counts = {}
    for table in db.metadata.sorted_tables:
        rows = data["tables"].get(table.name, [])
        if rows:
            types = {c.name: c.type for c in table.columns}
            session.execute(insert(table), [{k: _decode(v, types[k]) for k, v in row.items()} for row in rows])
        counts[table.name] = len(rows)
    _move_counters_past_restored(session, counts)
    return counts


def dump(path, session) -> dict[str, int]:
    data = export_all(session.get_bind())
    with private_file(path) as handle:
        json.dump(data, handle, ensure_ascii=False)
    return {name: len(rows) for name, rows in data["tables"].items()}


def load(path, session) -> dict[str, int]:
    with open(path, encoding="utf-8") as handle:
        return import_all(session, json.load(handle))
