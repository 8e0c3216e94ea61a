"""The guide licence registry: guides, their status, affiliations and bars.

Rules applied here:
- Licence numbers follow the national pattern D-0000-000000: 'D', four digits of the issuing region
  (the first two the province), six of sequence; the province must be the home city's.
- A licence is valid for 3 years (导游管理办法 art. 13).
- Status changes are made by the home city's regulator or the province, each with a reason; every
  change is appended to the guide's hash-chained history (tourism.core.audit).
"""

import calendar
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, timedelta

from babel import Locale, UnknownLocaleError
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified

from tourism.agencies.service import find_agency
from tourism.core import audit, clock
from tourism.core.errors import Conflict, InvalidInput, NotFound, check_version, field_error
from tourism.core.pagination import Page, paginate
from tourism.guides.eligibility import check_eligibility
from tourism.guides.enums import AffiliationKind, GuideStatus, Level, RecordedStatus
from tourism.guides.models import Affiliation, DisciplinaryBar, Guide, GuideLanguage, GuidePhoto
from tourism.guides.recognition import uncovered_days
from tourism.guides.validation import LICENCE_NO_PATTERN, NAME_MAX
from tourism.zone.service import all_cities, is_known_city

LICENCE_PATTERN = re.compile(LICENCE_NO_PATTERN)
VALIDITY_YEARS = 3  # 导游管理办法 art. 13
REVOCATION_BAR_YEARS = 3  # 《旅游法》art. 103


def is_language_code(code: str) -> bool:
    """An ISO 639-1 code that Babel knows (so its name can be shown in both languages)."""
    if not (isinstance(code, str) and len(code) == 2 and code.isalpha() and code.islower()):
        return False
    try:
        Locale(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def id_digest(id_number: str | None) -> str | None:
    """A keyed hash of a personal ID number: lets a re-import match a person without storing the number."""
    if not id_number:
        return None
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, id_number.strip().upper().encode(), hashlib.sha256).hexdigest()


def find_guide(session, licence_no: str) -> Guide | None:
    return session.scalar(select(Guide).where(Guide.licence_no == licence_no))


def status_today(session, licence_no: str) -> str | None:
    """The registry's status of a licence today, or None when no such licence is registered."""
    guide = find_guide(session, licence_no)
    return guide.status if guide else None


def get_guide(session, licence_no: str) -> Guide:
    guide = find_guide(session, licence_no)
    if guide is None:
        raise NotFound(_("No guide licence %(no)s is registered.", no=licence_no))
    return guide


def validate_guide_fields(licence_no, name, home_city, level, languages, issued_on, expires_on) -> dict:
    """Field errors for a guide record (shared by the API, the pages and the CSV import)."""
    errors = {}
    if not licence_no or not LICENCE_PATTERN.match(licence_no):
        errors["licence_no"] = [_("Use the national pattern D-0000-000000.")]
    if not name or not name.strip() or len(name) > NAME_MAX:
        errors["name"] = [_("Give the name (at most %(n)d characters).", n=NAME_MAX)]
    if not home_city or not is_known_city(home_city):
        errors["home_city"] = [_("Unknown city code.")]
    elif "licence_no" not in errors and licence_no[2:4] != home_city[:2]:
        errors["licence_no"] = [_("The licence's region code does not belong to the home city's province.")]
    if level not in Level.values():
        errors["level"] = [_("Use junior, intermediate, senior or special.")]
    bad = [code for code in languages or [] if not is_language_code(code)]
    if not languages:
        errors["languages"] = [_("Give at least one language.")]
    elif bad:
        errors["languages"] = [_("Not ISO 639-1 codes: %(codes)s.", codes=", ".join(map(str, bad)))]
    if issued_on and expires_on:
        if expires_on <= issued_on:
            errors["expires_on"] = [_("The expiry date comes after the issue date.")]
        elif expires_on > clock.years_after(issued_on, VALIDITY_YEARS):
            errors["expires_on"] = [_("A licence is valid for at most 3 years (导游管理办法 art. 13).")]
    return errors


def _set_languages(guide: Guide, codes: list[str]) -> None:
    unique = list(dict.fromkeys(codes))
    guide.languages = [GuideLanguage(code=code, position=i) for i, code in enumerate(unique)]


def revocation_bar(session, digest: str | None, issued_on: date) -> tuple[Guide, date] | None:
    """《旅游法》art. 103: a guide whose licence was revoked may not hold a new one for three years from the
    revocation. The revoked licence and the bar's last day, when a licence issued on ``issued_on`` to the
    person with ``digest`` falls within it."""
    if digest is None:
        return None
    revoked = session.scalars(select(Guide).where(Guide.id_digest == digest,
                                                  Guide.recorded_status == RecordedStatus.REVOKED,
                                                  Guide.revoked_on.is_not(None)))
    for guide in revoked:
        ends = clock.years_after(guide.revoked_on, REVOCATION_BAR_YEARS)
        if guide.revoked_on <= issued_on < ends:
            return guide, ends - timedelta(days=1)
    return None


def create_guide(session, actor, *, licence_no, name, home_city, level, languages, issued_on, expires_on,
                 id_number=None) -> Guide:
    errors = validate_guide_fields(licence_no, name, home_city, level, languages, issued_on, expires_on)
    if errors:
        raise InvalidInput(errors=errors)
    if find_guide(session, licence_no) is not None:
        raise field_error("licence_no", _("A guide with this licence number is registered."), Conflict)
    digest = id_digest(id_number)
    barred = revocation_bar(session, digest, issued_on)
    if barred:
        revoked, last_day = barred
        raise InvalidInput(_("This person's licence %(no)s was revoked on %(day)s: no new licence until %(until)s "
                             "(《旅游法》第一百零三条).", no=revoked.licence_no, day=revoked.revoked_on.isoformat(),
                             until=last_day.isoformat()),
                           errors={"id_number": [_("Barred until %(until)s after a revocation "
                                                   "(《旅游法》第一百零三条).", until=last_day.isoformat())]},
                           code="revocation_bar")
    guide = Guide(licence_no=licence_no, name=name.strip(), home_city=home_city, level=level, issued_on=issued_on,
                  expires_on=expires_on, id_digest=digest)
    _set_languages(guide, languages)
    session.add(guide)
    session.flush()
    audit.record(session, guide.stream, "registered", actor, name=guide.name, home_city=home_city, level=level,
                 languages=guide.language_codes, issued_on=issued_on, expires_on=expires_on,
                 identity_recorded=digest is not None)
    return guide


EDITABLE = ("name", "level", "languages", "issued_on", "expires_on")


def update_guide(session, actor, guide: Guide, *, version=None, **changes) -> Guide:
    """Correct or renew a guide's record (the home city may not change: it is where the licence lives)."""
    check_version(guide, version)
    merged = {"name": guide.name, "level": guide.level, "languages": guide.language_codes,
              "issued_on": guide.issued_on, "expires_on": guide.expires_on}
    merged.update({k: v for k, v in changes.items() if k in EDITABLE and v is not None})
    errors = validate_guide_fields(guide.licence_no, merged["name"], guide.home_city, merged["level"],
                                   merged["languages"], merged["issued_on"], merged["expires_on"])
    if errors:
        raise InvalidInput(errors=errors)
    diff = {}
    for key in EDITABLE:
        before = guide.language_codes if key == "languages" else getattr(guide, key)
        if merged[key] != before:
            diff[key] = [before, merged[key]]
    if "languages" in diff:
        _set_languages(guide, merged["languages"])
    for key in ("name", "level", "issued_on", "expires_on"):
        setattr(guide, key, merged[key])
    if diff:
        session.flush()
        audit.record(session, guide.stream, "updated", actor, changes=diff)
    return guide


def change_status(session, actor, guide: Guide, *, status: str, reason: str, until: date | None = None,
                  version=None) -> Guide:
    """Suspend (until a last day, or open-ended), reinstate or revoke, with a reason."""
    check_version(guide, version)
    if not (reason or "").strip():
        raise field_error("reason", _("Give the reason for the change."))
    if status not in tuple(RecordedStatus):
        raise field_error("status", _("Use active, suspended or revoked."))
    if guide.recorded_status == RecordedStatus.REVOKED:
        raise Conflict(_("A revoked licence cannot change; a new licence is a new record."), code="revoked")
    if status == RecordedStatus.SUSPENDED and until is not None and until < clock.today():
        raise field_error("until", _("A suspension ends today or later."))
    if status != RecordedStatus.SUSPENDED and until is not None:
        raise field_error("until", _("Only a suspension has an end date."))
    before = guide.status
    guide.recorded_status = status
    guide.suspended_until = until if status == RecordedStatus.SUSPENDED else None
    guide.revoked_on = clock.today() if status == RecordedStatus.REVOKED else None
    # Written even when the status stays the same, so the version moves on: two decisions made on
    # one state conflict (409) instead of both being recorded in an order the row does not show.
    flag_modified(guide, "recorded_status")
    session.flush()
    audit.record(session, guide.stream, "status", actor, before=before, after=status, until=until,
                 reason=reason.strip())
    return guide


def affiliation_scope(session, guide: Guide, *, kind: str, agency_licence_no: str | None) -> dict:
    """What recording an affiliation touches, for the ``guide.affiliate`` rule.

    Only an employment is the agency's own business: registration with a guide association lets every
    agency dispatch the guide, so it is for the guide's home city (or the province) alone, whatever
    agency the form names.
    """
    agency = find_agency(session, agency_licence_no) if kind == AffiliationKind.EMPLOYMENT and agency_licence_no \
        else None
    return {"city": guide.home_city, "agency": agency.id if agency else None}


def add_affiliation(session, actor, guide: Guide, *, kind: str, start_on: date, end_on=None, agency_licence_no=None,
                    association="") -> Affiliation:
    """Record employment by an agency, or registration with a guide association (then any agency may dispatch)."""
    errors = {}
    agency = None
    if kind not in tuple(AffiliationKind):
        errors["kind"] = [_("Use employment or association.")]
    if kind == AffiliationKind.EMPLOYMENT and agency_licence_no:
        agency = find_agency(session, agency_licence_no)
        if agency is None:
            errors["agency_licence_no"] = [_("No agency with licence number %(no)s.", no=agency_licence_no)]
    elif kind == AffiliationKind.EMPLOYMENT:
        errors["agency_licence_no"] = [_("Employment is with an agency: give its licence number.")]
    if end_on is not None and end_on < start_on:
        errors["end_on"] = [_("The end comes on or after the start.")]
    if kind == AffiliationKind.EMPLOYMENT and agency is not None:
        clash = [a for a in guide.affiliations if a.kind == AffiliationKind.EMPLOYMENT
                 and a.start_on <= (end_on or date.max) and (a.end_on is None or start_on <= a.end_on)]
        if any(a.agency_id == agency.id for a in clash):
            errors["start_on"] = [_("The guide is already employed by this agency then; change or end that "
                                    "employment instead of recording it again.")]
        elif clash:
            errors["start_on"] = [_("The guide is employed by another agency then; end that employment first.")]
    if errors:
        raise InvalidInput(errors=errors)
    affiliation = Affiliation(guide=guide, kind=kind, agency=agency, association=(association or "").strip(),
                              start_on=start_on, end_on=end_on)
    session.add(affiliation)
    flag_modified(guide, "recorded_status")  # a new version: two concurrent additions cannot both pass the check
    session.flush()
    audit.record(session, guide.stream, "affiliated", actor, affiliation_id=affiliation.id, kind=kind,
                 agency=agency.licence_no if agency else None, association=affiliation.association,
                 start_on=start_on, end_on=end_on)
    return affiliation


def get_affiliation(session, affiliation_id: int) -> Affiliation:
    affiliation = session.get(Affiliation, affiliation_id)
    if affiliation is None:
        raise NotFound()
    return affiliation


def end_affiliation(session, actor, affiliation: Affiliation, *, end_on: date) -> Affiliation:
    if end_on < affiliation.start_on:
        raise field_error("end_on", _("The end comes on or after the start."))
    if affiliation.end_on is not None and affiliation.end_on < end_on:
        raise field_error("end_on", _("This affiliation already ended on %(day)s.", day=affiliation.end_on))
    affiliation.end_on = end_on
    session.flush()
    audit.record(session, affiliation.guide.stream, "affiliation_ended", actor, affiliation_id=affiliation.id,
                 end_on=end_on)
    return affiliation


def add_bar(session, actor, guide: Guide, *, reason: str, start_on: date, end_on=None) -> DisciplinaryBar:
    if not (reason or "").strip():
        raise field_error("reason", _("Give the reason for the change."))
    if end_on is not None and end_on < start_on:
        raise field_error("end_on", _("The end comes on or after the start."))
    bar = DisciplinaryBar(guide=guide, reason=reason.strip(), start_on=start_on, end_on=end_on)
    session.add(bar)
    session.flush()
    audit.record(session, guide.stream, "barred", actor, bar_id=bar.id, reason=bar.reason, start_on=start_on,
                 end_on=end_on)
    return bar


def lift_bar(session, actor, bar: DisciplinaryBar, *, last_day: date) -> DisciplinaryBar:
    """End a bar: ``last_day`` is its last day (the day before its start cancels it)."""
    if last_day < bar.start_on - timedelta(days=1):
        raise field_error("end_on", _("The end comes on or after the start."))
    bar.end_on = last_day
    session.flush()
    audit.record(session, bar.guide.stream, "bar_lifted", actor, bar_id=bar.id, end_on=last_day)
    return bar


PHOTO_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
MAX_PHOTO_BYTES = 512 * 1024


def set_photo(session, actor, guide: Guide, *, data: bytes) -> GuidePhoto:
    """Store a JPEG or PNG photo; the type is read from the bytes, not from the upload's claim."""
    content_type = next((kind for magic, kind in PHOTO_TYPES.items() if data.startswith(magic)), None)
    if content_type is None:
        raise field_error("photo", _("Upload a JPEG or PNG image."))
    if len(data) > MAX_PHOTO_BYTES:
        raise field_error("photo", _("The photo is larger than 512 KB."))
    guide.photo = GuidePhoto(content_type=content_type, data=data)
    session.flush()
    audit.record(session, guide.stream, "photo", actor, bytes=len(data), content_type=content_type)
    return guide.photo


GUIDE_ORDERS = {"licence": (Guide.licence_no,), "name": (Guide.name, Guide.licence_no),
                "expires": (Guide.expires_on, Guide.licence_no)}


def guides_query(*, text=None, city=None, status=None, level=None, language=None, sort="licence"):
    """Guides matching the regulators' filters, in licence order (or by name, or soonest expiry first);
    ``status`` is the derived one (expired included)."""
    query = select(Guide)
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(or_(Guide.name.ilike(pattern), Guide.licence_no.ilike(pattern)))
    if city:
        query = query.where(Guide.home_city == city)
    if level:
        query = query.where(Guide.level == level)
    if language:
        query = query.where(exists().where(GuideLanguage.guide_id == Guide.id, GuideLanguage.code == language))
    if status:
        query = query.where(_status_clause(status, clock.today()))
    return query.options(selectinload(Guide.languages)).order_by(*GUIDE_ORDERS.get(sort, GUIDE_ORDERS["licence"]))


def search_guides(session, *, page=1, per_page=50, **filters) -> Page:
    return paginate(session, guides_query(**filters), page, per_page)


def _status_clause(status, today):
    suspended_now = and_(Guide.recorded_status == RecordedStatus.SUSPENDED,
                         or_(Guide.suspended_until.is_(None), Guide.suspended_until >= today))
    if status == "revoked":
        return Guide.recorded_status == RecordedStatus.REVOKED
    if status == "suspended":
        return suspended_now
    not_barred = and_(Guide.recorded_status != RecordedStatus.REVOKED, ~suspended_now)
    if status == "expired":
        return and_(not_barred, Guide.expires_on < today)
    return and_(not_barred, Guide.expires_on >= today)


def _renewed(state, details):
    if "expires_on" in details["changes"]:
        state["expires_on"] = details["changes"]["expires_on"][1]


GUIDE_STEPS = {
    "registered": lambda state, d: state.update(recorded_status=RecordedStatus.ACTIVE, expires_on=d["expires_on"]),
    "updated": _renewed,
    "status": lambda state, d: state.update(recorded_status=d["after"]),
}


def history_problems(session, entries):
    """Licences whose stored status or expiry is not what their histories say (see tourism.core.audit)."""
    for guide in session.scalars(select(Guide)):
        stream = entries.get(guide.stream)
        yield from audit.state_problems(guide.stream, stream, audit.replay(stream or [], {}, GUIDE_STEPS),
                                        {"recorded_status": guide.recorded_status,
                                         "expires_on": guide.expires_on.isoformat()})


def guide_scope(session, licence_no: str):
    """Resolve ``create-user --guide LICENCE_NO`` to the account's guide."""
    guide = find_guide(session, licence_no)
    if guide is None:
        raise field_error("guide", _("No guide licence %(no)s is registered.", no=licence_no))
    return "guide_id", guide.id


def affiliated_guides(session, agency) -> list[tuple[Guide, Affiliation]]:
    """The guides an agency employs today (for its workspace)."""
    today = clock.today()
    rows = session.execute(
        select(Guide, Affiliation).join(Affiliation.guide)
        .where(Affiliation.agency_id == agency.id, Affiliation.start_on <= today,
               or_(Affiliation.end_on.is_(None), Affiliation.end_on >= today))
        .order_by(Guide.name)
    ).all()
    return [(guide, affiliation) for guide, affiliation in rows]


@dataclass(frozen=True)
class InspectorCard:
    """What an inspector needs to see of a licence, and nothing more (public)."""

    licence_no: str
    name: str
    level: Level
    language_codes: list[str]
    status: GuideStatus
    affiliation: str | None
    valid_from: date
    valid_to: date
    has_photo: bool


def inspector_card(guide: Guide) -> InspectorCard:
    today = clock.today()
    current = guide.current_affiliations(today)
    if current:
        first = current[0]
        affiliation = first.agency.name_zh if first.agency else (first.association or _("a guide association"))
    else:
        affiliation = None
    return InspectorCard(guide.licence_no, guide.name, guide.level, guide.language_codes, guide.status_on(today),
                         affiliation, guide.issued_on, guide.expires_on, guide.photo is not None)


def spoken_languages(session) -> list[str]:
    """The languages some registered guide speaks (ISO 639-1 codes)."""
    return list(session.scalars(select(GuideLanguage.code).distinct().order_by(GuideLanguage.code)))


def guide_cards(session, licence_nos: list[str]) -> list[InspectorCard]:
    """The public cards of these guides, in the order given (licences no longer registered are left out)."""
    guides = {g.licence_no: g for g in session.scalars(select(Guide).where(Guide.licence_no.in_(licence_nos)))}
    return [inspector_card(guides[no]) for no in licence_nos if no in guides]


RENEWAL_WINDOW_MONTHS = 3  # 导游管理办法 art. 13: apply within the 3 months before expiry


def renewal_opens(guide: Guide) -> date:
    """The first day a renewal may be applied for."""
    expiry = guide.expires_on
    months = expiry.year * 12 + expiry.month - 1 - RENEWAL_WINDOW_MONTHS
    year, month = divmod(months, 12)
    return date(year, month + 1, min(expiry.day, calendar.monthrange(year, month + 1)[1]))


def eligible_guides_for(session, *, cities: list[str], start_on: date, end_on: date, language: str,
                        limit: int = 20) -> list[str]:
    """Licences of guides who may lead a group in ``language`` as local guide in all ``cities`` on those dates.

    A few indexed queries narrow the field (language, validity, home cities that every city recognises,
    an affiliation through the tour); each candidate then passes the full eligibility check.
    """
    homes = [c.code for c in all_cities() if all(not uncovered_days(c.code, city, start_on, end_on) for city in cities)]
    if not homes:
        return []
    query = (select(Guide.licence_no).where(
        Guide.home_city.in_(homes), Guide.recorded_status != RecordedStatus.REVOKED, Guide.issued_on <= start_on,
        Guide.expires_on >= end_on,
        exists().where(GuideLanguage.guide_id == Guide.id, GuideLanguage.code == language),
        exists().where(Affiliation.guide_id == Guide.id, Affiliation.start_on <= start_on,
                       or_(Affiliation.end_on.is_(None), Affiliation.end_on >= end_on)))
        .order_by(Guide.licence_no).limit(limit * 3))
    eligible = []
    for licence_no in session.scalars(query):
        if check_eligibility(session, licence_no, cities, start_on, end_on, language=language).eligible:
            eligible.append(licence_no)
        if len(eligible) == limit:
            break
    return eligible
