"""A tour group's path in a real browser, in each language at desktop and phone width: the agency files it,
the sheet's QR code opens the public sheet, an inspector of a city on its route checks it and opens a case."""

import itertools
import re
from datetime import timedelta

from tests.browser.helpers import accessibility_problems, log_in, log_out, screenshot
from tests.qr import decode_qr
from tourism.core import clock

RUNS = itertools.count()  # each run files its group on its own days
PERSONAL = ("示例·周领队", "13800000001", "示例·吴师傅")


def assert_accessible(page):
    problems = accessibility_problems(page)
    assert problems == [], f"{page.url}: {problems}"


def _file_a_group(page, first_day):
    page.goto("/groups")
    assert_accessible(page)
    page.click("a[href$='/groups/new']")
    page.select_option("#branch_id", index=1)  # the agency's filed Foshan branch files it
    page.fill("#start_on", first_day.isoformat())
    page.fill("#end_on", (first_day + timedelta(days=1)).isoformat())
    page.fill("#tourists", "24")
    page.select_option("#contract_city", "440600")
    page.fill("#leader_name", "浏览器领队")
    page.fill("#leader_phone", "13800000099")
    page.fill("#coach_plate", "粤E·B0001")
    page.fill("#stops-0-on_date", first_day.isoformat())
    page.fill("#stops-0-time", "09:30")
    page.select_option("#stops-0-poi_id", "fs-ancestral-temple")
    page.fill("#stops-0-minutes", "120")
    page.click("fieldset[data-rows=stops] > button")  # a row added in the page, numbered after the last
    added = page.locator("fieldset[data-rows=stops] .row").last
    added.locator("input[type=date]").fill((first_day + timedelta(days=1)).isoformat())
    added.locator("input[name$='-time']").fill("10:00")
    added.locator("input[name$='-place']").fill("开平碉楼")
    added.locator("select[name$='-city']").select_option("440700")
    added.locator("input[name$='-minutes']").fill("150")
    assert_accessible(page)
    screenshot(page, "agency-group-form")
    page.click("form.form > button[type=submit]")
    page.wait_for_load_state()
    match = re.search(r"TG440600\d{9}", page.inner_text("h1"))
    assert match, page.inner_text("main")
    return match.group(0)


def test_an_agency_files_a_group_and_an_inspector_checks_the_sheet(localised_page, live_server):
    page = localised_page
    run = next(RUNS)
    first_day = clock.today() + timedelta(days=20 + 3 * run)
    log_in(page, live_server, "gz-agency")
    group_no = _file_a_group(page, first_day)
    assert "浏览器领队" in page.inner_text("main")  # the agency sees its group's leader
    assert_accessible(page)
    screenshot(page, "agency-group")
    page.click("a[href$='/print']")
    link = decode_qr(page.locator("figure.qr svg").evaluate("svg => svg.outerHTML"))
    assert link.endswith(f"/g/{group_no}")
    screenshot(page, "agency-group-print")
    page.goto("/groups")
    log_out(page)

    page.goto(link)  # a tourist's phone: public, nothing personal
    main = page.inner_text("main")
    assert group_no in main and "粤E·B0001" in main and "浏览器领队" not in main
    assert_accessible(page)
    screenshot(page, "tourist-group-sheet")

    log_in(page, live_server, "fs-inspector")  # lands on the city's groups
    assert page.url.endswith("/city/groups"), page.url
    assert page.locator("figure.chart svg").count() == 1
    demo = page.locator("table.table tbody tr").first
    demo_no = demo.locator("code").first.inner_text()
    assert not any(text in page.inner_text("main") for text in PERSONAL)
    assert_accessible(page)
    screenshot(page, "inspector-city-groups")
    demo.locator("a").first.click()
    page.wait_for_load_state()
    page.click(f"a[href$='/groups/{demo_no}/inspections']")
    page.wait_for_load_state()
    page.fill("#place", "示例翡翠商场")
    page.check("input[name=findings][value=forced_shopping]")
    page.check("#open_case")
    assert_accessible(page)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    flash = page.inner_text(".flash-success")
    assert re.search(r"TS\d{10}", flash), flash
    screenshot(page, "inspector-inspection")
    log_out(page)
