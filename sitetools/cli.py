"""Command line: ``python -m sitetools update-outputs``, ``verify-real-time``, ``versions`` and ``new-example``.

``update-outputs [SNIPPET ...]`` runs each referenced snippet (or only those
named) afresh, with the options of its fence, and writes its output beside
it.  A run that failed in a way the fence does not declare (an exception, a
timeout, a runaway) is reported and not recorded: a record is what a correct
run prints.  Nor is an output that another run would not print: each new or
changed program is run again, shaken, first (:mod:`sitetools.determinism`).

``verify-real-time`` runs every snippet on the real clock and checks that it
prints what its record says, in the one meaning of "the same"
(:mod:`sitetools.sameness`: durations within a tolerance).  It is the proof
that the virtual clock never changed what an example prints.  Its runs never
enter the cache, so they cannot change what the next build shows.

``versions [SNIPPET ...]`` runs the cells of the version matrix whose inputs
changed (every cell with ``SITETOOLS_FULL=1``) on every Python found and
rewrites each committed version matrix, keeping the results of the Pythons not
found here (see :mod:`sitetools.versions`); with ``--column`` and
``--results`` it runs one column and writes its results for CI's judging job.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from sitetools import determinism, interpreters, pyodide, sameness, versions
from sitetools.batches import evaluate_all
from sitetools.capabilities import clock_for
from sitetools.checks import Outcome, interpreter_for, run_problems
from sitetools.fences import FenceError, SnippetFence
from sitetools.interpreter import PYODIDE
from sitetools.matrix import BROWSER, Cell, matrix_path, minimum, read_matrix
from sitetools.project import Project
from sitetools.records import output_diff, read_record, record_path, write_record
from sitetools.runner import RunResult


def _fences(project: Project, only: list[str]) -> tuple[list[SnippetFence], list[str]]:
    errors: list[str] = []
    chosen: dict[str, SnippetFence] = {}
    for fence in project.fences():
        if isinstance(fence, FenceError):
            errors.append(str(fence))
        elif fence.snippet not in chosen and (not only or fence.snippet in only):
            chosen[fence.snippet] = fence
    errors += [f"no page references snippet {name}" for name in only if name not in chosen]
    return list(chosen.values()), errors


def update_outputs(project: Project, only: list[str]) -> int:
    """Record what each program prints, once that output is proven to be the same in every run."""
    fences, errors = _fences(project, only)
    firsts: dict[str, tuple[SnippetFence, RunResult]] = {}
    stand_ins: list[str] = []
    for outcome in evaluate_all(fences, project, refresh=True, check_record=False).values():
        fence, result = outcome.fence, outcome.result
        if outcome.skipped:
            print(f"  skipped  snippets/{fence.snippet}: {outcome.skipped}")
            continue
        if result is None:
            errors.extend(outcome.problems)
            continue
        problems = run_problems(fence, result)
        if problems:
            errors.append("\n".join(problems) + "\n(not recorded)")
            continue
        firsts[fence.snippet] = (fence, result)
        if outcome.stand_in:
            stand_ins.append(fence.snippet)
    python = {snippet: _python_of(fence) for snippet, (fence, _) in firsts.items()}
    unproven = {s: first for s, first in firsts.items() if not determinism.is_proven(project, *first, python[s])}
    started = time.perf_counter()
    proofs: dict[str, determinism.Proof] = {}
    for interpreter in sorted(set(python.values())):
        chosen = {s: first for s, first in unproven.items() if python[s] == interpreter}
        proofs.update(determinism.prove_all(project, chosen, interpreter))
    if proofs:
        print(
            f"proved {len(proofs)} program(s) in {time.perf_counter() - started:.1f} s: each run "
            f"{1 + len(determinism.SHAKES)} times, as the build runs it and then with {determinism.SHAKEN}"
        )
    for snippet, (fence, result) in firsts.items():
        proof = proofs.get(snippet)
        if proof is not None and proof.diagnosis is not None:
            errors.append(determinism.refusal_message(fence, proof.diagnosis, 1 + len(proof.runs)))
            continue
        path = project.snippets_dir / fence.snippet
        new = not record_path(path).exists()
        changed = write_record(path, result.output)
        status = "new" if new else ("updated" if changed else "unchanged")
        print(
            f"{status:>9}  {project.label(record_path(path))}  "
            f"({result.duration:.2f} s, {result.clock} clock, Python {result.python_version})"
        )
    if stand_ins:
        print(
            f"note: {len(stand_ins)} output(s) recorded with Python {sys.version.split()[0]}, because Python "
            f"{interpreters.RECORDING} (the pages' Python) is not installed here: CI checks them with "
            f"{interpreters.RECORDING}. `make pythons` (as root, on Debian) or pyenv provides it."
        )
    errors += project.audit()
    return _report(errors)


def _python_of(fence: SnippetFence) -> str:
    """The interpreter a fence's snippet runs with (its Python is there: evaluate() checked)."""
    return interpreter_for(fence)[0] or sys.executable


def verify_real_time(project: Project, only: list[str]) -> int:
    """Run every snippet on the real clock and check it prints its record; the build's cache is left alone."""
    fences, errors = _fences(project, only)
    started = time.perf_counter()
    outcomes: dict[str, Outcome] = {
        o.fence.snippet: o for o in evaluate_all(fences, project, refresh=True, clock="real", store=False).values()
    }
    for snippet, outcome in sorted(outcomes.items()):
        result = outcome.result
        if outcome.skipped:
            print(f"  skipped  snippets/{snippet}: {outcome.skipped}")
            continue
        if result is None:
            errors.extend(outcome.problems)
            continue
        if outcome.problems:
            errors.extend(_real_time_advice(project, outcome))
        else:
            print(f"  matches  snippets/{snippet}  ({result.duration:.2f} s real time)")
    print(f"{len(outcomes)} snippets run in real time in {time.perf_counter() - started:.1f} s")
    return _report(errors)


def _real_time_advice(project: Project, outcome: Outcome) -> list[str]:
    """Why a snippet prints something else in real time, and the next step for that cause."""
    fence, result, record = outcome.fence, outcome.result, outcome.record
    assert result is not None
    source = (project.snippets_dir / fence.snippet).read_text(encoding="utf-8")
    clock, why = clock_for(source, fence.clock)  # the build's clock, on which the record was made
    if record is None or run_problems(fence, result) or (clock == "real" and outcome.unstable is not None):
        return list(outcome.problems)
    head = (
        f"{fence.where}: snippet {fence.snippet} prints something else in real time than its record "
        f"(durations may differ by {sameness.TOLERANCE_TEXT})."
    )
    diff = output_diff(record, result.output, f"snippets/{fence.snippet}")
    if clock == "real":
        # It ran on the real clock for its record too: what differs is the machine's speed, or chance.
        diagnosis = determinism.diagnose([record, result.output], source, "real", ["its record", "this run"])
        advice = diagnosis.explain() if diagnosis else ""
        return [f"{head} It runs on the real clock ({why}) for the build too.\n{advice}\n{diff}"]
    if sameness.only_numbers_differ(record, result.output):
        advice = (
            "On the virtual clock, computation takes no time: if it times CPU work, declare "
            'clock="real" on its fence and record it again (`make update-outputs SNIPPETS='
            f"{fence.snippet}`)."
        )
    else:
        advice = (
            "Its order of events differs from the virtual clock's. If it waits on something the virtual "
            'clock cannot follow, declare clock="real" on its fence; if not, this is a bug in '
            "sitetools/inproc/virtualclock.py: please report it with this snippet."
        )
    return [f"{head} {advice}\n{diff}"]


def update_versions(
    project: Project, only: list[str], *, columns_wanted: list[str] | None = None, results: Path | None = None
) -> int:
    """Run the cells of the version matrix whose inputs changed (or all, with SITETOOLS_FULL=1).

    Without ``results``: rewrite each snippet's NAME.versions.json, keeping
    what was not run here.  With ``results`` (a CI matrix job): run only
    ``columns_wanted``, confirm each disagreement, and write that column's
    results into the folder for the job that judges them all.
    """
    fences, errors = _fences(project, only)
    found = interpreters.available()
    skipped = [version for version in interpreters.SUPPORTED if version not in found]
    browser_missing = pyodide.missing()
    columns = {**found, **({} if browser_missing else {BROWSER: PYODIDE})}
    if columns_wanted:
        absent = [column for column in columns_wanted if column not in columns]
        if absent:
            reason = browser_missing if absent == [BROWSER] else interpreters.missing_reason(absent[0])
            return _report([f"cannot run the column(s) {', '.join(absent)} here: {reason}"])
        columns = {column: columns[column] for column in columns_wanted}
    started = time.perf_counter()
    if results is not None:
        checked = versions.confirmed(project, fences, columns)
        for column in columns:
            print(f"wrote {versions.write_results(results, column, checked)}")
        print(versions.report(checked))
        print(f"in {time.perf_counter() - started:.1f} s")
        return _report(errors)
    planned = versions.plan(project, fences, columns)
    fresh, hits = versions.run_jobs(project, planned.jobs)
    elapsed = time.perf_counter() - started
    symbols = {"same": "=", "different": "~", "failed": "x"}
    print(f"{'snippet':<60} {'min':>5}  " + " ".join(f"{v:>4}" for v in interpreters.SUPPORTED) + "  browser")
    kept_older: dict[str, tuple[str, ...]] = {}
    for fence in fences:
        path = project.snippets_dir / fence.snippet
        merged = versions.merge(fence, path, fresh.get(fence.snippet, {}), read_matrix(path))
        if merged.older:
            kept_older[fence.snippet] = merged.older
        target = matrix_path(path)
        if not target.is_file() or target.read_text(encoding="utf-8") != merged.matrix.to_json():
            target.write_text(merged.matrix.to_json(), encoding="utf-8")
        cells, browser = merged.matrix.cells, merged.matrix.browser
        derived = minimum(cells)[0] or "none"

        def symbol(cell: Cell | None) -> str:
            if cell is None:
                return "-"
            return symbols[cell.status] + ("*" if cell.source != merged.matrix.source else "")

        row = " ".join(f"{symbol(cells.get(v)):>4}" for v in interpreters.SUPPORTED)
        print(f"{fence.snippet:<60} {derived:>5}  {row}  {symbol(browser):>7}")
        errors += versions.problems(project, fence, None)
    print(
        "= prints its record, ~ prints another output, x fails, - never run, "
        "* kept from an older version of the program (not run here)"
    )
    print(versions.report(versions.Checked(planned, fresh, cache_hits=hits), recording=True))
    print(
        f"{len(planned.jobs)} run(s) ({hits} from the run cache) on {', '.join(found)}"
        + ("" if browser_missing else " and the browser's Python (Pyodide)")
        + f", in {elapsed:.1f} s"
        + (f"; not installed here: {', '.join(skipped)}" if skipped else "")
        + (f"; browser column not run: {browser_missing}" if browser_missing else "")
    )
    if kept_older:
        print(
            f"kept {sum(map(len, kept_older.values()))} result(s) of {len(kept_older)} snippet(s) from an older "
            "version of the program, for the Pythons not run here (marked *). CI, which has every Python, "
            "fails until they are refreshed: run `make versions SNIPPETS=...` where they are installed."
        )
        for snippet, columns_kept in kept_older.items():
            print(f"  {snippet}: {', '.join(columns_kept)}")
    return _report(errors)


EXAMPLE_TEMPLATE = '''"""{title}."""
import asyncio


async def main():
    await asyncio.sleep(1)
    print("done")


asyncio.run(main())
'''


def new_example(project: Project, page: str, name: str) -> int:
    """Write snippets/PAGE/NAME.py from a template and reference it at the end of docs/PAGE.md."""
    page = page.removesuffix(".md")
    doc = project.docs_dir / f"{page}.md"
    if not doc.is_file():
        known = ", ".join(sorted(p.stem for p in project.docs_dir.glob("*.md")))
        return _report([f"there is no page docs/{page}.md; pages: {known}"])
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name.removesuffix(".py")):
        return _report([f"{name!r} is not a good snippet name: use lower_case_words that say what it shows"])
    snippet = f"{page.replace('-', '_')}/{name.removesuffix('.py')}.py"
    path = project.snippets_dir / snippet
    if path.exists():
        return _report([f"snippets/{snippet} exists already"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        EXAMPLE_TEMPLATE.format(title=name.removesuffix(".py").replace("_", " ").capitalize()), encoding="utf-8"
    )
    text = doc.read_text(encoding="utf-8").rstrip("\n")
    doc.write_text(f"{text}\n\n```snippet\n{snippet}\n```\n", encoding="utf-8")
    print(f"wrote snippets/{snippet} and referenced it at the end of docs/{page}.md")
    print(f"next: edit both, then `make update-outputs SNIPPETS={snippet}` and `make versions SNIPPETS={snippet}`")
    return 0


def exercise_problems(project: Project, only: list[str]) -> tuple[list[str], list[str]]:
    """(what was checked, problems): each exercise's solution must pass every check, its start fail one.

    The runs are the build's: the solution's with its snippet fence's options
    (from the cache), the start's with the same clock rules, both with their
    tasks' timeline.
    """
    from sitetools import exercises

    fences = {fence.snippet: fence for fence in project.fences() if not isinstance(fence, FenceError)}
    report, problems = [], []
    for exercise in project.exercises():
        if isinstance(exercise, exercises.ExerciseError):
            problems.append(str(exercise))
            continue
        wanted = (exercise["where"].split(":")[0], exercise["start"], exercise["solution"])
        if only and not any(name in wanted for name in only):
            continue
        runs = {}
        for key in ("solution", "start"):
            path = project.snippets_dir / exercise[key]
            if not path.is_file():
                problems.append(f"{exercise['where']}: its {key} snippets/{exercise[key]} does not exist")
                break
            fence = fences.get(exercise[key])
            timeout = fence.timeout if fence else 30.0
            clock = clock_for(path.read_text(encoding="utf-8"), fence.clock if fence else "auto")[0]
            runs[key], _ = project.cache.run(path, timeout=timeout, clock=clock, python=sys.executable, timeline=True)
        if len(runs) < 2:
            continue
        expected = read_record(project.snippets_dir / exercise["solution"]) or ""
        results = {
            key: exercises.check(exercise["checks"], run.output, run.exit_status, run.timeline, expected)
            for key, run in runs.items()
        }
        failed = [result for result in results["solution"] if not result["passed"]]
        for result in failed:
            problems.append(
                f"{exercise['where']}: the solution {exercise['solution']} fails the check "
                f'"{result["says"]}" ({result["why"]}): fix the check or the solution'
            )
        if all(result["passed"] for result in results["start"]):
            problems.append(
                f"{exercise['where']}: the starting point {exercise['start']} already passes every check: "
                "add a check that only a solved exercise passes"
            )
        start_failed = [f"{result['says']} ({result['why']})" for result in results["start"] if not result["passed"]]
        report.append(
            f"{exercise['where']}: the solution passes {len(results['solution']) - len(failed)} of "
            f"{len(results['solution'])} checks; the start fails {len(start_failed)}: {'; '.join(start_failed)}"
        )
    return report, problems


def check_exercises(project: Project, only: list[str]) -> int:
    """``python -m sitetools check-exercises``: the report, then the problems."""
    report, problems = exercise_problems(project, only)
    for line in report:
        print(line)
    return _report(problems)


def _report(errors: list[str]) -> int:
    for error in errors:
        print(f"error: {error}")
    if errors:
        print(f"{len(errors)} problem(s); fix them and run again")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("update-outputs", "rewrite the recorded outputs from fresh runs"),
        ("verify-real-time", "check every snippet prints its record on the real clock"),
        ("versions", "run the cells of the version matrix whose inputs changed; rewrite NAME.versions.json"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("snippets", nargs="*", help="paths relative to snippets/ (default: all)")
        if name == "versions":
            command.add_argument(
                "--column",
                action="append",
                help="only this column (3.X, or browser); may be repeated (CI's matrix jobs)",
            )
            command.add_argument(
                "--results",
                type=Path,
                help="write the results here for the job that judges them, not NAME.versions.json",
            )
    commands.add_parser("pythons", help="provide Python 3.14 and 3.15 where nothing else does (Debian, as root)")
    command = commands.add_parser(
        "check-exercises", help="each exercise's solution passes its checks, its start fails one"
    )
    command.add_argument("snippets", nargs="*", help="pages (docs/tasks.md) or programs (default: all)")
    command = commands.add_parser("new-example", help="start a snippet and reference it from its page")
    command.add_argument("page", help="the page, such as tasks (docs/tasks.md)")
    command.add_argument("name", help="what it shows, such as cancel_a_sleeping_task")
    args = parser.parse_args(argv)
    if args.command == "pythons":
        from sitetools import pythons

        return pythons.provide()
    # Every command's runs fork from warm interpreters, as the build's do (and as the records were made).
    with Project.at(args.root).running() as project:
        if args.command == "update-outputs":
            return update_outputs(project, args.snippets)
        if args.command == "versions":
            return update_versions(project, args.snippets, columns_wanted=args.column, results=args.results)
        if args.command == "new-example":
            return new_example(project, args.page, args.name)
        if args.command == "check-exercises":
            return check_exercises(project, args.snippets)
        return verify_real_time(project, args.snippets)


if __name__ == "__main__":
    sys.exit(main())
