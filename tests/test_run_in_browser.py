"""Run it yourself: the examples run in the page, in Pyodide served by the site.

The site is served on 127.0.0.1 and opened in headless Chromium, where every
request that leaves the site fails (``tests/browser.py``).  Skipped, with the
reason, where Chromium or the pinned Pyodide is missing; a failure under CI=true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from sitetools import pyodide, sameness
from sitetools.matrix import read_matrix
from sitetools.records import read_record
from tests.browser import WAIT_MS, context_for, skip_or_fail, visit
from tests.sites import REPO

SNIPPETS = REPO / "snippets"
#: The seed tutorial's three examples, and the page they are on.
SEED = ("async_function", "two_tasks_with_gather", "error_handling")
PAGE = "first-examples/"


def example_selector(snippet: str) -> str:
    return f'.example[data-snippet="{snippet}"]'


pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("unchanged_since_passed")]


@pytest.fixture(scope="module")
def browser(chromium_browser: Any, site_url: str) -> Iterator[Any]:
    if pyodide.missing():
        skip_or_fail(f"Pyodide cannot be served: {pyodide.missing()}")
    context = context_for(chromium_browser, site_url)
    yield context
    context.close()


@pytest.fixture(scope="module")
def first_examples(browser: Any, site_url: str) -> Iterator[Any]:
    """One visit to the first examples for the tests that run several programs there, as a reader does:
    Python loads once, on the first Run. Each test leaves the page as it found it (Reset after an edit)."""
    page = browser.new_page()
    visit(page, f"{site_url}/{PAGE}")
    yield page
    page.close()


def reset(page: Any, snippet: str) -> None:
    """Put an edited example back as it was shown (the Reset button, as a reader presses it)."""
    button = page.locator(f'{example_selector(snippet)} button[data-action="reset"]')
    if button.is_visible():
        button.click()


def run_example(page: Any, snippet: str, timeout_ms: int = WAIT_MS) -> tuple[str, str]:
    """Press Run on one example; return (its output in the page, the status line)."""
    example = page.locator(example_selector(snippet))
    example.locator('button[data-action="run"]').click()
    status = example.locator(".run-status")
    page.wait_for_function(
        "el => /^(Finished|Ended|Could not)/.test(el.textContent)", arg=status.element_handle(), timeout=timeout_ms
    )
    return example.locator(".run-output pre code").inner_text(), status.inner_text()


def test_the_page_does_not_fetch_pyodide_until_run_is_pressed(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    visit(page, f"{site_url}/{PAGE}")
    page.wait_for_timeout(500)
    assert (
        page.locator(f'{example_selector("first_examples/two_tasks_with_gather.py")} button[data-action="run"]').count()
        == 1
    )
    assert [url for url in fetched if "/pyodide/" in url] == []
    page.close()


def test_the_gather_example_runs_in_the_page_with_the_output_the_build_shows(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    visit(page, f"{site_url}/{PAGE}")
    snippet = "first_examples/two_tasks_with_gather.py"
    output, status = run_example(page, snippet)
    assert output.strip().splitlines() == ["Task 1 completed", "Task 2 completed"]
    assert output == read_record(SNIPPETS / snippet)
    elapsed = float(re.search(r"Finished in (\d+\.\d+) s", status).group(1))
    assert elapsed >= 1.9, status  # it slept for real (the two tasks sleep 1 s and 2 s, concurrently)
    assert "asyncio.run()" in status and "Pyodide" in status
    first_output_ms = int(
        page.locator(f"{example_selector(snippet)} .run-output").get_attribute("data-first-output-ms")
    )
    assert first_output_ms >= 1000  # "Task 1 completed" comes after its 1 s sleep
    assert any("/pyodide/pyodide.asm.wasm" in url for url in fetched)
    assert [url for url in fetched if not url.startswith(site_url)] == []
    page.close()


def test_the_seed_examples_run_in_the_page_as_built(first_examples: Any) -> None:
    """One after another in one page, as a reader runs them: Python starts once."""
    page = first_examples
    for name in SEED:
        snippet = f"first_examples/{name}.py"
        assert read_matrix(SNIPPETS / snippet).browser.runs_in_browser
        output, status = run_example(page, snippet)
        assert sameness.same(read_record(SNIPPETS / snippet), output, clock="real"), (snippet, output, status)
        assert status.startswith("Finished"), (snippet, status)


def test_an_edited_example_runs_as_edited_shows_its_traceback_and_resets(first_examples: Any) -> None:
    page = first_examples
    snippet = "first_examples/async_function.py"
    example = page.locator(example_selector(snippet))
    code = example.locator(".language-python pre > code").first
    original = code.text_content()
    example.locator('button[data-action="edit"]').click()
    assert code.get_attribute("contenteditable") == "plaintext-only"
    code.evaluate("(el) => { el.textContent = 'def broken():\\n    raise ValueError(\"edited\")\\n\\nbroken()\\n'; }")
    output, status = run_example(page, snippet)
    assert "Traceback (most recent call last):" in output
    assert 'File "async_function.py", line 4, in <module>' in output
    assert output.rstrip().endswith("ValueError: edited")
    assert "exit status 1" in status
    example.locator('button[data-action="reset"]').click()
    assert code.text_content() == original
    assert code.get_attribute("contenteditable") is None


def test_examples_the_browser_cannot_show_truthfully_have_no_run_button_and_say_why(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page()
    visit(page, f"{site_url}/blocking-code/")
    for snippet, why in [
        ("blocking_code/time_sleep_blocks_the_loop.py", "time.sleep() does not block"),
        ("blocking_code/to_thread_keeps_the_loop_free.py", "threads"),
    ]:
        example = page.locator(example_selector(snippet))
        assert example.locator("button[data-action=run]").count() == 0
        # The badge's list says why; text_content, not inner_text: it is closed (and maybe off screen).
        assert why in example.locator(".versions-list").text_content()
    page.close()


def test_without_stack_switching_the_page_runs_it_with_a_top_level_await(browser: Any, site_url: str) -> None:
    """A browser without JSPI, made by hiding it before Pyodide loads."""
    page = browser.new_page()
    page.add_init_script("delete WebAssembly.Suspending; delete WebAssembly.Suspender; delete WebAssembly.promising;")
    visit(page, f"{site_url}/{PAGE}")
    snippet = "first_examples/two_tasks_with_gather.py"
    output, status = run_example(page, snippet)
    assert output == read_record(SNIPPETS / snippet)
    assert "a top-level await in place of asyncio.run()" in status, status
    elapsed = float(re.search(r"Finished in (\d+\.\d+) s", status).group(1))
    assert elapsed >= 1.9, status
    # main() runs as a task there too, so the reader's timeline has the same three lanes.
    yours = page.locator(f"{example_selector(snippet)} .run-timeline .timeline-figure")
    yours.wait_for(state="attached", timeout=WAIT_MS)
    assert [name for name, _ in drawn_lanes(yours)] == ["main()", "task1()", "task2()"]
    page.close()


def test_the_output_panel_and_the_editor_pass_axe(first_examples: Any) -> None:
    from tests.browser import AXE

    page = first_examples
    snippet = "first_examples/two_tasks_with_gather.py"
    run_example(page, snippet)
    example = page.locator(example_selector(snippet))
    try:
        example.locator('button[data-action="edit"]').click()
        code = example.locator(".language-python pre > code").first
        code.press("Control+End")
        page.keyboard.type("\nprint('typed')")
        assert code.text_content().endswith("asyncio.run(main())\nprint('typed')")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            f"async () => (await axe.run(document.querySelector('{example_selector(snippet)}')))"
            ".violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
        )
        assert found == []
        output, _ = run_example(page, snippet)
        assert output.endswith("Task 2 completed\ntyped\n")
    finally:
        reset(page, snippet)


def drawn_lanes(figure: Any) -> list[tuple[str, float]]:
    """(task, when it ended) for each lane of a drawn timeline, read from its text list."""
    found = []
    for sentence in figure.locator(".timeline-text li").all_text_contents():
        ended = re.search(r"and (?:returned|raised \w+|was cancelled|\S+) at (\d+\.\d+) s\.$", sentence)
        found.append((sentence.split(" (", 1)[0], float(ended.group(1)) if ended else -1.0))
    return found


def test_running_the_gather_example_draws_your_run_beside_the_recorded_one(first_examples: Any) -> None:
    page = first_examples
    snippet = "first_examples/two_tasks_with_gather.py"
    example = page.locator(example_selector(snippet))
    run_example(page, snippet)
    yours = example.locator(".run-timeline .timeline-figure")
    yours.wait_for(state="attached", timeout=WAIT_MS)
    assert "in your run, in your browser" in yours.locator("svg > title").text_content()
    lanes = drawn_lanes(yours)
    assert [name for name, _ in lanes] == ["main()", "task1()", "task2()"], lanes
    ends = dict(lanes)
    assert 0.9 <= ends["task1()"] <= 1.5 and 1.9 <= ends["task2()"] <= 2.5, lanes  # real sleeps, in the browser
    recorded = drawn_lanes(example.locator(".example-body ~ .timeline-figure, .timeline-pair .timeline-figure").first)
    assert [name for name, _ in recorded] == [name for name, _ in lanes]  # the same tasks as the recorded run
    assert int(example.locator(".run-output").get_attribute("data-timeline-ms")) > 0
    compare = example.locator(".run-compare")
    compare.click()
    assert compare.get_attribute("aria-pressed") == "true"
    assert example.locator(".timeline-pair .timeline-figure").count() == 2
    compare.click()
    assert example.locator(".timeline-pair").count() == 0 and yours.count() == 1


def test_an_edited_example_draws_what_the_edit_did(first_examples: Any) -> None:
    page = first_examples
    snippet = "first_examples/two_tasks_with_gather.py"
    example = page.locator(example_selector(snippet))
    code = example.locator(".language-python pre > code").first
    try:
        example.locator('button[data-action="edit"]').click()
        code.evaluate("(el) => { el.textContent = el.textContent.replace('asyncio.sleep(2)', 'asyncio.sleep(3)'); }")
        output, status = run_example(page, snippet, timeout_ms=WAIT_MS + 3000)
        assert "Task 2 completed" in output, status
        yours = example.locator(".run-timeline .timeline-figure")
        yours.wait_for(state="attached", timeout=WAIT_MS)
        ends = dict(drawn_lanes(yours))
        assert 2.9 <= ends["task2()"] <= 3.6 and 2.9 <= ends["main()"] <= 3.6, ends
    finally:
        reset(page, snippet)


def check_exercise(page: Any, start: str) -> tuple[list[str], str]:
    """Press Check on an exercise; return the class of each check's mark, and the hint (or "")."""
    exercise = page.locator(f'.exercise[data-snippet="{start}"]')
    exercise.locator('button[data-action="check"]').click()
    page.wait_for_function(
        "el => /checks? pass/.test(el.textContent) || /^Could not/.test(el.textContent)",
        arg=exercise.locator(".run-status").element_handle(),
        timeout=WAIT_MS + 5000,
    )
    marks = [item.get_attribute("class") or "" for item in exercise.locator(".exercise-checks > li").all()]
    hint = exercise.locator(".exercise-hint")
    return marks, hint.text_content() if hint.count() else ""


def test_an_exercise_is_checked_in_the_page_start_fails_with_a_hint_and_the_solution_passes(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page()
    visit(page, f"{site_url}/tasks/")
    start = "tasks/exercise_progress_monitor_start.py"
    exercise = page.locator(f'.exercise[data-snippet="{start}"]')
    marks, hint = check_exercise(page, start)
    assert marks and all(mark == "check-failed" for mark in marks), marks
    assert hint.startswith("Hint: Create the three tasks"), hint
    assert "0 of 5 checks pass" in exercise.locator(".run-status").text_content()
    # The reader's attempt: the solution, typed into the starting point.
    exercise.locator('button[data-action="edit"]').click()
    solution = (SNIPPETS / "tasks" / "exercise_progress_monitor.py").read_text(encoding="utf-8")
    exercise.locator(".language-python pre > code").first.evaluate("(el, text) => { el.textContent = text; }", solution)
    marks, hint = check_exercise(page, start)
    assert marks == ["check-passed"] * 5 and hint == "", (marks, hint)
    assert "All 5 checks pass: solved." in exercise.locator(".run-status").text_content()
    # Its schedule is drawn too: the three downloads, named after their files, beside main().
    names = [name for name, _ in drawn_lanes(exercise.locator(".run-timeline .timeline-figure"))]
    assert names == ["main()", "a.txt", "b.txt", "c.txt"], names
    page.close()
