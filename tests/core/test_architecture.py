"""The shape of the house: the core depends on no domain, and every set of statuses is checked by the database."""

import ast
import re
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import inspect

from tourism import DOMAINS, ROOT
from tourism.extensions import db

DOMAIN_PACKAGES = {name.rsplit(".", 1)[1] for name in DOMAINS}


def _imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_core_module_imports_a_domain():
    offenders = [(path.name, module) for path in sorted((ROOT / "tourism" / "core").glob("*.py"))
                 for module in _imported_modules(path)
                 if module.startswith("tourism.") and module.split(".")[1] in DOMAIN_PACKAGES]
    assert offenders == []


def _enum_columns():
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.Enum):
                yield table.name, column.name, column.type.enums


def test_every_status_column_is_checked_by_the_migrated_schema(app):
    columns = list(_enum_columns())
    assert len(columns) >= 13  # roles, licence and filing statuses, levels, complaint states, grades, jobs...
    inspector = inspect(db.engine)
    for table, column, values in columns:
        checks = [c["sqltext"] for c in inspector.get_check_constraints(table)]
        matching = [text for text in checks if re.search(rf"\b{column}\b", text)
                    and set(re.findall(r"'([^']*)'", text)) == set(values)]
        assert matching, f"{table}.{column}: no CHECK lists exactly {values}; found {checks}"
