import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from tourism.complaints import rules
from tourism.complaints.enums import CaseState, ComplaintStatus, Outcome, RespondentKind
from tourism.core.forms import AMOUNT_CNY, PHONE, choices, in_range, version_field
from tourism.zone.forms import CityField, PrefectureField, zone_city_choices

MAX_CO_COMPLAINANTS = 50


class CoComplainantForm(Form):
    """Another complainant with the same cause (a row of the form; blank rows are ignored)."""

    name = StringField(_l("Full name"), validators=[Optional(), Length(max=100)])
    phone = StringField(_l("Phone"), validators=[Optional(), PHONE])
    representative = BooleanField(_l("Representative"))


class ComplaintForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=100)])
    phone = StringField(_l("Your phone"), validators=[DataRequired(), PHONE])
    representative = BooleanField(_l("I am a representative of the group"))
    co_complainants = FieldList(FormField(CoComplainantForm), min_entries=3, max_entries=MAX_CO_COMPLAINANTS)
    group_no = StringField(_l("Tour group number (on the itinerary sheet, if you were in a group)"),
                           validators=[Optional(), Length(max=24)])
    respondent_kind = SelectField(_l("Whom is the complaint against?"), choices=choices(*RespondentKind.choices()))
    respondent_ref = StringField(_l("Licence number or name"), validators=[Optional(), Length(max=200)])
    contract_city = PrefectureField(_l("Where the tour contract was signed"), validators=[DataRequired()],
                                    unknown_label=_l("No tour contract, or not known"))
    contract_end_on = DateField(_l("When the tour ended (the contract's last day)"), validators=[Optional()])
    incident_city = CityField(_l("City where it happened"), validators=[DataRequired()],
                              prompt=_l("Choose the city"))
    occurred_on = DateField(_l("Date"), validators=[DataRequired()])
    description = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=10_000)])
    claim_cny = IntegerField(_l("What you claim (CNY, optional)"), validators=[Optional(), AMOUNT_CNY])
    urgent = BooleanField(_l("It is still going on and must be stopped now"))
    attachments = MultipleFileField(_l("Photos or PDF (up to 5 files, 5 MB each)"))
    # Sending the form twice (a double click, a retry after a lost connection) files one complaint.
    submission_key = HiddenField(default=lambda: uuid.uuid4().hex, validators=[Optional(), Length(max=64)])

    def co_complainant_rows(self) -> list[dict]:
        """The filled rows, as the service takes them."""
        return [{"name": row.form.name.data, "phone": row.form.phone.data,
                 "representative": row.form.representative.data}
                for row in self.co_complainants if (row.form.name.data or row.form.phone.data)]


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

    tracking_no = StringField(_l("Tracking number"), validators=[Optional(), Length(max=40)])
    state = SelectField(_l("Cases"), choices=choices(*CaseState.choices()), default=CaseState.OPEN)
    status = SelectField(_l("Status"), choices=choices(*ComplaintStatus.choices(blank=_l("Any status"))),
                         validators=[Optional()])
    city = CityField(_l("City"), blank=True, validators=[Optional()])
    respondent = StringField(_l("Respondent"), validators=[Optional(), Length(max=100)])
    received_from = DateField(_l("Received from"), validators=[Optional(), in_range])
    received_to = DateField(_l("Received until"), validators=[Optional(), in_range])
    overdue = BooleanField(_l("Overdue only"))
    sort = SelectField(_l("Order"), choices=choices(("newest", _l("Newest first")), ("oldest", _l("Oldest first"))),
                       default="newest")



class TransitionForm(FlaskForm):
    to = SelectField(_l("Move to"), choices=[])
    note = TextAreaField(_l("Note (told to the complainant when refusing, deciding, closing or reopening)"),
                         validators=[Optional(), Length(max=5000)])
    outcome = SelectField(_l("Outcome (when deciding)"), choices=choices(*Outcome.choices(blank="—")),
                          validators=[Optional()])
    compensation_cny = IntegerField(_l("Compensation (CNY)"), validators=[Optional(), AMOUNT_CNY])
    contract_end_on = DateField(_l("When accepting: the day the tour contract ended"), validators=[Optional()])
    without_contract = BooleanField(_l("When accepting: there was no tour contract"))
    version = version_field()

    def set_targets(self, status):
        self.to.choices = choices(*((state.value, state.label) for state in rules.TRANSITIONS.get(status, ())))


class TransferForm(FlaskForm):
    city = SelectField(_l("Transfer to"), choices=[])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    version = version_field()

    def set_cities(self, designate: bool):
        province = [("440000", _l("The province takes the case"))] if designate else []
        self.city.choices = choices(*province) + zone_city_choices()


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=5000)])
    for_complainant = BooleanField(_l("Show it to the complainant"))


class ContractEndForm(FlaskForm):
    ended_on = DateField(_l("The tour contract ended on"), validators=[Optional()])
    no_contract = BooleanField(_l("There was no tour contract"))
    version = version_field()


class RespondentNoticeForm(FlaskForm):
    notified_on = DateField(_l("Complaint sent to the respondent on"), validators=[DataRequired()])
    version = version_field()


class RespondentReplyForm(FlaskForm):
    replied_on = DateField(_l("Written reply received on"), validators=[DataRequired()])
    version = version_field()


class TransferOutForm(FlaskForm):
    city = PrefectureField(_l("Place of the competent authority"), validators=[DataRequired()])
    authority = StringField(_l("Receiving authority"), validators=[DataRequired(), Length(max=200)])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    version = version_field()
