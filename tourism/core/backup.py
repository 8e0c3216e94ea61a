"""Backup and restore: every table to one JSON file and back, on any of the supported databases.

The export reads the tables in dependency order; the import writes them into an empty, migrated
database in the same order, then moves PostgreSQL's id sequences past the restored ids. Attachments
on disk are not in the file: copy the instance folder's ``attachments/`` alongside it.
"""

import base64
import json
from datetime import date, datetime

from sqlalchemy import func, insert, select, text
from sqlalchemy.types import Date, DateTime, Integer, LargeBinary, TypeDecorator

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


def export_all(session) -> dict:
    tables = {}
    for table in db.metadata.sorted_tables:
        columns = list(table.columns)
        rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
        tables[table.name] = [{c.name: _encode(row._mapping[c], c.type) for c in columns} for row in rows]
    return {"format": FORMAT, "tables": tables}


def import_all(session, data: dict) -> dict[str, int]:
    """Load an export into an empty database; refuses to mix with existing rows."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    for table in db.metadata.sorted_tables:
        if session.scalar(select(func.count()).select_from(table)):
            raise ValueError(f"table {table.name} is not empty; import into a fresh database")
    counts = {}
    for table in db.metadata.sorted_tables:
        rows = data["tables"].get(table.name, [])
        if rows:
            types = {c.name: c.type for c in table.columns}
            session.execute(insert(table), [{k: _decode(v, types[k]) for k, v in row.items()} for row in rows])
        counts[table.name] = len(rows)
    if session.get_bind().dialect.name == "postgresql":
        for table in db.metadata.sorted_tables:
            key = list(table.primary_key.columns)
            if len(key) == 1 and isinstance(key[0].type, Integer) and counts[table.name]:
                # Names come from our own metadata, not from the file.
                statement = (f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "  # noqa: S608
                             f"(SELECT MAX({key[0].name}) FROM {table.name}))")
                session.execute(text(statement))
    return counts


def dump(path, session) -> dict[str, int]:
    data = export_all(session)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
    return {name: len(rows) for name, rows in data["tables"].items()}


def load(path, session) -> dict[str, int]:
    with open(path, encoding="utf-8") as handle:
        return import_all(session, json.load(handle))
