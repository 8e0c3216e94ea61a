"""Every string shown to users has its Chinese translation."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tourism import ROOT

KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
METHODS = [("tourism/**.py", "python"), ("templates/**.html", "jinja2")]


def test_every_message_has_a_chinese_translation():
    with open(ROOT / "translations" / "zh" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle, locale="zh")
    translated = {m.id for m in catalog if m.id and m.string}
    found = {msg[2] for msg in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS)}
    found = {m if isinstance(m, str) else m[0] for m in found}
    missing = sorted(found - translated)
    assert missing == [], f"untranslated: {missing}"
