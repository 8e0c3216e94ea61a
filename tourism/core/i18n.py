"""Language choice: Simplified Chinese by default, Traditional Chinese (Hong Kong) or English from the browser's
languages or by choice, remembered in a cookie."""

from babel import Locale, UnknownLocaleError
from flask import has_request_context, request
from flask_babel import get_locale

LANGUAGES = {"zh_CN": "简体中文", "zh_Hant": "繁體中文", "en": "English"}
HTML_LANG = {"zh_CN": "zh-CN", "zh_Hant": "zh-HK", "en": "en"}
TRADITIONAL_REGIONS = ("hk", "mo", "tw", "hant")
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGE_COOKIE = "lang"


def normalise(tag: str | None) -> str | None:
    """Map 'zh', 'zh-CN', 'zh-HK', 'zh-Hant-TW', 'en-GB'... onto a supported language, or None."""
    if not tag:
        return None
    tag = tag.replace("-", "_")
    if tag in LANGUAGES:
        return tag
    primary, *rest = tag.lower().split("_")
    if primary == "zh" and any(part in TRADITIONAL_REGIONS for part in rest):
        return "zh_Hant"
    return {"zh": "zh_CN", "en": "en"}.get(primary)


def select_locale() -> str:
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = normalise(request.cookies.get(LANGUAGE_COOKIE))
    if chosen:
        return chosen
    for tag, _quality in request.accept_languages:
        chosen = normalise(tag)
        if chosen:
            return chosen
    return DEFAULT_LANGUAGE


def language_name(code: str) -> str:
    """A language's name in the page's language (ISO 639-1 code in, e.g. "日语" or "Japanese" out)."""
    locale = get_locale() or Locale.parse(DEFAULT_LANGUAGE)
    try:
        return locale.languages.get(code) or Locale.parse(code).get_display_name(locale) or code
    except (ValueError, UnknownLocaleError):
        return code


def local_name(thing) -> str:
    """A named thing's name in the page's language, from its ``name_zh``, ``name_zh_hant`` and ``name_en``
    (a place, a base, an agency), falling back to the Simplified Chinese name."""
    language = select_locale()
    if language == "en" and getattr(thing, "name_en", ""):
        return thing.name_en
    if language == "zh_Hant" and getattr(thing, "name_zh_hant", ""):
        return thing.name_zh_hant
    return thing.name_zh
