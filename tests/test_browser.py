"""The built site in a real browser: headless Chromium (Debian's), driven by Playwright.

Skipped, with the reason, where Chromium or Playwright is missing; under
CI=true a missing browser is a failure, so CI never passes by skipping.
A screenshot of the gather example's timeline is kept in artifacts/ (the CI
workflow uploads it).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sites import REPO

ARTIFACTS = REPO / "artifacts"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    reason = ""
    if path is None:
        reason = "Chromium is not installed (Debian: apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright's Python package is missing (make test installs it)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI must run the browser checks")
        pytest.skip(reason)
    assert path is not None
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served over HTTP on a free local port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def page(site_url: str) -> Iterator[object]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        # Only the site itself: a page that needs the network fails here.
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
        yield tab
        browser.close()


def test_the_gather_timeline_is_drawn_and_visible(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/first-examples/")
    figure = page.locator("#example-first-examples-two-tasks-with-gather-timeline")
    figure.scroll_into_view_if_needed()
    assert figure.locator("svg.timeline").is_visible()
    names = figure.locator("svg .tl-name").all_text_contents()
    assert names == ["main()", "task1()", "task2()"]
    box = figure.locator("svg.timeline").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 100
    ARTIFACTS.mkdir(exist_ok=True)
    figure.screenshot(path=str(ARTIFACTS / "timeline-gather.png"))


def test_every_timeline_on_a_page_is_visible_with_its_text(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/running-concurrently/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # exercise solutions too
    figures = page.locator("figure.timeline-figure")
    assert figures.count() > 3
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        assert figure.locator("svg.timeline").is_visible()
        assert figure.locator("details.timeline-text li").count() == figure.locator("svg .tl-name").count()


def test_timelines_fit_a_phone_and_follow_the_dark_theme(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}/first-examples/")
    svg = page.locator("#example-first-examples-two-tasks-with-gather-timeline svg.timeline")
    svg.scroll_into_view_if_needed()
    assert svg.is_visible()
    light = page.evaluate("getComputedStyle(document.querySelector('svg.timeline .tl-name')).fill")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.evaluate("getComputedStyle(document.querySelector('svg.timeline .tl-name')).fill")
    assert light != dark  # the text colour comes from the theme
    page.set_viewport_size({"width": 1280, "height": 900})
