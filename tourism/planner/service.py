"""Planning requests: validate into an itinerary request, plan, add eligible guides, keep for a permalink."""

import uuid
from datetime import timedelta

from flask import current_app
from marshmallow import ValidationError

from tourism.core.errors import InvalidInput, NotFound, flatten_messages
from tourism.guides.service import eligible_guides_for
from tourism.planner import catalogue, edits, itinerary
from tourism.planner.models import Itinerary
from tourism.planner.schemas import ItineraryEditSchema, ItineraryRequestSchema


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _lunch() -> tuple[int, int, int]:
    config = current_app.config
    return (catalogue.minutes_of(config["PLANNER_LUNCH_FROM"]), catalogue.minutes_of(config["PLANNER_LUNCH_UNTIL"]),
            config["PLANNER_LUNCH_MINUTES"])


def to_request(data: dict) -> itinerary.Request:
    return itinerary.Request(
        start_date=data["start_date"], days=data["days"], start_city=data["start_city"],
        end_city=data.get("end_city") or data["start_city"], themes=data["themes"],
        day_start=catalogue.minutes_of(data["day_start"]), day_end=catalogue.minutes_of(data["day_end"]),
        lunch=_lunch(), group_size=data["group_size"], must_visit=list(data["must_visit"]),
        avoid=list(data["avoid"]), budget_cny=data.get("budget_cny"), bases=data.get("bases"), mode=data["mode"],
        max_travel=data["max_travel_minutes_per_day"],
        locked=[(lock["poi_id"], lock["day"] - 1) for lock in data["locked"]],
        day_hours={hours["day"] - 1: (catalogue.minutes_of(hours["start"]), catalogue.minutes_of(hours["end"]))
                   for hours in data.get("day_hours", [])},
        time_limit_s=data["time_limit_s"], seed=data["seed"])


def present(plan: itinerary.Plan) -> dict:
    return {
        "days": [{"date": day.date.isoformat(), "start_city": day.start_city, "base_city": day.base_city,
                  "start_base": day.start_base, "base": day.base,
                  "stops": [{"poi_id": s.poi_id, "arrive": _hhmm(s.arrive), "start": _hhmm(s.start),
                             "end": _hhmm(s.end)} for s in day.stops],
                  "legs": [{"from": leg.origin, "to": leg.to, "mode": leg.mode, "minutes": leg.minutes,
                            **({"rail": leg.rail} if leg.rail else {})} for leg in day.legs],
                  "lunch": {"start": _hhmm(day.lunch[0]), "end": _hhmm(day.lunch[1]), "poi_id": day.lunch_at}
                  if day.lunch else None,
                  "travel_minutes": day.travel_minutes} for day in plan.days],
        "score": round(plan.score, 3),
        "unvisited_must_visit": [{"poi_id": u.poi_id, "code": u.code, **({"fix": u.fix} if u.fix else {})}
                                 for u in plan.unvisited_must_visit],
        "seconds": round(plan.seconds, 3),
    }


def stored_request(data: dict) -> dict:
    """The request as ItineraryRequestSchema reads it back: dates as ISO text, without the async flag."""
    stored = {key: value for key, value in data.items() if key != "background"}
    return {**stored, "start_date": data["start_date"].isoformat()}


def create_itinerary(session, data: dict) -> dict:
    """Plan and keep the itinerary; guides are suggested for every city and date when a language is given."""
    request = to_request(data)
    result = present(itinerary.plan(request))
    cities = sorted({stop_city for day in result["days"] for stop_city in (day["start_city"], day["base_city"])})
    end_on = request.start_date + timedelta(days=request.days - 1)
    result["eligible_guides"] = (eligible_guides_for(session, cities=cities, start_on=request.start_date,
                                                     end_on=end_on, language=data["language"])
                                 if data.get("language") else [])
    record = Itinerary(id=uuid.uuid4().hex, request=stored_request(data),
                       result=result)
    session.add(record)
    session.flush()
    return {"id": record.id, **result}


def _record(session, itinerary_id: str) -> Itinerary:
    record = session.get(Itinerary, itinerary_id)
    if record is None:
        raise NotFound()
    return record


def get_itinerary(session, itinerary_id: str) -> dict:
    record = _record(session, itinerary_id)
    return {"id": record.id, **record.result}


def get_request(session, itinerary_id: str) -> dict:
    """The request an itinerary was planned from, as stored (ISO dates)."""
    return dict(_record(session, itinerary_id).request)


def _load(schema, raw: dict) -> dict:
    """``raw`` validated by ``schema`` as the API validates its bodies, or InvalidInput with each field's message."""
    try:
        return schema.load(raw)
    except ValidationError as error:
        raise InvalidInput(errors=flatten_messages(error.messages)) from error


def load_request(raw: dict) -> dict:
    """A plan request as a page submitted it."""
    return _load(ItineraryRequestSchema(), raw)


def load_changes(raw: dict) -> dict:
    """Changes to a plan as a page submitted them."""
    return _load(ItineraryEditSchema(), raw)


def edited_request(session, itinerary_id: str, changes: dict) -> dict:
    """The earlier itinerary's request with (validated) ``changes`` applied, validated as a new request."""
    record = _record(session, itinerary_id)
    return load_request(edits.edited_request(record.request, record.result, changes))
