"""MkDocs hooks: run every example while the site is built.

Enabled in ``mkdocs.yml`` with ``hooks: [sitetools/mkdocs_hooks.py]``.

* ``on_config`` reads the site once (:class:`sitetools.site.Site`), makes
  this build's :class:`sitetools.build.Build` (kept in the configuration,
  never in a module), binds it to the snippet fence's validator and
  formatter, and starts every example on all cores (cached results are
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

import functools
import os
import re
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from sitetools import apis, exercise_fence, history, links, pyodide, render
from sitetools.batches import runs_in_real_time
from sitetools.build import Build, log
from sitetools.exercises import LANGUAGE as EXERCISE
from sitetools.exercises import ExerciseError
from sitetools.fences import LANGUAGE, FenceError
from sitetools.html_passes import keyboard_scrollable, tables_in_a_box
from sitetools.project import Project
from sitetools.site import Site
from sitetools.theme_start import ThemeScriptNotFound, start_theme_after_first_frames

#: Where a page wants the table of every asyncio API the examples use.
API_TABLE = "<!-- API TABLE -->"
#: Where the hooks keep this build's :class:`~sitetools.build.Build`, in MkDocs' configuration.
BUILD = "sitetools_build"


def on_config(config: Any) -> Any:
    """Read the site once, start every example, and bind this build to the snippet fence."""
    root = Path(config.config_file_path).parent
    site = Site.read(Project.at(root, Path(config.docs_dir)))
    build = Build(site, [config.markdown_extensions, config.mdx_configs])
    config[BUILD] = build
    for fence in config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", []):
        renderer = {LANGUAGE: render, EXERCISE: exercise_fence}.get(fence.get("name"))
        if renderer is not None:  # stateless functions, given this build
            fence["validator"] = functools.partial(renderer.validator, build=build)
            fence["format"] = functools.partial(renderer.formatter, build=build)
    build.start_runs()
    return config


def on_files(files: Files, config: Any) -> Files:
    build: Build = config[BUILD]
    for problem in build.site.audit():
        log.warning(problem)
    return render_slow_pages_last(files, build.site)


def render_slow_pages_last(files: Files, site: Site) -> Files:
    """Reorder the files MkDocs renders (not the navigation) so that pages whose
    examples run in real time come last.

    MkDocs renders one page after another, and a page waits for its examples.
    Rendered last, the pages with slow (real-clock) examples give those runs
    the whole build to finish on the other cores.  The order depends only on
    the sources, so every build renders in the same order.
    """
    slow = {fence.page for fence in site.snippet_fences() if runs_in_real_time(fence, site)}
    docs = site.label(site.docs_dir)
    # sorted() is stable: the order is kept within each group.
    return Files(sorted(files, key=lambda file: f"{docs}/{file.src_uri}" in slow))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Report unreadable fences with their page and line (found when the site was read)."""
    site = config[BUILD].site
    read = site.page(f"{site.label(site.docs_dir)}/{page.file.src_uri}")
    for fence in read.fences if read else ():
        if isinstance(fence.parsed, FenceError):
            log.warning(str(fence.parsed))
    for exercise in read.exercises if read else ():
        if isinstance(exercise, ExerciseError):
            log.warning(str(exercise))
    if API_TABLE in markdown:  # the cheat sheet
        markdown = markdown.replace(API_TABLE, apis.table(site))
    if history.HISTORY_MARKER in markdown:  # the version history
        for problem in history.problems(site):
            log.warning(problem)
        markdown = markdown.replace(history.HISTORY_MARKER, history.history_markdown(site))
    if history.SUMMARY_MARKER in markdown:
        markdown = markdown.replace(history.SUMMARY_MARKER, history.summary_markdown(site))
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


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    config[BUILD].order[:] = [page.url for page in nav.pages]
    return nav


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    config[BUILD].pages[page.url] = (page.title or page.url, page.meta.get("description", ""))
    return context


def on_post_build(config: Any) -> None:
    build: Build = config[BUILD]
    build.finish()
    for problem in links.broken_links(Path(config.site_dir)):  # raw HTML's and the build's own links too
        log.warning(problem)
    write_llms_txt(Path(config.site_dir), config.site_name, config.site_description or "", config.site_url or "", build)
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

    The files come from the pinned npm package (``npm ci --prefix js``),
    with the driver and bootstrap that the version matrix's browser column ran.
    """
    problem = pyodide.missing()
    if problem:  # a contributor may lack Node.js; CI may not
        (log.warning if os.environ.get("CI") == "true" else log.info)(
            "snippets: the Run buttons will not work: %s", problem
        )
        return
    target.mkdir(parents=True, exist_ok=True)
    # The reader's own run is drawn, and an exercise checked, by the same code as the build's.
    tools = [Path(__file__).with_name(name) for name in ("timeline_drawing.py", "exercises.py")]
    for source in [
        *pyodide.site_files(),
        pyodide.DRIVER,
        pyodide.INPROC / "bootstrap.py",
        pyodide.INPROC / "task_recorder.py",
        *tools,
    ]:
        copy = target / source.name
        # copy2 keeps the modification time, so an unchanged file (13.5 MB in
        # all) is recognised by its size and time on every rebuild, unread.
        old, new = (copy.stat() if copy.is_file() else None), source.stat()
        if old is None or (old.st_size, old.st_mtime_ns) != (new.st_size, new.st_mtime_ns):
            shutil.copy2(source, copy)


def write_llms_txt(site_dir: Path, name: str, description: str, base: str, build: Build) -> None:
    """``llms.txt`` (llmstxt.org): the site's pages and what each one is, for machine readers."""
    lines = [f"# {name}", "", f"> {description.strip()}", ""]
    lines += [
        "Every example on this site is a complete Python program, run when the site was built;",
        "the output under it is what that run printed. Each page lists its examples with their output.",
        "",
        "## Pages",
        "",
    ]
    for url in build.order:
        if url in build.pages:
            title, summary = build.pages[url]
            lines.append(f"- [{title}]({base}{url}): {summary}" if summary else f"- [{title}]({base}{url})")
    (site_dir / "llms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
