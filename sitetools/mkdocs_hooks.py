"""MkDocs hooks: run every example while the site is built.

Enabled in ``mkdocs.yml`` with ``hooks: [sitetools/mkdocs_hooks.py]``.

* ``on_config`` finds the project and hands markdown-exec our Markdown
  configuration (so the output blocks render with the site's extensions);
* ``on_files`` audits the whole site (unreferenced snippets, stray records)
  and runs every example in parallel, reusing cached results;
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
    state.start_build(Project.at(root, Path(config.docs_dir)))
    markdown_config.save(config.markdown_extensions, config.mdx_configs)
    return config


def on_files(files: Any, config: Any) -> Any:
    project = state.project()
    for problem in project.audit():
        state.log.warning(problem)
    state.prepare([fence for fence in project.fences() if not isinstance(fence, FenceError)])
    return files


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
