"""The quality deposit (质量保证金) an agency must hold, line by line, each from its rule.

Sources (travel agency regulations 《旅行社条例》, 2009, revised 2016/2017/2020):
- art. 13: an agency doing domestic and inbound business deposits 200,000 CNY; one doing
  outbound business deposits a further 1,200,000 CNY.
- art. 14: each branch doing domestic and inbound business adds 50,000 CNY; each branch doing
  outbound business adds 300,000 CNY. A branch doing both therefore adds 350,000 CNY, as local
  notices apply it (e.g. the deposit top-up notice quoted at gwyoo.com, 2022).
- Service outlets add nothing: arts. 13–14 name only the agency and its branches.

Which branches count: a branch owes its share from the moment it is set up and submitted for
filing (the filing must show the increased deposit, 实施细则 art. 19(4)) until it closes. A
returned filing counts again once resubmitted; a closed branch no longer counts.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from tourism.agencies.enums import FilingStatus, OfficeKind

AGENCY_DOMESTIC_CNY = 200_000
AGENCY_OUTBOUND_CNY = 1_200_000
BRANCH_DOMESTIC_CNY = 50_000
BRANCH_OUTBOUND_CNY = 300_000

ART_13 = "《旅行社条例》第十三条"
ART_14 = "《旅行社条例》第十四条"

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

    @property
    def required_cny(self) -> int:
        return sum(line.amount_cny for line in self.lines)

    @property
    def shortfall_cny(self) -> int:
        return max(0, self.required_cny - self.held_cny)


def _branch_lines(branch) -> list[DepositLine]:
    lines = [DepositLine("branch_domestic", _l("Branch %(name)s: domestic and inbound business", name=branch.name),
                         BRANCH_DOMESTIC_CNY, ART_14, branch.id)]
    if branch.outbound:
        lines.append(DepositLine("branch_outbound", _l("Branch %(name)s: outbound business", name=branch.name),
                                 BRANCH_OUTBOUND_CNY, ART_14, branch.id))
    return lines


def deposit_statement(agency) -> DepositStatement:
    """What ``agency`` must hold and why, line by line."""
    lines = [DepositLine("agency_domestic", _l("Agency: domestic and inbound business"), AGENCY_DOMESTIC_CNY, ART_13)]
    if agency.outbound:
        lines.append(DepositLine("agency_outbound", _l("Agency: outbound business"), AGENCY_OUTBOUND_CNY, ART_13))
    branches = [e for e in agency.offices if e.kind == OfficeKind.BRANCH and e.status in COUNTED_STATUSES]
    for branch in branches:
        lines.extend(_branch_lines(branch))
    return DepositStatement(lines=lines, held_cny=agency.deposit_cny)
