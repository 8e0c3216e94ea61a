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
    assert response.headers["Location"] == "/cases", "to the regulator's own work page, not off site"


def test_each_role_lands_on_its_work_and_sees_its_menu_with_counts(client):
    from tests.factories import make_agency, make_office

    agency = make_agency("L-GD-000001", "440100")
    make_office(agency, "branch", "440600")
    make_user("fs", "regulator", city="440600")
    make_user("boss", "agency_admin", agency="L-GD-000001")
    for username, landing in (("fs", "/cases"), ("boss", "/workspace")):
        page = client.get("/login").get_data(as_text=True)
        response = client.post("/login", data={"username": username, "password": PASSWORD,
                                               "csrf_token": csrf_from(page)})
        assert response.headers["Location"] == landing
        html = client.get(landing).get_data(as_text=True)
        menu = html.split('<nav class="work-menu wide"', 1)[1].split("</nav>", 1)[0]
        if username == "fs":
            assert "/filings" in menu and '<span class="count"' in menu and "1 待审核" in menu
            assert "/workspace" not in menu
        else:
            assert "/workspace" in menu and "/filings" not in menu and "/cases" not in menu
            home = client.get("/").get_data(as_text=True)
            assert "/filings" not in home, "tasks the role cannot do are not offered"
        client.post("/logout", data={"csrf_token": csrf_from(html)})


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


def test_a_page_outside_ones_role_says_why(client):
    from tests.factories import make_agency

    make_agency("L-GD-000001", "440100")
    make_user("boss", "agency_admin", agency="L-GD-000001")
    login(client, "boss")
    refused = client.get("/filings")
    assert refused.status_code == 403 and "boss" in refused.get_data(as_text=True)
    assert "旅行社管理员" in refused.get_data(as_text=True)
