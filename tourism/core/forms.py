"""Helpers shared by the page forms."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange

from tourism.core import clock
from tourism.core.schemas import MAX_AMOUNT_CNY, MAX_PEOPLE
from tourism.zone.service import all_cities, is_zone_city

AMOUNT_CNY = NumberRange(min=0, max=MAX_AMOUNT_CNY)
HEADCOUNT = NumberRange(min=0, max=MAX_PEOPLE)


def city_choices(blank_label=None):
    """Zone cities first, then the rest of Guangdong; names in the visitor's language."""
    today = clock.today()
    cities = sorted(all_cities(), key=lambda c: (not is_zone_city(c.code, today), c.code))
    choices = [SelectChoice(c.code, f"{c.name} ({c.code})") for c in cities]
    return ([SelectChoice("", blank_label)] if blank_label else []) + choices


def choices(*pairs):
    """``SelectChoice`` items from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


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


def apply_errors(form, error) -> None:
    """Show a service's field errors on the matching form fields, the rest above the form."""
    messages = error.errors or {}
    for name, texts in messages.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + list(texts)
        else:
            form.form_errors.extend(texts)
    if error.message and not messages:
        form.form_errors.append(str(error.message))


def error_text(error) -> str:
    """A service's refusal as one line, for a flash message after a button that posts."""
    messages = [message for texts in (error.errors or {}).values() for message in texts]
    return " ".join(messages) or str(error.message or "")
