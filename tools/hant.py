"""Derive the Traditional Chinese (Hong Kong) catalogue and city names from the Simplified ones with OpenCC.

    .venv/bin/python tools/hant.py

Writes translations/zh_Hant/LC_MESSAGES/messages.po from translations/zh/LC_MESSAGES/messages.po (every
msgstr converted with OpenCC's s2hk: Hong Kong characters and usage), and adds ``name_zh_hant`` to each
city in tourism/zone/data/cities.json. `make translations` runs it after updating the Simplified catalogue.
"""

import re
from pathlib import Path

import opencc
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CONVERTER = opencc.OpenCC("s2hk")


def _convert(text):
    if isinstance(text, tuple | list):
        return type(text)(CONVERTER.convert(part) for part in text)
    return CONVERTER.convert(text) if text else text


def catalogue() -> None:
    with open(ROOT / "translations/zh/LC_MESSAGES/messages.po", "rb") as handle:
        simplified = read_po(handle, locale="zh")
    simplified.locale = "zh_Hant"
    for message in simplified:
        if message.id:
            message.string = _convert(message.string)
    target = ROOT / "translations/zh_Hant/LC_MESSAGES/messages.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        write_po(handle, simplified, width=0, omit_header=False, sort_output=True)


def cities() -> None:
    """Add or refresh each city's name_zh_hant in place, keeping the file's one-city-per-line layout."""
    path = ROOT / "tourism/zone/data/cities.json"
    text = re.sub(r'"name_zh_hant": "[^"]*", ', "", path.read_text(encoding="utf-8"))
    text = re.sub(r'("name_zh": "([^"]*)", )(?="name_en")',
                  lambda m: f'{m.group(1)}"name_zh_hant": "{CONVERTER.convert(m.group(2))}", ', text)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    catalogue()
    cities()
