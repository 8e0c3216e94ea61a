from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, FloatField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, NumberRange, Optional, Regexp

from tourism.core import clock
from tourism.core.forms import AMOUNT_CNY, choices
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
HHMM = Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", message=_l("Use HH:MM."))


MAX_NIGHTS = 13


def base_city_choices():
    return choices(*((code, city_name(code)) for code in sorted({b.city for b in catalogue.bases().values()})))


def night_choices():
    """Blank (the planner chooses), then every base: a city's centre or a town where tourists stay."""
    bases = sorted(catalogue.bases().values(), key=lambda b: (b.city, not b.main, b.id))
    return [("", _l("Let the planner choose"))] + [
        (b.id, f"{city_name(b.city)} · {b.name_zh}" if not b.main else city_name(b.city)) for b in bases]


def place_choices():
    return choices(*((p.id, f"{p.name_zh} · {p.name_en} ({city_name(p.city)})")
                     for p in sorted(catalogue.pois().values(), key=lambda p: (p.city, p.id))))


class PlanForm(FlaskForm):
    start_date = DateField(_l("First day"), validators=[DataRequired()],
                           default=lambda: clock.today() + timedelta(days=7))
    days = IntegerField(_l("Days"), default=3, validators=[DataRequired(), NumberRange(min=1, max=14)])
    start_city = SelectField(_l("Start in"), validators=[DataRequired()])
    end_city = SelectField(_l("End in"), validators=[DataRequired()])
    day_start = StringField(_l("Days start at"), default="09:00", validators=[DataRequired(), HHMM])
    day_end = StringField(_l("Days end at"), default="18:00", validators=[DataRequired(), HHMM])
    group_size = IntegerField(_l("People"), default=2, validators=[DataRequired(), NumberRange(min=1, max=200)])
    budget_cny = FloatField(_l("Ticket budget for the group (CNY, optional)"), validators=[Optional(),
                                                                                         AMOUNT_CNY])
    language = StringField(_l("Group's language for guide suggestions (ISO 639-1, optional)"),
                           validators=[Optional(), Regexp(r"^[a-z]{2}$")])
    must_visit = SelectMultipleField(_l("Must see"), validators=[Optional()])
    avoid = SelectMultipleField(_l("Avoid"), validators=[Optional()])
    time_limit_s = FloatField(_l("Search time (seconds)"), default=5, validators=[NumberRange(min=0.5, max=60)])
    mode = SelectField(_l("Travelling"), choices=choices(*TravelMode.choices()), default=TravelMode.CAR)
    max_travel_minutes_per_day = IntegerField(_l("Longest travel in a day (minutes)"), default=180,
                                              validators=[DataRequired(), NumberRange(min=30, max=720)])
    nights = FieldList(SelectField(_l("Night"), validators=[Optional()]), min_entries=MAX_NIGHTS,
                       max_entries=MAX_NIGHTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_city.choices = self.end_city.choices = base_city_choices()
        self.must_visit.choices = self.avoid.choices = place_choices()
        for night in self.nights:
            night.choices = night_choices()

    def chosen_nights(self) -> list[str | None] | None:
        """The trip's nights as the request takes them (None where the planner chooses), or None for all."""
        nights = [night.data or None for night in self.nights][:max(0, (self.days.data or 1) - 1)]
        return nights if any(nights) else None


def add_theme_fields():
    """One weight field per theme, 0 (not interested) to 5."""
    for slug, label in THEME_LABELS.items():
        setattr(PlanForm, f"theme_{slug}", IntegerField(label, default=0, validators=[Optional(),
                                                                                       NumberRange(min=0, max=5)]))


add_theme_fields()
