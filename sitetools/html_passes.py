"""The site's own passes over rendered HTML, in the order they run.

Each pass is a pure function of HTML, so any engine can apply it: the
snippet fence applies :func:`keyboard_scrollable` to its own example (so
Zensical, which runs no hooks, gets it too), and the MkDocs hooks apply both
to every page's content.  The theme's late start (``theme_start.py``) is the
last pass, on the whole page, after the theme's template.

1. :func:`keyboard_scrollable`: every code block focusable from the start;
2. :func:`tables_in_a_box`: tables wrapped, as cards on a phone (:func:`labelled_cells`).
"""

from __future__ import annotations

import re
from html import escape

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
