from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from tourism.agencies.enums import DepositKind, FilingStatus, LicenceStatus, PenaltyKind, Scope
from tourism.agencies.validation import LICENCE_NO_MESSAGE, LICENCE_NO_PATTERN
from tourism.core.forms import AMOUNT_CNY, choices, not_future, version_field
from tourism.guides.validation import LICENCE_NO_MESSAGE as GUIDE_LICENCE_NO_MESSAGE
from tourism.guides.validation import LICENCE_NO_PATTERN as GUIDE_LICENCE_NO_PATTERN
from tourism.zone.forms import CityField

LICENCE_PATTERN = Regexp(LICENCE_NO_PATTERN, message=LICENCE_NO_MESSAGE)


class AgencyForm(FlaskForm):
    licence_no = StringField(_l("Licence number"), validators=[DataRequired(), LICENCE_PATTERN])
    name = StringField(_l("Name (Chinese)"), validators=[DataRequired(), Length(min=2, max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), Length(max=200)])
    home_city = CityField(_l("Home city"), validators=[DataRequired()])
    licensed_on = DateField(_l("Licensed on"), validators=[Optional()])
    outbound = BooleanField(_l("Licensed for outbound business"))
    deposit_cny = IntegerField(_l("Quality deposit held (CNY)"), default=0,
                               validators=[InputRequired(), AMOUNT_CNY])
    deposit_kind = SelectField(_l("Held as"), choices=choices(*DepositKind.choices()), default=DepositKind.ACCOUNT)
    deposit_since = DateField(_l("Paid in or last topped up on"), validators=[Optional()])
    guarantee_expires_on = DateField(_l("Bank guarantee valid until"), validators=[Optional()])
    complaint_phone = StringField(_l("Complaint phone"), validators=[Optional(), Length(max=40)])


class DepositForm(FlaskForm):
    deposit_cny = IntegerField(_l("Quality deposit held (CNY)"),
                               validators=[InputRequired(), AMOUNT_CNY])
    deposit_kind = SelectField(_l("Held as"), choices=choices(*DepositKind.choices()))
    deposit_since = DateField(_l("Paid in or last topped up on"), validators=[Optional()])
    guarantee_expires_on = DateField(_l("Bank guarantee valid until"), validators=[Optional()])
    version = version_field()


class PenaltyForm(FlaskForm):
    kind = SelectField(_l("Penalty"), choices=choices(*PenaltyKind.choices()))
    decided_on = DateField(_l("Decided on"), validators=[DataRequired()])
    harms_tourists = BooleanField(_l("For harming tourists' rights (侵害旅游者合法权益)"))
    document_no = StringField(_l("Decision number"), validators=[DataRequired(), Length(max=64)])
    authority = StringField(_l("Deciding authority"), validators=[DataRequired(), Length(max=200)])


class LicenceStatusForm(FlaskForm):
    status = SelectField(_l("Licence status"), choices=choices(*LicenceStatus.choices()))
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=1000)])
    version = version_field()


class OfficeForm(FlaskForm):
    """A branch or an outlet; the view removes the fields that do not apply to the kind."""

    city = CityField(_l("City"), validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(min=2, max=200)])
    address = StringField(_l("Address"), validators=[DataRequired(), Length(min=2, max=300)])
    manager = StringField(_l("Manager"), validators=[Optional(), Length(max=100)])
    established_on = DateField(_l("Registered with the market regulator on"), validators=[DataRequired()])
    outbound = BooleanField(_l("Outbound business"))
    branch_id = SelectField(_l("Belongs to"), coerce=int, choices=[], validate_choice=True)


class ResubmitForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(min=2, max=200)])
    address = StringField(_l("Address"), validators=[DataRequired(), Length(min=2, max=300)])
    manager = StringField(_l("Manager"), validators=[Optional(), Length(max=100)])
    established_on = DateField(_l("Registered with the market regulator on"), validators=[DataRequired()])
    outbound = BooleanField(_l("Outbound business"))
    version = version_field()


class ClosureForm(FlaskForm):
    closed_on = DateField(_l("Closed on"), validators=[DataRequired(), not_future])
    version = version_field()


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=choices(("filed", _l("File it")), ("returned", _l("Return it"))),
                          validators=[DataRequired()])
    reason = TextAreaField(_l("Reason (required to return)"), validators=[Optional(), Length(max=1000)])
    version = version_field()


class DirectorySearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = StringField(_l("Name or number"), validators=[Optional(), Length(max=100)])
    city = CityField(_l("City"), blank=True, validators=[Optional()])
    scope = SelectField(_l("Scope"), choices=choices(*Scope.choices(blank=_l("Any scope"))), validators=[Optional()])


class EmploymentForm(FlaskForm):
    licence_no = StringField(_l("Guide licence number"), validators=[
        DataRequired(), Regexp(GUIDE_LICENCE_NO_PATTERN, message=GUIDE_LICENCE_NO_MESSAGE)])
    start_on = DateField(_l("Employed from"), validators=[DataRequired()])


class EndEmploymentForm(FlaskForm):
    end_on = DateField(_l("Last day of employment"), validators=[DataRequired()])


class FilingFilterForm(FlaskForm):
    """The filings list's filters (a GET form: no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Office, filing number or agency"), validators=[Optional(), Length(max=100)])
    status = SelectField(_l("Status"), choices=choices(*FilingStatus.choices(blank=_l("Any status"))),
                         default=FilingStatus.SUBMITTED, validators=[Optional()])
    city = CityField(_l("City"), blank=True, validators=[Optional()])
