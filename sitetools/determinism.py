"""Recording proves determinism: an output is recorded only if a second and a third run print it too.

``make update-outputs`` runs each program it records as the build runs it,
then twice more, shaken (:data:`SHAKES`, :mod:`sitetools.inproc.shake`):

* another string hash seed (the order of a set of strings),
* another time zone, and the virtual clock's wall time days away (the time of day),
* the output of every other thread the program starts held back, in turn
  (threads that print in whatever order the OS runs them),
* every CPU kept busy by other processes (timing on the real clock: the
  program must print what still holds on a machine twice as slow).

An output that differs in any run (in the one meaning of "the same",
:mod:`sitetools.sameness`), or that shows a memory address, is refused, with
the lines that differ, the likely cause read from the program and its
output (:func:`diagnose`), and how to fix it.  A program that has been
proven is remembered in ``.cache/proofs/`` under the same key as its run, so
only new and changed programs are run again.

The build uses :func:`diagnose` too, when a failing check, run again, prints
something else the second time.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import dataclasses
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sitetools import sameness
from sitetools.cache import cache_key, write_atomically
from sitetools.capabilities import Capabilities, scan
from sitetools.runner import RunResult, Shake, run_snippet

if TYPE_CHECKING:
    from sitetools.fences import SnippetFence
    from sitetools.project import Project

#: The shaken runs, after the one run as the build runs it (hash seed 0, UTC, threads as they come).
SHAKES = (
    Shake(hash_seed=1, time_zone="<+0517>-5:17", epoch_shift=3 * 86400 + 5 * 3600 + 17 * 60 + 23.25, parity=0),
    Shake(hash_seed=2, time_zone="<-0341>3:41", epoch_shift=-(40 * 86400 + 3 * 3600 + 41 * 60 + 7.5), parity=1),
)
#: What the shaken runs change, as messages say it.
SHAKEN = (
    "another hash seed, time zone and wall-clock start, the output of its threads held back in turn, "
    "and every CPU busy with other work"
)
#: Raise when the proof changes what it checks: every program is proven again.
_PROOF_VERSION = "1"
#: At most this many lines of a diff in a message.
_SHOWN_DIFF_LINES = 24

_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b|\b1[6-9]\d{8}(?:\.\d+)?\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclasses.dataclass(frozen=True)
class Diagnosis:
    """Why a program's output cannot be trusted to be the same, and what to do."""

    cause: str
    fix: str
    diff: str = ""  # the first run's output against the first one that differs

    def explain(self) -> str:
        text = f"Likely cause: {self.cause}.\nFix: {self.fix}."
        if self.diff:
            lines = self.diff.splitlines()
            if len(lines) > _SHOWN_DIFF_LINES:
                lines = lines[:_SHOWN_DIFF_LINES] + [f"... ({len(lines) - _SHOWN_DIFF_LINES} more lines)"]
            text += "\n" + textwrap.indent("\n".join(lines), "    ")
        return text


def diagnose(outputs: Sequence[str], source: str, clock: str, names: Sequence[str] = ()) -> Diagnosis | None:
    """Compare every output with the first: None when they are all the same and show no address.

    ``names`` says what each run was, for the diff ("as the build runs it", "shaken run 1").
    """
    names = list(names) or [f"run {number}" for number in range(1, len(outputs) + 1)]
    first = outputs[0]
    pairs: list[tuple[str, str]] = []
    diff = ""
    for name, other in zip(names[1:], outputs[1:]):
        found = list(sameness.differing_lines(first, other, clock=clock))
        if found and not diff:
            diff = sameness.diff(first, other, names[0], name)
        pairs += [pair for pair in found if pair not in pairs]
    address = next((line for line in first.splitlines() if sameness.ADDRESS.search(line)), "")
    if not pairs and not address:
        return None
    if not diff:  # only addresses differ, which every comparison forgives: show them anyway
        diff = next((sameness.diff(first, o, names[0], n) for n, o in zip(names[1:], outputs[1:]) if o != first), "")
    cause, fix = _cause(scan(source), clock, pairs, outputs, address)
    return Diagnosis(cause, fix, diff)


def _cause(
    found: Capabilities, clock: str, pairs: list[tuple[str, str]], outputs: Sequence[str], address: str
) -> tuple[str, str]:
    """The likeliest reason for the differences, from the program's code and the lines themselves."""
    evidence = lambda text: f" ({text})" if text else ""  # noqa: E731 - a tiny formatter
    if address:
        return (
            f"it prints a memory address, part of an object's default repr, which is different in every run: "
            f'"{address.strip()}"',
            "print what the reader should see instead: a name or a field of the object, or give its class a "
            "__repr__ (for a coroutine, its __qualname__; for a task, task.get_name())",
        )
    if any(_TIME_OF_DAY.search(a) or _TIME_OF_DAY.search(b) for a, b in pairs) or (found.wall_clock and pairs):
        return (
            f"it prints the time of day{evidence(found.wall_clock)}, which is different in every run",
            "print how long things took instead: start = time.perf_counter() at the beginning, then "
            "time.perf_counter() - start; on the virtual clock that is exact, and the same in every run",
        )
    if found.random:
        return (
            f"it draws random numbers from a generator that is never seeded{evidence(found.random)}",
            "seed it once at the top (random.seed(1), or random.Random(1) for a generator of its own): the "
            "numbers still look random, and they are the same in every run",
        )
    if any(a != b and sorted(a) == sorted(b) and ("{" in a or "," in a) for a, b in pairs):
        return (
            "it prints a set (or what was built from one) of strings, whose order depends on the string hash "
            "seed, which is different in every interpreter",
            "print sorted(...) of it, or keep the items in a list or a dict, whose order is the order they were added",
        )
    if (found.process_ids or found.addresses) and all(_NUMBER.sub("N", a) == _NUMBER.sub("N", b) for a, b in pairs):
        return (
            f"it prints a port, a process id or an object id{evidence(found.process_ids or found.addresses)}, "
            "which the operating system chooses anew in every run",
            "print what the reader needs to know instead, such as 'a client connected' or 'the child has a "
            "process id: True' (the port a server listens on is stable only if the program chose it)",
        )
    reordered = any(
        collections.Counter(outputs[0].splitlines()) == collections.Counter(other.splitlines())
        for other in outputs[1:]
        if other != outputs[0]
    )
    threads = found.threads or found.thread_pools or found.processes
    if reordered and threads:
        return (
            f"its threads or processes{evidence(threads)} print in whatever order the operating system runs "
            "them: the same lines came out in another order",
            "print from one place: have each thread or process return its result and print the results in "
            "order (gather() keeps the order of its arguments), or make the order explicit (wait for one "
            "before the next prints)",
        )
    if clock == "real" and all(_timing_only(a, b) for a, b in pairs):
        why_real = found.real_time or 'clock="real" on its fence'
        return (
            f"it runs on the real clock{evidence(why_real)} and what it "
            "prints depends on how fast the machine is: with every CPU busy, it printed something else",
            "print only what still holds on a machine twice as slow: a coarse comparison with a wide margin "
            "(took less than 2 s, for something that takes 1 s), a count or an order rather than a duration; "
            "or, if nothing forces the real clock, let it run on the virtual clock, where durations are exact",
        )
    if threads:
        return (
            f"its threads or processes{evidence(threads)} run in whatever order the operating system "
            "chooses, and what it prints depends on that order",
            "make the order explicit: wait for one thread's result before the next one prints, or print "
            "from one place once all have finished",
        )
    return (
        "it prints something different from run to run",
        "find what changes in the lines below, and print something that does not",
    )


def _timing_only(a: str, b: str) -> bool:
    """Whether two lines differ only in numbers and in True/False (a measured time, a comparison)."""
    words = lambda line: _NUMBER.sub("N", line).replace("True", "B").replace("False", "B")  # noqa: E731
    return words(a) == words(b)


# --- the shaken runs ------------------------------------------------------------


@contextlib.contextmanager
def busy_cpus(count: int | None = None) -> Iterator[None]:
    """Keep every CPU busy with other work: a machine about twice as slow for whatever runs beside it."""
    spinners = [
        subprocess.Popen(
            [sys.executable, "-c", "while True: pass"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(count or os.cpu_count() or 1)
    ]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


@dataclasses.dataclass(frozen=True)
class Proof:
    """The outcome of proving one program: its shaken runs, and what is wrong (None: proven)."""

    fence: SnippetFence
    runs: tuple[RunResult, ...]
    diagnosis: Diagnosis | None


def _proof_entry(project: Project, fence: SnippetFence, first: RunResult, python: str) -> Path:
    key = cache_key(
        project.snippets_dir / fence.snippet, timeout=fence.timeout, clock=first.clock, python=python, timeline=False
    )
    return project.root / ".cache" / "proofs" / f"{key}-{_PROOF_VERSION}"


def is_proven(project: Project, fence: SnippetFence, first: RunResult, python: str = sys.executable) -> bool:
    return _proof_entry(project, fence, first, python).is_file()


def prove_all(
    project: Project, firsts: dict[str, tuple[SnippetFence, RunResult]], python: str = sys.executable
) -> dict[str, Proof]:
    """Run every program's shaken runs with every CPU busy; return what each proved.

    ``firsts`` maps each snippet to its fence and the run as the build ran it.
    Programs are shaken in parallel, each one's runs one after the other (a
    program may listen on a fixed port).  Proven programs are remembered, so
    the next call skips them.
    """
    if not firsts:
        return {}

    def shaken_runs(snippet: str) -> list[RunResult]:
        fence, first = firsts[snippet]
        path = project.snippets_dir / snippet
        # On the real clock, holding a thread back would move its times: busy CPUs shake it instead.
        shakes = SHAKES if first.clock == "virtual" else [dataclasses.replace(shake, delay=0.0) for shake in SHAKES]
        return [
            run_snippet(path, timeout=fence.timeout, python=python, clock=first.clock, shake=shake) for shake in shakes
        ]

    with busy_cpus(), concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = dict(zip(firsts, pool.map(shaken_runs, firsts)))
    proofs = {}
    for snippet, (fence, first) in firsts.items():
        runs = [first, *results[snippet]]
        source = (project.snippets_dir / snippet).read_text(encoding="utf-8")
        names = ["as the build runs it", *(f"shaken run {number}" for number in range(1, len(runs)))]
        diagnosis = diagnose([run.output for run in runs], source, first.clock, names) or _ended_alike(runs)
        if diagnosis is None and first.clock == "virtual" and first.timeline:
            diagnosis = _race(first.timeline)
        if diagnosis is None:
            write_atomically(_proof_entry(project, fence, first, python), "proven\n")
        proofs[snippet] = Proof(fence, tuple(runs[1:]), diagnosis)
    return proofs


def _ended_alike(runs: Sequence[RunResult]) -> Diagnosis | None:
    if all(run.exit_status == runs[0].exit_status and not run.timed_out for run in runs):
        return None
    return Diagnosis(
        "it ended differently when shaken (exit status "
        + " / ".join("timeout" if run.timed_out else str(run.exit_status) for run in runs)
        + ")",
        "make it end the same way whatever the machine's speed; a time limit that a busy machine "
        'reaches is too short (raise it with timeout="..." on the fence)',
    )


def _race(timeline: dict[str, object]) -> Diagnosis | None:
    race = sameness.racing_prints(timeline)
    if race is None:
        return None
    gap, first, second = race
    return Diagnosis(
        f'two of its tasks print {gap:.3f} s apart ("{first}", then "{second}"): on the virtual clock that '
        "order is exact, but in real time (CI's check, a reader's run in the browser) either may come first",
        f"keep events in different tasks at least {sameness.ORDER_MARGIN:g} s apart, or let one task print both",
    )


def refusal_message(fence: SnippetFence, diagnosis: Diagnosis, runs: int) -> str:
    """Why ``make update-outputs`` did not record a program's output, and what to do."""
    return (
        f"{fence.where}: snippet {fence.snippet} prints something different from run to run, so its output "
        f"was not recorded (run {runs} times: as the build runs it, then with {SHAKEN}).\n"
        + diagnosis.explain()
        + f"\nThen run `make update-outputs SNIPPETS={fence.snippet}` again."
    )
