"""Who may do what with tour groups (see tourism.core.authz)."""

from tourism.core.authz import inspector_of, owner, register_scope, regulator_of, role, rule
from tourism.groups.models import TourGroup
from tourism.groups.service import home_cities, route_cities

# A group stands in every city on its route, and with the regulators of where it was filed and of its agency's
# home city, who keep its file; its organising agency and every agency it was handed to read it (one that
# declined, without the leader's contact: see service.sees_personal_data).
register_scope(TourGroup, lambda group: {
    "agency": group.agency_id, "agencies": [group.agency_id, *(p.agency_id for p in group.receiving)],
    "cities": route_cities(group),
    "home": home_cities(group), "guides": [g.guide_id for g in group.guides]})

rule("group.file", owner("agency_admin", "agency_id", "agency"))
rule("group.amend", owner("agency_admin", "agency_id", "agency"))
# A receiving agency's admin answers for that agency (the target is the receiving agency).
rule("group.receive", owner("agency_admin", "agency_id", "agency"))
rule("group.read", role("admin", "provincial"), regulator_of("cities"), regulator_of("home"), inspector_of("cities"),
     owner("agency_admin", "agency_id", "agencies"), owner("guide", "guide_id", "guides"))
# Inspectors and regulators of a city on the route check the group there.
rule("group.inspect", regulator_of("cities"), inspector_of("cities"))
# Each city's list of the groups in it; the province sees the zone.
rule("group.city_list", role("provincial"), regulator_of("city"), inspector_of("city"))
rule("group.zone_list", role("provincial"))
# Pages without a target.
rule("group.workspace", role("agency_admin"))
rule("group.duty", role("guide"))
rule("group.watch", role("provincial", "regulator", "inspector"))
