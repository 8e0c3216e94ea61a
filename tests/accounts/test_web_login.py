"""Web sessions: log in through the form (with its CSRF token), log out, role-free pages."""

from tests.factories import PASSWORD, csrf_from, login, make_user


def test_login_form_logs_in_and_shows_the_account(client):
    make_user("gz", "regulator", city="440100")
    response = login(client, "gz")
    assert response.status_code == 302
    page = client.get("/account")
    assert page.status_code == 200 and "gz" in page.get_data(as_text=True)


def test_login_post_without_csrf_token_is_rejected(client):
    make_user("gz", "regulator", city="440100")
    response = client.post("/login", data={"username": "gz", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/account").status_code == 302  # still anonymous


def test_wrong_password_rerenders_the_form_with_the_username(client):
    make_user("gz", "regulator", city="440100")
    page = client.get("/login").get_data(as_text=True)
    form = {"username": "gz", "password": "wrong-password", "csrf_token": csrf_from(page)}
    response = client.post("/login", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="gz"' in html and 'aria-invalid="true"' in html


def test_login_does_not_redirect_off_site(client):
    make_user("gz", "regulator", city="440100")
    page = client.get("/login").get_data(as_text=True)
    response = client.post("/login", data={"username": "gz", "password": PASSWORD, "next": "https://evil.example/",
                                           "csrf_token": csrf_from(page)})
    assert response.headers["Location"] == "/"


def test_logout_needs_a_post_with_csrf(client):
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    assert client.post("/logout").status_code == 400
    assert client.get("/account").status_code == 200
    token = csrf_from(client.get("/account").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/account").status_code == 302


def test_account_page_issues_and_revokes_tokens(client):
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    token = csrf_from(client.get("/account").get_data(as_text=True))
    issued = client.post("/account", data={"name": "script", "csrf_token": token}).get_data(as_text=True)
    assert "script" in issued and 'class="token"' in issued


def test_session_cookie_lends_no_authority_to_the_api(client):
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    assert client.get("/api/v1/auth/me").status_code == 401
