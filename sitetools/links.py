"""The links of the built site: every internal one checked, the external ones listed.

MkDocs checks the links written in Markdown (``validation:`` in
``mkdocs.yml``), but not those in raw HTML, nor the ones the build writes
itself (an example's link to How this site is built, a timeline's anchor).
:func:`broken_links` reads every page the build wrote, as a browser would, and
checks that each internal link (``href`` or ``src``) leads to a file of the
site and, with a ``#fragment``, to an element with that id: the MkDocs hooks
run it after every build, and a broken one is a warning that ``--strict``
turns into a failure.  External links cannot be reached from the machines
that check this site, so they are listed instead, each with the pages that
use it, for a person (or a networked job) to check: ``make links``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href and urlsplit(href).scheme in ("http", "https"):
                self.found.append(href)


class _Page(HTMLParser):
    """Every id an element of a page has, and every link (``href``/``src``) it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"] or "")
        for key in ("href", "src"):
            value = found.get(key)
            if value and not (tag == "link" and found.get("rel") in ("canonical", "alternate")):
                self.links.append((self.getpos()[0], value))


def broken_links(site: Path) -> list[str]:
    """Every internal link of the built site that leads to no file, or to no element with its #fragment."""
    pages: dict[Path, _Page] = {}
    for html_file in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(html_file.read_text(encoding="utf-8"))
        pages[html_file.resolve()] = parser
    problems = []
    for html_file, parser in pages.items():
        for line, link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            if parts.path.startswith("/"):
                continue  # absolute paths depend on where the site is served: MkDocs never writes them
            target = (html_file.parent / parts.path).resolve() if parts.path else html_file
            if target.is_dir():
                target = target / "index.html"
            where = f"{html_file.relative_to(site.resolve()).as_posix()}:{line}"
            if not target.is_file():
                problems.append(f"{where}: the link {link!r} leads to no page or file of the site")
            elif parts.fragment and target.suffix == ".html" and target in pages:
                if unquote(parts.fragment) not in pages[target].ids:
                    problems.append(f"{where}: the link {link!r} leads to no element with id {parts.fragment!r}")
    return problems


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
