"""Helpers shared by the page forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FormField, HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Regexp, ValidationError

from tourism.core import clock
from tourism.core.schemas import EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT_CNY, MAX_PEOPLE, PHONE_PATTERN

AMOUNT_CNY = NumberRange(min=0, max=MAX_AMOUNT_CNY)
HEADCOUNT = NumberRange(min=0, max=MAX_PEOPLE)
PHONE = Regexp(PHONE_PATTERN, message=_l("Give a phone number of digits, spaces, +, - or ()."))


def version_field() -> HiddenField:
    """The version of the record a form was shown with (optimistic locking): a whole number, as it was sent."""
    return HiddenField(validators=[DataRequired(), Regexp(r"^\d{1,9}$", message=_l("Reload the page and try again."))])


def in_range(form, field):
    """A date the system can hold (1950-2100), as the API's dates are."""
    if field.data and not EARLIEST_DATE <= field.data <= LATEST_DATE:
        raise ValidationError(_l("Give a date between 1950-01-01 and 2100-12-31."))


def not_future(form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(_l("The date cannot be in the future."))


def filter_value(field):
    """A list filter's value, or None when it is empty or not valid (a filter never fails the page)."""
    return None if field.errors else (field.data or None)


class ButtonForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that post (log out, revoke, acknowledge)."""


def choices(*pairs):
    """``SelectChoice`` items from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def _field_at(form, path: str):
    """The field a service's error path names: ``name``, or ``rows.2.name`` into a list of sub-forms."""
    node = form
    for part in path.split("."):
        if part.isdigit():
            entries = getattr(node, "entries", None)
            node = entries[int(part)] if entries is not None and int(part) < len(entries) else None
        else:
            node = getattr(getattr(node, "form", node), part, None)
        if node is None:
            return None
    return node


def apply_errors(form, error) -> None:
    """Show a service's field errors on the matching form fields, the rest above the form."""
    messages = error.errors or {}
    for name, texts in messages.items():
        field = _field_at(form, name)
        if field is not None and not isinstance(field, FormField) and hasattr(field, "errors"):
            field.errors = list(field.errors) + list(texts)
        else:
            form.form_errors.extend(texts)
    if error.message and not messages:
        form.form_errors.append(str(error.message))


def error_text(error) -> str:
    """A service's refusal as one line, for a flash message after a button that posts."""
    messages = [str(message) for texts in (error.errors or {}).values() for message in texts]
    return " ".join(messages) or str(error.message or "")


def form_error_text(form) -> str:
    """Everything wrong with a submitted form, as one line: its own errors first, then each field's."""
    messages = [str(m) for m in form.form_errors]
    messages += [f"{field.label.text}: {message}" for field in form for message in field.errors]
    return " ".join(messages)
