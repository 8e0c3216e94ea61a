"""Who may do what in the joint complaint and incident log (see tourism.core.authz)."""

from tourism.core.authz import regulator_of, role, rule

# The log is shared: every zone regulator and the province read every case...
rule("complaint.read", role("provincial", "regulator"))
# ...but only the city with jurisdiction (and the province) handles it and sees the complainant's
# contact details and attachments.
rule("complaint.handle", role("provincial"), regulator_of("city"))
rule("complaint.designate", role("provincial"))
rule("incident.read", role("provincial", "regulator"))
rule("incident.report", role("provincial", "regulator"))
rule("incident.follow", role("provincial"), regulator_of("cities"))
rule("incident.acknowledge", regulator_of("cities"))
