"""JSON API: working days by the State Council's notices, for agencies counting their own filing dates."""

from tourism.calendar import service
from tourism.calendar.schemas import WorkingDaySchema, WorkingDaysQuerySchema
from tourism.core.api import Blueprint
from tourism.extensions import db

blp = Blueprint("calendar_api", __name__, url_prefix="/calendar", description="Mainland working days")


@blp.route("/working-days", methods=["GET"])
@blp.arguments(WorkingDaysQuerySchema, location="query")
@blp.response(200, WorkingDaySchema)
@blp.errors(422)
def working_days(query):
    """The day a limit of ``days`` working days counted from ``from`` ends (``from`` itself not counted).

    Years with a loaded State Council notice follow it; other years count the statutory holidays of
    《全国年节及纪念日放假办法》 alone, and the answer is then ``provisional``.
    """
    return service.add_working_days(db.session, query["from_"], query["days"])
