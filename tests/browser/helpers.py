"""What the browser tests do on every page: screenshots, logging in and out, the accessibility pass."""

import json
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = getattr(page, "width", None)
    suffix = f"{page.language}-{width}" if width else page.language
    page.screenshot(path=str(ARTIFACTS / f"{name}-{suffix}.png"), full_page=True)
    # A full-page capture leaves Chromium's scroll state out of step with Playwright's, and the next
    # click misses its target; scrolling back to the top puts them in step again.
    page.evaluate("window.scrollTo(0, 0)")


def log_in(page, live_server, username: str) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", live_server["accounts"][username])
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    assert "/login" not in page.url, page.inner_text("main")


def log_out(page) -> None:
    page.click("form[action$='/logout'] button")
    page.wait_for_load_state()


def accessibility_problems(page) -> list[str]:
    """axe-core's WCAG 2 A/AA violations (labels, contrast, names...) and controls that show no focus ring."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
    problems = [f"{v['id']}: {v['help']} ({', '.join(json.dumps(n['target']) for n in v['nodes'][:3])})"
                for v in results.response["violations"]]
    return problems + _unfocusable_or_invisible_focus(page)


def _unfocusable_or_invisible_focus(page, presses: int = 40) -> list[str]:
    """Tab through the page: every control reached must show a visible focus indicator."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    problems = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        found = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                         || style.boxShadow !== 'none';
            return {ring, what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                    + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : '')};
        }""")
        if found is None:
            break
        if not found["ring"]:
            problems.append(f"no visible focus on {found['what']}")
    return problems
