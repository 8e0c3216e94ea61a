"""How an incident's history reads (see tourism.core.history)."""

from flask_babel import gettext as _

from tourism.core.history import tell, when
from tourism.emergencies.enums import Grade, IncidentKind, ReportLevel
from tourism.zone.service import city_name


def register() -> None:
    tell("reported", lambda d: _("reported %(kind)s, grade %(grade)s, in %(cities)s",
                                 kind=IncidentKind.label_of(d.get("kind")), grade=Grade.label_of(d.get("grade")),
                                 cities=", ".join(city_name(c) for c in d.get("cities", []))))
    tell("acknowledged", lambda d: _("acknowledged it for %(city)s%(late)s", city=city_name(d.get("city")),
                                     late=_(" (late)") if d.get("late") else ""))
    tell("reported_up", lambda d: _("reported it to the %(level)s at %(time)s%(late)s",
                                    level=ReportLevel.label_of(d.get("level")), time=when(d.get("reported_at")),
                                    late=_(" (late)") if d.get("late") else ""))
    tell("update", lambda d: _("added an update"))
