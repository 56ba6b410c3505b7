"""``make bench``: how long the site takes to build, beside two references.

Three variants of the same pages, each built in a temporary copy of the site:

* **ours**: snippet fences run by sitetools (virtual clock, cache, parallel);
* **baseline**: each snippet inlined as a markdown-exec ``python exec="on"``
  block, run in real time inside MkDocs, one after another, with no cache;
* **floor**: each snippet inlined as a plain ``python`` block, nothing run.

Scenarios: a clean build (empty cache), a warm build (full cache), a rebuild
after editing one snippet, and the test suite (ours only).  Each figure is
the median of ``--runs`` runs, in seconds of wall time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sitetools.fences import FenceError
from sitetools.project import Project

ROOT = Path(__file__).resolve().parents[1]


def make_variant(kind: str, destination: Path) -> Path:
    shutil.copytree(ROOT / "docs", destination / "docs")
    shutil.copytree(ROOT / "snippets", destination / "snippets")
    (destination / "sitetools").symlink_to(ROOT / "sitetools")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if kind != "ours":
        config = re.sub(r"^hooks:\n(?:  - .*\n)+", "", config, flags=re.MULTILINE)
        if kind == "baseline":
            config = config.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - markdown-exec\n")
        project = Project.at(destination)
        for page in project.pages():
            text = page.read_text(encoding="utf-8")
            for fence in reversed([f for f in project.fences() if not isinstance(f, FenceError) and f.page == project.label(page)]):
                text = _inline(text, fence.line, (project.snippets_dir / fence.snippet).read_text(encoding="utf-8"), kind)
            page.write_text(text, encoding="utf-8")
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def _inline(text: str, line: int, source: str, kind: str) -> str:
    """Replace the three-line snippet fence at ``line`` with the snippet's code."""
    lines = text.split("\n")
    info = 'python exec="on" source="above" result="text"' if kind == "baseline" else "python"
    lines[line - 1 : line + 2] = [f"````{info}", source.rstrip("\n"), "````"]
    return "\n".join(lines)


def _build(site: Path, strict: bool) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "-q" if not strict else "--strict", "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=site, capture_output=True, text=True)
    if completed.returncode != 0:  # a failed build measures nothing
        raise SystemExit(f"bench: the build of {site.name} failed:\n{completed.stderr[-2000:]}")
    return time.perf_counter() - started


def _median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def bench(runs: int) -> list[tuple[str, float | None, float | None, float | None]]:
    rows: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for kind in ("ours", "baseline", "floor"):
            site = make_variant(kind, Path(scratch) / kind)
            strict = kind == "ours"
            edited = site / "snippets" / "first_examples" / "two_tasks_with_gather.py"

            def clean() -> float:
                shutil.rmtree(site / ".cache", ignore_errors=True)
                return _build(site, strict)

            def edit_one() -> float:
                edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
                if kind != "ours":  # the other variants inline the code: edit the page instead
                    page = site / "docs" / "first-examples.md"
                    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
                return _build(site, strict)

            rows.setdefault("clean build (empty cache)", {})[kind] = _median(runs, clean)
            _build(site, strict)
            rows.setdefault("warm build (full cache)", {})[kind] = _median(runs, lambda: _build(site, strict))
            rows.setdefault("rebuild after editing one snippet", {})[kind] = _median(runs, edit_one)
            print(f"  measured {kind}", file=sys.stderr)

    def tests() -> float:
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started

    rows["make test (pytest, empty cache)"] = {"ours": _median(runs, tests), "baseline": None, "floor": None}
    return [(name, row.get("ours"), row.get("baseline"), row.get("floor")) for name, row in rows.items()]


def table(rows: list[tuple[str, float | None, float | None, float | None]], runs: int) -> str:
    def cell(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f} s"

    lines = [
        "| scenario | this site | baseline: markdown-exec, real time | floor: no execution | this site ÷ floor |",
        "|---|---|---|---|---|",
    ]
    for name, ours, baseline, floor in rows:
        ratio = "n/a" if (ours is None or floor is None) else f"{ours / floor:.2f} ×"
        lines.append(f"| {name} | {cell(ours)} | {cell(baseline)} | {cell(floor)} | {ratio} |")
    lines.append(f"\nMedians of {runs} runs, measured by `make bench` with Python {sys.version.split()[0]}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, help="replace the table between the BENCH markers of this page")
    args = parser.parse_args(argv)
    result = table(bench(args.runs), args.runs)
    print(result)
    if args.write:
        text = args.write.read_text(encoding="utf-8")
        text = re.sub(r"(<!-- BENCH START -->\n).*?(\n<!-- BENCH END -->)", lambda m: m.group(1) + result + m.group(2), text, flags=re.S)
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
