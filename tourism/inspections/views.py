"""Pages: a group's inspections, and the form an inspector fills in on the spot."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tourism.complaints import attachments
from tourism.core import clock
from tourism.core.authz import can, require
from tourism.core.errors import NotFound
from tourism.core.forms import choices
from tourism.core.pages import submit
from tourism.core.pagination import page_from_args
from tourism.extensions import db
from tourism.groups.service import get_group, sheet_day
from tourism.inspections import service
from tourism.inspections.enums import Finding
from tourism.inspections.forms import InspectionForm
from tourism.zone.service import city_name

bp = Blueprint("inspections", __name__)


@bp.route("/groups/<group_no>/inspections", methods=["GET", "POST"])
@login_required
@attachments.upload_budget
def inspections(group_no):
    group = get_group(db.session, group_no)
    require("group.read", group)
    page, per_page = page_from_args(request.args)
    form = None
    if can("group.inspect", group):
        form = InspectionForm()
        cities = [current_user.city_code] if current_user.city_code in group.cities else []
        form.city.choices = choices(*((c, city_name(c)) for c in cities))
        if not form.is_submitted():
            form.at.data = clock.now().replace(second=0, microsecond=0, tzinfo=None)
        result = submit(form, lambda: service.record_inspection(
            db.session, current_user, group, at=form.at.data.replace(tzinfo=clock.LOCAL_TZ), city=form.city.data,
            findings=form.findings.data or [], note=form.note.data, guide_licence_no=form.guide_licence_no.data,
            place=form.place.data, open_a_case=form.open_case.data,
            photos=[f.read() for f in form.photos.data or [] if f and f.filename]))
        if result.done:
            inspection = result.value
            flash(_("The inspection is recorded; case %(no)s is opened.", no=inspection.case_no) if inspection.case_no
                  else _("The inspection is recorded."), "success")
            return redirect(url_for("inspections.inspections", group_no=group.group_no))
        status = result.status
    else:
        status = 200
    today = sheet_day(group, clock.today()) if group.start_on <= clock.today() <= group.end_on else None
    return render_template("inspections/inspections.html", group=group, form=form, today=today, tz=clock.LOCAL_TZ,
                           finding_label=Finding.label_of,
                           inspections=service.inspections_of(db.session, group, page=page, per_page=per_page)), status


@bp.route("/groups/<group_no>/inspections/<int:inspection_id>/photos/<int:photo_id>")
@login_required
def photo(group_no, inspection_id, photo_id):
    group = get_group(db.session, group_no)
    require("group.read", group)
    found = service.get_photo(db.session, group, inspection_id, photo_id)
    if found is None:
        raise NotFound()
    response = Response(attachments.read(found.storage_key), mimetype=found.content_type)
    response.headers["Cache-Control"] = "private, no-store"
    return response
