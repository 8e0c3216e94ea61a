"""The guide registry's sets of values, each with its label."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class Level(Choices):
    JUNIOR = "junior", _lp("guide level", "Junior (初级)")
    INTERMEDIATE = "intermediate", _lp("guide level", "Intermediate (中级)")
    SENIOR = "senior", _lp("guide level", "Senior (高级)")
    SPECIAL = "special", _lp("guide level", "Special (特级)")


class RecordedStatus(Choices):
    """What a regulator decided; ``expired`` is never recorded, it follows from the dates."""

    ACTIVE = "active", _lp("licence status", "active")
    SUSPENDED = "suspended", _lp("licence status", "suspended")
    REVOKED = "revoked", _lp("licence status", "revoked")


class GuideStatus(Choices):
    """A licence's status on a day: the recorded one, or expired."""

    ACTIVE = "active", _lp("licence status", "active")
    SUSPENDED = "suspended", _lp("licence status", "suspended")
    REVOKED = "revoked", _lp("licence status", "revoked")
    EXPIRED = "expired", _lp("licence status", "expired")


class AffiliationKind(Choices):
    EMPLOYMENT = "employment", _lp("affiliation", "employed by an agency")  # labour contract
    ASSOCIATION = "association", _lp("affiliation", "registered with a guide association")  # any agency may dispatch


class GuideRole(Choices):
    LOCAL = "local", _lp("guide role", "local guide (地陪)")
    ESCORT = "escort", _lp("guide role", "tour escort (全陪)")
