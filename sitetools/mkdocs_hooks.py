"""MkDocs hooks: run every example while the site is built.

Enabled in ``mkdocs.yml`` with ``hooks: [sitetools/mkdocs_hooks.py]``.

* ``on_config`` finds the project, hands markdown-exec our Markdown
  configuration, and starts every example on all cores (cached results are
  reused), so the runs overlap the rest of the build;
* ``on_files`` audits the whole site (unreferenced snippets, stray records);
* ``on_post_build`` reports any example no page waited for, and sums up;
* ``on_page_markdown`` reads each page's snippet fences from its source
  file, with line numbers, and runs them, so every warning names page:line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown_exec import markdown_config

from sitetools import state
from sitetools.fences import FenceError, snippet_fences
from sitetools.project import Project


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    project = Project.at(root, Path(config.docs_dir))
    state.start_build(project, [config.markdown_extensions, config.mdx_configs])
    markdown_config.save(config.markdown_extensions, config.mdx_configs)
    state.start_runs([fence for fence in project.fences() if not isinstance(fence, FenceError)])
    return config


def on_files(files: Any, config: Any) -> Any:
    for problem in state.project().audit():
        state.log.warning(problem)
    return files


def on_post_build(config: Any) -> None:
    state.finish_runs()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    project = state.project()
    source = Path(page.file.abs_src_path)
    label = project.label(source)
    state.set_current_page(label)
    for fence in snippet_fences(source.read_text(encoding="utf-8"), label):
        if isinstance(fence, FenceError):
            state.log.warning(str(fence))
        else:
            state.outcome_for(fence)
    return markdown
