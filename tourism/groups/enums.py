"""The tour-group record's sets of values, each with its label."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class Origin(Choices):
    """Where the tourists come from and go: 国内旅游, 入境旅游, 出境旅游 (《旅行社条例》art. 2)."""

    DOMESTIC = "domestic", _lp("group origin", "domestic tourists")
    INBOUND = "inbound", _lp("group origin", "inbound tourists")
    OUTBOUND = "outbound", _lp("group origin", "outbound tour")


class StopKind(Choices):
    VISIT = "visit", _lp("stop kind", "visit")
    MEAL = "meal", _lp("stop kind", "meal")
    SHOPPING = "shopping", _lp("stop kind", "shopping")
    SHOW = "show", _lp("stop kind", "show or paid extra")
    HOTEL = "hotel", _lp("stop kind", "hotel")


class ReceivingStatus(Choices):
    """A receiving agency's (地接社) answer to the days handed to it."""

    PENDING = "pending", _lp("receiving status", "awaiting the receiving agency")
    ACCEPTED = "accepted", _lp("receiving status", "accepted")
    DECLINED = "declined", _lp("receiving status", "declined")
