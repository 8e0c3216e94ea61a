from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from tourism.core.forms import CityField, choices

LEVEL_CHOICES = (("junior", _l("Junior (初级)")), ("intermediate", _l("Intermediate (中级)")),
                 ("senior", _l("Senior (高级)")), ("special", _l("Special (特级)")))
STATUS_CHOICES = (("active", _l("active")), ("suspended", _l("suspended")), ("revoked", _l("revoked")),
                  ("expired", _l("expired")))


class GuideSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = StringField(_l("Name or licence number"), validators=[Optional(), Length(max=100)])
    city = CityField(_l("Home city"), blank=True, validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices(("", _l("Any status")), *STATUS_CHOICES),
                         validators=[Optional()])
    level = SelectField(_l("Level"), choices=choices(("", _l("Any level")), *LEVEL_CHOICES), validators=[Optional()])
    language = StringField(_l("Language (ISO 639-1)"), validators=[Optional(), Regexp(r"^[a-z]{2}$")])


class GuideForm(FlaskForm):
    licence_no = StringField(_l("Licence number"), validators=[DataRequired(), Regexp(r"^D-\d{4}-\d{6}$",
                             message=_l("Use the national pattern D-0000-000000."))])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    home_city = CityField(_l("Home city"), validators=[DataRequired()])
    level = SelectField(_l("Level"), choices=choices(*LEVEL_CHOICES))
    languages = StringField(_l("Languages (ISO 639-1, separated by spaces)"), validators=[DataRequired()])
    issued_on = DateField(_l("Issued on"), validators=[DataRequired()])
    expires_on = DateField(_l("Expires on"), validators=[DataRequired()])


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=choices(("suspended", _l("suspended")), ("active", _l("active")),
                                                           ("revoked", _l("revoked"))))
    until = DateField(_l("Last day of the suspension (empty: until further notice)"), validators=[Optional()])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=1000)])
    version = HiddenField(validators=[DataRequired()])


class AffiliationForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=choices(("employment", _l("Employed by an agency")),
                                                   ("association", _l("Registered with a guide association"))))
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
