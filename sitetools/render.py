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

from sitetools import engine, interpreters, programs, sameness, timeline_drawing
from sitetools.build import Build
from sitetools.checks import Outcome
from sitetools.fences import FenceError, SnippetFence
from sitetools.history import example_id
from sitetools.html_passes import keyboard_scrollable
from sitetools.matrix import Matrix, badge, groups, is_current, read_matrix


def validator(
    language: str,
    inputs: dict[str, str],
    options: dict[str, str],
    attrs: dict[str, str],
    md: Markdown,
    build: Build | None = None,
) -> bool:
    """Accept every snippet fence: the formatter reports bad options itself.

    Returning False would make superfences render the fence as plain code,
    silently; we want a loud error instead.
    """
    options.update(inputs)
    return True


def formatter(
    src: str,
    language: str,
    css_class: str,
    options: dict[str, str],
    md: Markdown,
    build: Build | None = None,
    **kwargs: Any,
) -> str:
    """One example's HTML, from the fence and its run alone.

    ``build`` is bound by the MkDocs hooks; without it (Zensical, which runs
    no hooks) the build is found from ``md`` (:mod:`sitetools.engine`).  The
    fence was parsed when the build read the site; here it is only looked up.
    """
    build = build or engine.build_of(md)
    fence = build.site.fence_at(engine.page_label(md, build.site), src, options)
    if isinstance(fence, FenceError):
        return failure_box("This snippet fence cannot be read", [str(fence)])
    return render_example(build, fence, build.outcome_for(fence), md)


def render_example(build: Build, fence: SnippetFence, outcome: Outcome, md: Markdown) -> str:
    """The example block: its head (name, badge, Run), source and output, and its tasks' timeline."""
    snippets = build.site.snippets_dir
    if outcome.skipped:
        return _render_recorded(build, fence, outcome, md)
    if outcome.result is None:  # the snippet does not exist, or its Python is missing in CI
        return failure_box("This example could not be run", list(outcome.problems))
    path = snippets / fence.snippet
    source = path.read_text(encoding="utf-8")
    output = _files_markdown(path) + _output_markdown(build, outcome, fence.snippet.rsplit("/", 1)[-1], md)
    if outcome.problems:
        # Plain strings: Markup + str would escape the example's HTML into visible text.
        return str(failure_box("This example failed when the page was built", list(outcome.problems))) + _render(
            fence, source, output, md
        )
    matrix = _matrix_for(snippets, fence)
    return build.rendered_html(
        (
            fence.snippet,
            fence.run_options,
            fence.timeline,
            fence.page.endswith("/index.md"),
            source,
            output,
            outcome.result.timeline,
            outcome.result.clock,
            matrix and matrix.to_json(),
        ),
        lambda: (
            f'<div class="example" id="{example_id(fence.snippet)}" data-snippet="{html.escape(fence.snippet)}" '
            f'data-clock="{outcome.result.clock}">'
            f"{head_html(fence.snippet.rsplit('/', 1)[-1], matrix)}"
            f'<div class="example-body" data-search-exclude>{_render(fence, source, output, md)}</div>'
            f"{_timeline_html(snippets, fence, outcome)}</div>"
        ),
    )


def head_html(name: str, matrix: Matrix | None) -> str:
    """The one line above the code: the file's name, its version badge (a list of what each Python does), Run."""
    return (
        f'<div class="example-head"><span class="example-file">{html.escape(name)}</span>'
        f"{versions_html(matrix)}{browser_html(matrix)}</div>"
    )


def _timeline_html(snippets: Path, fence: SnippetFence, outcome: Outcome) -> str:
    """The tasks' timeline under the output: by default when more than one task ran."""
    record = outcome.result.timeline if outcome.result else None
    if fence.timeline == "off" or record is None:
        return ""
    if fence.timeline == "auto" and not timeline_drawing.worth_drawing(record):
        return ""
    name = fence.snippet.rsplit("/", 1)[-1]
    return timeline_drawing.figure(
        record,
        ident=example_id(fence.snippet) + "-timeline",
        name=name,
        sources=_sources(snippets / fence.snippet),
    )


def _sources(program: Path) -> dict[str, str]:
    """The program's text and its own modules', by file name: what a timeline quotes of what it awaited."""
    found = {program.name: program.read_text(encoding="utf-8")}
    for path in programs.companions(program):
        if path.suffix == ".py":
            found.setdefault(path.name, path.read_text(encoding="utf-8"))
    return found


def _matrix_for(snippets: Path, fence: SnippetFence) -> Matrix | None:
    """The committed version matrix, if it is for this very source and these options."""
    path = snippets / fence.snippet
    matrix = read_matrix(path)
    return matrix if is_current(matrix, fence, path) else None


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


def versions_html(matrix: Matrix | None) -> str:
    """The "Python 3.11+" badge, which opens on what every version does with the example, and the browser."""
    if matrix is None:
        return (
            '<span class="example-versions unchecked"><span class="version-badge" title="Run `make versions` to run '
            'this example on every Python">Python versions not checked yet</span></span>'
        )
    cells = matrix.cells
    names = list(cells)
    checked = names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"
    items = []
    for span, cell in groups(cells):
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
        f'<details class="example-versions" data-search-exclude><summary title="What each Python from '
        f'{html.escape(checked)} does with it"><span class="version-badge">{html.escape(badge(cells))}</span>'
        f'<span class="versions-checked"> on Python {html.escape(checked)}</span></summary>'
        f'<ul class="versions-list">{"".join(items)}</ul></details>'
    )


# Pygments wraps every name and every run of whitespace in a span of its own,
# coloured exactly like plain code text: a sixth of the elements on an
# example-heavy page, for no visible difference (make audit measures the cost).
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def lighter_code(highlighted: str) -> str:
    """Unwrap the token spans that look the same as unwrapped text."""
    return _PLAIN_TOKEN.sub(r"\1", highlighted)


def browser_html(matrix: Matrix | None) -> str:
    """Run and Edit where the browser's Python prints what the page shows; elsewhere nothing (the badge says why).

    The buttons do nothing until ``docs/javascripts/run-in-browser.js`` wires
    them; they are in the HTML so that the page does not move when the script runs.
    """
    cell = matrix.browser if matrix is not None else None
    if cell is None or not cell.runs_in_browser:
        return ""
    where = f"in your browser, in Pyodide (Python {html.escape(cell.python.split()[0])})"
    return (
        '<span class="run-bar" data-run data-search-exclude>'
        f'<button type="button" class="md-button run-button" data-action="run" title="Run this program {where}: '
        'the same output as below">Run</button> '
        '<button type="button" class="md-button run-edit" data-action="edit" aria-pressed="false" '
        'title="Change the program, then run it">Edit</button> '
        '<button type="button" class="md-button run-reset" data-action="reset" hidden>Reset</button></span>'
    )


#: The extensions an example's source and output blocks need, by module: the rest of the page's are left out.
INNER_EXTENSIONS = {
    "markdown.extensions.attr_list": "attr_list",
    "markdown.extensions.md_in_html": "md_in_html",
    "pymdownx.highlight": "pymdownx.highlight",
    "pymdownx.superfences": "pymdownx.superfences",
}


def inner_markdown(md: Markdown) -> Markdown:
    """A Markdown with the page's own settings for the extensions a code block and an output need.

    markdown-exec renders the blocks with a copy of the Markdown it is given;
    given the page's, it would carry the table of contents, abbreviations and
    whatever else the engine adds.  Built from the page's settings here, the
    same under MkDocs and Zensical, and without markdown-exec's global
    ``markdown_config`` (which is process-wide, and which Zensical never sets).
    """
    configured = {type(extension).__module__: extension.getConfigs() for extension in md.registeredExtensions}
    # In this order, md_in_html before the fences (it registers no instance to copy a setting from).
    chosen = {name: configured.get(module, {}) for module, name in INNER_EXTENSIONS.items()}
    # markdown-exec copies the instances it finds in ``registeredExtensions`` into the Markdown it
    # renders with; an instance registered before (superfences' is) breaks there, so fresh ones.
    carrier = Markdown()
    carrier.registeredExtensions = [carrier.build_extension(name, config) for name, config in chosen.items()]
    return carrier


def render_code(source: str, md: Markdown) -> str:
    """A program's code, highlighted as an example's is (an exercise's starting point)."""
    highlighting = Markdown(extensions=inner_markdown(md).registeredExtensions)
    fence = "`" * max(3, _longest_backtick_run(source) + 1)
    return keyboard_scrollable(lighter_code(highlighting.convert(f"{fence}python\n{source.rstrip()}\n{fence}")))


def _render(fence: SnippetFence, source: str, output_markdown: str, md: Markdown) -> str:
    """Source above, output below: markdown-exec's layout, our run; code blocks reachable by keyboard."""
    return keyboard_scrollable(
        lighter_code(
            base_format(
                language="python",
                run=lambda code, **_: output_markdown,
                code=source,
                md=inner_markdown(md),
                source="above",
                id=fence.snippet,
                update_toc=False,
            )
        )
    )


def _render_recorded(build: Build, fence: SnippetFence, outcome: Outcome, md: Markdown) -> str:
    """Show the recorded output of an example whose Python this machine lacks."""
    snippets = build.site.snippets_dir
    source = (snippets / fence.snippet).read_text(encoding="utf-8")
    name = fence.snippet.rsplit("/", 1)[-1]
    note = (
        f'Output · recorded with Python {fence.python} · <span title="{html.escape(outcome.skipped)}">'
        "not run again where this page was built</span>"
    )
    return head_html(name, _matrix_for(snippets, fence)) + _render(
        fence, source, _output_block(note, outcome.record or "(no recorded output)\n"), md
    )


#: A terminal's colour codes (ANSI SGR): an output with them is shown in colour, never as control characters.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _output_block(note: str, output: str) -> str:
    fence = "`" * max(4, _longest_backtick_run(output) + 1)
    language = "ansi" if _ANSI.search(output) and _has_ansi_lexer() else "text"
    if language == "text":
        output = _ANSI.sub("", output)  # plain, if the colours cannot be drawn
    return f'<p class="example-output-label">{note}</p>\n\n{fence}{language}\n{output.rstrip(chr(10))}\n{fence}\n'


def _has_ansi_lexer() -> bool:
    """pygments-ansi-color (markdown-exec's ``ansi`` extra) turns colour codes into styled spans."""
    try:
        import pygments_ansi_color  # noqa: F401
    except ImportError:
        return False
    return True


def _output_markdown(build: Build, outcome: Outcome, name: str, md: Markdown) -> str:
    """The output block and one line that says where it came from.

    What is shown is the record, which the build's run printed again (in the
    one meaning of "the same": on the real clock, durations within the
    tolerance), so two builds of one commit show the same page.  A run that
    does not match shows what it printed, under the failure.  The line says
    which Python and which clock, and links to the page that explains them,
    rather than explaining them under every example.
    """
    result = outcome.result
    assert result is not None
    shown = outcome.record if outcome.record is not None and not outcome.problems else result.output
    python = f"Python {result.python_version}"
    if outcome.stand_in and outcome.record is not None and not outcome.problems:
        same_here = sameness.same(outcome.record, result.output, clock=result.clock)
        python = (
            f'<span title="{html.escape(outcome.stand_in)}">recorded with Python {interpreters.RECORDING}; '
            f"{python} {'printed the same' if same_here else 'prints another output, as the badge shows'}</span>"
        )
    if result.clock == "virtual":
        clock = _explained(
            build,
            md,
            outcome.fence,
            "virtual clock",
            "the-virtual-clock",
            "Sleeps take no real time, so printed durations are exact; CI runs it in real time too and checks the output is the same.",
        )
    else:
        clock = _explained(
            build,
            md,
            outcome.fence,
            "real time",
            "the-virtual-clock",
            f"It ran in real time: printed durations may differ by up to {sameness.TOLERANCE_TEXT} from run to run.",
        )
    note = f"Output · {python} · {clock}"
    if outcome.fence.raises and not outcome.problems:
        note += f" · ends with <code>{html.escape(outcome.fence.raises)}</code>, as it means to"
    return _output_block(note, shown if shown else "(no output)\n")


def _explained(build: Build, md: Markdown, fence: SnippetFence, words: str, anchor: str, why: str) -> str:
    """``words``, with ``why`` as a tooltip, linked to where How this site is built explains it (if it is there)."""
    page = build.site.docs_dir / "how-this-site-is-built.md"
    if not page.is_file():
        return f'<abbr title="{html.escape(why)}">{html.escape(words)}</abbr>'
    href = engine.link(md, build.site, fence.page, page, anchor)
    return f'<a href="{html.escape(href)}" title="{html.escape(why)}">{html.escape(words)}</a>'


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest


def failure_box(title: str, problems: list[str]) -> str:
    """A visible error in the page: what the preview (`make serve`) shows a contributor."""
    body = "\n".join(f"<pre><code>{html.escape(problem)}</code></pre>" for problem in problems)
    return Markup(
        f'<div class="admonition failure"><p class="admonition-title">{html.escape(title)}</p>'
        f"{textwrap.dedent(body)}</div>"
    )
