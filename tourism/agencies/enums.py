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
