"""How an inspection reads in its group's history (see tourism.core.history)."""

from flask_babel import gettext as _

from tourism.core.history import tell, when
from tourism.inspections.enums import Finding
from tourism.zone.service import city_name


def register() -> None:
    tell("inspected", lambda d: _("inspected the group in %(city)s at %(time)s: %(findings)s%(case)s",
                                  city=city_name(d.get("city")), time=when(d.get("at")),
                                  findings=", ".join(Finding.label_of(f) for f in d.get("findings", []))
                                  or _("nothing found"),
                                  case=_(" (case %(no)s opened)", no=d["case"]) if d.get("case") else ""))
