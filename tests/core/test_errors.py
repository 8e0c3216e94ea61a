"""Every failure on an API path has the one error shape of API.md."""

import pytest

from tests.factories import api_user
from tourism.core.api import Blueprint
from tourism.core.authz import require, rule
from tourism.core.errors import StaleVersion
from tourism.setup import register_api


def assert_error_shape(response, status, code=None):
    assert response.status_code == status
    assert response.is_json, response.data[:200]
    body = response.json
    assert set(body) <= {"code", "message", "errors"}
    assert isinstance(body["code"], str) and body["message"]
    if code:
        assert body["code"] == code
    return body


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/auth/tokens", data="{not json", content_type="application/json")
    assert_error_shape(response, 400, "bad_request")


def test_missing_and_mistyped_fields_are_422_with_field_messages(client):
    response = client.post("/api/v1/auth/tokens", json={"username": 7})
    body = assert_error_shape(response, 422, "validation_error")
    assert set(body["errors"]) == {"username", "password"}
    assert all(isinstance(m, list) and m for m in body["errors"].values())


def test_a_json_array_instead_of_an_object_is_422(client):
    response = client.post("/api/v1/auth/tokens", json=["admin", "secret"])
    assert_error_shape(response, 422, "validation_error")


def test_unknown_api_path_is_json_404(client):
    assert_error_shape(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_wrong_method_is_json_405(client):
    response = client.delete("/api/v1/cities")
    assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_protected_endpoint_without_token_is_401(client):
    assert_error_shape(client.get("/api/v1/auth/me"), 401, "unauthorized")


def test_pages_get_an_html_error_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


@pytest.fixture
def guarded_app(fresh_app):
    """A small API blueprint using the real helper, for statuses no foundation route gives yet."""
    blp = Blueprint("probe_api", __name__, url_prefix="/probe")
    rule("probe.city", lambda user, target: user.city_code == target["city"])

    @blp.route("/city/<code>", methods=["POST"])
    def city_action(code):
        require("probe.city", city=code)
        return {"ok": True}

    @blp.route("/stale", methods=["POST"])
    def stale():
        raise StaleVersion("Someone changed this case; reload it.")

    register_api(fresh_app, blp)
    return fresh_app


def test_forbidden_is_403(guarded_app):
    client = guarded_app.test_client()
    headers = api_user(client, "gz", "regulator", city="440100")
    assert client.post("/api/v1/probe/city/440100", headers=headers).status_code == 200
    assert_error_shape(client.post("/api/v1/probe/city/440600", headers=headers), 403, "forbidden")


def test_conflict_is_409(guarded_app):
    client = guarded_app.test_client()
    body = assert_error_shape(client.post("/api/v1/probe/stale"), 409, "stale_version")
    assert "reload" in body["message"]


def test_unexpected_errors_are_json_500_without_details(fresh_app):
    blp = Blueprint("boom_api", __name__, url_prefix="/boom")

    @blp.route("", methods=["GET"])
    def boom():
        raise RuntimeError("database password is hunter2")

    register_api(fresh_app, blp)
    body = assert_error_shape(fresh_app.test_client().get("/api/v1/boom"), 500, "internal_error")
    assert "hunter2" not in body["message"]


def test_text_that_no_database_can_store_is_400(client):
    response = client.post("/api/v1/auth/tokens", data='{"username": "\\ud800x", "password": "p"}',
                           content_type="application/json")
    assert_error_shape(response, 400, "bad_request")


def test_ids_beyond_the_databases_integers_are_404(client):
    assert_error_shape(client.get("/api/v1/branches/92969322155938193005321415294976"), 404, "not_found")
    assert_error_shape(client.get("/api/v1/incidents/0"), 404, "not_found")
