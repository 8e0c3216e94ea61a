"""Inspections on the spot: is the group where, and with whom, its sheet says? Findings can open a case.

What the inspector sees is computed from the sheet itself: the guide named is on duty today in this city and
eligible now (tourism.guides.eligibility), and the place is one of today's stops. The inspector adds what
only eyes can tell (no guide at all, forced shopping, another coach) and may open a case in their city.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from tourism.complaints import attachments
from tourism.complaints.service import open_case
from tourism.core import audit, clock
from tourism.core.errors import InvalidInput
from tourism.core.pagination import paginate
from tourism.groups.service import note_inspection, sheet_day
from tourism.guides.eligibility import check_eligibility
from tourism.inspections.enums import Finding
from tourism.inspections.models import Inspection, InspectionPhoto
from tourism.planner import catalogue
from tourism.zone.service import city_name

MAX_PHOTOS = 5


@dataclass(frozen=True)
class SpotCheck:
    """What the sheet says about the guide and the place the inspector found the group with."""

    findings: list[str]
    messages: list[str]


def _names_of(stop) -> set[str]:
    """What an inspector may type for a stop: its name as filed, its catalogue id, its name in any language."""
    poi = catalogue.pois().get(stop.poi_id or "")
    names = {stop.place, stop.poi_id or ""} | ({poi.name_zh, poi.name_zh_hant, poi.name_en} if poi else set())
    return {name.casefold() for name in names if name}


def spot_check(session, group, *, city, day, guide_licence_no="", place="") -> SpotCheck:
    today = sheet_day(group, day)
    findings, messages = [], []
    licence_no = (guide_licence_no or "").strip().upper()
    if licence_no:
        duty = next((g for g in today.guides if g.guide.licence_no == licence_no and g.on_duty(day, city)), None)
        if duty is None:
            findings.append(Finding.GUIDE_NOT_ASSIGNED)
            messages.append(_("Guide %(no)s is not on the sheet for %(city)s on %(day)s.", no=licence_no,
                              city=city_name(city), day=day.isoformat()))
        else:
            result = check_eligibility(session, licence_no, [city], day, day,
                                       agency_licence_no=duty.dispatched_by.licence_no, language=group.language,
                                       role=duty.role)
            if result.eligible:
                messages.append(_("%(name)s is on the sheet here today and eligible.", name=duty.guide.name))
            else:
                findings.append(Finding.GUIDE_NOT_ELIGIBLE)
                messages.append(_("%(name)s is on the sheet but not eligible today: %(reasons)s",
                                  name=duty.guide.name,
                                  reasons=" ".join(c.message for c in result.checks if not c.passed)))
    wanted = (place or "").strip()
    if wanted:
        stops = [s for s in today.stops if s.city == city]
        if any(wanted.casefold() in _names_of(s) for s in stops):
            messages.append(_("%(place)s is one of today's stops.", place=wanted))
        else:
            findings.append(Finding.STOP_NOT_IN_PLAN)
            messages.append(_("%(place)s is not among today's stops in %(city)s.", place=wanted,
                              city=city_name(city)))
    return SpotCheck(findings, messages)


def record_inspection(session, actor, group, *, at, city, findings=(), note="", guide_licence_no="", place="",
                      open_a_case=False, photos=()) -> Inspection:
    """Record what was found; the sheet's own verdict is added to the inspector's findings."""
    errors = {}
    if city not in group.cities:
        errors["city"] = [_("The group's sheet does not pass through %(city)s.", city=city_name(city))]
    if at > clock.now() + timedelta(minutes=5):
        errors["at"] = [_("The time cannot be in the future.")]
    elif not group.start_on - timedelta(days=1) <= at.date() <= group.end_on + timedelta(days=1):
        errors["at"] = [_("The group tours from %(start)s to %(end)s.", start=group.start_on.isoformat(),
                          end=group.end_on.isoformat())]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("At most %(n)d photos.", n=MAX_PHOTOS)]
    if errors:
        raise InvalidInput(errors=errors)
    checked = [(data, attachments.check(data)) for data in photos]
    if any(not content_type.startswith("image/") for _data, content_type in checked):
        raise InvalidInput(errors={"photos": [_("Photos are JPEG or PNG files.")]})
    local = at.astimezone(clock.LOCAL_TZ)
    seen = spot_check(session, group, city=city, day=local.date(), guide_licence_no=guide_licence_no, place=place)
    found = list(dict.fromkeys([*findings, *seen.findings]))
    note = (note or "").strip()
    if open_a_case and not found:
        raise InvalidInput(errors={"open_case": [_("A case is opened on a finding: record one first.")]})
    inspection = Inspection(group=group, city=city, at=at, place=(place or "").strip(),
                            guide_licence_no=(guide_licence_no or "").strip().upper(), findings=found, note=note,
                            inspector=audit.actor_name(actor))
    session.add(inspection)
    for data, content_type in checked:
        key, digest = attachments.store(data)
        inspection.photos.append(InspectionPhoto(content_type=content_type, size=len(data), sha256=digest,
                                                 storage_key=key))
    if open_a_case:
        labels = ", ".join(Finding.label_of(f) for f in found)
        case = open_case(session, actor, city=city, occurred_on=local.date(), group_no=group.group_no,
                         agency_licence_no=group.agency.licence_no, contract_city=group.contract_city,
                         description=_("Inspection of group %(no)s at %(place)s, %(time)s: %(findings)s. %(note)s",
                                       no=group.group_no, place=inspection.place or city_name(city),
                                       time=local.strftime("%Y-%m-%d %H:%M"), findings=labels, note=note).strip())
        inspection.case_no = case.tracking_no
    session.flush()
    note_inspection(session, group, with_findings=bool(found))
    audit.record(session, group.stream, "inspected", actor, inspection=inspection.id, city=city, at=at,
                 findings=found, case=inspection.case_no, photos=len(checked))
    return inspection


def inspections_of(session, group, *, page=1, per_page=50):
    """The group's inspections, newest first, a page at a time."""
    query = select(Inspection).where(Inspection.group_id == group.id).order_by(Inspection.at.desc(), Inspection.id)
    return paginate(session, query, page, per_page)


def get_photo(session, group, inspection_id: int, photo_id: int) -> InspectionPhoto | None:
    return session.scalar(select(InspectionPhoto).join(Inspection).where(
        InspectionPhoto.id == photo_id, Inspection.id == inspection_id, Inspection.group_id == group.id))
