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
    return city_choices(field.prompt or (_l("All cities") if field.blank else None))


class CityField(SelectField):
    """A Guangdong city, zone cities first; ``blank`` adds "All cities" (for filters); ``prompt`` a first,
    empty choice asking for one, so that a required city is chosen rather than left at a default."""

    def __init__(self, label=None, validators=None, blank=False, prompt=None, **kwargs):
        super().__init__(label, validators, choices=_city_choices_with_blank, **kwargs)
        self.blank, self.prompt = blank, prompt


def prefecture_choices(blank_label=None) -> list[SelectChoice]:
    """Every prefecture of the country, grouped by province, Guangdong's cities first (for contract places)."""
    guangdong = str(_l("Guangdong"))
    choices = [SelectChoice(c.value, c.label, optgroup=guangdong) for c in city_choices()]
    choices += [SelectChoice(p.code, f"{p.name_zh} ({p.code})", optgroup=p.province_zh)
                for p in all_prefectures() if p.province_code != "440000"]
    return ([SelectChoice("", blank_label)] if blank_label else []) + choices


NO_PREFECTURE = "none"


def _prefecture_choices(form, field):
    if field.unknown_label is None:
        return prefecture_choices(_l("Not known"))
    return [SelectChoice("", _l("Choose…")), SelectChoice(NO_PREFECTURE, field.unknown_label)] + prefecture_choices()


class PrefectureField(SelectField):
    """A prefecture anywhere in the country, or blank when not known; with ``unknown_label``, a required
    choice whose "none" option (``NO_PREFECTURE``) says there is no such place, so nothing is left at a default."""

    def __init__(self, label=None, validators=None, unknown_label=None, **kwargs):
        super().__init__(label, validators, choices=_prefecture_choices, **kwargs)
        self.unknown_label = unknown_label

    @property
    def code(self) -> str | None:
        return None if self.data in ("", NO_PREFECTURE) else self.data
