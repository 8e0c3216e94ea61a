"""The one way a page runs a change: validate the form, call the service, commit, or roll back and say why.

Two shapes of page use it. A form page (``submit``) renders the form again on a refusal, with each
service error on its field and the answer's status set to the refusal's. A button on a page (``press``)
returns to the page either way, with the outcome as one flash message.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, render_template, request
from flask_babel import gettext as _

from tourism.core.errors import DomainError
from tourism.core.forms import apply_errors, form_error_text
from tourism.extensions import db


@dataclass(frozen=True)
class Result:
    done: bool
    value: object = None
    status: int = 200  # what a page that shows the form again answers with
    error: DomainError | None = None  # the refusal, for pages that show more of it than its messages


def submit(form, act: Callable[[], object]) -> Result:
    """Validate ``form`` and run ``act()`` in one committed transaction, or keep the input and say why not."""
    if not form.validate_on_submit():
        return Result(False, status=422 if form.is_submitted() else 200)
    try:
        value = act()
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        apply_errors(form, error)
        return Result(False, status=error.status, error=error)
    return Result(True, value)


def press(form, act: Callable[[], object], done) -> bool:
    """Run a button's action; flash ``done`` (text, or a function of the result) or why it was refused."""
    result = submit(form, act)
    if result.done:
        flash(done(result.value) if callable(done) else done, "success")
    else:
        flash(form_error_text(form) or _("Some fields are invalid."), "error")
    return result.done




def confirmation(form, *, question: str, consequences: str, cancel_url: str):
    """A destructive action's second step: the page that asks, or None once the request carries the answer.

    The first post of a valid form answers with a page naming what will happen, holding the same fields and
    a "confirmed" flag; only that second post does the action. An invalid form goes on to be refused as usual.
    """
    if request.form.get("confirmed") == "yes" or not form.validate_on_submit():
        return None
    fields = [(name, value) for name, value in request.form.items(multi=True) if name != "confirmed"]
    return render_template("confirm.html", question=question, consequences=consequences, fields=fields,
                           action=request.path, cancel_url=cancel_url)
