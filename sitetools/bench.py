"""``make bench``: how long the site takes to build, beside two references.

Three variants of the same pages, each built in a temporary copy of the site:

* **ours**: snippet fences run by sitetools (virtual clock, cache, parallel);
* **baseline**: each snippet inlined as a markdown-exec ``python exec="on"``
  block, run in real time inside MkDocs, one after another, with no cache;
* **floor**: each snippet inlined as a plain ``python`` block, nothing run.

Scenarios: a clean build (empty cache), a warm build (full cache), a rebuild
after editing one snippet, and the preview's save-to-reload.  Each figure is
the median of ``--runs`` runs, in seconds of wall time.  The test suite, as a
contributor and CI wait for it, is :mod:`sitetools.bench_suite`.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitetools.batches import evaluate_all
from sitetools.checks import evaluate
from sitetools.fences import FenceError
from sitetools.project import Project

ROOT = Path(__file__).resolve().parents[1]


def make_variant(kind: str, destination: Path) -> Path:
    shutil.copytree(ROOT / "docs", destination / "docs")
    shutil.copytree(ROOT / "snippets", destination / "snippets")
    (destination / "sitetools").symlink_to(ROOT / "sitetools")
    (destination / "overrides").symlink_to(ROOT / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if kind != "ours":
        config = re.sub(r"^hooks:\n(?:  - .*\n)+", "", config, flags=re.MULTILINE)
        if kind == "baseline":
            config = config.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - markdown-exec\n")
        project = Project.at(destination)
        for page in project.pages():
            text = page.read_text(encoding="utf-8")
            for fence in reversed(
                [f for f in project.fences() if not isinstance(f, FenceError) and f.page == project.label(page)]
            ):
                text = _inline(
                    text, fence.line, (project.snippets_dir / fence.snippet).read_text(encoding="utf-8"), kind
                )
            page.write_text(text, encoding="utf-8")
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def _inline(text: str, line: int, source: str, kind: str) -> str:
    """Replace the three-line snippet fence at ``line`` with the snippet's code."""
    lines = text.split("\n")
    info = 'python exec="on" source="above" result="text"' if kind == "baseline" else "python"
    lines[line - 1 : line + 2] = [f"````{info}", source.rstrip("\n"), "````"]
    return "\n".join(lines)


_RUN_COUNT = re.compile(r"snippets: (\d+) examples, (\d+) run")


@dataclasses.dataclass
class Report:
    """What a benchmark found: the table's rows, and what is said under it."""

    runs: int
    rows: list[tuple[str, float | None, float | None, float | None]] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    #: Median over runs of (this site ÷ floor) for each scenario, measured side by side.
    ratios: dict[str, float] = dataclasses.field(default_factory=dict)


def _build(site: Path, strict: bool, counts: list[tuple[int, int]] | None = None) -> float:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict" if strict else "-q",
        "-f",
        str(site / "mkdocs.yml"),
        "-d",
        str(site / "site"),
    ]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=site, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:  # a failed build measures nothing
        raise SystemExit(f"bench: the build of {site.name} failed:\n{completed.stderr[-2000:]}")
    found = _RUN_COUNT.search(completed.stderr)
    if found and counts is not None:  # the "N examples, M run" line of this build
        counts.append((int(found.group(1)), int(found.group(2))))
    return elapsed


def _execution_note(site: Path) -> str:
    """Seconds spent running the examples, each alone, against the same examples each alone in real time.

    One at a time, so that no run waits for another's share of the CPUs:
    the sum is each example's own cost.  Beside it, the wall time of running
    them all as a build does (every core, the real-clock ones all at once).
    """
    project = Project.at(site)
    fences = list({f.snippet: f for f in project.fences() if not isinstance(f, FenceError)}.values())
    with project.running() as running:
        ours = [evaluate(fence, running, refresh=True) for fence in fences]
        real = [evaluate(fence, running, refresh=True, clock="real", store=False) for fence in fences]
    own = sum(o.result.duration for o in ours if o.result)
    in_real_time = sum(o.result.duration for o in real if o.result)
    real_clock = [o.result.duration for o in ours if o.result and o.result.clock == "real"]
    started = time.perf_counter()
    evaluate_all(fences, project, refresh=True)
    wall = time.perf_counter() - started
    return (
        f"Running all {len(fences)} examples, each alone, took {own:.2f} s in total, against {in_real_time:.2f} s "
        f"when each runs in real time: {in_real_time / own:.1f} x less (target: at least {EXECUTION_TARGET} x; "
        f"{'met' if in_real_time / own >= EXECUTION_TARGET else 'not met'}). Of those {own:.2f} s, "
        f"{sum(real_clock):.2f} s are the {len(real_clock)} examples that must run on the real clock (the longest "
        f"{max(real_clock, default=0):.2f} s). Run as a build runs them (every core, the real-clock ones at once "
        f"beside the rest), all {len(fences)} took {wall:.2f} s of wall time."
    )


def bench(runs: int) -> Report:
    """Measure every scenario, the three variants taking turns within each run.

    Taking turns spreads the noise of a shared machine over all variants
    instead of letting it land on whichever was measured at the time.
    """
    scenarios = ("clean build (empty cache)", "warm build (full cache)", "rebuild after editing one snippet")
    samples: dict[tuple[str, str], list[float]] = {}
    report = Report(runs)
    counts: list[tuple[int, int]] = []
    previewed: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        sites = {kind: make_variant(kind, Path(scratch) / kind) for kind in KINDS}
        for kind, site in sites.items():
            if kind != "baseline":
                _build(site, False)  # warm the disk cache and Python's bytecode
        for run in range(runs):
            for kind, site in sites.items():
                if kind == "baseline" and run > 0:
                    continue  # minutes per build, far above the rest: one sample is enough
                strict = kind == "ours"
                shutil.rmtree(site / ".cache", ignore_errors=True)
                samples.setdefault((scenarios[0], kind), []).append(_build(site, strict))
                samples.setdefault((scenarios[1], kind), []).append(_build(site, strict))
                _edit_one(site, kind)
                samples.setdefault((scenarios[2], kind), []).append(_build(site, strict, counts))
                if kind == "ours" and run == 0 and counts:
                    report.notes.append(
                        "After editing one snippet, the rebuild ran {1} of {0} examples (from the build log).".format(
                            *counts[-1]
                        )
                    )
                if kind == "ours":
                    for name, seconds in preview_latency(site, report).items():
                        previewed.setdefault(name, []).append(seconds)
            print(f"  run {run + 1}/{runs} measured", file=sys.stderr)
        report.notes.append(_execution_note(sites["ours"]))

    report.rows = [(name, *(statistics.median(samples[name, kind]) for kind in KINDS)) for name in scenarios]
    report.ratios.update(
        {
            name: statistics.median(o / f for o, f in zip(samples[name, "ours"], samples[name, "floor"]))
            for name in scenarios
        }
    )
    report.rows += [(name, statistics.median(seconds), None, None) for name, seconds in previewed.items()]
    return report


KINDS = ("ours", "baseline", "floor")
#: The most this site may take, as a multiple of the floor (issue 3's targets).
TARGETS = {"clean build (empty cache)": 1.3, "warm build (full cache)": 1.1}
#: How many times less time than a real-time run the examples must take (issue 24's target).
EXECUTION_TARGET = 10
#: The most a save may take to show in the browser (make serve), in seconds (issue 19's target).
PREVIEW_TARGET = 1.0
PREVIEW_SNIPPET = "make serve: save a snippet → page reloaded"
PREVIEW_PAGE = "make serve: save a page → page reloaded"


def _edit_one(site: Path, kind: str) -> None:
    """Edit one example the way a contributor would, in this variant's terms."""
    if kind == "ours":
        edited, addition = site / "snippets" / "first_examples" / "two_tasks_with_gather.py", "# edited\n"
    else:  # the other variants inline the code in the page
        edited, addition = site / "docs" / "first-examples.md", "\n"
    edited.write_text(edited.read_text(encoding="utf-8") + addition, encoding="utf-8")


def table(report: Report) -> str:
    def cell(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f} s"

    lines = [
        "| scenario | this site | baseline: markdown-exec, real time | floor: no execution | this site ÷ floor (median of per-run ratios) | target |",
        "|---|---|---|---|---|---|",
    ]
    for name, ours, baseline, floor in report.rows:
        ratios = report.ratios
        ratio = (
            f"{ratios[name]:.2f} ×"
            if name in ratios
            else ("n/a" if ours is None or floor is None else f"{ours / floor:.2f} ×")
        )
        target = "n/a"
        if name in TARGETS and name in ratios:
            target = f"≤ {TARGETS[name]} × ({'met' if ratios[name] <= TARGETS[name] else 'not met'})"
        elif name in (PREVIEW_SNIPPET, PREVIEW_PAGE) and ours is not None:
            target = f"≤ {PREVIEW_TARGET:.0f} s ({'met' if ours <= PREVIEW_TARGET else 'not met'})"
        lines.append(f"| {name} | {cell(ours)} | {cell(baseline)} | {cell(floor)} | {ratio} | {target} |")
    lines.append(
        f"\nMedians of {report.runs} runs (the baseline: one run), measured by `make bench` with Python {sys.version.split()[0]}."
    )
    lines.extend(f"\n{note}" for note in report.notes)
    return "\n".join(lines)


def preview_latency(site: Path, report: Report) -> dict[str, float]:
    """Seconds from saving a snippet, then a page, to the browser showing the change (``make serve``).

    The preview runs on the full site; a real browser (Chromium, as the
    browser tests drive it) shows the page and is reloaded by the preview.
    Without a browser, the time until the preview serves the new page is
    measured instead, and the note says so.
    """
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sitetools.preview", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/first-examples/"
    snippet = site / "snippets" / "first_examples" / "two_tasks_with_gather.py"
    page_file = site / "docs" / "first-examples.md"
    try:
        deadline = time.monotonic() + 300
        while not _fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("bench: the preview did not start")
            time.sleep(0.1)
        stamp = time.strftime("%H%M%S")
        edits = {
            PREVIEW_SNIPPET: (snippet, f"# probe {stamp}s\n", f"probe {stamp}s"),
            PREVIEW_PAGE: (page_file, f"\nProbe {stamp}p.\n", f"Probe {stamp}p."),
        }
        try:
            return _in_browser(url, edits)
        except _NoBrowser as missing:
            if not report.notes or "without a browser" not in report.notes[-1]:
                report.notes.append(
                    f"The preview was measured without a browser ({missing}): until it served the page."
                )
            found = {}
            for name, (path, addition, marker) in edits.items():
                path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
                started = time.perf_counter()
                while marker not in _fetch(url):
                    time.sleep(0.01)
                found[name] = time.perf_counter() - started
            return found
    finally:
        server.terminate()
        server.wait(timeout=30)


class _NoBrowser(Exception):
    pass


def _in_browser(url: str, edits: dict[str, tuple[Path, str, str]]) -> dict[str, float]:
    import shutil as _shutil

    chromium = _shutil.which("chromium")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise _NoBrowser("Playwright is missing") from None
    if chromium is None:
        raise _NoBrowser("Chromium is not installed")
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page()
        page.goto(url)
        for name, (path, addition, marker) in edits.items():
            page.evaluate("window.__beforeSave = true")
            path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
            started = time.perf_counter()
            while True:
                try:
                    if page.evaluate(
                        "m => !window.__beforeSave && document.readyState !== 'loading' && "
                        "document.body.textContent.includes(m)",
                        marker,
                    ):
                        break
                except Error:
                    pass  # the page is being reloaded
                if time.perf_counter() - started > 60:
                    raise SystemExit(f"bench: the preview never showed the change to {path.name}")
                time.sleep(0.005)
            found[name] = time.perf_counter() - started
        browser.close()
    return found


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def insert_table(page: str, table_text: str, marker: str = "BENCH") -> str:
    """Put the table between the page's ``<!-- MARKER START -->`` and ``END`` comments, replacing the previous one."""
    return re.sub(
        rf"<!-- {marker} START -->\n.*?<!-- {marker} END -->",
        lambda _: f"<!-- {marker} START -->\n{table_text}\n<!-- {marker} END -->",
        page,
        flags=re.S,
    )


def main(argv: list[str] | None = None) -> int:
    from sitetools import bench_suite

    parser = argparse.ArgumentParser(prog="python -m sitetools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["builds", "suite"], help="measure the builds only, or the test suite only")
    parser.add_argument(
        "--load", type=int, default=4, help="busy loops beside the loaded test-suite scenario (0: none)"
    )
    parser.add_argument("--no-ci", action="store_true", help="leave out `bash .ci/run` (the longest scenario)")
    parser.add_argument("--write", type=Path, help="replace the tables between the BENCH markers of this page")
    args = parser.parse_args(argv)
    parts = []
    if args.only != "suite":
        parts.append(("BENCH", table(bench(args.runs))))
    if args.only != "builds":
        parts.append(("BENCH SUITE", bench_suite.table(bench_suite.measure(load=args.load, ci=not args.no_ci))))
    for _, text in parts:
        print(text)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        for marker, text in parts:
            page = insert_table(page, text, marker)
        args.write.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
