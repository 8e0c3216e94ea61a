"""Who may do what with guide licences (see tourism.core.authz)."""

from tourism.core.authz import owner, register_scope, regulator_of, role, rule
from tourism.guides.models import Guide

# A licence stands in its home city, for its guide.
register_scope(Guide, lambda guide: {"guide": guide.id, "city": guide.home_city})

rule("guide.create", role("admin", "provincial"), regulator_of("city"))
# Status, renewal, bars, photo: the home city's regulator or the province.
rule("guide.regulate", role("provincial"), regulator_of("city"))
# The registry is shared across the zone: every regulator reads it.
rule("guide.registry", role("admin", "provincial", "regulator"))
rule("guide.import", role("provincial", "regulator"))
rule("guide.view", role("admin", "provincial", "regulator"), owner("guide", "guide_id", "guide"))
rule("guide.self", role("guide"))
# Affiliations: the home city's regulator, the province, or the employing agency's own admin.
rule("guide.affiliate", role("provincial"), regulator_of("city"), owner("agency_admin", "agency_id", "agency"))
rule("guide.credential", role("provincial"), regulator_of("city"), owner("guide", "guide_id", "guide"))
