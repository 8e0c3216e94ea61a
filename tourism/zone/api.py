"""Reference data for API clients: cities and zones."""

from tourism.core import clock
from tourism.core.api import Blueprint
from tourism.zone import service
from tourism.zone.schemas import CityListSchema, ZoneListSchema

blp = Blueprint("zone_api", __name__, description="Cities (GB/T 2260) and zones")


@blp.route("/cities", methods=["GET"])
@blp.response(200, CityListSchema)
def list_cities():
    """Guangdong's prefecture-level cities, flagged when they belong to the zone."""
    today = clock.today()
    return {"items": [
        {**vars(city), "in_zone": service.is_zone_city(city.code, today)} for city in service.all_cities()
    ]}


@blp.route("/zones", methods=["GET"])
@blp.response(200, ZoneListSchema)
def list_zones():
    """The zones (cross-city agreements) with their members as of today."""
    today = clock.today()
    return {"items": [
        {**vars(zone), "members": zone.member_codes(today)} for zone in service.all_zones()
    ]}
