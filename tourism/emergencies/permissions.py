"""Who may do what on the joint incident board (see tourism.core.authz)."""

from tourism.core.authz import register_scope, regulator_of, role, rule
from tourism.emergencies.models import Incident

# An incident stands in every city it touches.
register_scope(Incident, lambda incident: {"cities": incident.city_codes})

rule("incident.read", role("provincial", "regulator"))
rule("incident.report", role("provincial", "regulator"))
rule("incident.follow", role("provincial"), regulator_of("cities"))
rule("incident.acknowledge", regulator_of("cities"))
# Upward reports: the affected cities (and the province) record theirs to the province; the province its own
# to the Ministry.
rule("incident.report_to_ministry", role("provincial"))
