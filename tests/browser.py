"""A real browser for the tests: Debian's headless Chromium, driven by Playwright.

``serve(directory)`` serves a built site on a free local port; ``launch()``
starts Chromium, or skips the test with the reason (a failure under CI=true:
CI must never pass by skipping); ``context_for`` opens a context that can
reach that site and nothing else.  ``visit`` opens a page and waits until the
theme's script has started (it starts after the first frames,
``sitetools/theme_start.py``).  ``check_page`` is what every built page must
pass; ``sweep_page`` runs it and the reading checks at a desktop's width and
a phone's in one visit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import os
import shutil
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitetools.theme_start import STARTED
from tests.sites import REPO

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
#: How long a browser test waits for what it expects (Playwright's default is 30 s). A verdict must
#: not depend on the machine's speed: on a busy 2-core machine, search builds its index in a worker
#: and Pyodide starts in a few seconds more or less; only something that never happens waits this long.
WAIT_MS = 300_000
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must run the browser checks")
    pytest.skip(reason)


@functools.cache
def chromium_version() -> str:
    """What the browser says it is (a browser check's result depends on it)."""
    return subprocess.run([chromium(), "--version"], capture_output=True, text=True, timeout=60).stdout.strip()


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if path is None:
        skip_or_fail("Chromium is not installed (Debian: apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("Playwright's Python package is missing (make test installs it)")
    assert path is not None
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The directory over HTTP on 127.0.0.1; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()


@contextlib.contextmanager
def launch() -> Iterator[Any]:
    """Headless Chromium (one per test module: Playwright's sync API does not nest)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def context_for(browser: Any, base_url: str) -> Any:
    """A browser context where only ``base_url`` can be reached."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    # Nothing may leave the site: a request elsewhere fails, and is reported.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    return context


def visit(page: Any, url: str) -> None:
    """Open ``url`` in ``page`` and wait until the theme's script has started."""
    page.goto(url, wait_until="load")
    page.wait_for_function(f"window.{STARTED} === true")


def check_page(context: Any, url: str) -> tuple[list[str], list[str]]:
    """Load ``url`` once: its console errors, failed requests and error
    responses, then axe-core's serious and critical violations, one line each."""
    page = context.new_page()
    problems = _watch(page)
    visit(page, url)
    violations = _axe(page)
    page.close()
    return problems, violations


def _watch(page: Any) -> list[str]:
    """The page's console errors, uncaught errors, failed requests and error responses, as they come."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(f"uncaught error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} ({request.failure})"))
    page.on(
        "response",
        lambda response: problems.append(f"HTTP {response.status}: {response.url}") if response.status >= 400 else None,
    )
    return problems


def _axe(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the whole page, every example rendered."""
    if not AXE.is_file():
        skip_or_fail(f"axe-core is not installed ({AXE.relative_to(REPO)}; make test runs npm ci in tests/js)")
    # Examples off screen are not rendered (content-visibility: auto), and axe
    # cannot check the contrast of what is not rendered; rendered, as a reader
    # scrolling there sees them, every one of them is checked.
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
    )
    return [
        f"{item['impact']}: {item['id']} ({item['help']}) at {', '.join(item['nodes'])}"
        for item in result
        if item["impact"] in ("serious", "critical")
    ]


#: The widths every page is read at: a phone's and a laptop's.
WIDTHS = (390, 1280)


@dataclasses.dataclass
class PageReport:
    """Everything the per-page checks found on one page (empty lists: all is well)."""

    problems: list[str]  # console errors, failed requests, error responses
    violations: list[str]  # axe-core, serious and critical
    outside: dict[int, list[str]]  # width -> elements that leave the content column
    labels: dict[int, list[str]]  # width -> timeline text clipped or running into other text
    timelines: int  # timelines drawn on the page
    loaded: list[str]  # the site's files the page fetched (relative paths): what the result depends on
    recorded: bool = False  # not visited here: it passed before on the very same files (tests/verdicts.py)

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> PageReport:
        return cls([], [], {}, {}, int(data.get("timelines", 0)), [], recorded=True)

    @property
    def ok(self) -> bool:
        return not (self.problems or self.violations or any(self.outside.values()) or any(self.labels.values()))


def sweep_page(context: Any, base_url: str, path: str) -> PageReport:
    """One visit to a page: loaded at a laptop's width, checked by axe and read; then at a phone's, read again.

    The page is loaded once and resized, as a window is: the layout follows
    the width through CSS, as it would at load (the theme's script listens for
    resizes), and each page costs one load instead of one per check.
    """
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.set_viewport_size({"width": WIDTHS[-1], "height": 900})
    problems = _watch(page)
    visit(page, f"{base_url}/{path}")
    violations = _axe(page)  # also lays out every example, as the reading checks need
    outside, labels = {}, {}
    for width in reversed(WIDTHS):
        if width != WIDTHS[-1]:
            page.set_viewport_size({"width": width, "height": 844})
            page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        outside[width] = page.evaluate(OUT_OF_THE_COLUMN)
        labels[width] = page.evaluate(TIMELINE_LABELS)
    timelines = page.locator("svg.timeline").count()
    page.close()
    files = []
    for url in loaded:
        if url.startswith(base_url):
            relative = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
            files.append(relative + "index.html" if relative.endswith("/") or not relative else relative)
    return PageReport(problems, violations, outside, labels, timelines, sorted(set(files)))


#: Every timeline's text: inside its drawing, and clear of every other piece of text (their boxes, as drawn).
TIMELINE_LABELS = """() => {
  const problems = [];
  document.querySelectorAll('svg.timeline').forEach((svg) => {
    const where = svg.closest('figure').id;
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBoundingClientRect()]);
    for (const [text, r] of texts) {
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        problems.push(`${where}: "${text}" sticks out of the drawing`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i][1], b = texts[j][1];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) problems.push(`${where}: "${texts[i][0]}" overlaps "${texts[j][0]}"`);
      }
    }
  });
  return problems;
}"""

#: Elements that stick out of the content column: only code blocks (the theme draws them to the screen's
#: edge on a phone, and they scroll sideways) may, by design.
OUT_OF_THE_COLUMN = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const found = [];
  for (const element of document.querySelectorAll('.md-content__inner *')) {
    if (element.closest('pre, .highlight, .tabbed-labels, .tabbed-control, svg')) continue;
    // Each line an element takes (inline code may wrap); four pixels of slack: a code span's padding at a line's end.
    for (const r of element.getClientRects()) {
      if (!r.width || (r.right <= column.right + 4 && r.left >= column.left - 4)) continue;
      if (element.closest('.md-typeset__scrollwrap') && r.right <= window.innerWidth) continue;  // the theme's full-bleed table
      found.push(`${element.tagName.toLowerCase()}.${element.className}: "${element.textContent.trim().slice(0, 50)}"`
        + ` by ${Math.round(Math.max(r.right - column.right, column.left - r.left))} px`);
      break;
    }
  }
  return found.slice(0, 10);
}"""
