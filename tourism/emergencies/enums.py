"""The incident board's sets of values, each with its label."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class Grade(Choices):
    """《旅游安全管理办法》(2016) grades, gravest first."""

    I = "I", _lp("incident grade", "I · especially serious (特别重大)")  # noqa: E741 (the grade's own name)
    II = "II", _lp("incident grade", "II · serious (重大)")
    III = "III", _lp("incident grade", "III · major (较大)")
    IV = "IV", _lp("incident grade", "IV · general (一般)")


class IncidentKind(Choices):
    ACCIDENT = "accident", _lp("incident kind", "Accident")
    NATURAL_DISASTER = "natural_disaster", _lp("incident kind", "Natural disaster (e.g. typhoon)")
    PUBLIC_HEALTH = "public_health", _lp("incident kind", "Public-health event")
    CROWDING = "crowding", _lp("incident kind", "Crowding")
    OTHER = "other", _lp("incident kind", "Other")


class ReportLevel(Choices):
    """The authorities an incident is reported up to, lowest first."""

    PROVINCE = "province", _lp("report level", "provincial tourism authority (省级文化和旅游主管部门)")
    MINISTRY = "ministry", _lp("report level", "Ministry of Culture and Tourism (文化和旅游部)")


class CityRole(Choices):
    """Why a city is on an incident: it is affected, or it is the home of an agency whose group is involved."""

    AFFECTED = "affected", _lp("incident city", "affected")
    AGENCY_HOME = "agency_home", _lp("incident city", "home city of an agency involved")
