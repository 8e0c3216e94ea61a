"""CSV that spreadsheets open safely: a cell that would start a formula is written as text.

Excel, LibreOffice and WPS evaluate a cell starting with = + - @ (and tab or carriage return, which
they skip), so a name like ``=HYPERLINK(...)`` would run on a regulator's machine. Such cells get a
leading apostrophe (OWASP's advice for CSV injection); reading our own files takes it off again.
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """The value a neutralised cell stood for."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def write_csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()
