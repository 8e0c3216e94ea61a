"""Guide pages: the registry for regulators, the inspector's page, the guide's own page, import screens."""

import io
import re

from tests.factories import csrf_from, login, make_agency, make_guide, make_user
from tests.qr import decode_qr
from tourism.extensions import db

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def test_the_public_verify_page_shows_the_card_and_a_qr_code(client):
    make_agency("L-GD-000001")
    make_guide("D-4401-000001", "440100", employer="L-GD-000001")
    html = client.get("/verify/D-4401-000001").get_data(as_text=True)
    assert "导游001" in html and "测试旅行社L-GD-000001" in html and "<svg" in html
    english = client.get("/verify/D-4401-000001", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Guide check" in english and "Intermediate" in english
    assert client.get("/verify/D-4401-999999").status_code == 404


def test_the_verify_page_shows_nothing_beyond_the_card(client):
    guide = make_guide("D-4401-000001", "440100")
    html = client.get("/verify/D-4401-000001").get_data(as_text=True)
    main = html.split('<main id="main">', 1)[1]
    assert guide.issued_on.isoformat() not in main and "history" not in main.lower()


def test_a_suspended_guide_is_flagged_to_the_inspector(client):
    make_guide("D-4401-000001", "440100")
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    page = client.get("/guides/D-4401-000001").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "status": "suspended", "reason": "投诉调查", "version": "1"}
    asked = client.post("/guides/D-4401-000001/status", data=form)
    assert asked.status_code == 200 and 'name="confirmed" value="yes"' in asked.get_data(as_text=True)
    assert "role=\"alert\"" not in client.get("/verify/D-4401-000001").get_data(as_text=True), "not before yes"
    response = client.post("/guides/D-4401-000001/status", data={**form, "confirmed": "yes"})
    assert response.status_code == 302
    assert "role=\"alert\"" in client.get("/verify/D-4401-000001").get_data(as_text=True)


def test_status_form_without_reason_keeps_the_choice(client):
    make_guide("D-4401-000001", "440100")
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    page = client.get("/guides/D-4401-000001").get_data(as_text=True)
    response = client.post("/guides/D-4401-000001/status", data={
        "csrf_token": csrf_from(page), "status": "revoked", "reason": "", "version": "1"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'<option selected value="revoked"|<option value="revoked" selected', html)


def test_registry_pages_are_for_regulators(client):
    make_guide("D-4401-000001", "440100")
    assert client.get("/guides").status_code == 302  # to the log-in page
    make_agency("L-GD-000001")
    make_user("boss", "agency_admin", agency="L-GD-000001")
    login(client, "boss")
    assert client.get("/guides").status_code == 403
    assert client.get("/guides/D-4401-000001").status_code == 403


def test_regulator_searches_and_exports(client):
    make_guide("D-4401-000001", "440100")
    make_guide("D-4406-000002", "440600")
    make_user("zh", "regulator", city="440400")
    login(client, "zh")
    html = client.get("/guides?city=440600").get_data(as_text=True)
    assert "D-4406-000002" in html and "D-4401-000001" not in html
    csv_text = client.get("/guides/export.csv?city=440600").get_data(as_text=True)
    assert csv_text.startswith("licence_no,") and "D-4406-000002" in csv_text


def test_photo_upload_is_sniffed(client):
    make_guide("D-4401-000001", "440100")
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    token = csrf_from(client.get("/guides/D-4401-000001").get_data(as_text=True))
    fake = client.post("/guides/D-4401-000001/photo", data={"csrf_token": token,
                       "photo": (io.BytesIO(b"<script>alert(1)</script>"), "me.png")},
                       content_type="multipart/form-data")
    assert fake.status_code == 422
    real = client.post("/guides/D-4401-000001/photo", data={"csrf_token": token, "photo": (io.BytesIO(PNG), "me.png")},
                       content_type="multipart/form-data")
    assert real.status_code == 302
    image = client.get("/guides/D-4401-000001/photo.img")
    assert image.mimetype == "image/png" and image.data == PNG
    client.post("/logout", data={"csrf_token": token})
    assert "photo" not in client.get("/verify/D-4401-000001").get_data(as_text=True), "not by licence number alone"
    assert client.get("/guides/D-4401-000001/photo.img").status_code == 302  # to the log-in
    from tourism.guides import credentials, service

    credential, _claims = credentials.issue(service.find_guide(db.session, "D-4401-000001"))
    page = client.get(f"/v/{credential}").get_data(as_text=True)
    assert f'src="/v/{credential}/photo"' in page
    assert client.get(f"/v/{credential}/photo").data == PNG
    assert client.get(f"/v/{credential[:-4]}AAAA/photo").status_code == 404


def test_import_screens_dry_run_then_commit(client):
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    token = csrf_from(client.get("/guides/import").get_data(as_text=True))
    content = ("licence_no,name,home_city,level,languages,issued_on,expires_on\n"
               "D-4401-000201,周导,440100,junior,zh,2025-01-01,2027-12-31\n"
               "D-4401-000202,吴导,440100,junior,zh,2025-01-01,2031-12-31\n").encode()
    dry = client.post("/guides/import", data={"csrf_token": token, "file": (io.BytesIO(content), "guides.csv")},
                      content_type="multipart/form-data")
    html = dry.get_data(as_text=True)
    assert dry.status_code == 200 and "D-4401-000202" in html and "expires_on" in html
    assert client.get("/guides?q=000201").get_data(as_text=True).count("D-4401-000201") == 0
    commit_token = csrf_from(html)
    hidden = re.search(r'name="content" type="hidden" value="([^"]*)"', html)
    import html as html_lib
    saved = client.post("/guides/import/commit", data={"csrf_token": commit_token,
                                                        "content": html_lib.unescape(hidden.group(1))})
    assert saved.status_code == 200
    assert "D-4401-000201" in client.get("/guides?q=000201").get_data(as_text=True)


def test_the_guides_own_page_has_a_fresh_credential(client):
    make_guide("D-4401-000001", "440100")
    make_user("me", "guide", guide="D-4401-000001")
    login(client, "me")
    html = client.get("/me/guide").get_data(as_text=True)
    token = re.search(r'<code class="token">([^<]+)</code>', html).group(1)
    check_page = client.get("/verify").get_data(as_text=True)
    result = client.post("/verify", data={"csrf_token": csrf_from(check_page), "credential": token})
    assert "verdict-ok" in result.get_data(as_text=True)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    result = client.post("/verify", data={"csrf_token": csrf_from(check_page), "credential": tampered})
    assert "verdict-bad" in result.get_data(as_text=True)


def test_the_guides_qr_code_is_a_link_any_phone_opens_to_the_check(client):
    make_guide("D-4401-000001", "440100")
    make_user("me", "guide", guide="D-4401-000001")
    login(client, "me")
    html = client.get("/me/guide").get_data(as_text=True)
    svg = re.search(r'<figure class="qr">(<svg.*?</svg>)', html, re.S).group(1)
    link = decode_qr(svg)
    assert re.match(r"https?://[^/]+/v/", link), link
    page = client.get("/v/" + link.split("/v/", 1)[1])
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "verdict-ok" in text and "D-4401-000001" in text
    assert "2025" in text or "2026" in text, "the licence's validity dates"
    forged = client.get("/v/" + link.split("/v/", 1)[1][:-4] + "AAAA").get_data(as_text=True)
    assert "verdict-bad" in forged


def test_only_the_scanner_page_may_use_the_camera(client):
    assert "camera=(self)" in client.get("/verify").headers["Permissions-Policy"]
    assert "camera=()" in client.get("/plan").headers["Permissions-Policy"]
    page = client.get("/verify").get_data(as_text=True)
    assert 'id="scan-start"' in page and "vendor/jsqr/jsQR.js" in page
