"""How the agency and office histories read (see tourism.core.history)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tourism.agencies.enums import DepositKind, FilingStatus, LicenceStatus, PenaltyKind
from tourism.core.history import changes, label_fields, tell, when
from tourism.zone.service import city_name


def register() -> None:
    label_fields({"name": _l("name"), "address": _l("address"), "manager": _l("manager"),
                  "outbound": _l("outbound business"), "deposit_cny": _l("deposit"), "deposit_kind": _l("deposit kind"),
                  "deposit_since": _l("deposit held since"), "guarantee_expires_on": _l("guarantee expires"),
                  "licensed_on": _l("licensed on"), "home_city": _l("home city"),
                  "established_on": _l("established on"), "city": _l("city"), "scope": _l("business scope")},
                 {"home_city": city_name, "city": city_name, "deposit_kind": lambda v: str(DepositKind.label_of(v))})
    tell("created", lambda d: _("registered the agency %(name)s (licence %(no)s, %(city)s)",
                                name=d.get("name"), no=d.get("licence_no"), city=city_name(d.get("home_city"))))
    tell("licence_status", lambda d: _("changed the licence status from %(before)s to %(after)s",
                                       before=LicenceStatus.label_of(d.get("before")),
                                       after=LicenceStatus.label_of(d.get("after"))))
    tell("penalty", lambda d: _("recorded a penalty: %(kind)s, %(document)s by %(authority)s, decided %(day)s",
                                kind=PenaltyKind.label_of(d.get("kind")), document=d.get("document_no"),
                                authority=d.get("authority"), day=when(d.get("decided_on"))))
    tell("branch_submitted", lambda d: _("submitted a branch in %(city)s for filing", city=city_name(d.get("city"))))
    tell("outlet_submitted", lambda d: _("submitted a service outlet in %(city)s for filing",
                                         city=city_name(d.get("city"))))
    tell("submitted", lambda d: _("submitted %(name)s in %(city)s for filing", name=d.get("name"),
                                  city=city_name(d.get("city"))))
    tell("resubmitted", lambda d: _("corrected it and submitted it again (%(changes)s); decision due %(day)s",
                                    changes=changes(d) or "—", day=when(d.get("decision_due"))))
    tell("deadlines_recomputed", lambda d: _("recomputed the filing limits on the published holidays: "
                                             "decision due %(day)s", day=when(d.get("decision_due"))))
    tell(FilingStatus.FILED, lambda d: _("filed it as %(no)s", no=d.get("filing_no")))
    tell(FilingStatus.RETURNED, lambda d: _("returned it for correction"))
