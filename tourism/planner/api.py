"""JSON API: the place catalogue and itinerary planning."""

from tourism.core.api import Blueprint
from tourism.extensions import db
from tourism.planner import catalogue, service
from tourism.planner.schemas import ItineraryRequestSchema, ItinerarySchema, PoiListSchema, PoiQuerySchema

blp = Blueprint("planner_api", __name__, description="Lingnan places and multi-day itineraries")


@blp.route("/pois", methods=["GET"])
@blp.arguments(PoiQuerySchema, location="query")
@blp.response(200, PoiListSchema)
def list_pois(query):
    """The places the planner knows, each fact with its source; filter by city and theme."""
    return {"items": catalogue.search(query["city"], query["theme"])}


@blp.route("/itineraries", methods=["POST"])
@blp.arguments(ItineraryRequestSchema)
@blp.response(201, ItinerarySchema)
def create_itinerary(data):
    """Plan a multi-day trip: one route a day between the nights' bases, maximising the themes' weights."""
    result = service.create_itinerary(db.session, data)
    db.session.commit()
    return result


@blp.route("/itineraries/<itinerary_id>", methods=["GET"])
@blp.response(200, ItinerarySchema)
@blp.errors(404)
def get_itinerary(itinerary_id):
    """A planned itinerary by its permalink id."""
    return service.get_itinerary(db.session, itinerary_id)
