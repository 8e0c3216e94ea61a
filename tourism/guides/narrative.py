"""How a guide licence's history reads (see tourism.core.history)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tourism.core.history import label_fields, tell, when
from tourism.core.i18n import language_name
from tourism.guides.enums import AffiliationKind, GuideStatus, Level
from tourism.zone.service import city_name


def register() -> None:
    label_fields({"level": _l("level"), "languages": _l("languages"), "issued_on": _l("issued on"),
                  "expires_on": _l("expires on")},
                 {"level": lambda v: str(Level.label_of(v)),
                  "languages": lambda codes: ", ".join(language_name(c) for c in codes)})
    tell("registered", lambda d: _("registered the licence: %(level)s, home city %(city)s, valid %(start)s to %(end)s",
                                   level=Level.label_of(d.get("level")), city=city_name(d.get("home_city")),
                                   start=when(d.get("issued_on")), end=when(d.get("expires_on"))))
    tell("status", lambda d: _("changed the status from %(before)s to %(after)s%(until)s",
                               before=GuideStatus.label_of(d.get("before")), after=GuideStatus.label_of(d.get("after")),
                               until=_(" until %(day)s", day=when(d.get("until"))) if d.get("until") else ""))
    tell("affiliated", lambda d: _("recorded employment by agency %(agency)s from %(start)s", agency=d.get("agency"),
                                   start=when(d.get("start_on")))
         if d.get("kind") == AffiliationKind.EMPLOYMENT
         else _("recorded registration with %(association)s from %(start)s", association=d.get("association"),
                start=when(d.get("start_on"))))
    tell("affiliation_ended", lambda d: _("ended an employment on %(day)s", day=when(d.get("end_on"))))
    tell("barred", lambda d: _("barred the guide from %(start)s to %(end)s", start=when(d.get("start_on")),
                               end=when(d.get("end_on"))))
    tell("bar_lifted", lambda d: _("lifted a bar from %(day)s", day=when(d.get("end_on"))))
    tell("photo", lambda d: _("saved a new photo"))
