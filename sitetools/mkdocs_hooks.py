"""MkDocs hooks: run every example while the site is built.

Enabled in ``mkdocs.yml`` with ``hooks: [sitetools/mkdocs_hooks.py]``.

* ``on_config`` finds the project, hands markdown-exec our Markdown
  configuration, and starts every example on all cores (cached results are
  reused), so the runs overlap the rest of the build;
* ``on_files`` audits the whole site (unreferenced snippets, stray records)
  and renders the pages with real-time examples last;
* ``on_page_content`` registers each example's id as an anchor links may use;
* ``on_post_build`` reports any example no page waited for, sums up,
  checks every internal link of the built site (``sitetools/links.py``),
  writes ``llms.txt`` (the pages and their descriptions, for machine readers),
  and copies Pyodide for the Run buttons;
* ``on_post_page`` and ``on_post_template`` (the 404 page) start the theme's
  script once the page has been shown (``sitetools/theme_start.py``);
* ``on_page_markdown`` reports unreadable fences with their page and line,
  and fills in the cheat sheet's table of APIs (``sitetools/apis.py``) and
  the version history (``sitetools/history.py``);
"""

from __future__ import annotations

import os
import re
import shutil
from html import escape
from pathlib import Path
from typing import Any

from markdown_exec import markdown_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from sitetools import apis, history, links, pyodide, state
from sitetools.checks import runs_in_real_time
from sitetools.fences import FenceError, snippet_fences
from sitetools.project import Project
from sitetools.theme_start import ThemeScriptNotFound, start_theme_after_first_frames

#: Where a page wants the table of every asyncio API the examples use.
API_TABLE = "<!-- API TABLE -->"
#: The Markdown extensions an example's source and output blocks need.
INNER_EXTENSIONS = ("attr_list", "md_in_html", "pymdownx.highlight", "pymdownx.superfences")


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    project = Project.at(root, Path(config.docs_dir))
    state.start_build(project, [config.markdown_extensions, config.mdx_configs])
    # markdown-exec converts each example with a fresh Markdown instance; it only
    # renders a code block and an output block, so it gets only what they need.
    inner = [name for name in config.markdown_extensions if name in INNER_EXTENSIONS]
    markdown_config.save(inner, {name: config.mdx_configs[name] for name in inner if name in config.mdx_configs})
    fences = [fence for fence in project.fences() if not isinstance(fence, FenceError)]
    state.start_runs(fences)
    return config


def on_files(files: Files, config: Any) -> Files:
    project = state.project()
    for problem in project.audit():
        state.log.warning(problem)
    return render_slow_pages_last(files, project)


def render_slow_pages_last(files: Files, project: Project) -> Files:
    """Reorder the files MkDocs renders (not the navigation) so that pages whose
    examples run in real time come last.

    MkDocs renders one page after another, and a page waits for its examples.
    Rendered last, the pages with slow (real-clock) examples give those runs
    the whole build to finish on the other cores.  The order depends only on
    the sources, so every build renders in the same order.
    """
    slow = {
        fence.page
        for fence in project.fences()
        if not isinstance(fence, FenceError) and runs_in_real_time(fence, project)
    }
    docs = project.label(project.docs_dir)
    # sorted() is stable: the order is kept within each group.
    return Files(sorted(files, key=lambda file: f"{docs}/{file.src_uri}" in slow))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Report unreadable fences with their page and line (read from the source file)."""
    project = state.project()
    source = Path(page.file.abs_src_path)
    label = project.label(source)
    state.set_current_page(label)
    for fence in snippet_fences(source.read_text(encoding="utf-8"), label):
        if isinstance(fence, FenceError):
            state.log.warning(str(fence))
    if API_TABLE in markdown:  # the cheat sheet
        markdown = markdown.replace(API_TABLE, apis.table(project))
    if history.HISTORY_MARKER in markdown:  # the version history
        for problem in history.problems(project):
            state.log.warning(problem)
        markdown = markdown.replace(history.HISTORY_MARKER, history.history_markdown(project))
    if history.SUMMARY_MARKER in markdown:
        markdown = markdown.replace(history.SUMMARY_MARKER, history.summary_markdown(project))
    return markdown


_EXAMPLE_ID = re.compile(r'<div class="example" id="([^"]+)"')


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Make each example's id a known anchor, every code block reachable by keyboard,
    and every table cheap for the theme to wrap.

    MkDocs collects anchors from the Markdown, but an example's HTML comes
    from a custom fence, which MkDocs does not look into.
    """
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(_EXAMPLE_ID.findall(html))
    return keyboard_scrollable(tables_in_a_box(html))


# With the theme's content.lazy, a code block gets its tabindex (so that a
# keyboard can scroll it) only once it has been on screen: a reader tabbing
# down the page would skip the blocks below. Every block starts focusable;
# the theme removes the tabindex from those that turn out not to scroll.
_CODE_BLOCK = re.compile(r"<pre>(<span></span>)?<code>")


def keyboard_scrollable(html: str) -> str:
    """Give every code block tabindex="0" from the start."""
    return _CODE_BLOCK.sub(lambda match: f'<pre>{match.group(1) or ""}<code tabindex="0">', html)


# When a page has loaded, the theme moves every plain table into a scrolling
# wrapper of its own. A table that sits directly in the article is a child of
# the article, so replacing it makes the browser restyle the whole article (the
# theme's CSS has rules on siblings); inside a box of its own, only the box.
# On the heaviest page that was the largest style pass after the page loaded.
_PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def tables_in_a_box(html: str) -> str:
    """Put each plain table (the ones the theme wraps) in a <div class="table-box">; one of three
    columns or more is shown as cards on a phone (``table-cards``), its cells labelled."""

    def box(match: re.Match[str]) -> str:
        table = match.group(0)
        columns = len(_HEADER_CELL.findall(table.split("</thead>", 1)[0])) if "</thead>" in table else 0
        if columns < 3:
            return f'<div class="table-box">{table}</div>'
        return f'<div class="table-box table-cards">{labelled_cells(table)}</div>'

    return _PLAIN_TABLE.sub(box, html)


_HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_DATA_CELL = re.compile(r"<td(?P<attributes>[^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def labelled_cells(table: str) -> str:
    """Give each data cell its column's header as ``data-label``.

    On a phone a table of several columns is cramped, and scrolls sideways
    away from its last column: there each row is shown as a card instead,
    each cell under its header's words (docs/stylesheets/examples.css).
    """
    headers = [_TAG.sub("", cell).strip() for cell in _HEADER_CELL.findall(table.split("</thead>", 1)[0])]
    if not headers or "</thead>" not in table:
        return table
    head, body = table.split("</thead>", 1)

    def row(match: re.Match[str]) -> str:
        cells = iter(headers)
        return (
            "<tr>"
            + _DATA_CELL.sub(
                lambda cell: f'<td data-label="{escape(next(cells, ""), quote=True)}"{cell.group("attributes")}>',
                match.group(1),
            )
            + "</tr>"
        )

    return head + "</thead>" + _ROW.sub(row, body)


_pages: dict[str, tuple[str, str]] = {}  # url -> (title, description), for llms.txt
_order: list[str] = []


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    _order[:] = [page.url for page in nav.pages]
    _pages.clear()
    return nav


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    _pages[page.url] = (page.title or page.url, page.meta.get("description", ""))
    return context


def on_post_build(config: Any) -> None:
    state.finish_runs()
    for problem in links.broken_links(Path(config.site_dir)):  # raw HTML's and the build's own links too
        state.log.warning(problem)
    write_llms_txt(Path(config.site_dir), config.site_name, config.site_description or "", config.site_url or "")
    copy_pyodide(Path(config.site_dir) / "pyodide")


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _theme_starts_late(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # The 404 page is the one HTML page rendered from a template of its own.
    return _theme_starts_late(output_content, template_name) if template_name.endswith(".html") else output_content


def _theme_starts_late(html: str, where: str) -> str:
    try:
        return start_theme_after_first_frames(html, where)
    except ThemeScriptNotFound as error:
        raise PluginError(str(error)) from None


def copy_pyodide(target: Path) -> None:
    """Serve Pyodide from the site itself, so pressing Run never leaves its origin.

    The files come from the pinned npm package (``npm ci --prefix tests/js``),
    with the driver and bootstrap that the version matrix's browser column ran.
    """
    problem = pyodide.missing()
    if problem:  # a contributor may lack Node.js; CI may not
        (state.log.warning if os.environ.get("CI") == "true" else state.log.info)(
            "snippets: the Run buttons will not work: %s", problem
        )
        return
    target.mkdir(parents=True, exist_ok=True)
    for source in [*pyodide.site_files(), pyodide.DRIVER, pyodide.INPROC / "bootstrap.py"]:
        copy = target / source.name
        # copy2 keeps the modification time, so an unchanged file (13.5 MB in
        # all) is recognised by its size and time on every rebuild, unread.
        old, new = (copy.stat() if copy.is_file() else None), source.stat()
        if old is None or (old.st_size, old.st_mtime_ns) != (new.st_size, new.st_mtime_ns):
            shutil.copy2(source, copy)


def write_llms_txt(site_dir: Path, name: str, description: str, base: str) -> None:
    """``llms.txt`` (llmstxt.org): the site's pages and what each one is, for machine readers."""
    lines = [f"# {name}", "", f"> {description.strip()}", ""]
    lines += [
        "Every example on this site is a complete Python program, run when the site was built;",
        "the output under it is what that run printed. Each page lists its examples with their output.",
        "",
        "## Pages",
        "",
    ]
    for url in _order:
        if url in _pages:
            title, summary = _pages[url]
            lines.append(f"- [{title}]({base}{url}): {summary}" if summary else f"- [{title}]({base}{url})")
    (site_dir / "llms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
