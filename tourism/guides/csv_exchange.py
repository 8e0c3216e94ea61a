"""Guides in CSV: bulk import (a dry run that gives every row's fate, then the commit) and export.

Accepted: UTF-8 with or without BOM; English headers (licence_no, name, home_city, level, languages,
issued_on, expires_on, id_number) or Chinese ones (导游证号, 姓名, 注册城市, 等级, 语种, 发证日期,
有效期至, 身份证号). Cities by code or name, levels in English or Chinese, languages as ISO 639-1 codes
or common Chinese names, separated by ; , 、 | or spaces. A licence already registered is updated,
never duplicated; invalid rows are reported with their line number and skipped.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from tourism.core.csv_cells import restore, write_csv
from tourism.core.errors import DomainError
from tourism.guides import service
from tourism.zone.service import all_cities

HEADERS = {
    "licence_no": ("licence_no", "licence", "license_no", "导游证号", "导游证编号", "证号"),
    "name": ("name", "姓名"),
    "home_city": ("home_city", "city", "注册城市", "所在城市", "城市"),
    "level": ("level", "等级"),
    "languages": ("languages", "language", "语种", "语言"),
    "issued_on": ("issued_on", "发证日期", "颁发日期"),
    "expires_on": ("expires_on", "有效期至", "到期日期", "有效期截止"),
    "id_number": ("id_number", "身份证号", "证件号码"),
}
REQUIRED = ("licence_no", "name", "home_city", "level", "languages", "issued_on", "expires_on")
LEVEL_NAMES = {"初级": "junior", "中级": "intermediate", "高级": "senior", "特级": "special"}
LANGUAGE_NAMES = {"中文": "zh", "汉语": "zh", "普通话": "zh", "英语": "en", "日语": "ja", "韩语": "ko", "朝鲜语": "ko",
                  "法语": "fr", "德语": "de", "俄语": "ru", "西班牙语": "es", "葡萄牙语": "pt", "意大利语": "it",
                  "泰语": "th", "越南语": "vi", "阿拉伯语": "ar", "印尼语": "id", "马来语": "ms"}
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class RowFate:
    line: int
    licence_no: str
    action: str  # create, update, unchanged, invalid
    errors: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    rows: list[RowFate]
    committed: bool = False

    def count(self, action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> dict:
        return {action: self.count(action) for action in ("create", "update", "unchanged", "invalid")}


def _city_lookup() -> dict:
    lookup = {}
    for city in all_cities():
        for key in (city.code, city.name_zh, city.name_zh.removesuffix("市"), city.name_en.lower()):
            lookup[key] = city.code
    return lookup


def _date(text):
    text = (text or "").strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return "bad"


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise DomainError(_("The file is larger than 5 MB."), code="file_too_large")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(_("The file is not UTF-8 text."), code="not_utf8") from error


def _header_map(fieldnames) -> dict:
    mapping = {}
    for raw in fieldnames or []:
        name = (raw or "").strip().lower()
        for key, aliases in HEADERS.items():
            if name in aliases:
                mapping[key] = raw
    missing = [key for key in REQUIRED if key not in mapping]
    if missing:
        raise DomainError(_("Missing columns: %(cols)s.", cols=", ".join(missing)), code="missing_columns")
    return mapping


def _parse_row(raw: dict, mapping: dict, cities: dict) -> tuple[dict, dict]:
    value = {key: restore((raw.get(column) or "").strip()) for key, column in mapping.items()}
    errors = {}
    city_text = value["home_city"]
    home_city = cities.get(city_text) or cities.get(city_text.lower())
    if not home_city:
        errors["home_city"] = [_("Unknown city: %(city)s.", city=city_text)]
    level = LEVEL_NAMES.get(value["level"], value["level"].lower())
    languages = [LANGUAGE_NAMES.get(part, part.lower())
                 for part in re.split(r"[;,、|/\s，；]+", value["languages"]) if part]
    dates = {key: _date(value[key]) for key in ("issued_on", "expires_on")}
    for key, parsed in dates.items():
        if parsed in (None, "bad"):
            errors[key] = [_("Use a date like 2026-01-31.")]
    record = {"licence_no": value["licence_no"].upper(), "name": value["name"], "home_city": home_city,
              "level": level, "languages": languages, "issued_on": dates["issued_on"],
              "expires_on": dates["expires_on"], "id_number": value.get("id_number") or None}
    if not errors:
        errors = service.validate_guide_fields(record["licence_no"], record["name"], home_city, level, languages,
                                               record["issued_on"], record["expires_on"])
    return record, errors


def _differs(guide, record) -> bool:
    return (guide.name, guide.level, guide.language_codes, guide.issued_on, guide.expires_on) != (
        record["name"], record["level"], list(dict.fromkeys(record["languages"])), record["issued_on"],
        record["expires_on"])


def run(session, actor, *, text: str, allowed_city: str | None, commit: bool) -> ImportReport:
    """Read every row; with ``commit``, create or update the valid ones. ``allowed_city`` None means any city."""
    reader = csv.DictReader(io.StringIO(text))
    mapping = _header_map(reader.fieldnames)
    cities = _city_lookup()
    report = ImportReport(rows=[])
    seen = set()
    for raw in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        record, errors = _parse_row(raw, mapping, cities)
        licence_no = record["licence_no"]
        if licence_no in seen:
            errors.setdefault("licence_no", []).append(_("Appears earlier in the file."))
        seen.add(licence_no)
        existing = service.find_guide(session, licence_no) if not errors else None
        if not errors and allowed_city and (record["home_city"] != allowed_city or (
                existing is not None and existing.home_city != allowed_city)):
            errors["home_city"] = [_("Guides of other cities are registered by their own city.")]
        if not errors and existing is not None and existing.home_city != record["home_city"]:
            errors["home_city"] = [_("The home city of a registered licence cannot change by import.")]
        if errors:
            report.rows.append(RowFate(line, licence_no, "invalid", errors))
            continue
        action = "create" if existing is None else "update" if _differs(existing, record) else "unchanged"
        report.rows.append(RowFate(line, licence_no, action))
        if commit and action == "create":
            service.create_guide(session, actor, **record)
        elif commit and action == "update":
            service.update_guide(session, actor, existing, **{k: record[k] for k in service.EDITABLE})
    report.committed = commit
    return report


EXPORT_COLUMNS = ("licence_no", "name", "home_city", "level", "languages", "issued_on", "expires_on", "status")


def export(guides) -> str:
    """The guides as CSV with English headers (the import reads it back); no personal ID numbers."""
    return write_csv(EXPORT_COLUMNS, ([guide.licence_no, guide.name, guide.home_city, guide.level,
                                       ";".join(guide.language_codes), guide.issued_on.isoformat(),
                                       guide.expires_on.isoformat(), guide.status] for guide in guides))
