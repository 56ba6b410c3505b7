"""Command line: ``python -m sitetools update-outputs``, ``verify-real-time`` and ``versions``.

``update-outputs [SNIPPET ...]`` runs each referenced snippet (or only those
named) afresh, with the options of its fence, and writes its output beside
it.  A run that failed in a way the fence does not declare (an exception, a
timeout, a runaway) is reported and not recorded: a record is what a correct
run prints.

``verify-real-time`` runs every snippet on the real clock and checks that it
prints what its record says, with printed numbers that have a decimal point
(durations) allowed to differ by :data:`TOLERANCE_SECONDS` plus
:data:`TOLERANCE_RELATIVE` of the recorded value.  It is the proof that the
virtual clock never changed what an example prints.

``versions [SNIPPET ...]`` runs each snippet on every Python found and
rewrites its committed version matrix (see :mod:`sitetools.versions`).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from pathlib import Path

from sitetools import interpreters, pyodide, versions
from sitetools.checks import Outcome, evaluate_all, run_problems
from sitetools.fences import FenceError, SnippetFence
from sitetools.project import Project
from sitetools.records import output_diff, record_path, write_record
from sitetools.runner import PYODIDE
from sitetools.versions import TOLERANCE_RELATIVE, TOLERANCE_SECONDS, same_within_tolerance


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
    fences, errors = _fences(project, only)
    for outcome in evaluate_all(fences, project, refresh=True).values():
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
        path = project.snippets_dir / fence.snippet
        new = not record_path(path).exists()
        changed = write_record(path, result.output)
        status = "new" if new else ("updated" if changed else "unchanged")
        print(
            f"{status:>9}  {project.label(record_path(path))}  ({result.duration:.2f} s, {result.clock} clock, Python {result.python_version})"
        )
    errors += project.audit()
    return _report(errors)


def verify_real_time(project: Project, only: list[str]) -> int:
    fences, errors = _fences(project, only)
    started = time.perf_counter()
    outcomes: dict[str, Outcome] = {
        o.fence.snippet: o for o in evaluate_all(fences, project, refresh=True, clock="real").values()
    }
    for snippet, outcome in sorted(outcomes.items()):
        result = outcome.result
        if outcome.skipped:
            print(f"  skipped  snippets/{snippet}: {outcome.skipped}")
            continue
        if result is None:
            errors.extend(outcome.problems)
            continue
        problems = run_problems(outcome.fence, result)
        if problems:
            errors.extend(problems)
        elif outcome.record is None:
            errors.append(f"snippets/{snippet} has no record to compare with: run make update-outputs")
        elif not same_within_tolerance(outcome.record, result.output):
            errors.append(
                f"{outcome.fence.where}: snippet {snippet} prints something else in real time than "
                f"its record (durations may differ by {TOLERANCE_SECONDS} s + {TOLERANCE_RELATIVE:.0%}). "
                f'If it needs the real clock, declare clock="real" on its fence.\n'
                + output_diff(outcome.record, result.output, f"snippets/{snippet}")
            )
        else:
            print(f"  matches  snippets/{snippet}  ({result.duration:.2f} s real time)")
    print(f"{len(outcomes)} snippets run in real time in {time.perf_counter() - started:.1f} s")
    return _report(errors)


def update_versions(project: Project, only: list[str]) -> int:
    """Run the version matrix and rewrite each snippet's NAME.versions.json."""
    fences, errors = _fences(project, only)
    found = interpreters.available()
    skipped = [version for version in interpreters.SUPPORTED if version not in found]
    browser_missing = pyodide.missing()
    columns = {**found, **({} if browser_missing else {versions.BROWSER: PYODIDE})}
    started = time.perf_counter()
    fresh, hits = versions.run_matrix(project, fences, columns)
    elapsed = time.perf_counter() - started
    symbols = {"same": "=", "different": "~", "failed": "x"}
    print(f"{'snippet':<60} {'min':>5}  " + " ".join(f"{v:>4}" for v in interpreters.SUPPORTED) + "  browser")
    for fence in fences:
        path = project.snippets_dir / fence.snippet
        cells = dict(fresh[fence.snippet])
        browser = cells.pop(versions.BROWSER, None)
        old = versions.read_matrix(path)
        if (
            old is not None
            and old.source == versions.source_hash(path)
            and old.options == versions.matrix_options(fence)
        ):
            for version, cell in old.cells.items():
                # Keep what a machine with that Python found, and what has not
                # changed (so a memory address in an output is no new diff).
                if version in skipped or (version in cells and cell.same_result(cells[version])):
                    cells[version] = cell
            if old.browser is not None and browser is None:
                browser = old.browser  # not run here: keep what a machine with Node.js found
            elif old.browser is not None and browser is not None and old.browser.same_browser_result(browser):
                browser = dataclasses.replace(old.browser, reason=browser.reason)
        cells = dict(sorted(cells.items(), key=lambda item: versions.version_key(item[0])))
        matrix = versions.Matrix(versions.source_hash(path), versions.matrix_options(fence), cells, browser)
        target = versions.matrix_path(path)
        if not target.is_file() or target.read_text(encoding="utf-8") != matrix.to_json():
            target.write_text(matrix.to_json(), encoding="utf-8")
        derived = versions.minimum(cells)[0] or "none"
        row = " ".join(f"{symbols[cells[v].status] if v in cells else '-':>4}" for v in interpreters.SUPPORTED)
        print(f"{fence.snippet:<60} {derived:>5}  {row}  {symbols[browser.status] if browser else '-':>7}")
        errors += versions.problems(project, fence, None)
    runs = len(fences) * len(columns)
    print(
        f"= prints its record, ~ prints another output, x fails, - not run here\n"
        f"{runs} runs ({len(fences)} snippets x {len(found)} Pythons: {', '.join(found)}"
        + ("" if browser_missing else ", and the browser's Python (Pyodide)")
        + f"), {hits} from the cache, in {elapsed:.1f} s"
        + (f"; not installed here: {', '.join(skipped)}" if skipped else "")
        + (f"; browser column not run: {browser_missing}" if browser_missing else "")
    )
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
        ("versions", "run every snippet on every Python found and rewrite NAME.versions.json"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("snippets", nargs="*", help="paths relative to snippets/ (default: all)")
    command = commands.add_parser("new-example", help="start a snippet and reference it from its page")
    command.add_argument("page", help="the page, such as tasks (docs/tasks.md)")
    command.add_argument("name", help="what it shows, such as cancel_a_sleeping_task")
    args = parser.parse_args(argv)
    project = Project.at(args.root)
    if args.command == "update-outputs":
        return update_outputs(project, args.snippets)
    if args.command == "versions":
        return update_versions(project, args.snippets)
    if args.command == "new-example":
        return new_example(project, args.page, args.name)
    return verify_real_time(project, args.snippets)


if __name__ == "__main__":
    sys.exit(main())
