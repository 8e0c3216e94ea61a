"""A must-see's fix (a change to the request) in words, in the reader's language."""

from flask_babel import gettext as _
from flask_babel import ngettext

from tourism.planner import catalogue
from tourism.zone.service import city_name


def _base_name(code: str) -> str:
    base = catalogue.base_for(code)
    if base is None:
        return code
    return city_name(base.city) if base.main else f"{city_name(base.city)} · {base.name_zh}"


def describe(fix: dict) -> str:
    parts = []
    if "days" in fix:
        parts.append(ngettext("take %(num)d day", "take %(num)d days", fix["days"]))
    if "start_date" in fix:
        parts.append(_("start on %(day)s", day=fix["start_date"]))
    if "bases" in fix:
        nights = [_("night %(n)d in %(base)s", n=n, base=_base_name(code)) for n, code in enumerate(fix["bases"], 1)]
        parts.append(_("sleep: %(nights)s", nights=", ".join(nights)))
    if "day_start" in fix:
        parts.append(_("start your days at %(time)s", time=fix["day_start"]))
    if "day_end" in fix:
        parts.append(_("end your days at %(time)s", time=fix["day_end"]))
    if "max_travel_minutes_per_day" in fix:
        parts.append(_("allow %(n)d minutes of travel a day", n=fix["max_travel_minutes_per_day"]))
    if "budget_cny" in fix:
        parts.append(_("raise the ticket budget to %(n)s CNY", n=f"{fix['budget_cny']:,.0f}"))
    return "; ".join(parts)
