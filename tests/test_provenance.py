"""What a matrix cell was run on, and which cells run again: the incremental, honest version matrix."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from sitetools import interpreters, provenance, versions
from sitetools.fences import FenceError
from sitetools.matrix import Cell, Matrix, matrix_options, matrix_path, read_matrix, source_digest
from sitetools.project import Project
from tests.sites import fence, make_site

GATHER = '''"""Two tasks at once."""
import asyncio


async def say(what, delay):
    await asyncio.sleep(delay)
    print(what, f"after {delay} s")


async def main():
    await asyncio.gather(say("one", 1), say("two", 2))


asyncio.run(main())
'''


def digest(tmp_path: Path, source: str, record: str | None = "one after 1 s\ntwo after 2 s\n", outputs=()) -> str:  # type: ignore[no-untyped-def]
    program = tmp_path / "p" / "gather.py"
    program.parent.mkdir(parents=True, exist_ok=True)
    program.write_text(source, encoding="utf-8")
    return provenance.program_digest(program, {"timeout": 30.0}, record, outputs)


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.replace("import asyncio\n", "import asyncio  # the event loop\n"),
        lambda s: s.replace("\n\nasync def main", "\n\n\n# Run both at once.\nasync def main"),
        lambda s: s.replace('say("one", 1), say("two", 2)', 'say("one", 1),\n        say("two", 2),'.rstrip(",")),
        lambda s: s.replace("print(what, ", "print(what,  "),
        lambda s: "#!/usr/bin/env python3\n" + s,
    ],
    ids=["a comment", "blank lines and a comment line", "a call over two lines", "spaces", "a shebang"],
)
def test_a_change_that_does_not_change_what_the_program_does_keeps_its_digest(tmp_path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    before = digest(tmp_path, GATHER)
    assert before.startswith("meaning:")
    assert digest(tmp_path, edit(GATHER)) == before


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.replace('say("two", 2)', 'say("two", 3)'),
        lambda s: s.replace('"""Two tasks at once."""', '"""Two tasks, at once."""'),  # a docstring is a value
        lambda s: s.replace('f"after {delay} s"', 'f"after {delay:.1f} s"'),
        lambda s: s.replace("    await asyncio.sleep(delay)\n    print", "    await asyncio.sleep(delay)\nprint"),
    ],
    ids=["a number", "the docstring", "an f-string", "the indentation of a line"],
)
def test_a_change_of_what_the_program_does_changes_its_digest(tmp_path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    assert digest(tmp_path, edit(GATHER)) != digest(tmp_path, GATHER)


def test_the_record_and_the_options_are_part_of_the_digest(tmp_path: Path) -> None:
    program = tmp_path / "p" / "gather.py"
    base = digest(tmp_path, GATHER)
    assert digest(tmp_path, GATHER, record="one after 1 s\n") != base
    assert digest(tmp_path, GATHER, record=None) != base
    assert provenance.program_digest(program, {"timeout": 5.0}, "one after 1 s\ntwo after 2 s\n") != base


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("import traceback\ntraceback.print_stack()\n", "traceback"),
        ("import sys\nprint(sys._getframe().f_lineno)\n", "_getframe"),
        ("print(__file__)\n", "__file__"),
        ("import logging\nlogging.basicConfig(format='%(lineno)d %(message)s')\n", "lineno"),
        ("import inspect\nprint(inspect.currentframe())\n", "inspect"),
    ],
)
def test_a_program_that_can_see_its_own_lines_is_hashed_byte_for_byte(tmp_path: Path, source: str, why: str) -> None:
    tokens = provenance.meaningful_tokens(source.encode())
    assert tokens is not None and provenance.sees_itself(tokens) == why
    assert digest(tmp_path, source).startswith("bytes:")
    assert digest(tmp_path, "# a comment\n" + source) != digest(tmp_path, source)


def test_a_comment_naming_those_does_not_count() -> None:
    source = "# the traceback below names __file__ and its lineno\nprint('hi')\n"
    assert provenance.sees_itself(provenance.meaningful_tokens(source.encode()) or []) == ""


def test_an_output_that_names_the_file_makes_every_byte_count(tmp_path: Path) -> None:
    """A traceback quotes the program's lines: moving one by a comment changes what it prints."""
    traceback = 'Traceback (most recent call last):\n  File "gather.py", line 14, in <module>\nValueError: x\n'
    assert digest(tmp_path, GATHER, record=traceback).startswith("bytes:")
    assert digest(tmp_path, GATHER, outputs=[traceback]).startswith("bytes:")
    assert digest(tmp_path, GATHER + "# the end\n", outputs=[traceback]) != digest(
        tmp_path, GATHER, outputs=[traceback]
    )


def test_a_program_that_does_not_tokenize_is_hashed_byte_for_byte(tmp_path: Path) -> None:
    assert digest(tmp_path, "print('unterminated\n").startswith("bytes:")


def test_f_strings_read_alike_whatever_python_runs_the_tools() -> None:
    """3.12 splits an f-string into parts; the digest takes it whole, as 3.11 does."""
    tokens = provenance.meaningful_tokens(b'x = f"a {b!r:>{width}} c"  # note\n')
    assert tokens == ["NAME x", "OP =", 'STRING f"a {b!r:>{width}} c"', "NEWLINE"]


def test_the_fingerprints_follow_the_imports() -> None:
    verdict_code = {path.name for path in provenance.module_closure("sitetools.verdict")}
    assert {"verdict.py", "sameness.py", "capabilities.py", "matrix.py", "records.py"} <= verdict_code
    assert not verdict_code & {"checks.py", "versions.py", "render.py", "cli.py"}  # messages and commands
    run_code = {path.name for path in provenance.module_closure("sitetools.runner")}
    assert {"runner.py", "interpreter.py", "programs.py"} <= run_code and "cache.py" not in run_code


# --- the plan: which cells run, and why -----------------------------------------------------------


def _site(tmp_path: Path) -> tuple[Project, object, dict[str, str]]:
    root = make_site(
        tmp_path,
        {"index.md": fence("p/gather.py")},
        {"p/gather.py": GATHER},
        {"p/gather.out": "one after 1 s\ntwo after 2 s\n"},
    )
    project = Project.at(root)
    spec = next(f for f in project.fences() if not isinstance(f, FenceError))
    return project, spec, {"3.11": sys.executable}


def _record_as_run_here(project: Project, spec, columns: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    path = project.snippets_dir / spec.snippet
    here = source_digest(path, spec, None)
    cells = {
        column: Cell("same", versions.exact_version(python), source=here, tools=versions.tools_fingerprint(python))
        for column, python in columns.items()
    }
    matrix_path(path).write_text(Matrix(here, matrix_options(spec), cells).to_json(), encoding="utf-8")


def test_a_cell_run_on_these_very_inputs_comes_from_the_record(tmp_path: Path) -> None:
    project, spec, columns = _site(tmp_path)
    assert [job.reason for job in versions.plan(project, [spec], columns, full=False).jobs] == [versions.NEVER_RUN]
    _record_as_run_here(project, spec, columns)
    planned = versions.plan(project, [spec], columns, full=False)
    assert planned.jobs == [] and list(planned.reused["p/gather.py"]) == ["3.11"]
    assert versions.plan(project, [spec], columns, full=True).jobs[0].reason == versions.FULL_RUN


def test_a_comment_leaves_the_row_in_the_record_and_a_change_runs_it(tmp_path: Path) -> None:
    project, spec, columns = _site(tmp_path)
    _record_as_run_here(project, spec, columns)
    program = project.snippets_dir / "p/gather.py"
    program.write_text("# Two tasks.\n" + GATHER, encoding="utf-8")
    assert versions.plan(project, [spec], columns, full=False).jobs == []
    program.write_text(GATHER.replace('say("two", 2)', 'say("two", 3)'), encoding="utf-8")
    assert [job.reason for job in versions.plan(project, [spec], columns, full=False).jobs] == [
        versions.PROGRAM_CHANGED
    ]
    program.write_text(GATHER, encoding="utf-8")
    (project.snippets_dir / "p/gather.out").write_text("one after 1 s\n", encoding="utf-8")  # update-outputs ran
    assert [job.reason for job in versions.plan(project, [spec], columns, full=False).jobs] == [
        versions.PROGRAM_CHANGED
    ]


def test_another_python_release_or_other_tools_run_the_cell_again(tmp_path: Path) -> None:
    project, spec, columns = _site(tmp_path)
    _record_as_run_here(project, spec, columns)
    path = project.snippets_dir / "p/gather.py"
    matrix = read_matrix(path)
    assert matrix is not None
    for change, reason in [
        ({"python": "3.11.0"}, versions.PYTHON_CHANGED),
        ({"tools": "0" * 16}, versions.TOOLS_CHANGED),
    ]:
        cells = {"3.11": dataclasses.replace(matrix.cells["3.11"], **change)}
        matrix_path(path).write_text(dataclasses.replace(matrix, cells=cells).to_json(), encoding="utf-8")
        assert [job.reason for job in versions.plan(project, [spec], columns, full=False).jobs] == [reason]


def test_the_report_says_how_many_ran_and_why(tmp_path: Path) -> None:
    project, spec, columns = _site(tmp_path)
    checked = versions.confirmed(project, [spec], columns, full=False)
    text = versions.report(checked)
    assert text.startswith("version matrix: 1 cells (1 snippets x 1 columns here): 1 ran, 0 from the record")
    assert "1 ran because never run: p/gather.py (on 3.11)" in text
    assert "not run here (no interpreter):" in text


def test_a_column_run_elsewhere_is_judged_here_and_a_missing_result_fails(tmp_path: Path) -> None:
    """CI's matrix jobs write one file per column; the judging job reads them, and misses nothing."""
    project, spec, columns = _site(tmp_path)
    checked = versions.confirmed(project, [spec], columns, full=False)
    results = tmp_path / "results"
    versions.write_results(results, "3.11", checked)
    read = versions.read_results(results, project, [spec])
    assert read.fresh["p/gather.py"]["3.11"] == checked.fresh["p/gather.py"]["3.11"]
    assert versions.unaccounted(read, [spec]) == []
    data = json.loads((results / "3.11.json").read_text(encoding="utf-8"))
    data["ran"] = {}
    (results / "3.11.json").write_text(json.dumps(data), encoding="utf-8")
    missing = versions.unaccounted(versions.read_results(results, project, [spec]), [spec])
    assert missing == ["docs/index.md:1: snippets/p/gather.py has no result for Python 3.11"]


def test_make_versions_records_each_cell_with_what_it_ran_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitetools import cli, pyodide

    project, spec, columns = _site(tmp_path)
    monkeypatch.setattr(interpreters, "available", lambda: columns)
    monkeypatch.setattr(pyodide, "missing", lambda: "left out of this test")  # one column is enough here
    monkeypatch.delenv("CI", raising=False)
    assert cli.main(["--root", str(project.root), "versions"]) == 0
    matrix = read_matrix(project.snippets_dir / "p/gather.py")
    assert matrix is not None
    cell = matrix.cells["3.11"]
    assert cell.source == matrix.source == source_digest(project.snippets_dir / "p/gather.py", spec, matrix)
    assert cell.tools == versions.tools_fingerprint(sys.executable)
    assert cell.python == ".".join(map(str, sys.version_info[:3]))
    assert versions.plan(project, [spec], columns, full=False).jobs == []  # the next run takes it from the record
