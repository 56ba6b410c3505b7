"""The external links of the built site, in one report.

Internal links and anchors are checked by MkDocs itself (``validation:`` in
``mkdocs.yml``, a warning that ``--strict`` turns into a failure).  External
links cannot be reached from the machines that check this site, so they are
listed instead, each with the pages that use it, for a person (or a
networked job) to check: ``make links``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href and urlsplit(href).scheme in ("http", "https"):
                self.found.append(href)


def external_links(site: Path) -> dict[str, list[str]]:
    """Each external URL (without its fragment), with the pages that link to it."""
    pages: dict[str, set[str]] = defaultdict(set)
    for html_file in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        page = html_file.relative_to(site).as_posix()
        for href in parser.found:
            pages[urldefrag(href)[0]].add(page)
    return {url: sorted(found) for url, found in sorted(pages.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools.links", description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}/index.html does not exist: run `make build` first", file=sys.stderr)
        return 1
    links = external_links(args.site)
    hosts: dict[str, int] = defaultdict(int)
    for url in links:
        hosts[urlsplit(url).netloc] += 1
    for url, pages in links.items():
        shown = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
        print(f"{url}\n    on {shown}")
    summary = ", ".join(f"{host} {count}" for host, count in sorted(hosts.items(), key=lambda item: -item[1]))
    print(f"{len(links)} external links (not checked from here: no network), by host: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
