"""JSON API: the place catalogue and itinerary planning."""

from flask import current_app, jsonify, request
from flask_login import current_user

from tourism.core.api import Blueprint
from tourism.core.pagination import PageArgsSchema, page_of
from tourism.core.urls import public_url
from tourism.extensions import db, limiter
from tourism.planner import catalogue, jobs, service
from tourism.planner.schemas import (
    BaseListSchema,
    ItineraryEditSchema,
    ItineraryRequestSchema,
    ItinerarySchema,
    PlanningJobSchema,
    PoiListSchema,
    PoiQuerySchema,
)

blp = Blueprint("planner_api", __name__, description="Lingnan places and multi-day itineraries")


@blp.route("/pois", methods=["GET"])
@blp.arguments(PoiQuerySchema, location="query")
@blp.response(200, PoiListSchema)
def list_pois(query):
    """The places the planner knows, each fact with its source; filter by city and theme."""
    return {"items": catalogue.search(query["city"], query["theme"])}


@blp.route("/bases", methods=["GET"])
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, BaseListSchema)
def list_bases(query):
    """Where a trip may spend the night: each city's centre and the towns where tourists stay, with sources."""
    return page_of(list(catalogue.bases().values()), query["page"], query["per_page"])


@blp.route("/itineraries", methods=["POST"])
@limiter.limit(lambda: current_app.config["PLANNER_RATE_LIMIT"])
@blp.arguments(ItineraryRequestSchema)
@blp.response(201, ItinerarySchema)
@blp.alt_response(202, schema=PlanningJobSchema, description="With async: the job to poll (Location header)")
@blp.errors(429, 503)
def create_itinerary(data):
    """Plan a multi-day trip: one route a day between the nights' bases, maximising the themes' weights.

    With `"async": true` the answer is 202 at once, with the job's URL to poll; the plan is solved by a
    background worker when the service runs with Redis, or before answering when it does not.
    """
    return _plan(data, background=data["background"])


@blp.route("/itineraries/<itinerary_id>/edits", methods=["POST"])
@limiter.limit(lambda: current_app.config["PLANNER_RATE_LIMIT"])
@blp.arguments(ItineraryEditSchema)
@blp.response(201, ItinerarySchema)
@blp.alt_response(202, schema=PlanningJobSchema, description="With async: the job to poll (Location header)")
@blp.errors(404, 429, 503)
def edit_itinerary(changes, itinerary_id):
    """Re-plan an itinerary with changes (remove, add, lock or move places; the days' hours, nights, travel).

    The answer is a new itinerary with its own id (`Location`); the earlier one stays as it was. Places
    locked before stay locked unless removed or unlocked.
    """
    data = service.edited_request(db.session, itinerary_id, changes)
    return _plan(data, background=changes["background"])


def _plan(data: dict, *, background: bool):
    data["time_limit_s"] = jobs.time_limit_for(data["time_limit_s"], current_user.is_authenticated)
    if background:
        job = jobs.submit(db.session, data, jobs.client_key(request.remote_addr))
        body = PlanningJobSchema().dump(job)
        return jsonify(body), 202, {"Location": body["url"]}
    result = jobs.plan_now(db.session, data)
    db.session.commit()
    return result, 201, {"Location": public_url("planner_api.get_itinerary", itinerary_id=result["id"])}


@blp.route("/planning-jobs/<job_id>", methods=["GET"])
@blp.response(200, PlanningJobSchema)
@blp.errors(404)
def get_planning_job(job_id):
    """Where a background plan stands: queued, running, done (with the itinerary's URL) or failed (with why)."""
    return jobs.get_job(db.session, job_id)


@blp.route("/itineraries/<itinerary_id>", methods=["GET"])
@blp.response(200, ItinerarySchema)
@blp.errors(404)
def get_itinerary(itinerary_id):
    """A planned itinerary by its permalink id."""
    return service.get_itinerary(db.session, itinerary_id)
