"""The checks a group's filing must pass, each with its reason; a warning is shown but does not refuse.

- agency_licence_active: an agency whose licence is suspended or revoked may not take groups
  (《旅行社条例》art. 3: tourism business needs the licence; art. 66 and 《旅游法》art. 95: suspension).
- agency_scope / branch_scope: an outbound group only for an agency, and a branch, licensed for outbound
  tourism (《旅行社条例》arts. 8 and 23: the branch's business does not exceed its agency's).
- branch_filed: a branch acts only once filed with its city (《旅行社条例》art. 10; 实施细则 art. 18).
- receiving_agency_active: a receiving agency (地接社) must hold an active licence (《旅游法》art. 69).
- guide_eligible: tourism.guides.eligibility, for the cities, days, role, dispatching agency and language.
- guide_available: one guide, one group at a time (导游人员管理条例 art. 2: a guide works when dispatched
  to a group; two overlapping groups cannot both be led).
- deposit_sufficient (warning): the deposit the agency must hold (《旅行社条例》art. 13).
- shopping_within_contract (warning): shopping only as agreed with the tourists, in a written contract, and no
  more (《旅游法》art. 35; 旅发〔2013〕362号 item 1).
"""

from dataclasses import asdict, dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from tourism.agencies.enums import FilingStatus, LicenceStatus
from tourism.agencies.service import deposit_of
from tourism.groups.enums import Origin
from tourism.groups.models import GroupGuide, TourGroup
from tourism.guides.eligibility import check_eligibility


@dataclass(frozen=True)
class FilingCheck:
    code: str
    passed: bool
    message: str
    blocking: bool = True
    subject: str | None = None  # the guide or agency a check is about

    def as_dict(self) -> dict:
        return asdict(self)


def agency_checks(agency, branch, origin: str, today: date) -> list[FilingCheck]:
    checks = []
    active = agency.licence_status == LicenceStatus.ACTIVE
    checks.append(FilingCheck("agency_licence_active", active,
                              _("The agency's licence is active.") if active
                              else _("The agency's licence is %(status)s: it may not take groups.",
                                     status=LicenceStatus.label_of(agency.licence_status)), subject=agency.licence_no))
    if origin == Origin.OUTBOUND:
        checks.append(FilingCheck("agency_scope", agency.outbound,
                                  _("The agency is licensed for outbound tours.") if agency.outbound
                                  else _("The agency is licensed for domestic and inbound tourism only: it may not "
                                         "organise an outbound tour (《旅行社条例》art. 8)."),
                                  subject=agency.licence_no))
    if branch is not None:
        filed = branch.status == FilingStatus.FILED
        checks.append(FilingCheck("branch_filed", filed,
                                  _("The branch is filed (%(no)s).", no=branch.filing_no) if filed
                                  else _("The branch is not filed with its city (%(status)s): it may not take "
                                         "groups yet.", status=FilingStatus.label_of(branch.status))))
        if origin == Origin.OUTBOUND:
            checks.append(FilingCheck("branch_scope", branch.outbound,
                                      _("The branch may sell outbound tours.") if branch.outbound
                                      else _("The branch is filed for domestic and inbound tourism only.")))
    shortfall = deposit_of(agency, today).shortfall_cny
    checks.append(FilingCheck("deposit_sufficient", shortfall == 0,
                              _("The deposit held covers what the agency must hold.") if shortfall == 0
                              else _("The deposit is %(amount)s yuan short of what the agency must hold "
                                     "(《旅行社条例》art. 13).", amount=f"{shortfall:,}"),
                              blocking=False, subject=agency.licence_no))
    return checks


def receiving_check(agency) -> FilingCheck:
    active = agency.licence_status == LicenceStatus.ACTIVE
    return FilingCheck("receiving_agency_active", active,
                       _("%(agency)s holds an active licence.", agency=agency.name_zh) if active
                       else _("%(agency)s's licence is %(status)s: it may not receive the group.",
                              agency=agency.name_zh, status=LicenceStatus.label_of(agency.licence_status)),
                       subject=agency.licence_no)


def guide_checks(session, assignment, *, dispatcher, language, group_id=None) -> list[FilingCheck]:
    """Eligibility for this assignment, and no other group holding the guide on overlapping days."""
    guide = assignment["guide"]
    result = check_eligibility(session, guide.licence_no, assignment["cities"], assignment["start_on"],
                               assignment["end_on"], agency_licence_no=dispatcher.licence_no, language=language,
                               role=assignment["role"])
    failed = [check.message for check in result.checks if not check.passed]
    label = f"{guide.name} ({guide.licence_no})"
    checks = [FilingCheck("guide_eligible", result.eligible,
                          _("%(guide)s may lead here on these days, dispatched by %(agency)s.", guide=label,
                            agency=dispatcher.name_zh) if result.eligible
                          else _("%(guide)s: %(reasons)s", guide=label, reasons=" ".join(failed)),
                          subject=guide.licence_no)]
    clash = session.execute(
        select(TourGroup.group_no, GroupGuide.start_on, GroupGuide.end_on).join(GroupGuide.group)
        .where(GroupGuide.guide_id == guide.id, GroupGuide.start_on <= assignment["end_on"],
               GroupGuide.end_on >= assignment["start_on"],
               *([TourGroup.id != group_id] if group_id is not None else []))
        .limit(1)).first()
    checks.append(FilingCheck(
        "guide_available", clash is None,
        _("%(guide)s has no other group on these days.", guide=label) if clash is None
        else _("%(guide)s already leads group %(group)s from %(start)s to %(end)s.", guide=label, group=clash[0],
               start=format_date(clash[1]), end=format_date(clash[2])),
        subject=guide.licence_no))
    return checks


def shopping_check(declared: int, allowed: int) -> FilingCheck:
    within = declared <= allowed
    return FilingCheck("shopping_within_contract", within,
                       _("Shopping declared: %(declared)d minutes, within the %(allowed)d the contract allows.",
                         declared=declared, allowed=allowed) if within
                       else _("The sheet declares %(declared)d minutes of shopping; the contract allows %(allowed)d "
                              "(《旅游法》art. 35).", declared=declared, allowed=allowed),
                       blocking=False)


def refused(checks: list[FilingCheck]) -> list[FilingCheck]:
    return [check for check in checks if check.blocking and not check.passed]
