"""The quality deposit (质量保证金) an agency must hold, line by line, each with its article.

《旅行社条例》(国务院令第550号, as revised 2020; articles as quoted by the 深圳市文化广电旅游体育局 and the
copies listed in README's rule list, checked 2026-11-26):
- art. 13: an agency doing domestic and inbound business deposits 200,000 CNY; one doing outbound
  business deposits a further 1,200,000 CNY. The deposit may be cash in a designated bank account or a
  bank guarantee of at least that amount.
- art. 14: each branch doing domestic and inbound business adds 50,000 CNY; each branch doing outbound
  business adds 300,000 CNY. Read literally, an outbound branch adds 300,000 in all; some local notices
  charge 350,000 for a branch doing both, so the amount is the setting BRANCH_OUTBOUND_DEPOSIT_CNY.
  Service outlets add nothing: arts. 13–14 name only the agency and its branches.
- art. 17: an agency with no fine-or-heavier penalty for harming tourists' rights for three years from
  paying in (or topping up) its deposit has the amount reduced by 50%.

Which branches count: a branch owes its share from the moment it is submitted for filing (the filing
must show the increased deposit, 实施细则 art. 19(4)) until it closes. A returned filing counts again once
resubmitted. A bank guarantee counts until its expiry date; from that day it holds nothing.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from tourism.agencies.enums import FINE_OR_HEAVIER, DepositKind, FilingStatus, OfficeKind
from tourism.core import clock

AGENCY_DOMESTIC_CNY = 200_000
AGENCY_OUTBOUND_CNY = 1_200_000
BRANCH_DOMESTIC_CNY = 50_000
CLEAN_YEARS = 3  # art. 17

ART_13 = "《旅行社条例》第十三条"
ART_14 = "《旅行社条例》第十四条"
ART_17 = "《旅行社条例》第十七条"

COUNTED_STATUSES = (FilingStatus.SUBMITTED, FilingStatus.FILED)


@dataclass(frozen=True)
class DepositLine:
    item: str
    description: object
    amount_cny: int
    rule: str
    office_id: int | None = None


@dataclass(frozen=True)
class DepositStatement:
    lines: list[DepositLine]
    held_cny: int
    kind: str
    guarantee_expires_on: date | None
    guarantee_expired: bool
    guarantee_expiring: bool
    reduced_from: date | None  # the day art. 17's reduction applies from, when it does
    reduction_possible_from: date | None  # when it would, if no penalty intervenes

    @property
    def required_cny(self) -> int:
        return sum(line.amount_cny for line in self.lines)

    @property
    def shortfall_cny(self) -> int:
        return max(0, self.required_cny - self.held_cny)


def penalised_for_harm(agency, since: date | None = None) -> list:
    """The agency's fine-or-heavier penalties for harming tourists' rights (from ``since``)."""
    return [p for p in agency.penalties if p.harms_tourists and p.kind in FINE_OR_HEAVIER
            and (since is None or p.decided_on >= since)]


def reduction_from(agency, today: date) -> tuple[date | None, date | None]:
    """Art. 17: (the day the 50% reduction applies from, or None; the day it could at the earliest)."""
    if agency.deposit_since is None:
        return None, None
    possible = clock.years_after(agency.deposit_since, CLEAN_YEARS)
    if penalised_for_harm(agency, agency.deposit_since):
        return None, None  # a penalty since the last payment: no reduction until a top-up restarts the count
    return (possible if today >= possible else None), possible


def _branch_line(branch, outbound_cny: int) -> DepositLine:
    if branch.outbound:
        return DepositLine("branch_outbound", _l("Branch %(name)s: outbound business", name=branch.name),
                           outbound_cny, ART_14, branch.id)
    return DepositLine("branch_domestic", _l("Branch %(name)s: domestic and inbound business", name=branch.name),
                       BRANCH_DOMESTIC_CNY, ART_14, branch.id)


def deposit_statement(agency, *, outbound_branch_cny: int, warning_days: int,
                      today: date | None = None) -> DepositStatement:
    """What ``agency`` must hold and why, line by line, and what it holds today."""
    today = today or clock.today()
    lines = [DepositLine("agency_domestic", _l("Agency: domestic and inbound business"), AGENCY_DOMESTIC_CNY, ART_13)]
    if agency.outbound:
        lines.append(DepositLine("agency_outbound", _l("Agency: outbound business"), AGENCY_OUTBOUND_CNY, ART_13))
    branches = [o for o in agency.offices if o.kind == OfficeKind.BRANCH and o.status in COUNTED_STATUSES]
    lines += [_branch_line(branch, outbound_branch_cny) for branch in branches]
    reduced_from, possible_from = reduction_from(agency, today)
    if reduced_from:
        total = sum(line.amount_cny for line in lines)
        lines.append(DepositLine("reduction", _l("Reduced by half: three years without a fine or heavier penalty "
                                                 "for harming tourists' rights since %(day)s",
                                                 day=agency.deposit_since.isoformat()), -(total // 2), ART_17))
    guarantee = agency.deposit_kind == DepositKind.GUARANTEE
    expires = agency.guarantee_expires_on if guarantee else None
    expired = expires is not None and today >= expires
    expiring = expires is not None and not expired and (expires - today).days <= warning_days
    return DepositStatement(lines=lines, held_cny=0 if expired else agency.deposit_cny, kind=agency.deposit_kind,
                            guarantee_expires_on=expires, guarantee_expired=expired, guarantee_expiring=expiring,
                            reduced_from=reduced_from, reduction_possible_from=possible_from)
