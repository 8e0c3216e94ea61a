"""Language choice: Chinese by default, English by choice, remembered in a cookie."""

from flask import has_request_context, request

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGE_COOKIE = "lang"


def normalise(tag: str | None) -> str | None:
    """Map 'zh', 'zh-CN', 'en-GB'... onto a supported language, or None."""
    if not tag:
        return None
    tag = tag.replace("-", "_")
    if tag in LANGUAGES:
        return tag
    primary = tag.split("_")[0].lower()
    return {"zh": "zh_CN", "en": "en"}.get(primary)


def select_locale() -> str:
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = normalise(request.cookies.get(LANGUAGE_COOKIE))
    if chosen:
        return chosen
    return normalise(request.accept_languages.best_match(["zh-CN", "zh", "en"])) or DEFAULT_LANGUAGE
