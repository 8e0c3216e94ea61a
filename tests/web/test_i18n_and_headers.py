"""Chinese first, English by choice (remembered); security headers on every response."""

import pytest


def test_home_is_chinese_by_default(client):
    html = client.get("/").get_data(as_text=True)
    assert 'lang="zh-CN"' in html
    assert "珠三角" in html and "游客" in html


def test_accept_language_english_gives_english(client):
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in html and "Tourists" in html


def test_switch_is_remembered_and_returns_to_the_page(client):
    response = client.get("/lang/en?next=/login")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    html = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "Tourists" in html
    client.get("/lang/zh_CN")
    assert "游客" in client.get("/").get_data(as_text=True)


def test_switch_never_redirects_off_site(client):
    assert client.get("/lang/en?next=//evil.example/x").headers["Location"] == "/"


def test_api_errors_follow_accept_language(client):
    zh = client.get("/api/v1/auth/me").json["message"]
    en = client.get("/api/v1/auth/me", headers={"Accept-Language": "en"}).json["message"]
    assert en == "Please log in first." and zh != en


@pytest.mark.parametrize("path", ["/", "/login", "/api/v1/cities", "/api/v1/nothing-here", "/static/site.css"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_script(client):
    for path in ("/", "/login", "/api/v1/docs"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "onclick=" not in html


def test_pages_are_usable_on_a_phone(client):
    assert 'name="viewport" content="width=device-width' in client.get("/").get_data(as_text=True)
