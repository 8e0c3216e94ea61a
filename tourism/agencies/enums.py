"""The agency registry's sets of values, each with its label."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class LicenceStatus(Choices):
    ACTIVE = "active", _lp("licence status", "active")
    SUSPENDED = "suspended", _lp("licence status", "suspended")
    REVOKED = "revoked", _lp("licence status", "revoked")


class OfficeKind(Choices):
    BRANCH = "branch", _lp("office kind", "branch office")  # 分社
    OUTLET = "outlet", _lp("office kind", "service outlet")  # 服务网点


class FilingStatus(Choices):
    SUBMITTED = "submitted", _lp("filing status", "awaiting filing")
    FILED = "filed", _lp("filing status", "filed")
    RETURNED = "returned", _lp("filing status", "returned")
    CLOSED = "closed", _lp("filing status", "closed")


class Scope(Choices):
    DOMESTIC = "domestic", _lp("business scope", "Domestic and inbound")
    OUTBOUND = "outbound", _lp("business scope", "Domestic, inbound and outbound")


class DepositKind(Choices):
    """How the deposit is held (《旅行社条例》art. 13): cash in a designated bank account, or a bank guarantee."""

    ACCOUNT = "account", _lp("deposit kind", "cash in the deposit account")
    GUARANTEE = "guarantee", _lp("deposit kind", "bank guarantee")


class PenaltyKind(Choices):
    """Administrative penalties, in the order of 《行政处罚法》(2021) art. 9, lightest first."""

    WARNING = "warning", _lp("penalty", "warning")  # 警告
    CRITICISM = "criticism", _lp("penalty", "public criticism")  # 通报批评
    FINE = "fine", _lp("penalty", "fine")  # 罚款
    CONFISCATION = "confiscation", _lp("penalty", "confiscation of unlawful gains")  # 没收违法所得
    SUSPENSION = "suspension", _lp("penalty", "suspension of business")  # 责令停业整顿
    REVOCATION = "revocation", _lp("penalty", "revocation of the licence")  # 吊销许可证件


# "A fine or heavier" (罚款以上, 《旅行社条例》arts. 8 and 17): every kind from the fine on.
FINE_OR_HEAVIER = (PenaltyKind.FINE, PenaltyKind.CONFISCATION, PenaltyKind.SUSPENSION, PenaltyKind.REVOCATION)
