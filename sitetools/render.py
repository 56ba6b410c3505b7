"""Put a snippet's source and its real output on the page.

This is a pymdownx.superfences custom fence (configured in ``mkdocs.yml``).
Rendering goes through markdown-exec's ``base_format`` with a run function of
our own: markdown-exec lays out the source and the result, and our runner
(called by the hooks, before rendering) does the running.  The formatter
never runs anything itself unless the hooks did not see the fence.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown_exec import base_format
from markupsafe import Markup

from sitetools import interpreters, programs, sameness, state, timeline, versions
from sitetools.checks import Outcome
from sitetools.fences import LANGUAGE, FenceError, SnippetFence, parse_snippet_fence
from sitetools.history import example_id


def validator(
    language: str, inputs: dict[str, str], options: dict[str, str], attrs: dict[str, str], md: Markdown
) -> bool:
    """Accept every snippet fence: the formatter reports bad options itself.

    Returning False would make superfences render the fence as plain code,
    silently; we want a loud error instead.
    """
    options.update(inputs)
    return True


def formatter(src: str, language: str, css_class: str, options: dict[str, str], md: Markdown, **kwargs: Any) -> str:
    info = " ".join([LANGUAGE, *(f'{key}="{value}"' for key, value in options.items())])
    try:
        fence = parse_snippet_fence(info, src, page=state.current_page(), line=0)
    except FenceError as error:
        return _failure_box("This snippet fence cannot be read", [str(error)])
    outcome = state.outcome_for(fence)
    if outcome.skipped:
        return _render_recorded(fence, outcome, md)
    if outcome.result is None:  # the snippet does not exist, or its Python is missing in CI
        return _failure_box("This example could not be run", list(outcome.problems))
    path = state.snippets_dir() / fence.snippet
    source = path.read_text(encoding="utf-8")
    output = _files_markdown(path) + _output_markdown(outcome, fence.snippet.rsplit("/", 1)[-1])
    if outcome.problems:
        # Plain strings: Markup + str would escape the example's HTML into visible text.
        return str(_failure_box("This example failed when the page was built", list(outcome.problems))) + _render(
            fence, source, output, md
        )
    matrix = _matrix_for(fence)
    return state.rendered_html(
        (
            fence.snippet,
            fence.run_options,
            fence.timeline,
            source,
            output,
            outcome.result.timeline,
            outcome.result.clock,
            matrix and matrix.to_json(),
        ),
        lambda: (
            f'<div class="example" id="{example_id(fence.snippet)}" data-snippet="{html.escape(fence.snippet)}" '
            f'data-clock="{outcome.result.clock}">'
            f"{versions_html(matrix)}{browser_html(matrix)}{_render(fence, source, output, md)}{_timeline_html(fence, outcome)}</div>"
        ),
    )


def _timeline_html(fence: SnippetFence, outcome: Outcome) -> str:
    """The tasks' timeline under the output: by default when more than one task ran."""
    record = outcome.result.timeline if outcome.result else None
    if fence.timeline == "off" or record is None:
        return ""
    if fence.timeline == "auto" and not timeline.worth_drawing(record):
        return ""
    name = fence.snippet.rsplit("/", 1)[-1]
    return timeline.figure(record, ident=example_id(fence.snippet) + "-timeline", name=name)


def _matrix_for(fence: SnippetFence) -> versions.Matrix | None:
    """The committed version matrix, if it is for this very source and these options."""
    path = state.snippets_dir() / fence.snippet
    matrix = versions.read_matrix(path)
    return matrix if versions.is_current(matrix, fence, path) else None


#: The language of a file that lives with a program, for its highlighting.
_LANGUAGES = {".py": "python", ".json": "json", ".toml": "toml", ".ini": "ini", ".html": "html", ".md": "markdown"}


def _files_markdown(program: Path) -> str:
    """The files that live with a program, each in a block titled with its name (the Run button reads them)."""
    names = programs.companion_names(program)
    if not names:
        return ""
    blocks = [
        f'<p class="example-output-label">The file{"s" if len(names) > 1 else ""} beside '
        f"<code>{html.escape(program.name)}</code>, in the folder it runs in:</p>\n\n"
    ]
    for path, name in zip(programs.companions(program), names):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            text = f"({path.stat().st_size} bytes of binary data)"
        fence = "`" * max(3, _longest_backtick_run(text) + 1)
        language = _LANGUAGES.get(path.suffix, "text")
        blocks.append(
            f'<div class="example-file" data-file="{html.escape(name)}" markdown>\n\n'
            f'{fence}{language} title="{html.escape(name)}"\n{text.rstrip(chr(10))}\n{fence}\n\n</div>\n\n'
        )
    return "".join(blocks)


def versions_html(matrix: versions.Matrix | None) -> str:
    """The "Python 3.11+" badge, which opens on what every version does with the example."""
    if matrix is None:
        return (
            '<p class="example-versions unchecked"><span class="version-badge">Python versions not checked yet</span> '
            "run <code>make versions</code> to run this example on every Python</p>"
        )
    cells = matrix.cells
    names = list(cells)
    checked = names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"
    items = []
    for span, cell in versions.groups(cells):
        pythons = f"Python {html.escape(span)}"
        if cell.status == "same":
            items.append(f"<li><strong>{pythons}</strong>: prints the output shown below.</li>")
        elif cell.status == "different":
            items.append(
                f"<li><strong>{pythons}</strong>: runs, and prints:"
                f'<pre class="version-output"><code>{html.escape(cell.output)}</code></pre></li>'
            )
        else:
            items.append(f"<li><strong>{pythons}</strong>: fails with <code>{html.escape(cell.error)}</code></li>")
    browser = matrix.browser
    if browser is not None:
        where = f"<strong>Your browser</strong> (Pyodide, Python {html.escape(browser.python.split()[0])})"
        if browser.runs_in_browser:
            items.append(f"<li>{where}: prints the output shown below; press Run to see it.</li>")
        else:
            items.append(f"<li>{where}: no Run button here, because {html.escape(browser.reason)}.</li>")
    return (
        f'<details class="example-versions" data-search-exclude><summary><span class="version-badge">{html.escape(versions.badge(cells))}</span> '
        f'<span class="versions-checked">run on Python {html.escape(checked)}: see what each version does</span></summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )


# Pygments wraps every name and every run of whitespace in a span of its own,
# coloured exactly like plain code text: a sixth of the elements on an
# example-heavy page, for no visible difference (make audit measures the cost).
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def lighter_code(highlighted: str) -> str:
    """Unwrap the token spans that look the same as unwrapped text."""
    return _PLAIN_TOKEN.sub(r"\1", highlighted)


def browser_html(matrix: versions.Matrix | None) -> str:
    """A Run button where the browser's Python prints what the page shows; elsewhere, why not.

    The button does nothing until ``docs/javascripts/run-in-browser.js`` wires
    it; it is in the HTML so that the page does not move when the script runs.
    """
    cell = matrix.browser if matrix is not None else None
    if cell is None:
        return ""
    if cell.runs_in_browser:
        return (
            '<div class="run-bar" data-run data-search-exclude>'
            '<button type="button" class="md-button run-button" data-action="run">Run</button> '
            '<button type="button" class="md-button run-edit" data-action="edit" aria-pressed="false">Edit</button> '
            '<button type="button" class="md-button run-reset" data-action="reset" hidden>Reset</button> '
            f'<span class="run-note">runs in your browser, in Pyodide (Python {html.escape(cell.python.split()[0])}), '
            "with the same output as below</span></div>"
        )
    return f'<p class="run-bar run-not-here" data-search-exclude>Not runnable in your browser: {html.escape(cell.reason)}.</p>'


def _render(fence: SnippetFence, source: str, output_markdown: str, md: Markdown) -> str:
    """Source above, output below: markdown-exec's layout, our run."""
    name = fence.snippet.rsplit("/", 1)[-1]
    return lighter_code(
        base_format(
            language="python",
            run=lambda code, **_: output_markdown,
            code=source,
            md=md,
            source="above",
            id=fence.snippet,
            update_toc=False,
            extra={"title": name},
        )
    )


def _render_recorded(fence: SnippetFence, outcome: Outcome, md: Markdown) -> str:
    """Show the recorded output of an example whose Python this machine lacks."""
    source = (state.snippets_dir() / fence.snippet).read_text(encoding="utf-8")
    name = fence.snippet.rsplit("/", 1)[-1]
    note = (
        f"Output of <code>python{fence.python} {html.escape(name)}</code> as recorded with Python {fence.python}; "
        f"not run again when this page was built ({html.escape(outcome.skipped)})"
    )
    return versions_html(_matrix_for(fence)) + _render(
        fence, source, _output_block(note, outcome.record or "(no recorded output)\n"), md
    )


def _output_block(note: str, output: str) -> str:
    fence = "`" * max(4, _longest_backtick_run(output) + 1)
    return f'<p class="example-output-label">{note}.</p>\n\n{fence}text\n{output.rstrip(chr(10))}\n{fence}\n'


def _output_markdown(outcome: Outcome, name: str) -> str:
    """The output block and the sentence that says where it came from.

    What is shown is the record, which the build's run printed again (in the
    one meaning of "the same": on the real clock, durations within the
    tolerance), so two builds of one commit show the same page.  A run that
    does not match shows what it printed, under the failure.
    """
    result = outcome.result
    assert result is not None
    command = f"python{outcome.fence.python}" if outcome.fence.python else "python"
    shown = outcome.record if outcome.record is not None and not outcome.problems else result.output
    note = f"Output of <code>{command} {html.escape(name)}</code>, checked by running it with Python {result.python_version} when this page was built"
    if outcome.stand_in and outcome.record is not None and not outcome.problems:
        printed = (
            "printed the same"
            if sameness.same(outcome.record, result.output, clock=result.clock)
            else "prints another output, as its versions show"
        )
        note = (
            f"Output of <code>{command} {html.escape(name)}</code> as recorded with Python {interpreters.RECORDING}, "
            f"which is not installed where this page was built: Python {result.python_version} {printed}"
        )
    if result.clock == "virtual":
        note += (
            ', on a <abbr title="Sleeps take no real time, so printed durations are exact; '
            'a real-time run in CI checks that the output is the same.">virtual clock</abbr>'
        )
    else:
        note += f" (in real time: printed durations may differ by up to {sameness.TOLERANCE_TEXT})"
    if outcome.fence.raises and not outcome.problems:
        note += f"; it ends with <code>{html.escape(outcome.fence.raises)}</code>, as this example intends"
    return _output_block(note, shown if shown else "(no output)\n")


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest


def _failure_box(title: str, problems: list[str]) -> str:
    """A visible error in the page: what `mkdocs serve` shows a contributor."""
    body = "\n".join(f"<pre><code>{html.escape(problem)}</code></pre>" for problem in problems)
    return Markup(
        f'<div class="admonition failure"><p class="admonition-title">{html.escape(title)}</p>'
        f"{textwrap.dedent(body)}</div>"
    )
