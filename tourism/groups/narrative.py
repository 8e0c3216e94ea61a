"""How a group's history reads (see tourism.core.history)."""

from flask_babel import gettext as _

from tourism.core.history import tell, when
from tourism.groups.enums import ReceivingStatus
from tourism.zone.service import city_name


def _route(d) -> str:
    return ", ".join(city_name(c) for c in d.get("cities", []))


def register() -> None:
    tell("filed", lambda d: _("filed the group, version %(version)s, %(start)s to %(end)s through %(cities)s",
                              version=d.get("version"), start=when(d.get("start_on")), end=when(d.get("end_on")),
                              cities=_route(d)))
    tell("amended", lambda d: _("filed version %(version)s: %(start)s to %(end)s through %(cities)s",
                                version=d.get("version"), start=when(d.get("start_on")), end=when(d.get("end_on")),
                                cities=_route(d)))
    tell("part_filed", lambda d: _("filed version %(version)s for the part %(agency)s receives",
                                   version=d.get("version"), agency=d.get("agency")))
    tell("receiving_decided", _receiving_decided)
    tell("guides_withdrawn", lambda d: _("took off the guides %(agency)s had dispatched (version %(version)s): "
                                         "%(guides)s", agency=d.get("agency"), version=d.get("version"),
                                         guides=", ".join(d.get("guides", []))))


def _receiving_decided(d) -> str:
    decision, agency = ReceivingStatus.label_of(d.get("decision")), d.get("agency")
    if d.get("reason"):
        return _("%(decision)s the days handed to %(agency)s: %(reason)s", decision=decision, agency=agency,
                 reason=d["reason"])
    return _("%(decision)s the days handed to %(agency)s", decision=decision, agency=agency)
