import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from tourism.core.forms import AMOUNT_CNY, HEADCOUNT, CityField, choices, city_choices
from tourism.incidents import rules

RESPONDENT_CHOICES = (("agency", _l("A travel agency")), ("guide", _l("A tour guide")),
                      ("poi", _l("A scenic spot or place")), ("other", _l("Someone else")))
STATE_LABELS = {"received": _l("received"), "accepted": _l("accepted"), "not_accepted": _l("not accepted"),
                "mediation": _l("in mediation"), "investigation": _l("under investigation"), "decided": _l("decided"),
                "closed": _l("closed"), "reopened": _l("reopened on appeal")}
OUTCOME_LABELS = {"upheld": _l("upheld"), "partly_upheld": _l("partly upheld"), "rejected": _l("rejected")}
GRADE_CHOICES = (("IV", _l("IV · general (一般)")), ("III", _l("III · major (较大)")),
                 ("II", _l("II · serious (重大)")), ("I", _l("I · especially serious (特别重大)")))
KIND_CHOICES = (("accident", _l("Accident")), ("natural_disaster", _l("Natural disaster (e.g. typhoon)")),
                ("public_health", _l("Public-health event")), ("crowding", _l("Crowding")), ("other", _l("Other")))


class ComplaintForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=100)])
    phone = StringField(_l("Your phone"), validators=[DataRequired(), Regexp(r"^[0-9+\-() ]{5,30}$")])
    respondent_kind = SelectField(_l("Whom is the complaint against?"), choices=choices(*RESPONDENT_CHOICES))
    respondent_ref = StringField(_l("Licence number or name"), validators=[Optional(), Length(max=200)])
    contract_city = CityField(_l("City where the contract was signed"), blank=True, validators=[Optional()])
    incident_city = CityField(_l("City where it happened"), validators=[DataRequired()])
    occurred_on = DateField(_l("Date"), validators=[DataRequired()])
    description = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=10_000)])
    claim_cny = IntegerField(_l("What you claim (CNY, optional)"), validators=[Optional(), AMOUNT_CNY])
    urgent = BooleanField(_l("It is still going on and must be stopped now"))
    attachments = MultipleFileField(_l("Photos or PDF (up to 5 files, 5 MB each)"))
    # Sending the form twice (a double click, a retry after a lost connection) files one complaint.
    submission_key = HiddenField(default=lambda: uuid.uuid4().hex, validators=[Optional(), Length(max=64)])


class TrackForm(FlaskForm):
    tracking_no = StringField(_l("Tracking number"), validators=[DataRequired(), Length(max=20)])
    access_code = StringField(_l("Access code"), validators=[DataRequired(), Length(max=40)])


class AttachForm(FlaskForm):
    tracking_no = HiddenField(validators=[DataRequired()])
    access_code = HiddenField(validators=[DataRequired()])
    file = FileField(_l("Add a photo or PDF"), validators=[DataRequired()])


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=choices(("", _l("Any status")), *STATE_LABELS.items()),
                         validators=[Optional()])
    city = CityField(_l("City"), blank=True, validators=[Optional()])
    respondent = StringField(_l("Respondent"), validators=[Optional(), Length(max=100)])
    overdue = BooleanField(_l("Overdue only"))


class TransitionForm(FlaskForm):
    to = SelectField(_l("Move to"), choices=[])
    note = TextAreaField(_l("Note (told to the complainant when refusing, deciding, closing or reopening)"),
                         validators=[Optional(), Length(max=5000)])
    outcome = SelectField(_l("Outcome (when deciding)"), choices=choices(("", "—"), *OUTCOME_LABELS.items()),
                          validators=[Optional()])
    compensation_cny = IntegerField(_l("Compensation (CNY)"), validators=[Optional(), AMOUNT_CNY])
    version = HiddenField(validators=[DataRequired()])

    def set_targets(self, status):
        self.to.choices = choices(*((state, STATE_LABELS[state]) for state in rules.TRANSITIONS.get(status, ())))


class TransferForm(FlaskForm):
    city = SelectField(_l("Transfer to"), choices=[])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    version = HiddenField(validators=[DataRequired()])

    def set_cities(self, designate: bool):
        province = [("440000", _l("The province takes the case"))] if designate else []
        self.city.choices = choices(*province) + city_choices()


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=5000)])
    for_complainant = BooleanField(_l("Show it to the complainant"))


class IncidentForm(FlaskForm):
    grade = SelectField(_l("Grade"), choices=choices(*GRADE_CHOICES))
    kind = SelectField(_l("Kind"), choices=choices(*KIND_CHOICES))
    cities = SelectMultipleField(_l("Affected cities"), choices=[], validators=[DataRequired()])
    occurred_at = DateTimeLocalField(_l("When it happened"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()])
    summary = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=5000)])
    dead_or_missing = IntegerField(_l("Dead or missing"), validators=[Optional(), HEADCOUNT])
    seriously_injured = IntegerField(_l("Seriously injured"), validators=[Optional(), HEADCOUNT])
    stranded = IntegerField(_l("Stranded over 24 hours"), validators=[Optional(), HEADCOUNT])

    def set_cities(self):
        self.cities.choices = city_choices()


class IncidentNoteForm(FlaskForm):
    body = TextAreaField(_l("Update"), validators=[DataRequired(), Length(max=5000)])


class CsrfOnlyForm(FlaskForm):
    """Buttons that post (acknowledge)."""
