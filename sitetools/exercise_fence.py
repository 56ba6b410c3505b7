"""The ```exercise fence: the starting program, what a correct one does, and a Check button.

Like the snippet fence (:mod:`sitetools.render`), it renders from the fence
and what the build read (the exercise was parsed when the site was read).
The checks go into the page as JSON, with the solution's recorded output
(for ``output = "exact"``); ``docs/javascripts/run-in-browser.js`` runs the
reader's attempt in Pyodide and checks it with :mod:`sitetools.exercises`.
Check is offered where the browser runs the solution as CPython does (the
solution's browser column in the version matrix); elsewhere the block says why.
"""

from __future__ import annotations

import html
import json
from typing import Any

from markdown import Markdown

from sitetools import engine, render
from sitetools.build import Build
from sitetools.exercises import ExerciseError
from sitetools.matrix import read_matrix
from sitetools.records import read_record
from sitetools.render import failure_box, render_code

#: Accepts every exercise fence, as the snippet fence's does: the formatter reports what is wrong, loudly.
validator = render.validator


def formatter(
    src: str,
    language: str,
    css_class: str,
    options: dict[str, str],
    md: Markdown,
    build: Build | None = None,
    **kwargs: Any,
) -> str:
    build = build or engine.build_of(md)
    label = engine.page_label(md, build.site)
    page = build.site.page(label)
    exercises = page.exercises if page else ()
    exercise = next((e for e in exercises if isinstance(e, dict) and e["body"].strip() == src.strip()), None)
    if exercise is None:  # not among the readable ones: this fence is the page's unreadable one
        errors = [str(e) for e in exercises if isinstance(e, ExerciseError)]
        return failure_box(
            "This exercise cannot be read", errors or [f"{label}: an exercise fence not read with the site"]
        )
    return exercise_html(build, exercise, md)


def exercise_html(build: Build, exercise: dict[str, Any], md: Markdown) -> str:
    snippets = build.site.snippets_dir
    start, solution = snippets / exercise["start"], snippets / exercise["solution"]
    if not start.is_file() or not solution.is_file():
        return failure_box(
            "This exercise cannot be shown", [f"{exercise['where']}: its start or solution program is missing"]
        )
    name = start.name
    checks = exercise["checks"]
    matrix = read_matrix(solution)
    browser = matrix.browser if matrix is not None else None
    if browser is not None and browser.runs_in_browser:
        bar = (
            '<span class="run-bar" data-run data-search-exclude>'
            '<button type="button" class="md-button run-button" data-action="check" title="Run your program in your '
            'browser, in Pyodide, and check it against the list below">Check</button> '
            '<button type="button" class="md-button run-edit" data-action="edit" aria-pressed="false" '
            'title="Change the program, then check it">Edit</button> '
            '<button type="button" class="md-button run-reset" data-action="reset" hidden>Reset</button></span>'
        )
        note = ""
    else:
        bar = ""
        why = browser.reason if browser is not None else "its solution has not been run in the browser's Python yet"
        note = (
            f'<p class="exercise-note">No Check button here: the browser cannot run this program as CPython does '
            f"({html.escape(why)}). Run yours with <code>python {html.escape(name)}</code> and compare.</p>"
        )
    items = "".join(f"<li>{html.escape(check['says'])}</li>" for check in checks)
    expected = read_record(solution) or ""
    ident = "exercise-" + exercise["start"].removesuffix(".py").replace("/", "-").replace("_", "-")
    return (
        f'<div class="exercise" id="{ident}" data-snippet="{html.escape(exercise["start"])}" '
        f'data-checks="{html.escape(json.dumps(checks))}" data-expected="{html.escape(expected)}">'
        f'<div class="example-head"><span class="example-file">{html.escape(name)}</span>{bar}</div>'
        f'<p class="exercise-intro">Start from this program. A correct one:</p>'
        f'<ul class="exercise-checks">{items}</ul>{note}'
        f"{render_code(start.read_text(encoding='utf-8'), md)}</div>"
    )
