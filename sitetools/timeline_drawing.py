"""Draw a run's task timeline (recorded in the snippet's own process by ``inproc/task_recorder.py``) as an SVG that fits any screen.

One lane per task, in the order the tasks were created, named as the
program names it: the task's name where the program set one, otherwise its
coroutine with the arguments it was given (``download('a.zip', 3)``).  Each
lane has its name on a line of its own above it, so that the drawing needs
no margin for names and fits a phone's column as it fits a desktop's: the
SVG scales to the column, between 320 px and :data:`MAX_WIDTH`, and every
piece of text is placed, at build time, where it fits (monospace text has a
known width), so no name is clipped and no label runs into another.

In a lane, a dashed line while the task waits, labelled with what the
program awaited there (``asyncio.sleep(1)``, read from its own source line);
a block for each moment it ran; a triangle under it for each line it
printed; and how it ended: ✓ returned, ✗ raised, ⊘ cancelled.  A legend says
so under the drawing, and a list gives the same facts as text.  asyncio's
own helper tasks (a subprocess's pipes) are folded away, and a crowd of
lanes of one coroutine is drawn as one lane.  Colours come from the theme's
CSS variables (``docs/stylesheets``), so the drawing follows the light and
dark palettes.  The same record always gives the same SVG, byte for byte.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The drawing's coordinate width; it is drawn 320 to MAX_WIDTH px wide (docs/stylesheets/examples.css).
WIDTH = 400
#: The widest it is drawn, in CSS px: a scale of 1.3, so its text is about the size of the page's code.
MAX_WIDTH = 520
LEFT = 6
RIGHT = 20  # room for the end mark after a lane's last moment
LANE = 46
NAME_SIZE = 12
LABEL_SIZE = 10.5
AXIS_SIZE = 10.5
#: Monospace text advances about this many em per character (the drawing's text is all monospace).
ADVANCE = 0.62
AXIS = 26
#: More lanes than this, and the lanes of one coroutine are drawn as one.
MAX_LANES = 8
_DEFAULT_NAME = re.compile(r"^Task-\d+$")


@dataclass
class Lane:
    label: str  # what the program calls it
    detail: str  # the other name (the coroutine behind a named task, or the task's own name)
    created: float
    end: float | None
    how: str | None
    slices: list[tuple[float, float, str | None]] = field(default_factory=list)  # (start, stop, awaited)
    prints: list[tuple[float, str]] = field(default_factory=list)
    count: int = 1  # how many tasks this lane stands for
    endings: dict[str, int] = field(default_factory=dict)  # for a lane of several: how many ended how


def lanes(record: dict[str, Any], sources: Mapping[str, str] | None = None) -> list[Lane]:
    """The program's own tasks, with their slices and printed lines; a crowd of one coroutine as one lane.

    ``sources`` maps the program's file names to their text, to say what a
    task awaited in the program's own words.
    """
    sources = sources or {}
    found: dict[int, Lane] = {}
    coros: dict[int, str] = {}
    for index, task in enumerate(record.get("tasks", [])):
        if task.get("internal") or task["coro"].startswith("BaseEventLoop."):
            continue
        call = f"{task['coro']}({', '.join(task.get('args') or [])})"
        named = not _DEFAULT_NAME.match(task["name"])
        label, detail = (task["name"], call) if named else (call, task["name"])
        found[index] = Lane(
            _fit(label, NAME_SIZE, WIDTH - LEFT - RIGHT), detail, task["created"], task["end"], task["how"]
        )
        coros[index] = task["coro"] if not named else ""
    for entry in record.get("slices", []):
        index, start, stop, waiting = entry[:4]
        where = entry[4] if len(entry) > 4 else None
        if index in found:
            found[index].slices.append((start, stop, awaited(where, sources) or waiting))
    for when, index, text in _lines(record.get("prints", [])):
        if index in found:
            found[index].prints.append((when, text))
    drawn = list(found.values())
    if len(drawn) > MAX_LANES:
        drawn = _grouped(found, coros)
    return drawn


def _grouped(found: dict[int, Lane], coros: dict[int, str]) -> list[Lane]:
    """Lanes of the same (unnamed) coroutine, three or more, become one lane standing for all of them."""
    by_coro: dict[str, list[int]] = {}
    for index in found:
        if coros[index]:
            by_coro.setdefault(coros[index], []).append(index)
    out: list[Lane] = []
    merged: set[int] = set()
    for index, lane in found.items():
        if index in merged:
            continue
        group = by_coro.get(coros[index], []) if coros[index] else []
        if len(group) < 3:
            out.append(lane)
            continue
        members = [found[i] for i in group]
        merged.update(group)
        endings: dict[str, int] = {}
        for member in members:
            key = member.how or "running"
            endings[key] = endings.get(key, 0) + 1
        ends = [member.end for member in members]
        out.append(
            Lane(
                label=_fit(f"{coros[index]}(…) ×{len(members)}", NAME_SIZE, WIDTH - LEFT - RIGHT),
                detail=f"{len(members)} tasks",
                created=min(member.created for member in members),
                end=None if None in ends else max(end for end in ends if end is not None),
                how=None,
                slices=sorted((start, stop, None) for member in members for start, stop, _ in member.slices),
                prints=sorted(point for member in members for point in member.prints),
                count=len(members),
                endings=endings,
            )
        )
    return out


def awaited(where: list[Any] | None, sources: Mapping[str, str]) -> str | None:
    """What the program's own line awaits, in its words: ``asyncio.sleep(1)``, ``queue.get()``."""
    if not where:
        return None
    name, number = where
    lines = sources.get(name, "").splitlines()
    if not 0 < number <= len(lines):
        return None
    line = lines[number - 1].split("#", 1)[0].strip()
    found = re.search(r"\bawait\s+(.+)$", line)
    if found:
        return _balanced(found.group(1).rstrip(":").strip())
    found = re.match(r"async\s+with\s+(.+?)(?:\s+as\s+\w+)?\s*:$", line)
    if found:
        return f"end of async with {_balanced(found.group(1))}"
    found = re.match(r"async\s+for\s+.+?\s+in\s+(.+?)\s*:$", line)
    if found:
        return f"next from {_balanced(found.group(1))}"
    return None


def _balanced(expression: str) -> str:
    """The expression up to where its brackets close (a line may go on with ``), x``)."""
    depth = 0
    for position, char in enumerate(expression):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return expression[:position].rstrip(", ")
    return expression.rstrip(", ")


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
    """More than one of the program's tasks, and time passed: otherwise there is nothing to see."""
    return record is not None and len(lanes(record)) > 1 and _end(lanes(record)) > 0


def _end(drawn: list[Lane]) -> float:
    ends = [lane.end or 0.0 for lane in drawn] + [s[1] for lane in drawn for s in lane.slices]
    return max(ends, default=0.0)


def _width(text: str, size: float) -> float:
    return len(text) * size * ADVANCE


def _fit(text: str, size: float, room: float) -> str:
    """The text, cut with an ellipsis if it is wider than ``room``."""
    most = int(room / (size * ADVANCE))
    return text if len(text) <= most else text[: max(most - 1, 1)] + "…"


def ticks(end: float, plot: float) -> tuple[float, int, float]:
    """(step, decimals, span): even ticks whose labels fit between them, all with as many decimals."""
    for step in (0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 500):
        span = max(math.ceil(end / step - 1e-9), 1) * step
        decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
        if step in (0.025, 0.25, 2.5, 25):
            decimals += 1
        label = _width(f"{span:.{decimals}f} s", AXIS_SIZE)
        # The first label starts at its tick and the others are centred on theirs: 1.5 labels between ticks.
        if span / step <= 8 and plot / (span / step) >= 1.5 * label + 8:
            return step, decimals, span
    return end or 1.0, 0, end or 1.0


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


def _ending(lane: Lane) -> tuple[str, str]:
    """The end mark and its words."""
    if lane.count > 1:
        parts = [f"{count} {how}" for how, count in sorted(lane.endings.items())]
        mark = "✓" if set(lane.endings) == {"returned"} else "✗" if "cancelled" not in lane.endings else "⊘"
        return mark, ", ".join(parts)
    how = lane.how or ""
    if how == "returned":
        return "✓", "returned"
    if how == "cancelled":
        return "⊘", "was cancelled"
    return "✗", how or "ended"


def svg(record: dict[str, Any], *, ident: str, title: str, sources: Mapping[str, str] | None = None) -> str:
    """The timeline as an SVG element (no XML declaration: it goes inline in the page)."""
    drawn = lanes(record, sources)
    end = _end(drawn) or 1.0
    plot = WIDTH - LEFT - RIGHT
    step, decimals, span = ticks(end, plot)
    height = LANE * len(drawn) + AXIS

    def x(t: float) -> float:
        return LEFT + t / span * plot

    def f(value: float) -> str:
        return f"{value:.1f}"

    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{html.escape(title)}</title>',
        f'<desc id="{ident}-desc">{html.escape(describe(record, sources))}</desc>',
    ]
    count = round(span / step)
    for number in range(count + 1):
        tick = number * step
        anchor = "start" if number == 0 else "end" if number == count else "middle"
        parts.append(f'<line class="tl-grid" x1="{f(x(tick))}" y1="0" x2="{f(x(tick))}" y2="{height - AXIS + 4}"/>')
        parts.append(
            f'<text class="tl-axis" x="{f(x(tick))}" y="{height - 8}" text-anchor="{anchor}">{tick:.{decimals}f} s</text>'
        )
    for row, lane in enumerate(drawn):
        top = LANE * row
        bar = top + 26  # the middle of the lane's bar; its name sits above it
        parts.append(f'<text class="tl-name" x="{LEFT}" y="{top + 13}">{html.escape(lane.label)}</text>')
        finish = lane.end if lane.end is not None else end
        parts.append(f'<line class="tl-wait" x1="{f(x(lane.created))}" y1="{bar}" x2="{f(x(finish))}" y2="{bar}"/>')
        for (start, stop, waiting), following in zip(lane.slices, [*lane.slices[1:], None]):
            if waiting and following is not None and lane.count == 1:
                room = x(following[0]) - x(stop) - 10
                text = _fit(waiting, LABEL_SIZE, room)
                if len(text) >= min(len(waiting), 6) and _width(text, LABEL_SIZE) <= room:
                    middle = (x(stop) + x(following[0])) / 2
                    wide = _width(text, LABEL_SIZE) + 6
                    parts.append(  # the line makes way for its label
                        f"<g><title>awaits {html.escape(waiting)}</title>"
                        f'<rect class="tl-why-bg" x="{f(middle - wide / 2)}" y="{bar - 6}" width="{f(wide)}" height="12"/>'
                        f'<text class="tl-why" x="{f(middle)}" y="{bar + 3.5}" text-anchor="middle">{html.escape(text)}</text></g>'
                    )
        for start, stop, _ in lane.slices:
            width = max(x(stop) - x(start), 4.0)
            left = min(x(start) - (2.0 if x(stop) - x(start) < 4 else 0), LEFT + plot - width)
            held = "held the loop" if stop > start else "ran"
            parts.append(
                f'<rect class="tl-run" x="{f(max(left, LEFT))}" y="{bar - 7}" width="{f(width)}" height="14" rx="1.5">'
                f"<title>{html.escape(lane.label)} {held} at {_seconds(start)}"
                + (f" to {_seconds(stop)}" if stop > start else "")
                + "</title></rect>"
            )
        for when, text in lane.prints:
            px = min(max(x(when), LEFT + 4), LEFT + plot - 4)
            parts.append(
                f'<path class="tl-print" d="M{f(px)} {bar + 8} l4 7 h-8 z"><title>printed at '
                f"{_seconds(when)}: {html.escape(text)}</title></path>"
            )
        if lane.end is not None:
            mark, words = _ending(lane)
            parts.append(
                f"<g><title>{html.escape(lane.label)} {html.escape(words)} at {_seconds(lane.end)}</title>"
                f'<text class="tl-end" x="{f(min(x(lane.end) + 6, WIDTH - 12))}" y="{bar + 4.5}">{mark}</text></g>'
            )
    parts.append("</svg>")
    return "".join(parts)


def describe(record: dict[str, Any], sources: Mapping[str, str] | None = None) -> str:
    """One sentence per lane: what the drawing shows, for a screen reader."""
    return " ".join(_sentence(lane) for lane in lanes(record, sources))


def _sentence(lane: Lane) -> str:
    runs = ", ".join(
        _seconds(start) if stop == start else f"{_seconds(start)} to {_seconds(stop)}" for start, stop, _ in lane.slices
    )
    waits = list(dict.fromkeys(waiting for _, _, waiting in lane.slices if waiting))
    text = f"{lane.label} ({lane.detail}) starts at {_seconds(lane.created)}, runs at {runs or 'no time'}"
    if waits:
        text += f", awaits {', '.join(waits)}"
    if lane.prints:
        text += ", prints " + ", ".join(f'"{line}" at {_seconds(when)}' for when, line in lane.prints)
    if lane.end is not None:
        text += f", and {_ending(lane)[1]} at {_seconds(lane.end)}"
    return text + "."


#: Under every drawing: what its marks mean (in place of "hover over them").
LEGEND = (
    '<span class="tl-key"><span class="tl-key-run"></span>ran</span> '
    '<span class="tl-key"><span class="tl-key-wait"></span>waited for what it awaits (named on the line)</span> '
    '<span class="tl-key"><span class="tl-key-print">▲</span>printed a line</span> '
    '<span class="tl-key">✓ returned</span> <span class="tl-key">✗ raised</span> '
    '<span class="tl-key">⊘ cancelled</span>'
)


def figure(
    record: dict[str, Any],
    *,
    ident: str,
    name: str,
    sources: Mapping[str, str] | None = None,
    title: str | None = None,
) -> str:
    """The drawing with its legend, and the same facts as a list.

    Standard library only: the page's Run button draws the reader's own run
    with this very function, in Pyodide.
    """
    drawn = lanes(record, sources)
    items = "".join(f"<li>{html.escape(_sentence(lane))}</li>" for lane in drawn)
    title = title or f"The tasks of {name} over time, in the run whose output is above"
    return (
        f'<figure class="timeline-figure" id="{ident}" data-search-exclude>{svg(record, ident=ident, title=title, sources=sources)}'
        f"<figcaption>{LEGEND}</figcaption>"
        f'<details class="timeline-text"><summary>The timeline as text</summary><ul>{items}</ul></details></figure>'
    )
