"""What an inspector can find when checking a group."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class Finding(Choices):
    GUIDE_ABSENT = "guide_absent", _lp("finding", "no guide with the group")
    GUIDE_NOT_ASSIGNED = "guide_not_assigned", _lp("finding", "guide not on the sheet for today here")
    GUIDE_NOT_ELIGIBLE = "guide_not_eligible", _lp("finding", "guide not eligible today here")
    STOP_NOT_IN_PLAN = "stop_not_in_plan", _lp("finding", "place not on today's sheet")
    FORCED_SHOPPING = "forced_shopping", _lp("finding", "forced or undeclared shopping")
    COACH_MISMATCH = "coach_mismatch", _lp("finding", "coach differs from the sheet")
    OTHER = "other", _lp("finding", "other")
