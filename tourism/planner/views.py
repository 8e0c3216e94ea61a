"""Pages: the planning form, the day-by-day result with an offline map, the .ics export and a print view."""

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tourism.core import clock
from tourism.core.pages import submit
from tourism.extensions import db, limiter
from tourism.guides.service import guide_cards
from tourism.planner import calendar, catalogue, fixes, jobs, mapdata, presentation, service, svgmap
from tourism.planner.enums import LegMode, MustSeeProblem
from tourism.planner.forms import THEME_LABELS, EditForm, PlanForm, fill_from
from tourism.web.home import add_task

bp = Blueprint("planner", __name__)

add_task("tourist", "planner.plan", _l("Plan a Lingnan trip"),
         _l("Gardens, ancestral halls, opera, martial arts, diaolou: a day-by-day plan across the nine cities."))


def _request_from(form) -> dict:
    raw = {"start_date": form.start_date.data.isoformat(), "days": form.days.data,
           "start_city": form.start_city.data, "end_city": form.end_city.data, "themes": form.themes(),
           "day_start": form.day_start.data, "day_end": form.day_end.data, "group_size": form.group_size.data,
           "budget_cny": form.budget_cny(), "language": form.language.data or None,
           "must_visit": form.must_visit.data or [], "avoid": form.avoid.data or [],
           "time_limit_s": current_app.config["PLANNER_PAGE_TIME_S"], "mode": form.mode.data,
           "max_travel_minutes_per_day": form.max_travel_minutes_per_day.data, "bases": form.chosen_nights()}
    return service.load_request(raw)


@bp.route("/plan", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PLANNER_RATE_LIMIT"], methods=["POST"])
def plan():
    form = PlanForm()

    if request.method == "GET" and request.args.get("from"):
        fill_from(form, service.get_request(db.session, request.args["from"]))
    result = submit(form, lambda: _start(_request_from(form)))
    if result.done:
        return redirect(result.value)
    return render_template("planner/plan.html", form=form, theme_fields=[f"theme_{s}" for s in THEME_LABELS],
                           theme_labels=THEME_LABELS, places=catalogue.pois(),
                           seconds=current_app.config["PLANNER_PAGE_TIME_S"]), result.status


@bp.route("/plan/jobs/<job_id>")
def job(job_id):
    """A background plan: progress until it is ready, then the itinerary; the reason if it failed."""
    planning_job = jobs.get_job(db.session, job_id)
    if planning_job.status == jobs.DONE:
        return redirect(url_for("planner.itinerary", itinerary_id=planning_job.itinerary_id))
    return render_template("planner/job.html", job=planning_job,
                           seconds=planning_job.request["time_limit_s"])


def _start(data: dict) -> str:
    """Plan as a job: solved at once when a planner is free, otherwise queued with its progress shown."""
    data["time_limit_s"] = jobs.time_limit_for(data["time_limit_s"], current_user.is_authenticated)
    job = jobs.submit(db.session, data, jobs.client_key(request.remote_addr))
    if job.status == jobs.DONE:
        return url_for("planner.itinerary", itinerary_id=job.itinerary_id)
    return url_for("planner.job", job_id=job.id)


def _view(itinerary_id):
    itinerary = service.get_itinerary(db.session, itinerary_id)
    pois = catalogue.pois()
    return itinerary, pois


@bp.route("/itineraries/<itinerary_id>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PLANNER_RATE_LIMIT"], methods=["POST"])
def itinerary(itinerary_id, printable=False):
    """The plan; its buttons post a change here and open the re-planned itinerary (a new permalink)."""
    result, pois = _view(itinerary_id)
    stored = service.get_request(db.session, itinerary_id)
    form = EditForm()
    if not printable:
        done = submit(form, lambda: _start(service.edited_request(
            db.session, itinerary_id, service.load_changes(form.changes()))))
        if done.done:
            return redirect(done.value)
    map_data = svgmap.draw(result["days"], pois, catalogue.bases(), clock.today())
    return render_template("planner/itinerary.html", itinerary=result, trip=presentation.trip(result, stored),
                           map_routes=mapdata.routes(result["days"], pois, catalogue.bases()),
                           request_data=stored, pois=pois, map=map_data, printable=printable,
                           day_hours={h["day"]: (h["start"], h["end"]) for h in stored.get("day_hours", [])},
                           describe_fix=fixes.describe, MustSeeProblem=MustSeeProblem, LegMode=LegMode,
                           guides=guide_cards(db.session, result.get("eligible_guides", [])), form=form,
                           ), 422 if form.is_submitted() and not printable else 200


@bp.route("/itineraries/<itinerary_id>/print")
def print_view(itinerary_id):
    return itinerary(itinerary_id, printable=True)


@bp.route("/itineraries/<itinerary_id>.ics")
def ics(itinerary_id):
    result, pois = _view(itinerary_id)
    return Response(calendar.to_ics(result, pois, clock.now()), mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename=itinerary-{itinerary_id}.ics"})
