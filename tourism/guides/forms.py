from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from tourism.core.forms import choices, version_field
from tourism.core.i18n import language_name
from tourism.extensions import db
from tourism.guides.enums import AffiliationKind, GuideStatus, Level, RecordedStatus
from tourism.guides.service import spoken_languages
from tourism.guides.validation import LICENCE_NO_MESSAGE, LICENCE_NO_PATTERN
from tourism.zone.forms import CityField


class GuideSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = StringField(_l("Name or licence number"), validators=[Optional(), Length(max=100)])
    city = CityField(_l("Home city"), blank=True, validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices(*GuideStatus.choices(blank=_l("Any status"))),
                         validators=[Optional()])
    level = SelectField(_l("Level"), choices=choices(*Level.choices(blank=_l("Any level"))), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    sort = SelectField(_l("Order"), choices=choices(("licence", _l("Licence number")), ("name", _l("Full name")),
                                                    ("expires", _l("Soonest expiry first"))), default="licence",
                       validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = spoken_language_choices(_l("Any language"))


def spoken_language_choices(blank_label):
    """The languages registered guides speak, by name in the page's language, after ``blank_label``."""
    return choices(("", blank_label), *sorted(((code, language_name(code)) for code in spoken_languages(db.session)),
                                              key=lambda pair: pair[1]))


class GuideForm(FlaskForm):
    licence_no = StringField(_l("Licence number"),
                             validators=[DataRequired(), Regexp(LICENCE_NO_PATTERN, message=LICENCE_NO_MESSAGE)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=100)])
    home_city = CityField(_l("Home city"), validators=[DataRequired()])
    level = SelectField(_l("Level"), choices=choices(*Level.choices()))
    languages = StringField(_l("Languages (ISO 639-1, separated by spaces)"), validators=[DataRequired()])
    issued_on = DateField(_l("Issued on"), validators=[DataRequired()])
    expires_on = DateField(_l("Expires on"), validators=[DataRequired()])
    id_number = StringField(_l("ID number"), validators=[Optional(), Length(max=30)])


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=choices(*RecordedStatus.choices()))
    until = DateField(_l("Last day of the suspension (empty: until further notice)"), validators=[Optional()])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=1000)])
    version = version_field()


class AffiliationForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=choices(*AffiliationKind.choices()))
    agency_licence_no = StringField(_l("Agency licence number"), validators=[Optional(), Length(max=32)])
    association = StringField(_l("Guide association"), validators=[Optional(), Length(max=200)])
    start_on = DateField(_l("From"), validators=[DataRequired()])
    end_on = DateField(_l("Until (optional)"), validators=[Optional()])


class BarForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=1000)])
    start_on = DateField(_l("From"), validators=[DataRequired()])
    end_on = DateField(_l("Until (optional)"), validators=[Optional()])


class PhotoForm(FlaskForm):
    photo = FileField(_l("Photo (JPEG or PNG, at most 512 KB)"),
                      validators=[FileRequired(), FileAllowed(["jpg", "jpeg", "png"])])


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()])


class ImportCommitForm(FlaskForm):
    content = HiddenField(validators=[DataRequired()])


class CredentialCheckForm(FlaskForm):
    credential = TextAreaField(_l("Credential"), validators=[DataRequired(), Length(max=4000)])
