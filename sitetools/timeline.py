"""Draw a run's task timeline (recorded by ``inproc/timeline.py``) as an SVG.

One lane per task, in the order the tasks were created, named by their
coroutine and task name; a thin line while a task exists, a block for each
slice in which it ran, what it waited for written between the blocks, a mark
for each line it printed and for how it ended, and a time axis in seconds.
Colours come from the theme's CSS variables (``docs/stylesheets``), so the
drawing follows the light and dark palettes.  The same record always gives
the same SVG, byte for byte, and the same facts are given as text.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import Any

#: Tasks asyncio.run() starts for itself when the program's main task is done.
_INTERNAL = ("BaseEventLoop.shutdown_asyncgens", "BaseEventLoop.shutdown_default_executor")

WIDTH = 640  # SVG user units; it scales to the column (about 600 px on a wide screen)
LABEL = 120  # the lane names
RIGHT = 90  # room for how the last task ended
LANE = 44
TOP = 14
AXIS = 30


@dataclass
class Lane:
    name: str
    coro: str
    created: float
    end: float | None
    how: str | None
    slices: list[tuple[float, float, str | None]] = field(default_factory=list)
    prints: list[tuple[float, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.coro}()"


def lanes(record: dict[str, Any]) -> list[Lane]:
    """The tasks worth drawing (not asyncio's own), with their slices and printed lines."""
    found: dict[int, Lane] = {}
    for index, task in enumerate(record.get("tasks", [])):
        if task["coro"] in _INTERNAL:
            continue
        found[index] = Lane(task["name"], task["coro"], task["created"], task["end"], task["how"])
    for index, start, end, waiting in record.get("slices", []):
        if index in found:
            found[index].slices.append((start, end, waiting))
    for when, index, text in _lines(record.get("prints", [])):
        if index in found:
            found[index].prints.append((when, text))
    return list(found.values())


def _lines(prints: list[list[Any]]) -> list[tuple[float, int | None, str]]:
    """Whole printed lines: print() writes the text and the newline separately."""
    out: list[tuple[float, int | None, str]] = []
    pending: dict[int | None, tuple[float, str]] = {}
    for when, index, text in prints:
        start, buffer = pending.pop(index, (when, ""))
        buffer += text
        *complete, rest = buffer.split("\n")
        out.extend((start, index, line) for line in complete if line.strip())
        if rest:
            pending[index] = (start, rest)
    out.extend((start, index, rest) for index, (start, rest) in pending.items() if rest.strip())
    return sorted(out, key=lambda item: item[0])


def worth_drawing(record: dict[str, Any] | None) -> bool:
    """More than one task, and time passed: otherwise there is nothing to see."""
    return record is not None and len(lanes(record)) > 1 and _end(record) > 0


def _end(record: dict[str, Any]) -> float:
    ends = [lane.end or 0.0 for lane in lanes(record)] + [s[1] for lane in lanes(record) for s in lane.slices]
    return max(ends, default=0.0)


def _step(span: float) -> float:
    """A round tick step giving at most 8 ticks over ``span`` seconds."""
    raw = span / 8
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value == round(value, 1) else f"{value:.2f}"


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


def svg(record: dict[str, Any], *, ident: str, title: str) -> str:
    """The timeline as an SVG element (no XML declaration: it goes inline in the page)."""
    drawn = lanes(record)
    end = _end(record) or 1.0
    step = _step(end)
    span = math.ceil(end / step - 1e-9) * step
    plot = WIDTH - LABEL - RIGHT
    height = TOP + LANE * len(drawn) + AXIS

    def x(t: float) -> float:
        return LABEL + t / span * plot

    def f(value: float) -> str:
        return f"{value:.1f}"

    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{html.escape(title)}</title>',
        f'<desc id="{ident}-desc">{html.escape(describe(record))}</desc>',
    ]
    tick = 0.0
    while tick <= span + 1e-9:
        parts.append(f'<line class="tl-grid" x1="{f(x(tick))}" y1="{TOP}" x2="{f(x(tick))}" y2="{height - AXIS + 4}"/>')
        parts.append(
            f'<text class="tl-axis" x="{f(x(tick))}" y="{height - 10}" text-anchor="middle">{_num(tick)} s</text>'
        )
        tick += step
    for row, lane in enumerate(drawn):
        middle = TOP + LANE * row + LANE / 2
        parts.append(
            f'<text class="tl-name" x="{LABEL - 10}" y="{f(middle - 1)}" text-anchor="end">{html.escape(lane.label)}</text>'
        )
        parts.append(
            f'<text class="tl-task" x="{LABEL - 10}" y="{f(middle + 13)}" text-anchor="end">{html.escape(lane.name)}</text>'
        )
        finish = lane.end if lane.end is not None else end
        parts.append(
            f'<line class="tl-wait" x1="{f(x(lane.created))}" y1="{f(middle)}" x2="{f(x(finish))}" y2="{f(middle)}">'
            f"<title>{html.escape(lane.label)} exists from {_seconds(lane.created)} to {_seconds(finish)}</title></line>"
        )
        for (start, stop, waiting), following in zip(lane.slices, [*lane.slices[1:], None]):
            width = max(x(stop) - x(start), 3.0)
            held = "held the loop" if stop > start else "ran"
            parts.append(
                f'<rect class="tl-run" x="{f(x(start) - (1.5 if stop == start else 0))}" y="{f(middle - 9)}" '
                f'width="{f(width)}" height="18"><title>{html.escape(lane.label)} {held} from '
                f"{_seconds(start)} to {_seconds(stop)}</title></rect>"
            )
            if waiting and following is not None and x(following[0]) - x(stop) > 8 * len(waiting) + 12:
                parts.append(
                    f'<text class="tl-why" x="{f((x(stop) + x(following[0])) / 2)}" y="{f(middle - 13)}" '
                    f'text-anchor="middle">waits for {html.escape(waiting)}</text>'
                )
        for when, text in lane.prints:
            px, py = x(when), middle + 12
            parts.append(
                f'<path class="tl-print" d="M{f(px)} {f(py)} l5 8 h-10 z"><title>printed at '
                f"{_seconds(when)}: {html.escape(text)}</title></path>"
            )
        if lane.end is not None:
            mark = {"returned": "✓", "cancelled": "cancelled"}.get(
                lane.how or "", "✗ " + (lane.how or "").removeprefix("raised ")
            )
            parts.append(
                f'<text class="tl-end" x="{f(x(lane.end) + 8)}" y="{f(middle + 5)}">{html.escape(mark)}'
                f"<title>{html.escape(lane.label)} {html.escape(lane.how or 'ended')} at {_seconds(lane.end)}</title></text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def describe(record: dict[str, Any]) -> str:
    """One sentence per task: what the drawing shows, for a screen reader."""
    return " ".join(_sentence(lane) for lane in lanes(record))


def _sentence(lane: Lane) -> str:
    runs = ", ".join(
        _seconds(start) if stop == start else f"{_seconds(start)} to {_seconds(stop)}" for start, stop, _ in lane.slices
    )
    waits = sorted({waiting for _, _, waiting in lane.slices if waiting})
    text = f"{lane.label} ({lane.name}) starts at {_seconds(lane.created)}, runs at {runs or 'no time'}"
    if waits:
        text += f", waits for {', '.join(waits)}"
    if lane.prints:
        text += ", prints " + ", ".join(f'"{line}" at {_seconds(when)}' for when, line in lane.prints)
    if lane.end is not None:
        text += f", and {lane.how} at {_seconds(lane.end)}"
    return text + "."


def figure(record: dict[str, Any], *, ident: str, name: str) -> str:
    """The drawing with its caption and the same facts as a list."""
    items = "".join(f"<li>{html.escape(_sentence(lane))}</li>" for lane in lanes(record))
    title = f"Timeline of the tasks of {name}, recorded in the run above"
    return (
        f'<figure class="timeline-figure" id="{ident}" data-search-exclude>{svg(record, ident=ident, title=title)}'
        f"<figcaption>{html.escape(title)}: a block is a task running, a line a task waiting, "
        f"a triangle a printed line. Hover over them for details.</figcaption>"
        f'<details class="timeline-text"><summary>The timeline as text</summary><ul>{items}</ul></details></figure>'
    )
