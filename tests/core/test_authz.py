"""The one authorisation helper: grants by role and by scope, failing closed."""

from types import SimpleNamespace

import pytest
from flask_login import login_user

from tests.factories import make_user
from tourism.core.authz import can, owner, regulator_of, require, role, rule
from tourism.core.errors import Forbidden, Unauthorized


@pytest.fixture(autouse=True)
def rules():
    rule("test.decide_in_city", role("provincial"), regulator_of("city"))
    rule("test.edit_agency", owner("agency_admin", "agency_id", "agency"))


def test_provincial_may_act_in_every_city(app):
    province = make_user("province", "provincial")
    assert can("test.decide_in_city", user=province, city="440100")
    assert can("test.decide_in_city", user=province, city="442000")


def test_regulator_acts_only_in_own_city(app):
    gz = make_user("gz", "regulator", city="440100")
    assert can("test.decide_in_city", user=gz, city="440100")
    assert not can("test.decide_in_city", user=gz, city="440600")
    assert can("test.decide_in_city", user=gz, city=["440600", "440100"])


def test_roles_without_a_grant_are_refused(app):
    admin = make_user("admin", "admin")
    assert not can("test.decide_in_city", user=admin, city="440100")


def test_owner_grant_compares_scope(app):
    boss = SimpleNamespace(is_authenticated=True, role="agency_admin", agency_id=7, city_code=None)
    assert can("test.edit_agency", user=boss, agency=7)
    assert not can("test.edit_agency", user=boss, agency=8)
    nobody = SimpleNamespace(is_authenticated=True, role="admin", agency_id=None)
    assert not can("test.edit_agency", user=nobody, agency=None)


def test_undeclared_action_is_refused(app):
    province = make_user("province", "provincial")
    assert not can("test.no_such_action", province)


def test_require_distinguishes_anonymous_from_forbidden(app):
    with app.test_request_context():
        with pytest.raises(Unauthorized):
            require("test.decide_in_city", city="440100")
        login_user(make_user("gz", "regulator", city="440100"))
        require("test.decide_in_city", city="440100")
        with pytest.raises(Forbidden):
            require("test.decide_in_city", city="440600")
