"""Who may do what in the joint complaint log (see tourism.core.authz)."""

from tourism.complaints.models import Complaint
from tourism.core.authz import register_scope, regulator_of, role, rule

# A case stands in the city that handles it.
register_scope(Complaint, lambda complaint: {"city": complaint.assigned_city})

# The log is shared: every zone regulator and the province read every case...
rule("complaint.read", role("provincial", "regulator"))
# ...but only the city with jurisdiction (and the province) handles it and sees the complainant's
# contact details and attachments.
rule("complaint.handle", role("provincial"), regulator_of("city"))
rule("complaint.designate", role("provincial"))
