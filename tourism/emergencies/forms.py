from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tourism.core.forms import HEADCOUNT, choices
from tourism.emergencies.enums import Grade, IncidentKind, ReportLevel
from tourism.zone.forms import city_choices


class IncidentForm(FlaskForm):
    grade = SelectField(_l("Grade"), choices=choices(*reversed(Grade.choices())))
    kind = SelectField(_l("Kind"), choices=choices(*IncidentKind.choices()))
    cities = SelectMultipleField(_l("Affected cities"), choices=[], validators=[DataRequired()])
    occurred_at = DateTimeLocalField(_l("When it happened"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()])
    summary = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=5000)])
    dead_or_missing = IntegerField(_l("Dead or missing"), validators=[Optional(), HEADCOUNT])
    seriously_injured = IntegerField(_l("Seriously injured"), validators=[Optional(), HEADCOUNT])
    stranded = IntegerField(_l("Stranded over 24 hours"), validators=[Optional(), HEADCOUNT])
    agencies = StringField(_l("Agencies whose tourists are involved (licence numbers, separated by spaces)"),
                           validators=[Optional(), Length(max=1000)])

    groups = StringField(_l("Tour groups involved (group numbers from their sheets, separated by spaces)"),
                         validators=[Optional(), Length(max=1000)])

    def set_cities(self):
        self.cities.choices = city_choices()

    def agency_licences(self) -> list[str]:
        return (self.agencies.data or "").replace(",", " ").split()

    def group_numbers(self) -> list[str]:
        return (self.groups.data or "").replace(",", " ").split()


class IncidentNoteForm(FlaskForm):
    body = TextAreaField(_l("Update"), validators=[DataRequired(), Length(max=5000)])


class ReportForm(FlaskForm):
    level = SelectField(_l("Reported to"), choices=choices(*ReportLevel.choices()))
    reported_at = DateTimeLocalField(_l("Reported at"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()])
    note = TextAreaField(_l("Note (how, to whom)"), validators=[Optional(), Length(max=2000)])
