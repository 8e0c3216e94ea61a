"""Form fields for cities, shared by the pages of every domain."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from tourism.core import clock
from tourism.zone.service import all_cities, all_prefectures, is_zone_city, zone_cities


def city_choices(blank_label=None):
    """Zone cities first, then the rest of Guangdong; names in the visitor's language."""
    today = clock.today()
    cities = sorted(all_cities(), key=lambda c: (not is_zone_city(c.code, today), c.code))
    choices = [SelectChoice(c.code, f"{c.name} ({c.code})") for c in cities]
    return ([SelectChoice("", blank_label)] if blank_label else []) + choices


def zone_city_choices() -> list[SelectChoice]:
    """The zone's member cities today."""
    return [SelectChoice(c.code, f"{c.name} ({c.code})") for c in zone_cities(clock.today())]


def _city_choices_with_blank(form, field):
    return city_choices(_l("All cities") if field.blank else None)


class CityField(SelectField):
    """A Guangdong city, zone cities first; ``blank`` adds "All cities" (for filters)."""

    def __init__(self, label=None, validators=None, blank=False, **kwargs):
        super().__init__(label, validators, choices=_city_choices_with_blank, **kwargs)
        self.blank = blank


def prefecture_choices(blank_label=None) -> list[SelectChoice]:
    """Every prefecture of the country, grouped by province, Guangdong's cities first (for contract places)."""
    guangdong = str(_l("Guangdong"))
    choices = [SelectChoice(c.value, c.label, optgroup=guangdong) for c in city_choices()]
    choices += [SelectChoice(p.code, f"{p.name_zh} ({p.code})", optgroup=p.province_zh)
                for p in all_prefectures() if p.province_code != "440000"]
    return ([SelectChoice("", blank_label)] if blank_label else []) + choices


class PrefectureField(SelectField):
    """A prefecture anywhere in the country, or blank when not known."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, choices=lambda: prefecture_choices(_l("Not known")), **kwargs)
