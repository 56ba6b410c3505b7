"""What the site generator tells a fence: the page it is on, and its build.

superfences calls the formatter with the fence and the page's Markdown
instance only.  Each engine leaves its page on that instance:

* MkDocs registers a ``relpath`` tree processor holding the page's ``File``
  (``mkdocs.structure.pages._RelativePathTreeprocessor``, 1.6);
* Zensical registers a ``rendering_context`` preprocessor holding the page
  and the build's configuration (``zensical.extensions.context``).

Under MkDocs the hooks bind the build to the formatter; under Zensical,
which runs no hooks, the build is made on the first example and kept in that
build's configuration, so nothing of ours outlives it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown import Markdown

from sitetools.project import Project
from sitetools.site import Site

if TYPE_CHECKING:
    from sitetools.build import Build

#: Where a Zensical build keeps its :class:`~sitetools.build.Build`, in its own configuration.
ZENSICAL_KEY = "sitetools_build"


def _processor(registry: Any, name: str) -> Any:
    return registry[name] if name in registry else None


def page_label(md: Markdown, site: Site) -> str:
    """The page being rendered, as messages name it (``docs/tasks.md``)."""
    docs = site.label(site.docs_dir)
    mkdocs = _processor(md.treeprocessors, "relpath")
    if mkdocs is not None and getattr(mkdocs, "file", None) is not None:
        return f"{docs}/{mkdocs.file.src_uri}"
    zensical = _processor(md.preprocessors, "rendering_context")
    if zensical is not None:
        return f"{docs}/{Path(zensical.page.path).as_posix()}"
    return "<unknown page>"


def build_of(md: Markdown) -> Build:
    """The build a page belongs to, when no hook bound it to the formatter (Zensical)."""
    from sitetools.build import Build, log

    context = _processor(md.preprocessors, "rendering_context")
    if context is None:
        raise RuntimeError(
            "the snippet fence needs the sitetools MkDocs hooks (hooks: [sitetools/mkdocs_hooks.py] in "
            "mkdocs.yml) or Zensical"
        )
    config = context.config
    build = config.get(ZENSICAL_KEY)
    if build is None:
        root = Path(config["root_dir"])
        docs = Path(config["docs_dir"])
        site = Site.read(Project.at(root, docs if docs.is_absolute() else root / docs))
        build = Build(site, [config["markdown_extensions"], config["mdx_configs"]])
        for problem in [*(str(f) for f in site.fences() if isinstance(f, Exception)), *site.audit()]:
            log.warning(problem)
        build.start_runs()
        config[ZENSICAL_KEY] = build
    return build


def link(md: Markdown, site: Site, page: str, target: Path, anchor: str) -> str:
    """A link from ``page`` (a label) to the page ``target`` (a file under docs/), in the engine's terms.

    MkDocs leaves the HTML of a custom fence alone: the link must be the
    final URL, relative to the page's own (directory URLs: ``../other/``).
    Zensical rewrites every link of the rendered page as if written in the
    Markdown source: the link is to the source file (``other.md``).
    """
    docs = site.label(site.docs_dir)
    source = Path(page).relative_to(docs) if page.startswith(f"{docs}/") else Path(page)
    wanted = target.relative_to(site.docs_dir)
    if _processor(md.preprocessors, "rendering_context") is not None:
        up = "../" * (len(source.parts) - 1)
        return f"{up}{wanted.as_posix()}#{anchor}"
    depth = len(source.parts) - (1 if source.name == "index.md" else 0)
    url = wanted.with_suffix("").as_posix() + "/"
    if wanted.name == "index.md":
        url = wanted.parent.as_posix() + "/" if wanted.parent.parts else ""
    return f"{'../' * depth}{url}#{anchor}"
