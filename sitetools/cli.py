"""``python -m sitetools update-outputs [SNIPPET ...]``: rewrite the records.

Runs each referenced snippet (or only those named) with the options of its
fence and writes its output beside it.  A run that failed in a way the fence
does not declare (an exception, a timeout, a runaway) is reported and not
recorded: a record is what a correct run prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitetools.checks import run_problems
from sitetools.fences import FenceError, SnippetFence
from sitetools.project import Project
from sitetools.records import record_path, write_record
from sitetools.runner import run_snippet


def update_outputs(project: Project, only: list[str]) -> int:
    failures = 0
    fences: dict[str, SnippetFence] = {}
    for fence in project.fences():
        if isinstance(fence, FenceError):
            print(f"error: {fence}")
            failures += 1
        elif fence.snippet not in fences and (not only or fence.snippet in only):
            fences[fence.snippet] = fence
    for name in only:
        if name not in fences:
            print(f"error: no page references snippet {name}")
            failures += 1
    for snippet, fence in fences.items():
        path = project.snippets_dir / snippet
        if not path.is_file():
            print(f"error: {fence.where}: snippet {snippet} does not exist")
            failures += 1
            continue
        result = run_snippet(path, timeout=fence.timeout)
        problems = run_problems(fence, result)
        if problems:
            print("error: " + "\n".join(problems) + "\n(not recorded)")
            failures += 1
            continue
        new = not record_path(path).exists()
        changed = write_record(path, result.output)
        status = "new" if new else ("updated" if changed else "unchanged")
        print(f"{status:>9}  {project.label(record_path(path))}  ({result.duration:.2f} s, Python {result.python_version})")
    for problem in project.audit():
        print(f"error: {problem}")
        failures += 1
    if failures:
        print(f"{failures} problem(s); fix them and run again")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    update = commands.add_parser("update-outputs", help="rewrite the recorded outputs from fresh runs")
    update.add_argument("snippets", nargs="*", help="paths relative to snippets/ (default: all)")
    update.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    args = parser.parse_args(argv)
    return update_outputs(Project.at(args.root), args.snippets)


if __name__ == "__main__":
    sys.exit(main())
