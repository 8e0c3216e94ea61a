import json
import re
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    FloatField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, NumberRange, Optional, Regexp, ValidationError

from tourism.core import clock
from tourism.core.errors import field_error
from tourism.core.forms import AMOUNT_CNY, choices
from tourism.core.i18n import local_name
from tourism.guides.forms import spoken_language_choices
from tourism.planner import catalogue
from tourism.planner.enums import TravelMode
from tourism.zone.service import city_name

THEME_LABELS = {
    "lingnan-architecture": _l("Lingnan architecture"), "garden": _l("Gardens"),
    "cantonese-opera": _l("Cantonese opera"), "martial-arts": _l("Martial arts"),
    "overseas-chinese-heritage": _l("Overseas Chinese heritage, diaolou"), "cuisine": _l("Cuisine"),
    "revolutionary-history": _l("Revolutionary history"), "crafts": _l("Crafts"), "nature": _l("Nature"),
    "religion": _l("Temples"), "museum": _l("Museums"), "old-town": _l("Old towns"),
}
HHMM_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
HHMM = Regexp(HHMM_RE, message=_l("Use HH:MM."))
MIN_DAY_MINUTES = 120


MAX_NIGHTS = 13


def base_city_choices():
    return choices(*((code, city_name(code)) for code in sorted({b.city for b in catalogue.bases().values()})))


def night_choices():
    """Blank (the planner chooses), then every base: a city's centre or a town where tourists stay."""
    bases = sorted(catalogue.bases().values(), key=lambda b: (b.city, not b.main, b.id))
    return choices(("", _l("Let the planner choose")), *(
        (b.id, f"{city_name(b.city)} · {local_name(b)}" if not b.main else city_name(b.city)) for b in bases))


def place_choices():
    return choices(*((p.id, f"{local_name(p)} ({city_name(p.city)})")
                     for p in sorted(catalogue.pois().values(), key=lambda p: (p.city, p.id))))


INTEREST = {"": 0, "little": 1, "lot": 3}  # "a little" and "a lot" as the request's theme weights


def interest_choices():
    return choices(("", _l("No")), ("little", _l("A little")), ("lot", _l("A lot")))


def not_past(form, field):
    if field.data and field.data < clock.today():
        raise ValidationError(_l("The first day is in the past: choose today or a later day."))


class PlanForm(FlaskForm):
    start_date = DateField(_l("First day"), validators=[DataRequired(), not_past],
                           default=lambda: clock.today() + timedelta(days=7))
    days = IntegerField(_l("Days"), default=3, validators=[DataRequired(), NumberRange(min=1, max=14)])
    start_city = SelectField(_l("Start in"), validators=[DataRequired()])
    end_city = SelectField(_l("End in"), validators=[DataRequired()])
    day_start = StringField(_l("Days start at"), default="09:00", validators=[DataRequired(), HHMM])
    day_end = StringField(_l("Days end at"), default="18:00", validators=[DataRequired(), HHMM])
    group_size = IntegerField(_l("People"), default=2, validators=[DataRequired(), NumberRange(min=1, max=200)])
    budget_per_person = FloatField(_l("Ticket budget per person (CNY, optional)"),
                                   validators=[Optional(), AMOUNT_CNY])
    language = SelectField(_l("Suggest guides who speak"), validators=[Optional()])
    must_visit = SelectMultipleField(_l("Must see"), validators=[Optional()])
    avoid = SelectMultipleField(_l("Avoid"), validators=[Optional()])
    mode = SelectField(_l("Travelling"), choices=choices(*TravelMode.choices()), default=TravelMode.CAR)
    max_travel_minutes_per_day = IntegerField(_l("Longest travel in a day (minutes)"), default=180,
                                              validators=[DataRequired(), NumberRange(min=30, max=720)])
    nights = FieldList(SelectField(_l("Night"), validators=[Optional()]), min_entries=MAX_NIGHTS,
                       max_entries=MAX_NIGHTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_city.choices = self.end_city.choices = base_city_choices()
        self.must_visit.choices = self.avoid.choices = place_choices()
        self.language.choices = spoken_language_choices(_l("No guide needed"))
        for night in self.nights:
            night.choices = night_choices()

    def validate_day_end(self, field):
        if not (HHMM_RE.match(self.day_start.data or "") and HHMM_RE.match(field.data or "")):
            return
        length = catalogue.minutes_of(field.data) - catalogue.minutes_of(self.day_start.data)
        if length <= 0:
            raise ValidationError(_l("The day must end after it starts."))
        if length < MIN_DAY_MINUTES:
            raise ValidationError(_l("Plan days of at least two hours: a shorter day leaves no time for a visit."))

    def chosen_nights(self) -> list[str | None] | None:
        """The trip's nights as the request takes them (None where the planner chooses), or None for all."""
        nights = [night.data or None for night in self.nights][:max(0, (self.days.data or 1) - 1)]
        return nights if any(nights) else None

    def themes(self) -> dict[str, int]:
        weights = {slug: INTEREST.get(getattr(self, f"theme_{slug}").data or "", 0) for slug in THEME_LABELS}
        return {slug: weight for slug, weight in weights.items() if weight}

    def budget_cny(self) -> float | None:
        per_person = self.budget_per_person.data
        return None if per_person is None else round(per_person * (self.group_size.data or 1), 2)


def fill_from(form: PlanForm, data: dict) -> None:
    """Fill the form with an earlier request, to change it and plan again (a past first day is left out)."""
    first = date.fromisoformat(data["start_date"])
    if first >= clock.today():
        form.start_date.data = first
    for key in ("days", "start_city", "day_start", "day_end", "group_size", "mode", "max_travel_minutes_per_day"):
        getattr(form, key).data = data.get(key, getattr(form, key).data)
    form.end_city.data = data.get("end_city") or data["start_city"]
    form.language.data = data.get("language") or ""
    form.must_visit.data, form.avoid.data = list(data.get("must_visit", [])), list(data.get("avoid", []))
    if data.get("budget_cny") is not None:
        form.budget_per_person.data = round(data["budget_cny"] / max(1, data.get("group_size", 1)), 2)
    for night, base in zip(form.nights, data.get("bases") or [], strict=False):
        night.data = base or ""
    weights = data.get("themes", {})
    for slug in THEME_LABELS:
        weight = weights.get(slug, 0)
        getattr(form, f"theme_{slug}").data = "lot" if weight >= 2 else "little" if weight > 0 else ""


def add_theme_fields():
    """One choice per theme: not, a little, a lot."""
    for slug, label in THEME_LABELS.items():
        setattr(PlanForm, f"theme_{slug}", RadioField(label, choices=interest_choices(), default="",
                                                      validators=[Optional()]))


add_theme_fields()


class EditForm(FlaskForm):
    """A change to a plan: from a button on the itinerary (the change as the edit API takes it, in JSON),
    a place to add, or the days' hours."""

    change = HiddenField()
    day = IntegerField(validators=[Optional(), NumberRange(min=1, max=14)])  # hours for this day only
    add = SelectField(_l("Add a place"), validators=[Optional()])
    day_start = StringField(_l("Days start at"), validators=[Optional(), HHMM])
    day_end = StringField(_l("Days end at"), validators=[Optional(), HHMM])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add.choices = choices(("", "")) + place_choices()

    def changes(self) -> dict:
        if self.change.data:
            try:
                change = json.loads(self.change.data)
            except (ValueError, RecursionError):
                change = None
            if not isinstance(change, dict):
                raise field_error("change", _l("This is not a change to the plan; reload the page and try again."))
            return change
        if self.add.data:
            return {"add": [self.add.data]}
        if self.day.data:
            return {"day_hours": [{"day": self.day.data, "start": self.day_start.data, "end": self.day_end.data}]}
        return {key: getattr(self, key).data for key in ("day_start", "day_end") if getattr(self, key).data}
