"""``make build ENGINE=zensical``: the same site, built by Zensical instead of MkDocs.

Zensical (the successor of Material for MkDocs) reads ``mkdocs.yml`` and
runs our snippet fence, which needs no hook (:mod:`sitetools.engine`), but it
runs no hooks.  This command wraps its build with what a build of ours must
do: it fails on any problem an example reports (Zensical's own ``--strict``
does not see our log), reports examples no page asked for, and checks every
internal link of the result.  What else the MkDocs hooks add, and how each
would move, is listed in ``docs/how-this-site-is-built.md``.

Zensical keeps rendered pages in ``.cache/`` (files named by a number), keyed
on the page's Markdown: an example whose run changed but whose page did not
would be served stale, so those entries are removed before each build; ours
(``.cache/runs``, ``.cache/html``) are kept.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path


class _Count(logging.Handler):
    """Counts the warnings of our logger, as ``mkdocs build --strict`` does."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings += record.levelno >= logging.WARNING
        print(f"{record.levelname:<8}-  {record.getMessage()}", file=sys.stderr)


def build(root: Path, site_dir: str) -> int:
    """Build the site with Zensical into ``site_dir``; 1 if any example or link has a problem."""
    import zensical
    from zensical.config import get_config

    from sitetools import engine, links
    from sitetools.build import log

    for entry in (root / ".cache").glob("*"):
        if entry.is_file() and entry.name.isdigit():  # Zensical's rendered pages, not our caches
            entry.unlink()
    count = _Count()
    log.addHandler(count)
    log.setLevel(logging.INFO)
    log.propagate = False
    os.environ["SITE_DIR"] = site_dir  # mkdocs.yml: site_dir: !ENV [SITE_DIR, site]
    started = time.perf_counter()
    zensical.build(str(root / "mkdocs.yml"), {"clean": False, "strict": False})
    made = get_config().get(engine.ZENSICAL_KEY)
    if made is None:
        log.warning("Zensical rendered no snippet fence: is the snippet fence configured in mkdocs.yml?")
    else:
        made.finish()
    for problem in links.broken_links(root / site_dir):
        log.warning(problem)
    print(f"Zensical built the site in {time.perf_counter() - started:.1f} s: {count.warnings} problem(s)")
    return 1 if count.warnings else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools.zensical_build", description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", default="site-zensical", help="where the site is written (default: %(default)s)")
    args = parser.parse_args(argv)
    return build(Path.cwd(), args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
