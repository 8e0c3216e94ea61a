"""Pages: the incident board, reporting an incident, an incident with its acknowledgements and timeline."""

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourism.core import clock, history
from tourism.core.authz import can, require
from tourism.core.forms import ButtonForm
from tourism.core.pages import press, submit
from tourism.emergencies import rules, service
from tourism.emergencies.enums import ReportLevel
from tourism.emergencies.forms import IncidentForm, IncidentNoteForm, ReportForm
from tourism.extensions import db
from tourism.web.home import add_task
from tourism.zone.service import city_name

bp = Blueprint("emergencies", __name__)

add_task("regulator", "emergencies.board", _l("Incident board"),
         _l("Safety incidents across cities and who has acknowledged them."), action="incident.read",
         count=service.to_acknowledge, count_label=_l("to acknowledge"))


@bp.route("/incidents")
@login_required
def board():
    require("incident.read")
    return render_template("emergencies/board.html", incidents=service.board(db.session), now=clock.now(),
                           ack_form=ButtonForm())


@bp.route("/incidents/new", methods=["GET", "POST"])
@login_required
def new_incident():
    require("incident.report")
    form = IncidentForm()
    form.set_cities()
    result = submit(form, lambda: service.report_incident(
        db.session, current_user, grade=form.grade.data, kind=form.kind.data, cities=form.cities.data,
        occurred_at=form.occurred_at.data.replace(tzinfo=clock.LOCAL_TZ), summary=form.summary.data,
        dead_or_missing=form.dead_or_missing.data, seriously_injured=form.seriously_injured.data,
        stranded=form.stranded.data, agencies=form.agency_licences(),
        groups=form.group_numbers()))
    if result.done:
        return redirect(url_for("emergencies.incident", incident_id=result.value.id))
    return render_template("emergencies/incident_form.html", form=form), result.status


@bp.route("/incidents/<int:incident_id>")
@login_required
def incident(incident_id):
    require("incident.read")
    item = service.get_incident(db.session, incident_id)
    return render_template("emergencies/incident.html", incident=item, now=clock.now(), ack_form=ButtonForm(),
                           note_form=IncidentNoteForm(), report_form=ReportForm(), reports=service.reports_due(item),
                           may_follow=can("incident.follow", item), may_acknowledge=can("incident.acknowledge", item),
                           ack_minutes=rules.acknowledge_limit(item.grade).total_seconds() // 60,
                           history=history.of_stream(db.session, item.stream))


@bp.route("/incidents/<int:incident_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(incident_id):
    item = service.get_incident(db.session, incident_id)
    require("incident.acknowledge", item)
    press(ButtonForm(), lambda: service.acknowledge(db.session, current_user, item),
          _("Acknowledged for %(city)s.", city=city_name(current_user.city_code)))
    return redirect(url_for("emergencies.incident", incident_id=incident_id))


@bp.route("/incidents/<int:incident_id>/updates", methods=["POST"])
@login_required
def incident_update(incident_id):
    item = service.get_incident(db.session, incident_id)
    require("incident.follow", item)
    form = IncidentNoteForm()
    press(form, lambda: service.add_update(db.session, current_user, item, body=form.body.data), _("Update added."))
    return redirect(url_for("emergencies.incident", incident_id=incident_id))


@bp.route("/incidents/<int:incident_id>/reports", methods=["POST"])
@login_required
def record_report(incident_id):
    item = service.get_incident(db.session, incident_id)
    require("incident.follow", item)
    form = ReportForm()
    if form.level.data == ReportLevel.MINISTRY:
        require("incident.report_to_ministry")
    press(form, lambda: service.record_report(
        db.session, current_user, item, level=form.level.data,
        reported_at=form.reported_at.data.replace(tzinfo=clock.LOCAL_TZ), note=form.note.data or ""),
        _("The report is recorded."))
    return redirect(url_for("emergencies.incident", incident_id=incident_id))
