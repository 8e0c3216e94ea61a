"""What a well-formed agency record looks like, shared by the API schemas and the page forms."""

from flask_babel import lazy_gettext as _l

LICENCE_NO_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{2,31}$"
LICENCE_NO_MESSAGE = _l("Use 3–32 letters, digits and hyphens, e.g. L-GD-100123.")
NAME_LENGTH = {"min": 2, "max": 200}
ADDRESS_LENGTH = {"min": 2, "max": 300}
MANAGER_LENGTH = {"max": 100}
REASON_LENGTH = {"max": 1000}
