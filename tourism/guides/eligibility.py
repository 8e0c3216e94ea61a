"""May this guide lead this group, in these cities, on these dates? Every check listed, each with its reason.

The checks and their sources:
- licence_known: the licence is in the registry.
- licence_valid: valid on every day of the tour (导游管理办法 art. 13: 3 years, renewed before expiry);
  a licence that expires on the last tour day is still valid that day.
- not_revoked / not_suspended: no revocation, and no suspension reaching into the tour.
- cities_recognised: each city is the home city or shares a zone with it (tourism.guides.recognition).
- dispatched_by_affiliated_agency: a guide works only when dispatched by an agency (导游人员管理条例
  art. 2 接受旅行社委派); the agency must be the employer, or any agency when the guide is registered
  with a guide association (art. 4; 导游管理办法 art. 39), through the whole tour; and the agency's own
  licence must be active.
- speaks_language: the group's language is one of the guide's.
- no_disciplinary_bar: no regulator's bar overlaps the tour.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourism.agencies.enums import LicenceStatus
from tourism.agencies.service import find_agency
from tourism.guides.models import AffiliationKind, Guide, RecordedStatus
from tourism.guides.recognition import GuideRole, uncovered_days
from tourism.zone.service import city_name


@dataclass(frozen=True)
class Check:
    code: str
    passed: bool
    message: str


@dataclass
class Eligibility:
    checks: list[Check] = field(default_factory=list)
    cities: dict[str, bool] = field(default_factory=dict)

    @property
    def eligible(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)

    def add(self, code, passed, message):
        self.checks.append(Check(code, passed, message))


def load_guide(session, licence_no: str) -> Guide | None:
    return session.scalar(
        select(Guide).where(Guide.licence_no == licence_no)
        .options(selectinload(Guide.languages), selectinload(Guide.affiliations), selectinload(Guide.bars))
    )


def _check_validity(result, guide, start, end):
    if guide.issued_on > start:
        result.add("licence_valid", False, _("The licence is only valid from %(day)s.", day=guide.issued_on))
    elif guide.expires_on < end:
        result.add("licence_valid", False, _("The licence expires on %(day)s, before the tour ends on %(end)s.",
                                             day=guide.expires_on, end=end))
    else:
        result.add("licence_valid", True, _("Valid through %(day)s.", day=guide.expires_on))


def _check_status(result, guide, start, end):
    revoked = guide.recorded_status == RecordedStatus.REVOKED
    result.add("not_revoked", not revoked,
               _("The licence has been revoked.") if revoked else _("The licence is not revoked."))
    suspended = guide.recorded_status == RecordedStatus.SUSPENDED and (
        guide.suspended_until is None or guide.suspended_until >= start)
    if suspended:
        message = (_("The licence is suspended until %(day)s.", day=guide.suspended_until) if guide.suspended_until
                   else _("The licence is suspended until further notice."))
    else:
        message = _("The licence is not suspended during the tour.")
    result.add("not_suspended", not suspended, message)


def _check_cities(result, guide, cities, start, end, role):
    failures = []
    for city in cities:
        gaps = uncovered_days(guide.home_city, city, start, end, role)
        result.cities[city] = not gaps
        if gaps:
            failures.append(_("%(city)s (from %(day)s)", city=city_name(city), day=gaps[0]))
    if failures:
        message = _("A local guide registered in %(home)s may not lead in: %(cities)s.",
                    home=city_name(guide.home_city), cities=", ".join(failures))
    elif role == GuideRole.ESCORT:
        message = _("A tour escort's licence is valid nationwide.")
    else:
        message = _("Every city is the home city or shares a zone with %(home)s.", home=city_name(guide.home_city))
    result.add("cities_recognised", not failures, message)


def _check_dispatch(session, result, guide, agency_licence_no, start, end):
    covering = [a for a in guide.affiliations if a.covers(start, end)]
    if agency_licence_no is None:
        passed = bool(covering)
        message = (_("Affiliated through the whole tour; name the dispatching agency to check it.") if passed
                   else _("No employment or association registration covers the whole tour."))
        result.add("dispatched_by_affiliated_agency", passed, message)
        return
    agency = find_agency(session, agency_licence_no)
    if agency is None:
        result.add("dispatched_by_affiliated_agency", False,
                   _("No agency with licence number %(no)s.", no=agency_licence_no))
        return
    if agency.licence_status != LicenceStatus.ACTIVE:
        result.add("dispatched_by_affiliated_agency", False,
                   _("The dispatching agency's licence is %(status)s.", status=_(agency.licence_status)))
        return
    employed = any(a.kind == AffiliationKind.EMPLOYMENT and a.agency_id == agency.id for a in covering)
    registered = any(a.kind == AffiliationKind.ASSOCIATION for a in covering)
    if employed:
        message = _("Employed by %(agency)s through the whole tour.", agency=agency.name_zh)
    elif registered:
        message = _("Registered with a guide association, so any licensed agency may dispatch.")
    else:
        message = _("Neither employed by %(agency)s nor registered with a guide association through the whole tour.",
                    agency=agency.name_zh)
    result.add("dispatched_by_affiliated_agency", employed or registered, message)


def _check_language(result, guide, language):
    if language is None:
        return
    speaks = language in guide.language_codes
    message = (_("Works in %(lang)s.", lang=language) if speaks
               else _("Does not work in %(lang)s (works in %(langs)s).", lang=language,
                      langs=", ".join(guide.language_codes)))
    result.add("speaks_language", speaks, message)


def _check_bars(result, guide, start, end):
    bar = next((b for b in guide.bars if b.overlaps(start, end)), None)
    message = (_("Barred from practising from %(day)s: %(reason)s", day=bar.start_on, reason=bar.reason) if bar
               else _("No disciplinary bar during the tour."))
    result.add("no_disciplinary_bar", bar is None, message)


def check_eligibility(session, licence_no: str, cities: list[str], start_on: date, end_on: date,
                      agency_licence_no: str | None = None, language: str | None = None,
                      role: str = GuideRole.LOCAL) -> Eligibility:
    result = Eligibility()
    guide = load_guide(session, licence_no)
    if guide is None:
        result.add("licence_known", False, _("No guide licence %(no)s is registered.", no=licence_no))
        result.cities = dict.fromkeys(cities, False)
        return result
    result.add("licence_known", True, _("%(name)s, registered in %(home)s.", name=guide.name,
                                         home=city_name(guide.home_city)))
    _check_validity(result, guide, start_on, end_on)
    _check_status(result, guide, start_on, end_on)
    _check_cities(result, guide, cities, start_on, end_on, role)
    _check_dispatch(session, result, guide, agency_licence_no, start_on, end_on)
    _check_language(result, guide, language)
    _check_bars(result, guide, start_on, end_on)
    if not all(c.passed for c in result.checks if c.code != "cities_recognised"):
        result.cities = dict.fromkeys(cities, False)
    return result
