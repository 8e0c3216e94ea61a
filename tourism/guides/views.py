"""Pages: the regulators' registry, guide records, CSV import, the guide's own page, inspectors' checks."""

import re
from functools import partial

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourism.complaints.service import complaint_record, guides_to_review
from tourism.core import clock, history
from tourism.core.authz import can, require
from tourism.core.errors import DomainError, NotFound
from tourism.core.forms import filter_value, form_error_text
from tourism.core.pages import confirmation, submit
from tourism.core.pagination import page_from_args
from tourism.core.urls import public_url
from tourism.extensions import db
from tourism.guides import credentials, csv_exchange, service
from tourism.guides.enums import GuideStatus, RecordedStatus
from tourism.guides.forms import (
    AffiliationForm,
    BarForm,
    CredentialCheckForm,
    GuideForm,
    GuideSearchForm,
    ImportCommitForm,
    ImportForm,
    PhotoForm,
    StatusForm,
)
from tourism.guides.models import Guide
from tourism.guides.qr import qr_svg
from tourism.web.home import add_task

bp = Blueprint("guides", __name__)

add_task("guide", "guides.verify_credential", _l("Check a guide's credential"),
         _l("Paste or scan a guide's signed credential; it checks offline against the published key."))
add_task("guide", "guides.my_licence", _l("My licence"),
         _l("Your status, affiliation and a signed credential to show inspectors."), action="guide.self",
         landing=("guide",))
add_task("regulator", "guides.registry", _l("Guide registry"),
         _l("Register, renew, suspend and import guides; every change kept."), action="guide.registry",
         count=guides_to_review, count_label=_l("to review"))


@bp.app_context_processor
def labels():
    return {"GuideStatus": GuideStatus}


def _split_languages(text: str) -> list[str]:
    return [part.lower() for part in re.split(r"[\s,;、，；]+", text or "") if part]


# --- the registry (regulators) ---------------------------------------------------------------

@bp.route("/guides")
@login_required
def registry():
    require("guide.registry")
    form = GuideSearchForm(request.args)
    form.validate()
    page, per_page = page_from_args(request.args, default_per_page=50)
    results = service.search_guides(db.session, **_filters(form), page=page, per_page=per_page)
    return render_template("guides/registry.html", form=form, results=results, today=clock.today())


def _filters(form) -> dict:
    """The registry's filters as the service takes them (an invalid one is ignored)."""
    value = filter_value
    return {"text": value(form.q), "city": value(form.city), "status": value(form.status),
            "level": value(form.level), "language": value(form.language), "sort": value(form.sort) or "licence"}


@bp.route("/guides/export.csv")
@login_required
def export_csv():
    require("guide.registry")
    form = GuideSearchForm(request.args)
    form.validate()
    guides = db.session.scalars(service.guides_query(**_filters(form)))
    return Response(csv_exchange.export(guides), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=guides.csv"})


@bp.route("/guides/new", methods=["GET", "POST"])
@login_required
def new_guide():
    require("guide.import")
    form = GuideForm()
    if request.method == "GET" and current_user.city_code:
        form.home_city.data = current_user.city_code
    if form.is_submitted():
        require("guide.create", city=form.home_city.data)
    result = submit(form, lambda: service.create_guide(
        db.session, current_user, licence_no=form.licence_no.data.strip(), name=form.name.data,
        home_city=form.home_city.data, level=form.level.data, languages=_split_languages(form.languages.data),
        issued_on=form.issued_on.data, expires_on=form.expires_on.data, id_number=form.id_number.data or None))
    if result.done:
        flash(_("Guide %(no)s registered.", no=result.value.licence_no), "success")
        return redirect(url_for("guides.record", licence_no=result.value.licence_no))
    return render_template("guides/guide_form.html", form=form), result.status


def _record_context(guide: Guide, **forms):
    return {
        "guide": guide, "regulate": can("guide.regulate", guide), "today": clock.today(),
        "history": history.of_stream(db.session, guide.stream),
        "renewal_opens": service.renewal_opens(guide),
        "status_form": forms.get("status_form") or StatusForm(version=guide.version),
        "affiliation_form": forms.get("affiliation_form") or AffiliationForm(),
        "bar_form": forms.get("bar_form") or BarForm(),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "complaints": complaint_record(db.session, subject_kind="guide", licence_no=guide.licence_no)
        if can("guide.registry") else None,
    }


def _guide_for_page(licence_no):
    guide = service.get_guide(db.session, licence_no)
    require("guide.view", guide)
    return guide


@bp.route("/guides/<licence_no>")
@login_required
def record(licence_no):
    guide = _guide_for_page(licence_no)
    return render_template("guides/record.html", **_record_context(guide))


def _record_action(licence_no, form, form_key, authorise, act, done_message):
    """One of the record page's forms: loaded and authorised from the stored record and the user's own scope,
    then done, or the record (which the user may see) again with the input kept and why it was refused."""
    guide = _guide_for_page(licence_no)
    authorise(guide)
    result = submit(form, lambda: act(guide))
    if result.done:
        flash(done_message, "success")
        return redirect(url_for("guides.record", licence_no=licence_no))
    guide = service.get_guide(db.session, licence_no)
    return render_template("guides/record.html", **_record_context(guide, **{form_key: form})), result.status


def _regulate(guide):
    require("guide.regulate", guide)


@bp.route("/guides/<licence_no>/status", methods=["POST"])
@login_required
def change_status(licence_no):
    form = StatusForm()
    if form.status.data in (RecordedStatus.SUSPENDED, RecordedStatus.REVOKED):
        guide = _guide_for_page(licence_no)
        _regulate(guide)
        revoke = form.status.data == RecordedStatus.REVOKED
        asking = confirmation(
            form, question=(_("Revoke the licence of %(name)s (%(no)s)?", name=guide.name, no=guide.licence_no)
                            if revoke else _("Suspend the licence of %(name)s (%(no)s)?", name=guide.name,
                                             no=guide.licence_no)),
            consequences=(_("The guide may no longer lead groups, inspectors see the licence as revoked, and no "
                            "new licence may be issued to this person for three years (《旅游法》 art. 103).")
                          if revoke else _("The guide may not lead groups until the suspension ends; inspectors "
                                           "see the licence as suspended.")),
            cancel_url=url_for("guides.record", licence_no=licence_no))
        if asking:
            return asking
    return _record_action(licence_no, form, "status_form", _regulate, lambda guide: service.change_status(
        db.session, current_user, guide, status=form.status.data, reason=form.reason.data, until=form.until.data,
        version=int(form.version.data)), _("The licence status was changed."))


@bp.route("/guides/<licence_no>/affiliations", methods=["POST"])
@login_required
def add_affiliation(licence_no):
    form = AffiliationForm()

    def authorise(guide):
        require("guide.affiliate", **service.affiliation_scope(
            db.session, guide, kind=form.kind.data, agency_licence_no=form.agency_licence_no.data or None))

    return _record_action(licence_no, form, "affiliation_form", authorise, lambda guide: service.add_affiliation(
        db.session, current_user, guide, kind=form.kind.data, start_on=form.start_on.data, end_on=form.end_on.data,
        agency_licence_no=form.agency_licence_no.data or None, association=form.association.data),
        _("Affiliation recorded."))


@bp.route("/guides/<licence_no>/bars", methods=["POST"])
@login_required
def add_bar(licence_no):
    form = BarForm()
    return _record_action(licence_no, form, "bar_form", _regulate, lambda guide: service.add_bar(
        db.session, current_user, guide, reason=form.reason.data, start_on=form.start_on.data,
        end_on=form.end_on.data), _("Bar recorded."))


@bp.route("/guides/<licence_no>/photo", methods=["POST"])
@login_required
def upload_photo(licence_no):
    form = PhotoForm()
    return _record_action(licence_no, form, "photo_form", _regulate, lambda guide: service.set_photo(
        db.session, current_user, guide, data=form.photo.data.read()), _("Photo saved."))


def _photo_response(guide):
    if guide is None or guide.photo is None:
        abort(404)
    return Response(guide.photo.data, mimetype=guide.photo.content_type, headers={"Cache-Control": "no-store"})


@bp.route("/guides/<licence_no>/photo.img")
@login_required
def photo(licence_no):
    """The guide's photo for those who may see the record (the guide, regulators)."""
    return _photo_response(_guide_for_page(licence_no))


@bp.route("/v/<credential>/photo")
def credential_photo(credential):
    """The photo on the page a scanned code opens: only with an authentic, unexpired credential, so that a
    licence number alone does not give anyone the guide's face."""
    check = credentials.verify(credential, credentials.signing_key().public_key(), clock.now())
    if check.reason not in ("ok", "licence_not_active", "licence_out_of_date"):
        abort(404)
    return _photo_response(service.find_guide(db.session, check.claims["licence_no"]))


# --- CSV import --------------------------------------------------------------------------------

def _import_scope():
    return None if current_user.role == "provincial" else current_user.city_code


@bp.route("/guides/import", methods=["GET", "POST"])
@login_required
def import_upload():
    require("guide.import")
    form = ImportForm()
    if form.validate_on_submit():
        try:
            text = csv_exchange.decode(form.file.data.read())
            report = csv_exchange.run(db.session, current_user, text=text, allowed_city=_import_scope(), commit=False)
            db.session.rollback()
            return render_template("guides/import_report.html", report=report,
                                   commit_form=ImportCommitForm(content=text))
        except DomainError as error:
            db.session.rollback()
            form.file.errors = list(form.file.errors) + [str(error.message)]
    status = 422 if form.errors else 200
    return render_template("guides/import.html", form=form), status


@bp.route("/guides/import/commit", methods=["POST"])
@login_required
def import_commit():
    require("guide.import")
    form = ImportCommitForm()
    result = submit(form, lambda: csv_exchange.run(db.session, current_user, text=form.content.data,
                                                   allowed_city=_import_scope(), commit=True))
    if not result.done:
        flash(form_error_text(form), "error")
        return redirect(url_for("guides.import_upload"))
    return render_template("guides/import_report.html", report=result.value, commit_form=None)


# --- the guide's own page ------------------------------------------------------------------------

@bp.route("/me/guide")
@login_required
def my_licence():
    require("guide.self")
    guide = db.session.get(Guide, current_user.guide_id)
    if guide is None:
        raise NotFound()
    token, claims = credentials.issue(guide)
    link = public_url("guides.credential_page", credential=token)
    return render_template("guides/my_licence.html", guide=guide, card=service.inspector_card(guide),
                           credential=token, claims=claims, credential_qr=qr_svg(link), credential_url=link,
                           verify_url=public_url("guides.verify_page", licence_no=guide.licence_no))


# --- inspectors (public) -------------------------------------------------------------------------

@bp.route("/verify/<licence_no>")
def verify_page(licence_no):
    guide = service.find_guide(db.session, licence_no)
    if guide is None:
        return render_template("guides/verify.html", card=None, licence_no=licence_no), 404
    url = public_url("guides.verify_page", licence_no=licence_no)
    return render_template("guides/verify.html", card=service.inspector_card(guide), licence_no=licence_no,
                           qr=qr_svg(url), url=url)


@bp.route("/v/<credential>")
def credential_page(credential):
    """What a phone opens when it scans a guide's QR code: the credential checked online, in large type."""
    result = credentials.verify_online(credential, credentials.signing_key().public_key(), clock.now(),
                                       partial(service.status_today, db.session))
    guide = service.find_guide(db.session, result.claims["licence_no"]) if result.claims else None
    card = service.inspector_card(guide) if guide is not None else None
    photo_url = url_for("guides.credential_photo", credential=credential) if card and card.has_photo else None
    return render_template("guides/credential_page.html", result=result, card=card, checked_at=clock.now(),
                           photo_url=photo_url)


@bp.route("/verify", methods=["GET", "POST"])
def verify_credential():
    form = CredentialCheckForm()
    result = None
    status = 200
    if form.validate_on_submit():
        result = credentials.verify_online(form.credential.data, credentials.signing_key().public_key(),
                                           clock.now(), partial(service.status_today, db.session))
    elif form.errors:
        status = 422
    return render_template("guides/verify_credential.html", form=form, result=result, checked_at=clock.now(),
                           key=credentials.published_key()), status
