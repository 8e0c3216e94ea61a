"""Every string shown to users has its Chinese translation."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tourism import ROOT

KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2),
            "_lp": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}
METHODS = [("tourism/**.py", "python"), ("templates/**.html", "jinja2")]


def test_every_message_has_a_chinese_translation():
    with open(ROOT / "translations" / "zh" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle, locale="zh")
    translated = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                  if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])}
    found = {(msg[4], msg[2] if isinstance(msg[2], str) else msg[2][0])
             for msg in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS)}
    missing = sorted(found - translated, key=str)
    assert missing == [], f"untranslated: {missing}"
