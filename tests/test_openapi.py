"""The OpenAPI document is valid and lists the fixed interfaces that exist."""

from openapi_spec_validator import validate


def test_openapi_document_validates(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.json)


FIXED_INTERFACES = [
    ("post", "/api/v1/auth/tokens"),
    ("post", "/api/v1/guides"),
    ("post", "/api/v1/guides/{licence_no}/affiliations"),
    ("post", "/api/v1/guides/{licence_no}/status"),
    ("post", "/api/v1/eligibility"),
    ("post", "/api/v1/agencies"),
    ("post", "/api/v1/agencies/{licence_no}/branches"),
    ("post", "/api/v1/branches/{office_id}/filing"),
    ("get", "/api/v1/agencies/{licence_no}/deposit"),
    ("post", "/api/v1/complaints"),
    ("post", "/api/v1/complaints/{tracking_no}/lookup"),
    ("get", "/api/v1/complaints/{tracking_no}"),
    ("post", "/api/v1/complaints/{tracking_no}/transitions"),
    ("post", "/api/v1/incidents"),
    ("post", "/api/v1/incidents/{incident_id}/acknowledge"),
]


def test_openapi_lists_the_endpoints_of_api_md(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    missing = [(method, path) for method, path in FIXED_INTERFACES if method not in paths.get(path, {})]
    assert missing == []


def test_error_responses_are_documented_in_the_one_shape(client):
    spec = client.get("/api/v1/openapi.json").json
    error = spec["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "message", "errors", "checks"}


def test_docs_page_lists_every_path(client):
    html = client.get("/api/v1/docs").get_data(as_text=True)
    for path in client.get("/api/v1/openapi.json").json["paths"]:
        assert path in html
