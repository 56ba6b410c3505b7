"""The built site in a real browser: headless Chromium (Debian's), driven by Playwright.

Every page loads with no console error and no failed request, passes axe-core
with no serious or critical violation, and the things readers use work:
search, content tabs, the copy button, the dark theme, and the task
timelines (a screenshot of the gather example's is kept in artifacts/, which
the CI workflow uploads).  Skipped, with the reason, where Chromium or the
pinned JavaScript is missing; a failure under CI=true.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import verdicts
from tests.browser import WAIT_MS, PageReport, check_page, context_for, serve, visit
from tests.sites import PAGES, REPO, make_site

ARTIFACTS = REPO / "artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(chromium_browser: Any, site_url: str) -> Iterator[Any]:
    context = context_for(chromium_browser, site_url)
    yield context
    context.close()


@pytest.fixture
def page(browser: Any, unchanged_since_passed: None) -> Iterator[Any]:
    tab = browser.new_page()
    yield tab
    tab.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_errors_and_passes_axe(page_reports: dict[str, PageReport], path: str) -> None:
    report = page_reports[path]
    if report.recorded:
        pytest.skip(verdicts.UNCHANGED)
    assert report.problems == [] and report.violations == []


@pytest.mark.usefixtures("unchanged_since_passed")
def test_the_404_page_loads_without_errors(browser: Any, site_url: str) -> None:
    assert check_page(browser, f"{site_url}/404.html") == ([], [])


def test_search_finds_a_page_by_a_word_from_it(page: Any, site_url: str) -> None:
    visit(page, f"{site_url}/")
    page.keyboard.press("/")  # Material's search shortcut
    # Typed, as a reader does: the theme reads the query on key-up (fill() sends no key events, and
    # only passed when the theme's read on focus happened to come after it).
    page.locator("input.md-search__input").press_sequentially("gather")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    links = results.evaluate_all("links => links.map(a => a.href)")
    assert any("/running-concurrently/" in link or "/first-examples/" in link for link in links)


def test_content_tabs_switch(page: Any, site_url: str) -> None:
    visit(page, f"{site_url}/pitfalls/")
    tabs = page.locator(".tabbed-set").first
    tabs.scroll_into_view_if_needed()
    second_label = tabs.locator(".tabbed-labels > label").nth(1)
    second_block = tabs.locator(".tabbed-content > .tabbed-block").nth(1)
    assert not second_block.is_visible()
    second_label.click()
    assert second_block.is_visible()


def test_the_copy_button_copies_the_snippet_source(page: Any, site_url: str) -> None:
    visit(page, f"{site_url}/first-examples/")
    example = page.locator('[data-snippet="first_examples/async_function.py"]')
    example.scroll_into_view_if_needed()
    example.locator(".highlight").first.hover()
    example.locator("button.md-clipboard, button.md-code__button[data-md-type='copy']").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == (REPO / "snippets/first_examples/async_function.py").read_text(encoding="utf-8").strip()


def _palette(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => ({
            scheme: document.body.dataset.mdColorScheme,
            shown: [...document.querySelectorAll("form[data-palette] label")].map(label => !label.hidden),
            background: getComputedStyle(document.body).backgroundColor,
            root: getComputedStyle(document.documentElement).colorScheme,
            themeColor: document.querySelector("meta[name=theme-color]").content,
            header: getComputedStyle(document.querySelector("header")).backgroundColor,
            themeMeta: document.querySelectorAll("meta[name=color-scheme]").length,
        })"""
    )


def test_the_palette_toggle_cycles_and_the_choice_holds_on_the_next_page(page: Any, site_url: str) -> None:
    """Ours, not the theme's (overrides/partials/javascripts/palette.html): the same three steps."""
    visit(page, f"{site_url}/first-examples/")
    start = _palette(page)
    assert start["scheme"] == "default" and start["shown"] == [True, False, False]  # automatic, on a light system
    assert start["themeMeta"] == 0  # the theme's palette script did not run
    toggle = page.locator("form[data-palette] label:not([hidden])")
    toggle.click()  # automatic -> light
    assert _palette(page)["shown"] == [False, True, False]
    toggle.click()  # light -> dark
    page.wait_for_function("document.querySelector('meta[name=theme-color]').content !== ''")
    dark = _palette(page)
    assert dark["scheme"] == "slate" and dark["shown"] == [False, False, True]
    assert max(int(c) for c in dark["background"].removeprefix("rgb(").removesuffix(")").split(",")[:3]) < 80
    assert dark["root"] == "dark"  # the page's own scrollbars follow
    assert dark["themeColor"] == dark["header"]  # and so does a phone's toolbar
    visit(page, f"{site_url}/tasks/")
    assert _palette(page)["scheme"] == "slate"  # the choice is stored for the whole site
    page.locator("#__palette_2").focus()
    page.keyboard.press("Enter")  # the keyboard moves to the next option too: dark -> automatic
    assert _palette(page)["scheme"] == "default" and _palette(page)["shown"] == [True, False, False]


@pytest.mark.usefixtures("unchanged_since_passed")
def test_with_no_choice_made_the_palette_follows_the_system_without_the_theme_script(
    chromium_browser: Any, site_url: str
) -> None:
    context = context_for(chromium_browser, site_url)
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())  # the theme's script never runs
    try:
        page = context.new_page()
        page.emulate_media(color_scheme="dark")
        page.goto(f"{site_url}/first-examples/", wait_until="load")
        assert _palette(page)["scheme"] == "slate"
        page.emulate_media(color_scheme="light")  # the system changes its setting while the page is open
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    finally:
        context.close()


@pytest.mark.usefixtures("unchanged_since_passed")
def test_the_theme_script_starts_after_the_first_paint(browser: Any, site_url: str) -> None:
    """sitetools/theme_start.py: its start-up no longer competes with the first screen."""
    page = browser.new_page()
    try:  # note the moment the theme's script defines document$
        page.add_init_script(
            """Object.defineProperty(window, "document$", {configurable: true, set(value) {
                Object.defineProperty(window, "document$", {value, writable: true, configurable: true});
                window.themeEvaluatedAt = performance.now();
            }});"""
        )
        visit(page, f"{site_url}/running-concurrently/")
        first_paint, parsed, evaluated = page.evaluate(
            "[performance.getEntriesByName('first-contentful-paint')[0].startTime,"
            " performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, window.themeEvaluatedAt]"
        )
        assert 0 < first_paint < evaluated and 0 < parsed < evaluated  # a deferred script runs before DOMContentLoaded
        assert page.locator(".md-search__input").is_enabled()  # and the theme works: search, copy buttons
    finally:
        page.close()


def test_pages_start_styled_for_javascript_and_keyboard_focus_still_shows(
    page: Any, chromium_browser: Any, site_url: str
) -> None:
    visit(page, f"{site_url}/first-examples/")
    # Set in <head> (overrides/main.html), so the theme's start-up changes nothing on <html>.
    assert page.evaluate("document.documentElement.className") == "js js-focus-visible"
    page.keyboard.press("Tab")  # the skip link: the focus-visible polyfill still marks keyboard focus
    assert page.evaluate("document.activeElement.classList.contains('focus-visible')")
    without_javascript = chromium_browser.new_context(java_script_enabled=False)
    without_javascript.set_default_timeout(WAIT_MS)
    try:
        plain = without_javascript.new_page()
        plain.goto(f"{site_url}/first-examples/")
        assert plain.locator("html").get_attribute("class") == "no-js"
    finally:
        without_javascript.close()


def test_the_theme_still_wraps_each_table_to_scroll_on_a_phone(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, f"{site_url}/running-concurrently/")
    tables = page.locator("article table")
    assert tables.count() > 0
    assert page.locator(".table-box > .md-typeset__scrollwrap > .md-typeset__table > table").count() == tables.count()
    wrap = page.locator(".table-box > .md-typeset__scrollwrap").first
    assert wrap.evaluate("el => getComputedStyle(el).overflowX") == "auto"


def _animations_finished(page: Any) -> None:
    """Wait until no CSS transition or animation is running (however long a busy machine takes)."""
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")


def test_the_phone_drawer_is_not_rendered_until_opened_and_then_works(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, f"{site_url}/first-examples/")
    section = page.locator(".md-sidebar--primary label.md-nav__link", has_text="Working with tasks")
    assert not section.is_visible()  # closed: content-visibility: hidden (docs/stylesheets/examples.css)
    page.locator('label.md-header__button[for="__drawer"]').click()
    section.wait_for(state="visible")
    _animations_finished(page)  # the drawer's slide-in
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-drawer-open.png"))
    section.click()
    _animations_finished(page)
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Running things concurrently").click()
    page.wait_for_url("**/running-concurrently/")


def test_the_gather_timeline_is_drawn_and_visible(page: Any, site_url: str) -> None:
    visit(page, f"{site_url}/first-examples/")
    figure = page.locator("#example-first-examples-two-tasks-with-gather-timeline")
    figure.scroll_into_view_if_needed()
    assert figure.locator("svg.timeline").is_visible()
    assert figure.locator("svg .tl-name").all_text_contents() == ["main()", "task1()", "task2()"]
    box = figure.locator("svg.timeline").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 100
    ARTIFACTS.mkdir(exist_ok=True)
    figure.screenshot(path=str(ARTIFACTS / "timeline-gather.png"))


def test_every_timeline_on_a_page_is_visible_with_its_text(page: Any, site_url: str) -> None:
    visit(page, f"{site_url}/running-concurrently/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # exercise solutions too
    figures = page.locator("figure.timeline-figure")
    assert figures.count() > 3
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        assert figure.locator("svg.timeline").is_visible()
        assert figure.locator("details.timeline-text li").count() == figure.locator("svg .tl-name").count()


def test_timelines_fit_a_phone_and_follow_the_dark_theme(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, f"{site_url}/first-examples/")
    svg = page.locator("#example-first-examples-two-tasks-with-gather-timeline svg.timeline")
    svg.scroll_into_view_if_needed()
    assert svg.is_visible()
    light = page.evaluate("getComputedStyle(document.querySelector('svg.timeline .tl-name')).fill")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.evaluate("getComputedStyle(document.querySelector('svg.timeline .tl-name')).fill")
    assert light != dark  # the text colour comes from the theme


def test_a_console_error_and_an_image_without_alt_text_are_caught(chromium_browser: Any, tmp_path: Path) -> None:
    """The issue's "done when": the checks fail on a broken page (each problem on its own page)."""
    from tests.sites import build

    root = make_site(
        tmp_path,
        {
            "index.md": "# Home\n\n<script>console.error('boom')</script>\n",
            "image.md": '# Image\n\n<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">\n',
        },
        {},
    )
    assert build(root).returncode == 0
    with serve(root / "site") as url:
        context = context_for(chromium_browser, url)
        assert check_page(context, f"{url}/")[0] == ["console error: boom"]
        assert any(problem.startswith("critical: image-alt") for problem in check_page(context, f"{url}/image/")[1])
        context.close()
