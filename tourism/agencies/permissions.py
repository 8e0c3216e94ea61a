"""Who may do what with agencies and their offices (see tourism.core.authz)."""

from tourism.agencies.models import Agency, Office
from tourism.core.authz import owner, register_scope, regulator_of, role, rule

# An agency stands in its home city; an office in its own city, on behalf of its agency.
register_scope(Agency, lambda agency: {"agency": agency.id, "city": agency.home_city})
register_scope(Office, lambda office: {"agency": office.agency_id, "city": office.city})

rule("agency.create", role("admin", "provincial"), regulator_of("city"))
# The home city's regulator keeps the licence record: deposit held, scope, status.
rule("agency.regulate", role("admin", "provincial"), regulator_of("city"))
# The agency's own admin opens, corrects and closes its offices.
rule("agency.manage", owner("agency_admin", "agency_id", "agency"))
# Deposit details, pending filings and history: the agency itself and every regulator of the zone.
rule("agency.inspect", role("admin", "provincial", "regulator"), owner("agency_admin", "agency_id", "agency"))
# A filing is decided in the office's city (or by the province), never by the home city for another city.
rule("office.decide", role("provincial"), regulator_of("city"))
# Page access without a target: the workspace is for agency admins, the filing queue for regulators.
rule("agency.workspace", role("agency_admin"))
rule("agency.filing_queue", role("admin", "provincial", "regulator"))
