"""``make bench``, the test suite's part: what a contributor waits for, measured as they would wait.

Each scenario runs in a fresh clone of the last commit (``git clone`` of
HEAD: commit before measuring), with ``make``, as a contributor types it:

* ``make test`` in a fresh clone: the virtual environment, the JavaScript,
  every example run, the matrix judged, the browser checks;
* ``make test`` again, with nothing changed;
* ``make test`` after one snippet's output changed, without the record
  commands: it must fail, name ``make update-outputs`` and ``make versions``,
  and re-run that snippet's matrix row only (read from the test report);
* ``bash .ci/run`` in a fresh clone, with ``CI=true``;
* the first scenario again beside busy loops (``--load N``: N processes that
  only spin), as on a shared runner or a laptop doing other work;
* the slowest ten tests of the fresh clone's run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The issue's targets, in seconds.
FRESH_TARGET = 300
LOADED_TARGET = 420
AGAIN_TARGET = 120
ONE_CHANGE_TARGET = 240
#: The snippet edited in the one-change scenario, and the edit: a printed string, so the output changes.
EDITED = "first_examples/two_tasks_with_gather.py"
EDIT = ('print("Task 2 completed")', 'print("Task 2 finished")')


@dataclasses.dataclass
class Scenario:
    name: str
    seconds: float
    target: float | None
    outcome: str  # what the run said at its end ("820 passed, 10 skipped")
    as_expected: bool


@dataclasses.dataclass
class SuiteReport:
    scenarios: list[Scenario] = dataclasses.field(default_factory=list)
    slowest: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)


@contextlib.contextmanager
def busy_loops(count: int) -> Iterator[None]:
    """``count`` processes that only spin, beside whatever runs inside (none when 0)."""
    loops = [
        subprocess.Popen(["sh", "-c", "while :; do :; done"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(count)
    ]
    try:
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def fresh_clone(parent: Path, name: str) -> Path:
    destination = parent / name
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(destination)], check=True)
    return destination


#: Where each scenario's whole log is kept, for the failures a table line cannot show.
LOGS = ROOT / ".cache" / "bench"


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None, log: str = "") -> tuple[float, int, str]:
    started = time.perf_counter()
    completed = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if log:
        LOGS.mkdir(parents=True, exist_ok=True)
        (LOGS / f"{log}.log").write_text(completed.stdout, encoding="utf-8")
    return time.perf_counter() - started, completed.returncode, completed.stdout


_FAILED = re.compile(r"^(?:FAILED|ERROR) \S+", re.MULTILINE)


def _failures(log: str, limit: int = 5) -> str:
    found = _FAILED.findall(log)
    return "; ".join(found[:limit]) + (f" and {len(found) - limit} more" if len(found) > limit else "")


_SUMMARY = re.compile(r"^=+ (.*? in [\d.]+s.*?) =+$", re.MULTILINE)
_SLOWEST = re.compile(r"^(\d+\.\d+s (?:call|setup|teardown) +\S+)$", re.MULTILINE)
_MATRIX = re.compile(r"^version matrix: .*$", re.MULTILINE)


def _outcome(log: str) -> str:
    found = _SUMMARY.findall(log)
    return found[-1] if found else (log.strip().splitlines() or ["(no output)"])[-1][:200]


def make_test_env() -> dict[str, str]:
    """A contributor's machine: not CI, the durations printed for the report."""
    return {"CI": "", "PYTEST_ADDOPTS": "--durations=10"}


def measure(load: int = 0, ci: bool = True) -> SuiteReport:
    """Every scenario, in fresh clones under a temporary folder."""
    report = SuiteReport()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    report.notes.append(
        f"Measured on commit {head.strip()}"
        + (" (the working tree had uncommitted changes, which these clones do not have)" if dirty.strip() else "")
        + f", {os.cpu_count()} CPUs."
    )
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as scratch:
        clone = fresh_clone(Path(scratch), "clone")
        seconds, code, log = _run(["make", "test"], clone, make_test_env(), "fresh")
        report.scenarios.append(Scenario("`make test`, fresh clone", seconds, FRESH_TARGET, _outcome(log), code == 0))
        if code:
            report.notes.append(f"The fresh clone's run failed: {_failures(log)} (log: .cache/bench/fresh.log).")
        report.slowest = _SLOWEST.findall(log)[:10]
        report.notes += [f"Fresh clone: {line}" for line in _MATRIX.findall(log)]

        seconds, code, log = _run(["make", "test"], clone, make_test_env(), "again")
        report.scenarios.append(
            Scenario("`make test` again, nothing changed", seconds, AGAIN_TARGET, _outcome(log), code == 0)
        )

        program = clone / "snippets" / EDITED
        program.write_text(program.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
        seconds, code, log = _run(["make", "test"], clone, make_test_env(), "one-change")
        names = (
            f"make update-outputs SNIPPETS={EDITED}" in log and f"make versions SNIPPETS={EDITED}" in log and code != 0
        )
        matrix = _MATRIX.findall(log)
        ran = re.search(r": (\d+) ran, ", matrix[-1]) if matrix else None
        columns = re.search(r"x (\d+) columns here", matrix[-1]) if matrix else None
        one_row = bool(ran and columns and ran.group(1) == columns.group(1))
        report.scenarios.append(
            Scenario(
                f"`make test` after `{EDITED}` prints something else (must fail)",
                seconds,
                ONE_CHANGE_TARGET,
                _outcome(log),
                names and one_row,
            )
        )
        report.notes.append(
            "After the edit: the failure names `make update-outputs` and `make versions` for it: "
            f"{'yes' if names else 'NO'}; "
            f"{matrix[-1] if matrix else 'no matrix report'}; only its row ran: {'yes' if one_row else 'NO'}."
        )

        if load:
            loaded = fresh_clone(Path(scratch), "loaded")
            with busy_loops(load):
                seconds, code, log = _run(["make", "test"], loaded, make_test_env(), "loaded")
            report.scenarios.append(
                Scenario(
                    f"`make test`, fresh clone, beside {load} busy loops",
                    seconds,
                    LOADED_TARGET,
                    _outcome(log),
                    code == 0,
                )
            )
            if code:
                report.notes.append(f"The loaded run failed: {_failures(log)} (log: .cache/bench/loaded.log).")

        if ci:
            for_ci = fresh_clone(Path(scratch), "ci")
            seconds, code, log = _run(["bash", ".ci/run"], for_ci, {"CI": "true"})
            report.scenarios.append(
                Scenario("`bash .ci/run`, fresh clone, CI=true", seconds, None, _outcome(log), code == 0)
            )
    return report


def table(report: SuiteReport) -> str:
    lines = ["| scenario | wall time | target | how it ended |", "|---|---|---|---|"]
    for scenario in report.scenarios:
        target = "n/a"
        if scenario.target is not None:
            target = f"≤ {scenario.target:.0f} s ({'met' if scenario.seconds <= scenario.target else 'not met'})"
        ended = scenario.outcome.replace("|", "/") + ("" if scenario.as_expected else " (**not as expected**)")
        lines.append(f"| {scenario.name} | {scenario.seconds:.0f} s | {target} | {ended} |")
    if report.slowest:
        lines.append("\nThe slowest ten tests of the fresh clone's run:\n")
        lines += [f"    {line}" for line in report.slowest]
    lines += [f"\n{note}" for note in report.notes]
    return "\n".join(lines)
