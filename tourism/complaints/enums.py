"""The complaint log's sets of values, each with its label (the words of 《旅游投诉处理办法》 in Chinese)."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class ComplaintStatus(Choices):
    RECEIVED = "received", _lp("complaint status", "received")
    ACCEPTED = "accepted", _lp("complaint status", "accepted")
    NOT_ACCEPTED = "not_accepted", _lp("complaint status", "not accepted")
    MEDIATION = "mediation", _lp("complaint status", "in mediation")
    INVESTIGATION = "investigation", _lp("complaint status", "under investigation")
    DECIDED = "decided", _lp("complaint status", "decided")
    CLOSED = "closed", _lp("complaint status", "closed")
    REOPENED = "reopened", _lp("complaint status", "reopened on appeal")
    TRANSFERRED = "transferred", _lp("complaint status", "transferred to the competent authority")


class Origin(Choices):
    """Who brought the case: a tourist's complaint, or a regulator's own inspection of a group."""

    TOURIST = "tourist", _lp("case origin", "a tourist's complaint")
    INSPECTION = "inspection", _lp("case origin", "an inspection's findings")


class CaseState(Choices):
    """Which cases a list shows, by where they stand."""

    OPEN = "open", _lp("cases", "Open")
    FINISHED = "finished", _lp("cases", "Finished")
    ANY = "any", _lp("cases", "All")


# A case in one of these states is over for its complainant: nothing more can be added to it.
FINISHED = frozenset({ComplaintStatus.CLOSED, ComplaintStatus.NOT_ACCEPTED, ComplaintStatus.TRANSFERRED})


class Outcome(Choices):
    UPHELD = "upheld", _lp("complaint outcome", "upheld")
    PARTLY_UPHELD = "partly_upheld", _lp("complaint outcome", "partly upheld")
    REJECTED = "rejected", _lp("complaint outcome", "rejected")


class RespondentKind(Choices):
    AGENCY = "agency", _lp("respondent", "a travel agency")
    GUIDE = "guide", _lp("respondent", "a tour guide")
    POI = "poi", _lp("respondent", "a scenic spot or place")
    OTHER = "other", _lp("respondent", "someone else")


class ReviewSubject(Choices):
    AGENCY = "agency", _lp("review subject", "agency")
    GUIDE = "guide", _lp("review subject", "guide")
