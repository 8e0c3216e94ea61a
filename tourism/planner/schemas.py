from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from tourism.core.pagination import list_schema
from tourism.core.schemas import AMOUNT_CNY, Date
from tourism.core.urls import public_url
from tourism.planner import catalogue
from tourism.planner.enums import JobStatus, LegMode, MustSeeProblem, TravelMode
from tourism.zone.schemas import CityCode

HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error="Use HH:MM.")
MAX_DAYS = 14


class PoiQuerySchema(Schema):
    city = CityCode(load_default=None)
    theme = fields.String(load_default=None, validate=validate.OneOf(catalogue.THEMES))


class PoiSchema(Schema):
    id = fields.String()
    name_zh = fields.String()
    name_zh_hant = fields.String()
    name_en = fields.String()
    city = fields.String()
    lat = fields.Float()
    lon = fields.Float()
    address_zh = fields.String()
    themes = fields.List(fields.String())
    visit_minutes = fields.Integer()
    opening_hours = fields.Dict(keys=fields.String(), values=fields.List(fields.List(fields.String())))
    closed_on = fields.List(fields.String(), metadata={"description": "Monthly closures, e.g. last-mon"})
    ticket_cny = fields.Float()
    meal_on_site = fields.Boolean(metadata={"description": "Food is served there: lunch may be taken during the visit"})
    checked_on = fields.String()
    source = fields.Dict(keys=fields.String(), values=fields.String())


class PoiListSchema(Schema):
    items = fields.List(fields.Nested(PoiSchema))


class BaseSchema(Schema):
    id = fields.String()
    city = fields.String()
    name_zh = fields.String()
    name_en = fields.String()
    lat = fields.Float()
    lon = fields.Float()
    main = fields.Boolean(metadata={"description": "The city's central base (a city code in a request means it)"})
    source = fields.Dict(keys=fields.String(), values=fields.String())


BaseListSchema = list_schema(BaseSchema, "BaseListSchema")


def _known_pois(ids):
    unknown = [pid for pid in ids if pid not in catalogue.pois()]
    if unknown:
        raise ValidationError(f"Unknown places: {', '.join(unknown)}.")


class LockSchema(Schema):
    poi_id = fields.String(required=True, validate=lambda pid: _known_pois([pid]))
    day = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_DAYS),
                         metadata={"description": "The trip's day, from 1"})


class DayHoursSchema(Schema):
    day = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_DAYS),
                         metadata={"description": "The trip's day, from 1"})
    start = fields.String(required=True, validate=HHMM)
    end = fields.String(required=True, validate=HHMM)

    @validates_schema
    def check(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise ValidationError({"end": ["The day ends after it starts."]})


class LockChangeSchema(LockSchema):
    """A place to keep on a day; without ``day``, the day the earlier plan has it on."""

    day = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_DAYS),
                         metadata={"description": "The trip's day, from 1"})


class BaseCode(fields.String):
    """A night's base: a zone city's code (its central base) or a base id such as 440700-chikan."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        if catalogue.base_for(code) is None:
            raise ValidationError("Unknown base: use a zone city's code or a base id from GET /api/v1/bases.")
        return code


class ItineraryRequestSchema(Schema):
    start_date = Date(required=True)
    days = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_DAYS))
    start_city = CityCode(required=True)
    end_city = CityCode(load_default=None)
    themes = fields.Dict(keys=fields.String(validate=validate.OneOf(catalogue.THEMES)),
                         values=fields.Float(validate=validate.Range(min=0, max=10)), required=True)
    must_visit = fields.List(fields.String(), load_default=list, validate=_known_pois)
    avoid = fields.List(fields.String(), load_default=list, validate=_known_pois)
    day_start = fields.String(load_default="09:00", validate=HHMM)
    day_end = fields.String(load_default="18:00", validate=HHMM)
    group_size = fields.Integer(load_default=1, validate=validate.Range(min=1, max=200))
    budget_cny = fields.Float(load_default=None, allow_none=True, validate=AMOUNT_CNY)
    language = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^[a-z]{2}$"))
    bases = fields.List(BaseCode(allow_none=True), load_default=None, allow_none=True,
                        validate=validate.Length(max=MAX_DAYS),
                        metadata={"description": "Where to sleep each night (days - 1 of them): a city code or a "
                                                 "base id, or null for the planner to choose; all chosen when absent"})
    mode = TravelMode.field(load_default=TravelMode.CAR, metadata={
        "description": "car (a group's coach) or public (train, metro, taxi, intercity coach)"})
    max_travel_minutes_per_day = fields.Integer(load_default=180, validate=validate.Range(min=30, max=720))
    locked = fields.List(fields.Nested(LockSchema), load_default=list, validate=validate.Length(max=50),
                         metadata={"description": "Places to plan on a given day"})
    day_hours = fields.List(fields.Nested(DayHoursSchema), load_default=list, validate=validate.Length(max=MAX_DAYS),
                            metadata={"description": "Days with their own start and end (the others keep "
                                                     "day_start and day_end)"})
    time_limit_s = fields.Float(load_default=5.0, validate=validate.Range(min=0.5, max=60))
    seed = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2**31 - 1))
    background = fields.Boolean(data_key="async", load_default=False, metadata={
        "description": "Answer 202 at once with a job to poll instead of waiting for the plan"})

    @validates_schema
    def check(self, data, **kwargs):
        errors = {}
        if "day_start" in data and "day_end" in data and data["day_end"] <= data["day_start"]:
            errors["day_end"] = ["The day ends after it starts."]
        if "themes" in data and not any(weight > 0 for weight in data["themes"].values()):
            errors["themes"] = ["Give at least one theme a weight above zero."]
        for key in ("start_city", "end_city"):
            if data.get(key) and catalogue.main_base(data[key]) is None:
                errors[key] = ["The planner covers the zone's cities only."]
        if data.get("bases") is not None and len(data["bases"]) != data.get("days", 1) - 1:
            errors["bases"] = ["Give one base per night: days - 1 of them."]
        late = [lock["poi_id"] for lock in data.get("locked", []) if lock["day"] > data.get("days", MAX_DAYS)]
        if late:
            errors["locked"] = [f"Locked after the last day: {', '.join(late)}."]
        hour_days = [hours["day"] for hours in data.get("day_hours", [])]
        if any(day > data.get("days", MAX_DAYS) for day in hour_days) or len(set(hour_days)) != len(hour_days):
            errors["day_hours"] = ["Give each day's hours once, for days of the trip."]
        both = set(data.get("must_visit", [])) & set(data.get("avoid", []))
        if both:
            errors["avoid"] = [f"Both wanted and avoided: {', '.join(sorted(both))}."]
        if errors:
            raise ValidationError(errors)


class ItineraryEditSchema(Schema):
    """Changes to an earlier plan; everything not named is kept, including its locked places."""

    remove = fields.List(fields.String(), load_default=list, validate=[validate.Length(max=50), _known_pois],
                         metadata={"description": "Places to take out (they are avoided from now on)"})
    add = fields.List(fields.String(), load_default=list, validate=[validate.Length(max=50), _known_pois],
                      metadata={"description": "Places to add (as must-sees)"})
    lock = fields.List(fields.Nested(LockChangeSchema), load_default=list,
                       validate=validate.Length(max=50),
                       metadata={"description": "Places to keep on a day: the given day, or the day they are on now; "
                                                "a place moves to another day by locking it there"})
    unlock = fields.List(fields.String(), load_default=list, validate=[validate.Length(max=50), _known_pois])
    day_start = fields.String(validate=HHMM)
    day_end = fields.String(validate=HHMM)
    day_hours = fields.List(fields.Nested(DayHoursSchema), validate=validate.Length(max=MAX_DAYS),
                            metadata={"description": "Days to give their own start and end"})
    days = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_DAYS))
    bases = fields.List(BaseCode(allow_none=True), allow_none=True, validate=validate.Length(max=MAX_DAYS))
    max_travel_minutes_per_day = fields.Integer(validate=validate.Range(min=30, max=720))
    mode = TravelMode.field()
    background = fields.Boolean(data_key="async", load_default=False)

    @validates_schema
    def check(self, data, **kwargs):
        kept = set(data.get("add", [])) | {lock["poi_id"] for lock in data.get("lock", [])}
        both = kept & set(data.get("remove", []))
        if both:
            raise ValidationError({"remove": [f"Both removed and kept: {', '.join(sorted(both))}."]})


class StopSchema(Schema):
    poi_id = fields.String()
    arrive = fields.String()
    start = fields.String()
    end = fields.String()


class RailSchema(Schema):
    line_zh = fields.String()
    line_en = fields.String()
    board_zh = fields.String()
    board_en = fields.String()
    alight_zh = fields.String()
    alight_en = fields.String()


class LegSchema(Schema):
    from_ = fields.String(data_key="from", attribute="from", metadata={"description": "A place id or base:CODE"})
    to = fields.String()
    mode = LegMode.field()
    minutes = fields.Integer()
    rail = fields.Nested(RailSchema, metadata={"description": "For a train: the line and the stations"})


class LunchSchema(Schema):
    start = fields.String()
    end = fields.String()
    poi_id = fields.String(allow_none=True, metadata={"description": "Taken during this visit (food on site)"})


class DaySchema(Schema):
    date = fields.String()
    start_city = fields.String()
    base_city = fields.String(metadata={"description": "Where the day ends: that night's base"})
    start_base = fields.String(metadata={"description": "The morning's base id (see GET /api/v1/bases)"})
    base = fields.String(metadata={"description": "The night's base id"})
    stops = fields.List(fields.Nested(StopSchema))
    legs = fields.List(fields.Nested(LegSchema))
    lunch = fields.Nested(LunchSchema, allow_none=True)
    travel_minutes = fields.Integer()


class UnvisitedSchema(Schema):
    poi_id = fields.String()
    code = MustSeeProblem.field()
    reason = fields.Function(lambda u: MustSeeProblem.label_of(u["code"]) if u.get("code") else u.get("reason"),
                             metadata={"description": "The code in the request's language"})
    fix = fields.Dict(metadata={"description": "A change to the request that would let the place in, e.g. "
                                               "{\"day_end\": \"18:30\"} or {\"bases\": [...]}"})


class ItinerarySchema(Schema):
    id = fields.String()
    days = fields.List(fields.Nested(DaySchema))
    score = fields.Float()
    unvisited_must_visit = fields.List(fields.Nested(UnvisitedSchema))
    eligible_guides = fields.List(fields.String())
    seconds = fields.Float()


class PlanningJobSchema(Schema):
    id = fields.String()
    status = JobStatus.field()
    attempts = fields.Integer(metadata={"description": "Solves started so far (a stopped worker's job is retried)"})
    url = fields.Function(lambda job: public_url("planner_api.get_planning_job", job_id=job.id))
    itinerary_id = fields.String(allow_none=True)
    itinerary_url = fields.Function(
        lambda job: public_url("planner_api.get_itinerary", itinerary_id=job.itinerary_id)
        if job.itinerary_id else None, allow_none=True)
    error = fields.String(allow_none=True, metadata={"description": "Why the job failed"})
    created_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
