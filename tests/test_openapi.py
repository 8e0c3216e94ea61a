"""The OpenAPI document is valid and lists the fixed interfaces that exist."""

from openapi_spec_validator import validate


def test_openapi_document_validates(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.json)


def test_openapi_lists_the_endpoints_of_api_md(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "post" in paths["/api/v1/auth/tokens"]


def test_error_responses_are_documented_in_the_one_shape(client):
    spec = client.get("/api/v1/openapi.json").json
    error = spec["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "message", "errors"}


def test_docs_page_lists_every_path(client):
    html = client.get("/api/v1/docs").get_data(as_text=True)
    for path in client.get("/api/v1/openapi.json").json["paths"]:
        assert path in html
