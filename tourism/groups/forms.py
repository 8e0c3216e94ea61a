"""Page forms: filing and amending a group (rows of stops, guides and receiving agencies), the receiving
agency's answer, and the regulators' list filters."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from tourism.core.forms import PHONE, choices, in_range, version_field
from tourism.core.i18n import local_name
from tourism.groups.enums import Origin, ReceivingStatus, StopKind
from tourism.guides.enums import GuideRole
from tourism.guides.forms import spoken_language_choices
from tourism.planner import catalogue
from tourism.planner.forms import HHMM
from tourism.zone.forms import CityField, PrefectureField, city_choices

STOP_ROWS, GUIDE_ROWS, RECEIVING_ROWS = 6, 2, 1


def _place_choices():
    places = sorted(catalogue.pois().values(), key=lambda p: (p.city, p.id))
    return choices(("", _l("Another place (name it)")), *((p.id, local_name(p)) for p in places))


class StopRow(Form):
    """One stop; a row without a date and time is ignored."""

    on_date = DateField(_l("Day"), validators=[Optional(), in_range])
    time = StringField(_l("Time"), validators=[Optional(), HHMM])
    poi_id = SelectField(_l("Place"), validators=[Optional()])
    place = StringField(_l("Or name the place"), validators=[Optional(), Length(max=200)])
    city = CityField(_l("City"), validators=[Optional()], prompt=_l("Choose the city"))
    kind = SelectField(_l("What"), choices=choices(*StopKind.choices()), default=StopKind.VISIT)
    minutes = IntegerField(_l("Minutes"), validators=[Optional(), NumberRange(min=0, max=1440)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.poi_id.choices = _place_choices()

    @property
    def filled(self) -> bool:
        return bool(self.on_date.data or self.time.data)


class GuideRow(Form):
    licence_no = StringField(_l("Guide licence number"), validators=[Optional(), Length(max=16)])
    role = SelectField(_l("Role"), choices=choices(*GuideRole.choices()), default=GuideRole.LOCAL)
    cities = SelectMultipleField(_l("Cities they lead in"), validators=[Optional()])
    start_on = DateField(_l("From"), validators=[Optional(), in_range])
    end_on = DateField(_l("To"), validators=[Optional(), in_range])
    agency_licence_no = StringField(_l("Dispatched by (licence number; blank: the organiser or the receiving "
                                       "agency of those days)"), validators=[Optional(), Length(max=32)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cities.choices = city_choices()

    @property
    def filled(self) -> bool:
        return bool((self.licence_no.data or "").strip())


class ReceivingRow(Form):
    agency_licence_no = StringField(_l("Receiving agency (licence number)"), validators=[Optional(), Length(max=32)])
    cities = SelectMultipleField(_l("Cities handed over"), validators=[Optional()])
    start_on = DateField(_l("From"), validators=[Optional(), in_range])
    end_on = DateField(_l("To"), validators=[Optional(), in_range])
    branch_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$")])  # the receiving branch, as filed

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cities.choices = city_choices()

    @property
    def filled(self) -> bool:
        return bool((self.agency_licence_no.data or "").strip())


def _filled(rows):
    return [(index, entry.form) for index, entry in enumerate(rows) if entry.form.filled]


def _stop_values(stops) -> list[dict]:
    return [{"on_date": s.on_date, "time": s.time, "poi_id": s.poi_id or "", "place": "" if s.poi_id else s.place,
             "city": s.city, "kind": s.kind, "minutes": s.minutes} for s in stops]


def _guide_values(guides) -> list[dict]:
    return [{"licence_no": g.guide.licence_no, "role": g.role, "cities": g.cities, "start_on": g.start_on,
             "end_on": g.end_on, "agency_licence_no": g.dispatched_by.licence_no} for g in guides]


def _fill_rows(rows: FieldList, values: list[dict], spare: int) -> None:
    while len(rows.entries):
        rows.pop_entry()
    for value in values:
        entry = rows.append_entry()
        for name, data in value.items():
            getattr(entry.form, name).data = data
    room = rows.max_entries - len(values) if rows.max_entries else spare
    for _ in range(min(max(spare - len(values), 2), room)):
        rows.append_entry()


class ItineraryRowsForm(FlaskForm):
    """The rows of stops and guides, shared by the organiser's filing and a receiving agency's part."""

    stops = FieldList(FormField(StopRow), min_entries=STOP_ROWS, max_entries=400)
    guides = FieldList(FormField(GuideRow), min_entries=GUIDE_ROWS, max_entries=50)

    def itinerary(self) -> tuple[dict, dict]:
        """``days`` and ``guides`` as the service takes them, and where each of its error paths points here."""
        where: dict[str, str] = {}
        days: dict[date, list] = {}
        for index, row in _filled(self.stops):
            days.setdefault(row.on_date.data, []).append((index, row))
        day_list = []
        for d, (day, rows) in enumerate(sorted(days.items(), key=lambda item: item[0] or date.min)):
            where[f"days.{d}.date"] = f"stops.{rows[0][0]}.on_date"
            for s, (index, _row) in enumerate(rows):
                where[f"days.{d}.stops.{s}"] = f"stops.{index}"
            day_list.append({"date": day, "stops": [
                {"time": row.time.data or "", "poi_id": row.poi_id.data or None, "place": row.place.data or "",
                 "city": row.city.data or None, "kind": row.kind.data, "minutes": row.minutes.data or 0}
                for _index, row in rows]})
        guides = []
        for g, (index, row) in enumerate(_filled(self.guides)):
            where[f"guides.{g}"] = f"guides.{index}"
            guides.append({"licence_no": row.licence_no.data.strip().upper(), "role": row.role.data,
                           "cities": row.cities.data or [], "start_on": row.start_on.data, "end_on": row.end_on.data,
                           "agency_licence_no": (row.agency_licence_no.data or "").strip() or None})
        return {"days": day_list, "guides": guides}, where

    def validate_stop_rows(self) -> bool:
        """Each filled stop row has its day, time and minutes (a half-filled row is an error, not ignored)."""
        ok = True
        for _index, row in _filled(self.stops):
            for field in (row.on_date, row.time, row.minutes):
                if field.data in (None, ""):
                    field.errors = [*field.errors, _l("Needed for each stop.")]
                    ok = False
        return ok


class GroupForm(ItineraryRowsForm):
    branch_id = SelectField(_l("Filed by"), validators=[Optional()])
    start_on = DateField(_l("First day"), validators=[DataRequired(), in_range])
    end_on = DateField(_l("Last day"), validators=[DataRequired(), in_range])
    tourists = IntegerField(_l("Tourists"), validators=[DataRequired(), NumberRange(min=1, max=10000)])
    language = SelectField(_l("Group's language"), validators=[Optional()])
    origin = SelectField(_l("Tourists"), choices=choices(*Origin.choices()), default=Origin.DOMESTIC)
    origin_region = StringField(_l("Inbound from (e.g. Hong Kong, Macau, Taiwan, a country)"),
                                validators=[Optional(), Length(max=100)])
    contract_no = StringField(_l("Electronic contract number"), validators=[Optional(), Length(max=64)])
    contract_city = PrefectureField(_l("Where the contract was signed"), validators=[Optional()])
    contract_end_on = DateField(_l("The contract's last day"), validators=[Optional(), in_range])
    shopping_minutes = IntegerField(_l("Shopping agreed in the contract (minutes)"), default=0,
                                    validators=[Optional(), NumberRange(min=0, max=86400)])
    leader_name = StringField(_l("Group leader's name"), validators=[DataRequired(), Length(max=100)])
    leader_phone = StringField(_l("Group leader's phone"), validators=[DataRequired(), PHONE])
    coach_plate = StringField(_l("Coach plate"), validators=[Optional(), Length(max=16)])
    coach_operator = StringField(_l("Coach operator"), validators=[Optional(), Length(max=200)])
    coach_driver = StringField(_l("Driver"), validators=[Optional(), Length(max=100)])
    itinerary_id = StringField(_l("Import a saved plan (its number, from the plan's address)"),
                               validators=[Optional(), Length(max=32), Regexp(r"^[A-Za-z0-9_-]+$")])
    receiving = FieldList(FormField(ReceivingRow), min_entries=RECEIVING_ROWS, max_entries=20)

    def __init__(self, *args, branches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.branch_id.choices = choices(("", _l("The agency itself")),
                                         *((str(b.id), f"{b.name} ({b.filing_no or b.status.label})")
                                           for b in branches))
        self.language.choices = spoken_language_choices(_l("Chinese, no language named"))

    def filing(self) -> tuple[dict, dict]:
        """The service's arguments, and where each of its error paths points on this form."""
        itinerary, where = self.itinerary()
        receiving = []
        for r, (index, row) in enumerate(_filled(self.receiving)):
            where[f"receiving.{r}"] = f"receiving.{index}"
            receiving.append({"agency_licence_no": row.agency_licence_no.data.strip(),
                              "branch_id": int(row.branch_id.data) if row.branch_id.data else None,
                              "cities": row.cities.data or [], "start_on": row.start_on.data or self.start_on.data,
                              "end_on": row.end_on.data or self.end_on.data})
        data = {
            "branch_id": int(self.branch_id.data) if self.branch_id.data else None,
            "start_on": self.start_on.data, "end_on": self.end_on.data, "tourists": self.tourists.data,
            "leader": {"name": self.leader_name.data, "phone": self.leader_phone.data},
            "language": self.language.data or None,
            "origin": {"kind": self.origin.data, "region": self.origin_region.data or ""},
            "contract": {"no": self.contract_no.data or "", "city": self.contract_city.data or None,
                         "end_on": self.contract_end_on.data, "shopping_minutes": self.shopping_minutes.data or 0},
            "coach": {"plate": self.coach_plate.data or "", "operator": self.coach_operator.data or "",
                      "driver": self.coach_driver.data or ""},
            "itinerary_id": self.itinerary_id.data or None,
            "days": itinerary["days"] or None, "guides": itinerary["guides"], "receiving": receiving,
        }
        return data, where

    def fill_from(self, group) -> None:
        """Show a filed group's current version, with room for more rows."""
        self.branch_id.data = str(group.branch_id) if group.branch_id else ""
        for name in ("start_on", "end_on", "tourists", "language", "origin", "origin_region", "contract_no",
                     "contract_city", "contract_end_on", "leader_name", "leader_phone", "coach_plate",
                     "coach_operator", "coach_driver", "itinerary_id"):
            getattr(self, name).data = getattr(group, name)
        self.shopping_minutes.data = group.shopping_allowed_minutes
        _fill_rows(self.stops, _stop_values(group.stops), STOP_ROWS)
        _fill_rows(self.guides, _guide_values(group.guides), GUIDE_ROWS)
        _fill_rows(self.receiving, [{"agency_licence_no": p.agency.licence_no, "cities": p.cities,
                                     "start_on": p.start_on, "end_on": p.end_on,
                                     "branch_id": str(p.branch_id) if p.branch_id else ""} for p in group.receiving],
                   RECEIVING_ROWS)


class AmendForm(GroupForm):
    version = version_field()


class PartForm(ItineraryRowsForm):
    """A receiving agency's part: the stops of its days and cities, and the local guides it dispatches."""

    version = version_field()

    def fill_from(self, group, part) -> None:
        _fill_rows(self.stops, _stop_values(s for s in group.stops
                                            if part.start_on <= s.on_date <= part.end_on and s.city in part.cities),
                   STOP_ROWS)
        _fill_rows(self.guides, _guide_values(g for g in group.guides if g.dispatched_by_id == part.agency_id),
                   GUIDE_ROWS)


class ReceivingDecisionForm(FlaskForm):
    decision = SelectField(_l("Your answer"), choices=choices(
        (ReceivingStatus.ACCEPTED.value, _l("Accept these days")),
        (ReceivingStatus.DECLINED.value, _l("Decline them"))))
    reason = TextAreaField(_l("Reason (needed to decline)"), validators=[Optional(), Length(max=1000)])
    version = version_field()  # the group's version the agency read: a group changed since is answered again


class CityGroupsFilterForm(FlaskForm):
    class Meta:
        csrf = False

    city = CityField(_l("City"), validators=[Optional()], blank=True)
    date = DateField(_l("Day"), validators=[Optional(), in_range])
    shopping_over = BooleanField(_l("Shopping beyond the contract"))
    with_findings = BooleanField(_l("Inspections with findings"))
    guides_not_eligible = BooleanField(_l("Guides not eligible"))
