from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from tourism.accounts import service
from tourism.accounts.forms import LoginForm, TokenForm
from tourism.core.forms import ButtonForm
from tourism.core.pages import press
from tourism.extensions import db, limiter
from tourism.web.home import landing_for
from tourism.web.views import safe_next

bp = Blueprint("accounts", __name__)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(service.address_login_limit, methods=["POST"])
@limiter.limit(service.account_login_limit, key_func=service.login_account_key, methods=["POST"],
               deduct_when=service.login_failed)
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = service.authenticate(db.session, form.username.data, form.password.data)
        if user is not None:
            db.session.commit()
            login_user(user)
            return redirect(safe_next(form.next.data, landing_for(user)))
        form.password.errors.append(_("Wrong username or password."))
    status = 400 if form.errors else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    if ButtonForm().validate_on_submit() and current_user.is_authenticated:
        service.end_sessions(current_user)
        db.session.commit()
        logout_user()
    return redirect(url_for("web.home"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """The user's account: who they are, and their API tokens."""
    form = TokenForm()
    issued = None
    if form.validate_on_submit():
        issued, _record = service.issue_token(db.session, current_user, form.name.data or "")
        db.session.commit()
        flash(_("Copy the token now; it will not be shown again."), "info")
    tokens = sorted(current_user.tokens, key=lambda t: t.created_at, reverse=True)
    return render_template("accounts/account.html", form=form, tokens=tokens, issued=issued,
                           revoke_form=ButtonForm())


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id):
    press(ButtonForm(), lambda: service.revoke_token(db.session, current_user, token_id), _("The token was revoked."))
    return redirect(url_for("accounts.account"))
