"""Form fields for cities, shared by the pages of every domain."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from tourism.core import clock
from tourism.zone.service import all_cities, is_zone_city


def city_choices(blank_label=None):
    """Zone cities first, then the rest of Guangdong; names in the visitor's language."""
    today = clock.today()
    cities = sorted(all_cities(), key=lambda c: (not is_zone_city(c.code, today), c.code))
    choices = [SelectChoice(c.code, f"{c.name} ({c.code})") for c in cities]
    return ([SelectChoice("", blank_label)] if blank_label else []) + choices


class CityField(SelectField):
    def __init__(self, label=None, validators=None, blank=False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.blank = blank

    def pre_validate(self, form):
        self.choices = city_choices(_l("All cities") if self.blank else None)
        super().pre_validate(form)

    def iter_choices(self):
        self.choices = city_choices(_l("All cities") if self.blank else None)
        return super().iter_choices()
