"""``make serve``: the live preview, which re-renders only what a save changed.

``mkdocs serve`` rebuilds the whole site on every save (every page, every
example from the cache, every link), 3 to 11 s here.  This preview builds the
site once, keeps MkDocs' files, navigation and theme, and this build's
:class:`~sitetools.build.Build`, then on each save:

* a snippet (or a file beside it, or its record) changed: its runs are
  forgotten and started again, and only the pages that use it are rendered;
* a page changed: it is read again (:meth:`Site.with_page`), its examples are
  started, and only that page is rendered;
* anything else (``mkdocs.yml``, a page added or removed, a stylesheet, the
  theme's overrides): the whole site is built again;
* our own code (``sitetools/``) changed: the process starts itself again, so
  the new code is what runs.

The browser reloads when the page is written (MkDocs' livereload server).
Files are watched with the system's native notifications (inotify), not by
polling every half second as ``mkdocs serve`` does.  ``make bench`` measures
the time from a save to the reloaded page.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sitetools import programs
from sitetools.build import Build
from sitetools.mkdocs_hooks import BUILD
from sitetools.records import SUFFIX

log = logging.getLogger("mkdocs.plugins.preview")


@dataclasses.dataclass
class Rendered:
    """What one full build leaves for the next partial one."""

    config: Any
    files: Any
    nav: Any
    env: Any

    @property
    def build(self) -> Build:
        return self.config[BUILD]


class Preview:
    """One site being previewed: a full build, then pages rendered again as their sources change."""

    def __init__(self, config_file: Path, site_dir: Path, dev_addr: str) -> None:
        self.config_file = config_file
        self.root = config_file.parent
        self.site_dir = site_dir
        self.dev_addr = dev_addr
        self.rendered: Rendered | None = None
        self._changed: set[Path] = set()
        self._lock = threading.Lock()

    def load(self) -> Any:
        config = load_config(str(self.config_file), site_dir=str(self.site_dir), dev_addr=self.dev_addr)
        host, port = config.dev_addr
        config.site_url = f"http://{host}:{port}/"
        return config

    def full_build(self) -> float:
        """Everything, as ``mkdocs build`` does it, keeping what a partial build needs."""
        started = time.perf_counter()
        if self.rendered is not None:
            self.rendered.build.finish()  # its pools and fork servers end before the next build's start
        config = self.load()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = mkdocs_build.get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        mkdocs_build.set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, config)
            mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files()
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for file in files.documentation_pages():
            mkdocs_build._build_page(file.page, config, files.documentation_pages(), nav, env)
        config.plugins.on_post_build(config=config)
        self.rendered = Rendered(config, files, nav, env)
        return time.perf_counter() - started

    def render_pages(self, labels: list[str]) -> None:
        """Render again the pages named (``docs/tasks.md``), with this build's runs."""
        assert self.rendered is not None
        site = self.rendered.build.site
        docs = site.label(site.docs_dir)
        pages = self.rendered.files.documentation_pages()
        for file in pages:
            if f"{docs}/{file.src_uri}" in labels:
                mkdocs_build._populate_page(file.page, self.rendered.config, self.rendered.files)
                mkdocs_build._build_page(file.page, self.rendered.config, pages, self.rendered.nav, self.rendered.env)

    def record(self, path: str) -> None:
        with self._lock:
            self._changed.add(Path(path).resolve())

    def rebuild(self) -> None:
        """The server's builder: do the least that shows every change saved since the last call."""
        with self._lock:
            changed, self._changed = self._changed, set()
        started = time.perf_counter()
        sitetools = Path(__file__).resolve().parent
        if any(sitetools in path.parents for path in changed):
            log.info("sitetools changed: starting again with the new code")
            os.execv(sys.executable, [sys.executable, "-m", "sitetools.preview", *sys.argv[1:]])
        plan = self.plan(changed)
        if plan is None:
            self.full_build()
            log.info(f"preview: the whole site built again in {time.perf_counter() - started:.2f} s")
            return
        snippets, pages = plan
        build = self.rendered.build  # type: ignore[union-attr]
        for label in pages:
            build.site = build.site.with_page(label)
        build.forget(snippets)
        affected = [fence for fence in build.site.snippet_fences() if fence.snippet in snippets or fence.page in pages]
        build.start_runs(affected)
        labels = sorted(set(pages) | {label for snippet in snippets for label in build.site.pages_using(snippet)})
        self.render_pages(labels)
        log.info(f"preview: {', '.join(labels) or 'nothing'} rendered again in {time.perf_counter() - started:.2f} s")

    def plan(self, changed: set[Path]) -> tuple[set[str], list[str]] | None:
        """(snippets to run again, pages to read again), or None when only a whole build will do."""
        if self.rendered is None:
            return None
        site = self.rendered.build.site
        snippets: set[str] = set()
        pages: list[str] = []
        known = {page.path.resolve(): page.label for page in site.pages_read}
        for path in changed:
            if path in known and path.is_file():
                pages.append(known[path])
            elif site.snippets_dir.resolve() in path.parents:
                found = self._snippets_of(path)
                if found is None:
                    return None
                snippets |= found
                pages += [  # an exercise shows its starting program: its page is rendered again
                    page.label
                    for page in site.pages_read
                    for exercise in page.exercises
                    if isinstance(exercise, dict) and path == (site.snippets_dir / exercise["start"]).resolve()
                ]
            else:
                return None  # a new or removed page, mkdocs.yml, a stylesheet, an override: all of it
        return snippets, pages

    def _snippets_of(self, path: Path) -> set[str] | None:
        """The snippets whose run depends on ``path`` (the program, a file beside it, its record)."""
        site = self.rendered.build.site  # type: ignore[union-attr]
        snippets_dir = site.snippets_dir.resolve()
        found = set()
        for snippet in {fence.snippet for fence in site.snippet_fences()}:
            program = snippets_dir / snippet
            depends = {program, program.with_suffix(SUFFIX), program.with_suffix(".versions.json")}
            if path in depends or path in {p.resolve() for p in programs.companions(program)}:
                found.add(snippet)
        return found if found or not path.exists() else set()


class _Recorder(FileSystemEventHandler):
    """Notes each changed file and asks the server for a rebuild.

    Not ``LiveReloadServer.watch``: with native notifications its callback
    would also fire when the build merely opens a file, and rebuild forever.
    """

    def __init__(self, preview: Preview, server: LiveReloadServer) -> None:
        self.preview = preview
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in ("modified", "created", "deleted", "moved", "closed"):
            return
        paths = [path for path in (event.src_path, getattr(event, "dest_path", "")) if path]
        paths = [str(path) for path in paths if not str(path).endswith(("~", ".swp", ".tmp"))]
        if not paths:
            return
        for path in paths:
            self.preview.record(path)
        with self.server._rebuild_cond:  # what LiveReloadServer.watch's callback does (MkDocs 1.6.1)
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools.preview", description=__doc__.split("\n")[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    site_dir = Path(tempfile.mkdtemp(prefix="preview-"))
    preview = Preview(Path(args.config_file).resolve(), site_dir, args.dev_addr)
    took = preview.full_build()
    log.info(f"preview: the site built in {took:.2f} s")
    host, port = args.dev_addr.rsplit(":", 1)
    server = LiveReloadServer(builder=preview.rebuild, host=host, port=int(port), root=str(site_dir))
    server.build_delay = 0.05  # an editor's save is a burst of events a few ms apart
    root = preview.root
    watched = [
        path for path in (root / "docs", root / "snippets", Path(__file__).parent, root / "overrides") if path.is_dir()
    ]
    for path in watched:
        # Registers the path, which makes the server put its reload script in each page; the polling
        # observer it is scheduled on is replaced below and never started.
        server.watch(str(path))
    server.observer = Observer()  # native notifications, started by serve(), instead of polling every 0.5 s
    recorder = _Recorder(preview, server)
    for path in watched:
        server.observer.schedule(recorder, str(path), recursive=True)
    server.observer.schedule(recorder, str(root), recursive=False)  # mkdocs.yml

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    server.error_handler = error_page
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
