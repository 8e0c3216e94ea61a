"""The main path of each user group in a real browser, in Chinese and in English, with an accessibility pass."""

import re
import time
import uuid
from datetime import timedelta

from icalendar import Calendar

from tests.browser.helpers import accessibility_problems, log_in, log_out, screenshot
from tests.qr import decode_qr
from tourism.core import clock

HEADINGS = {"zh": {"plan": "规划岭南之旅", "itinerary": "您的行程"},
            "zh-Hant": {"plan": "規劃嶺南之旅", "itinerary": "您的行程"},
            "en": {"plan": "Plan a Lingnan trip", "itinerary": "Your itinerary"}}


def assert_accessible(page):
    problems = accessibility_problems(page)
    assert problems == [], f"{page.url}: {problems}"


SEARCH = {"zh": ("陈家祠", "宝墨园"), "zh-Hant": ("陳家祠", "寶墨園"), "en": ("chen clan", "baomo")}


def _choose(page, name, value, search):
    page.fill("#place-filter", search)
    page.check(f"input[name={name}][value={value}]")


def _stops(page):
    return page.eval_on_selector_all("li.visit", "items => items.map(item => item.dataset.poi)")


def _inside_map(page, selector):
    """The markers (or clusters) drawn inside the map's frame (Leaflet keeps others in the page, clipped)."""
    frame = page.locator("#trip-map").bounding_box()
    found = []
    for item in page.locator(selector).all():
        box = item.bounding_box()
        if box and frame["x"] <= box["x"] + box["width"] / 2 <= frame["x"] + frame["width"] \
                and frame["y"] <= box["y"] + box["height"] / 2 <= frame["y"] + frame["height"]:
            found.append(item)
    return found


def _open_a_marker(page):
    """Click clusters until a numbered marker shows inside the map, then open it."""
    for _ in range(6):
        markers = _inside_map(page, ".stop-marker")
        if markers:
            markers[0].click()
            return page.locator(".leaflet-popup-content")
        _inside_map(page, ".marker-cluster")[0].click()
        page.wait_for_timeout(500)
    raise AssertionError("no marker could be opened")


def _until(condition, seconds=10.0):
    """Poll ``condition`` (the page's script policy forbids Playwright's evaluated wait functions)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _change(page, poi, button_class):
    before = page.url
    page.locator(f'li.visit[data-poi="{poi}"] .stop-actions form').nth(button_class).locator("button").click()
    page.wait_for_url(lambda url: url != before and re.search(r"/itineraries/[0-9a-f]{32}$", url), timeout=30_000)


def test_a_tourist_plans_edits_and_downloads_a_trip(localised_page):
    page = localised_page
    page.goto("/plan")
    assert page.inner_text("h1") == HEADINGS[page.language]["plan"]
    assert_accessible(page)
    first_day = clock.today() + timedelta(days=7)
    page.fill("#start_date", first_day.isoformat())
    page.fill("#days", "3")
    page.select_option("#start_city", "440100")
    page.select_option("#end_city", "440100")
    page.check("input[name=theme_garden][value=lot]")
    page.check("input[name=theme_lingnan-architecture][value=lot]")
    page.check("input[name=theme_museum][value=little]")
    must, avoid = SEARCH[page.language]
    _choose(page, "must_visit", "gz-chen-clan-academy", must)
    _choose(page, "avoid", "gz-baomo-garden", avoid)
    screenshot(page, "tourist-plan-form")
    page.click("#plan-submit")
    page.wait_for_url(re.compile(r"/itineraries/[0-9a-f]{32}$"), timeout=30_000)
    assert page.inner_text("h1") == HEADINGS[page.language]["itinerary"]
    stops = _stops(page)
    assert "gz-chen-clan-academy" in stops and "gz-baomo-garden" not in stops
    journeys = page.locator("li.journey").all_inner_texts()
    assert len(journeys) >= len(stops) and all(re.search(r"\d+", text) for text in journeys)
    assert page.locator("dl.figures dd").count() == 5
    assert_accessible(page)
    screenshot(page, "tourist-itinerary")

    box = page.locator("#trip-map")
    box.wait_for(state="visible")
    _until(lambda: box.get_attribute("data-zoom") is not None)
    zoom = float(box.get_attribute("data-zoom"))
    page.click(".leaflet-control-zoom-in")
    _until(lambda: float(box.get_attribute("data-zoom")) > zoom)
    centre = box.get_attribute("data-centre")
    area = box.bounding_box()
    page.mouse.move(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] / 2 - 80, area["y"] + area["height"] / 2 - 40, steps=8)
    page.mouse.up()
    _until(lambda: box.get_attribute("data-centre") != centre)
    popup = _open_a_marker(page)
    popup.wait_for(state="visible")
    assert re.match(r"\d+\. ", popup.inner_text())
    screenshot(page, "tourist-map")

    kept, removed = [poi for poi in _stops(page) if poi != "gz-chen-clan-academy"][:2]
    kept_day = page.locator(f'li.visit[data-poi="{kept}"]').evaluate("li => li.closest('section').id")
    _change(page, kept, 1)  # keep on this day
    _change(page, removed, 0)  # remove
    assert removed not in _stops(page)
    kept_item = page.locator(f'li.visit[data-poi="{kept}"]')
    assert kept_item.evaluate("li => li.closest('section').id") == kept_day
    assert kept_item.locator(".badge").count() == 1
    with page.expect_download() as download_info:
        page.click("a[href$='.ics']")
    calendar = Calendar.from_ical(download_info.value.path().read_bytes())
    days = {(first_day + timedelta(days=n)).isoformat() for n in range(3)}
    events = list(calendar.walk("VEVENT"))
    assert events and all(e.get("DTSTART").dt.date().isoformat() in days for e in events)
    assert page.external_requests == []


def test_an_agency_submits_a_branch_and_its_citys_regulator_files_it(page, live_server):
    name = f"佛山{uuid.uuid4().hex[:6]}分社"
    log_in(page, live_server, "gz-agency")
    page.goto("/workspace/branch/new")
    assert_accessible(page)
    page.select_option("#city", "440600")
    page.fill("#name", name)
    page.fill("#address", "佛山市禅城区祖庙路 18 号")
    page.fill("#established_on", clock.today().isoformat())
    screenshot(page, "agency-branch-form")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/workspace")
    assert name in page.inner_text("main")
    assert_accessible(page)
    log_out(page)

    log_in(page, live_server, "fs-regulator")
    page.goto("/filings")
    assert_accessible(page)
    page.click(f"text={name}")
    page.check("input[name=decision][value=filed]")
    screenshot(page, "regulator-filing")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    assert re.search(r"440600-FS-\d+", page.inner_text("main"))
    assert_accessible(page)
    page.goto("/agencies")
    page.fill("#q", name)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert name in page.inner_text("main")


def test_a_complaint_filed_by_the_public_is_handled_by_the_citys_regulator(page, live_server):
    page.goto("/complaints/new")
    assert_accessible(page)
    description = f"导游强迫购物，行程被更改 {uuid.uuid4().hex[:6]}"
    page.fill("#name", "陈游客")
    page.fill("#phone", "13800138000")
    page.select_option("#respondent_kind", "agency")
    page.fill("#respondent_ref", "L-GD-100001")
    page.select_option("#incident_city", "440600")
    page.select_option("#contract_city", "none")
    page.fill("#occurred_on", clock.today().isoformat())
    page.fill("#description", description)
    screenshot(page, "public-complaint-form")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    tracking_no = page.locator("dd code").first.inner_text()
    assert tracking_no
    assert_accessible(page)
    screenshot(page, "public-complaint-receipt")

    log_in(page, live_server, "fs-regulator")
    page.goto("/cases")
    assert_accessible(page)
    page.click(f"text={tracking_no}")
    assert description in page.inner_text("main")
    page.select_option("#to", "accepted")
    page.check("#without_contract")  # accepting asks when the tour contract ended (art. 9(四))
    page.click("form[action$='/transition'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1 small").inner_text() in ("已受理", "accepted")
    assert_accessible(page)
    screenshot(page, "regulator-case")


def test_an_inspector_verifies_a_guide_by_the_qr_page(page, live_server):
    log_in(page, live_server, "guide")
    page.goto("/me/guide")
    assert page.locator("figure.qr svg").count() == 1
    link = decode_qr(page.locator("figure.qr svg").evaluate("svg => svg.outerHTML"))
    verify_url = page.locator("a[href*='/verify/']").get_attribute("href")
    credential = page.locator("code.token").text_content().strip()  # inside a closed <details>
    assert credential
    assert_accessible(page)
    log_out(page)

    page.goto(link)  # where a phone camera goes from the QR code: public, no log-in
    assert page.locator(".verdict-word").inner_text() == {"zh": "有效", "en": "Valid"}[page.language]
    assert_accessible(page)
    screenshot(page, "inspector-scanned-code")
    page.goto(verify_url)  # the licence's public page
    main = page.inner_text("main")
    assert re.search(r"D-\d{4}-\d{6}", main)
    assert_accessible(page)
    screenshot(page, "inspector-verify-page")
    page.goto("/verify")
    page.fill("#credential", credential)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    verdict = page.locator(".verdict-word").inner_text()
    assert verdict == {"zh": "有效", "en": "Valid"}[page.language], page.inner_text("main")
    assert_accessible(page)
    screenshot(page, "inspector-credential-check")


LANDINGS = {"gz-agency": "/workspace", "guide": "/me/guide", "fs-regulator": "/cases", "province": "/cases",
            "fs-inspector": "/city/groups"}


def test_each_role_reaches_every_task_from_its_menu(page, live_server):
    for username, landing in LANDINGS.items():
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            log_in(page, live_server, username)
            assert page.url.endswith(landing), (username, page.url)
            if width == 390:
                page.click("details.work-menu summary")
                links = page.locator("details.work-menu nav a")
            else:
                links = page.locator("nav.work-menu.wide a")
            targets = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
            assert targets, username
            for target in targets:
                response = page.goto(target)
                assert response.status == 200 and page.locator("h1").count() == 1, (username, target)
            if width == 1280:
                screenshot(page, f"menu-{username}")
            log_out(page)
