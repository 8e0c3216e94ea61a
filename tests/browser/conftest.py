"""Real-browser tests: Debian's Chromium driven by Playwright against a live server holding the demo data.

They run with `make test-browser` (which sets BROWSER_TESTS=1; .ci/run calls it) and are skipped in the
plain suite. Asked for without Chromium, they fail rather than pass unseen. Screenshots land in
tests/artifacts/browser/ (ignored by git).
"""

import os
import threading
from pathlib import Path

import flask_migrate
import pytest
from werkzeug.serving import make_server

from tourism import create_app
from tourism.demo import seed_demo
from tourism.extensions import db

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-extensions", "--no-first-run"]


def pytest_collection_modifyitems(config, items):
    if os.environ.get("BROWSER_TESTS"):
        if not Path(CHROMIUM).exists():
            raise pytest.UsageError(f"No Chromium at {CHROMIUM}: apt-get install chromium fonts-noto-cjk")
        return
    skip = pytest.mark.skip(reason="browser tests run with `make test-browser`")
    for item in items:
        if Path(__file__).parent in Path(item.fspath).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app on a fresh SQLite database with the demo data, served from a thread; yields its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'browser.sqlite3'}",
                      "SECRET_KEY": "browser-tests-only", "RATELIMIT_ENABLED": False, "DEMO_CREDENTIALS": True},
                     instance_path=str(folder / "instance"))
    with app.app_context():
        flask_migrate.upgrade()
        accounts = {name: password for name, password, _ in seed_demo(db.session)}
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "accounts": accounts}
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=["zh-CN", "en-US"], ids=["zh", "en"])
def page(request, browser, live_server):
    """A fresh browser context in each language, the demo server as its base URL."""
    context = browser.new_context(base_url=live_server["url"], locale=request.param, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.language = "en" if request.param.startswith("en") else "zh"
    yield page
    context.close()


@pytest.fixture(params=[("zh-CN", 1280), ("zh-HK", 1280), ("en-US", 1280), ("zh-CN", 390), ("zh-HK", 390),
                        ("en-US", 390)], ids=["zh-1280", "zh-Hant-1280", "en-1280", "zh-390", "zh-Hant-390", "en-390"])
def localised_page(request, browser, live_server):
    """A browser in each language at desktop and phone width; any request to another host is
    refused and recorded in ``page.external_requests``."""
    locale, width = request.param
    context = browser.new_context(base_url=live_server["url"], locale=locale, accept_downloads=True,
                                  viewport={"width": width, "height": 900 if width > 400 else 844})
    page = context.new_page()
    page.language = {"zh-CN": "zh", "zh-HK": "zh-Hant", "en-US": "en"}[locale]
    page.width = width
    page.external_requests = []

    def guard(route):
        if route.request.url.startswith(live_server["url"]):
            route.continue_()
        else:
            page.external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield page
    context.close()
