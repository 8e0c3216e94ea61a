"""The main path of each user group in a real browser, in Chinese and in English, with an accessibility pass."""

import re
import uuid

from icalendar import Calendar

from tests.browser.helpers import accessibility_problems, log_in, log_out, screenshot
from tourism.core import clock

HEADINGS = {"zh": {"plan": "规划岭南之旅", "itinerary": "您的行程"},
            "en": {"plan": "Plan a Lingnan trip", "itinerary": "Your itinerary"}}


def assert_accessible(page):
    problems = accessibility_problems(page)
    assert problems == [], f"{page.url}: {problems}"


def test_a_tourist_plans_a_trip_and_downloads_the_calendar(page):
    page.goto("/plan")
    assert page.locator("html").get_attribute("lang") == ("en" if page.language == "en" else "zh-CN")
    assert page.inner_text("h1") == HEADINGS[page.language]["plan"]
    assert_accessible(page)
    page.fill("#start_date", "2026-12-09")
    page.fill("#days", "2")
    page.select_option("#start_city", "440100")
    page.select_option("#end_city", "440600")
    page.fill("#theme_garden", "3")
    page.fill("#theme_lingnan-architecture", "3")
    page.fill("#time_limit_s", "1")
    page.fill("#place-filter", "chen clan" if page.language == "en" else "陈家祠")
    page.select_option("#must_visit", "gz-chen-clan-academy")
    screenshot(page, "tourist-plan-form")
    page.click("#plan-form button[type=submit]")
    page.wait_for_url(re.compile(r"/itineraries/[0-9a-f]{32}$"), timeout=30_000)
    assert page.inner_text("h1") == HEADINGS[page.language]["itinerary"]
    assert page.locator("svg polyline").count() == 2  # one line per day on the offline map
    assert "gz-chen-clan-academy" in page.content() or "陈家祠" in page.inner_text("main")
    assert_accessible(page)
    screenshot(page, "tourist-itinerary")
    with page.expect_download() as download_info:
        page.click("a[href$='.ics']")
    events = list(Calendar.from_ical(download_info.value.path().read_bytes()).walk("VEVENT"))
    assert events and all(e.get("DTSTART").dt.date().isoformat() in ("2026-12-09", "2026-12-10") for e in events)


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
    verify_url = page.locator("a[href*='/verify/']").get_attribute("href")
    credential = page.locator("code.token").text_content().strip()  # inside a closed <details>
    assert credential
    assert_accessible(page)
    log_out(page)

    page.goto(verify_url)  # where the QR code leads: public, no log-in
    main = page.inner_text("main")
    assert re.search(r"D-\d{4}-\d{6}", main)
    assert_accessible(page)
    screenshot(page, "inspector-verify-page")
    page.goto("/verify")
    page.fill("#credential", credential)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    verdict = page.locator("main strong").first.inner_text()
    assert verdict == {"zh": "有效", "en": "Valid"}[page.language], page.inner_text("main")
    assert_accessible(page)
    screenshot(page, "inspector-credential-check")
