from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DateTimeLocalField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tourism.core.forms import choices
from tourism.inspections.enums import Finding


class InspectionForm(FlaskForm):
    at = DateTimeLocalField(_l("When"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()])
    city = SelectField(_l("City"))
    place = StringField(_l("Where the group is (a stop of today's sheet, or the place's name)"),
                        validators=[Optional(), Length(max=200)])
    guide_licence_no = StringField(_l("Licence number of the guide with the group (blank if none)"),
                                   validators=[Optional(), Length(max=16)])
    findings = SelectMultipleField(_l("What you found"), choices=choices(*Finding.choices()),
                                   validators=[Optional()], widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput())
    note = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])
    photos = MultipleFileField(_l("Photos (JPEG or PNG, up to 5, 5 MB each)"))
    open_case = BooleanField(_l("Open a case in my city's log on these findings"))
