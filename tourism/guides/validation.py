"""What a well-formed guide record looks like, shared by the service, the API schemas and the page forms."""

from flask_babel import lazy_gettext as _l

# The national pattern: 'D', four digits of the issuing region (the first two the province), six of sequence.
LICENCE_NO_PATTERN = r"^D-\d{4}-\d{6}$"
LICENCE_NO_MESSAGE = _l("Use the national pattern D-0000-000000.")
LANGUAGE_PATTERN = r"^[a-z]{2}$"  # ISO 639-1
LANGUAGE_MESSAGE = _l("Use an ISO 639-1 code such as en.")
NAME_MAX = 100
REASON_MAX = 1000
