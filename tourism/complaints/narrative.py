"""How a complaint's history, and the complaint entries on licences, read (see tourism.core.history)."""

from flask_babel import gettext as _

from tourism.complaints.enums import ComplaintStatus, Outcome
from tourism.core.history import tell, when
from tourism.zone.service import city_name


def _moved(d) -> str:
    text = _("moved the case from %(before)s to %(after)s", before=ComplaintStatus.label_of(d.get("before")),
             after=ComplaintStatus.label_of(d.get("to")))
    if d.get("outcome"):
        text += _(" (%(outcome)s)", outcome=Outcome.label_of(d["outcome"]))
    if d.get("compensation_cny"):
        text += _("; compensation %(n)s CNY", n=d["compensation_cny"])
    return text


def register() -> None:
    tell("received", lambda d: _("received the complaint for %(city)s; to be accepted or refused by %(day)s",
                                 city=city_name(d.get("assigned_city")), day=when(d.get("accept_by"))))
    tell("transition", _moved)
    tell("transferred", lambda d: _("passed the case from %(source)s to %(target)s",
                                    source=city_name(d.get("from_city")), target=city_name(d.get("to_city"))))
    tell("transferred_out", lambda d: _("transferred the case to %(authority)s, which has jurisdiction",
                                        authority=d.get("authority")))
    tell("contract_end", lambda d: _("recorded that the tour contract ended on %(day)s",
                                     day=when(d.get("contract_end_on"))) if d.get("contract_end_on")
         else _("recorded that there was no tour contract"))
    tell("respondent_notified", lambda d: _("sent the complaint to the respondent on %(day)s; reply due %(due)s",
                                            day=when(d.get("notified_on")), due=when(d.get("reply_due"))))
    tell("respondent_replied", lambda d: _("recorded the respondent's written reply of %(day)s",
                                           day=when(d.get("replied_on"))))
    tell("deadline_recomputed", lambda d: _("recomputed the acceptance limit on the published holidays: %(day)s",
                                            day=when(d.get("accept_by"))))
    tell("message", lambda d: _("wrote to the complainant") if d.get("for_complainant") else _("wrote a note"))
    tell("attachment", lambda d: _("a file was added"))
    tell("complaint_upheld", lambda d: _("a complaint against the licence was upheld (case %(no)s)",
                                         no=d.get("tracking_no")))
    tell("flagged_for_review", lambda d: _("flagged the licence for review after %(n)s upheld complaints since "
                                           "%(day)s", n=d.get("upheld"), day=when(d.get("since"))))
