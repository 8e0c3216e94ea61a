"""Roles, each with its label."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class Role(Choices):
    ADMIN = "admin", _lp("role", "system administrator")
    PROVINCIAL = "provincial", _lp("role", "provincial regulator")
    REGULATOR = "regulator", _lp("role", "city regulator")
    INSPECTOR = "inspector", _lp("role", "city inspector")
    AGENCY_ADMIN = "agency_admin", _lp("role", "agency administrator")
    GUIDE = "guide", _lp("role", "tour guide")
