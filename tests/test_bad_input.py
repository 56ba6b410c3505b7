"""Bad input is a clear error, never a hang, never a loss: in the build AND in the tests.

One throw-away site holds one broken example of each kind.  A single strict
build must fail and name every one of them; the Sybil test of each fence must
fail with the same message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Sybil
from sybil.example import SybilFailure

from sitetools.project import Project
from sitetools.sybil_parsers import make_sybil
from tests.sites import build, fence, make_site

HANG = 'import asyncio\nprint("waiting", flush=True)\nasyncio.run(asyncio.Event().wait())\n'

# snippet -> (source, fence options, recorded output or None, what the message must say)
CASES: dict[str, tuple[str | None, dict[str, str], str | None, str]] = {
    "bad/missing.py": (None, {}, None, "snippet bad/missing.py does not exist"),
    "bad/syntax_error.py": ("def broken(:\n    pass\n", {}, "", "SyntaxError"),
    "bad/raises.py": ("raise RuntimeError('surprise')\n", {}, "", "failed with exit status 1"),
    "bad/exits.py": ("import sys\nsys.exit(3)\n", {}, "", "failed with exit status 3"),
    "bad/hangs.py": (HANG, {"timeout": "1"}, "waiting\n", "did not finish within its 1 s timeout"),
    "bad/runaway.py": ("while True:\n    print('spam' * 20)\n", {}, "", "printed more than"),
    "bad/writes_repo.py": ("open('{target}', 'w').write('x')\n", {}, "", "PermissionError"),
    "bad/drifted.py": ("print('Task 1 done')\n", {}, "Task 1 completed\n", "-Task 1 completed\n+Task 1 done"),
    "bad/unrecorded.py": ("print('new')\n", {}, None, "has no recorded output yet"),
    "bad/declared_but_fine.py": ("print('fine')\n", {"raises": "ValueError"}, "fine\n", "exited normally"),
    "bad/reads_a_missing_file.py": (
        "print(open('data.txt').read())\n",
        {},
        "",
        "it could not open 'data.txt', which is not in the directory it runs in",
    ),
    "bad/dice.py": ("import random\nprint(random.random())\n", {}, "0.5\n", "never seeded (random.random (line 2))"),
}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("broken-site")
    target = root / "written-by-a-snippet.txt"
    snippets: dict[str, str] = {}
    records: dict[str, str] = {}
    page = "# Broken examples\n\n"
    for name, (source, options, record, _) in CASES.items():
        page += fence(name, **options) + "\n"
        if source is not None:
            snippets[name] = source.replace("{target}", str(target))
        if record is not None:
            records[name[:-3] + ".out"] = record
    page += '```snippet timout="5"\nbad/raises.py\n```\n'
    snippets["bad/nobody_uses_me.py"] = "print('lonely')\n"
    return make_site(root, {"index.md": page}, snippets, records)


@pytest.fixture(scope="module")
def build_log(broken_site: Path) -> str:
    completed = build(broken_site)
    assert completed.returncode != 0, "a site with broken examples must not build"
    return completed.stdout


@pytest.mark.parametrize("snippet", CASES)
def test_the_build_fails_naming_the_snippet(build_log: str, snippet: str) -> None:
    message = CASES[snippet][3]
    matching = [block for block in build_log.split("WARNING") if snippet in block]
    assert matching, f"the build log does not name {snippet}:\n{build_log}"
    assert any(message in block for block in matching), build_log


def test_the_build_names_page_line_of_a_bad_option_and_unused_snippets(build_log: str) -> None:
    assert "docs/index.md:" in build_log and "unknown snippet fence option 'timout'" in build_log
    assert "snippets/bad/nobody_uses_me.py is not referenced by any page" in build_log
    assert "Aborted with" in build_log


def test_nothing_was_written_outside(broken_site: Path, build_log: str) -> None:
    assert not (broken_site / "written-by-a-snippet.txt").exists()


@pytest.fixture(scope="module")
def sybil_failures(broken_site: Path) -> dict[int, str]:
    """The message of every failing Sybil example on the broken page, by line."""
    project = Project.at(broken_site)
    sybil: Sybil = make_sybil(project)
    document = sybil.parse(broken_site / "docs" / "index.md")
    failures: dict[int, str] = {}
    for example in document:
        try:
            example.evaluate()
        except SybilFailure as failure:
            failures[example.line] = str(failure)
    return failures


@pytest.mark.parametrize("snippet", CASES)
def test_the_tests_fail_naming_the_snippet(sybil_failures: dict[int, str], snippet: str) -> None:
    message = CASES[snippet][3]
    matching = [text for text in sybil_failures.values() if f"snippet {snippet}" in text]
    assert matching and message in matching[0], sybil_failures


def test_every_example_on_the_broken_page_fails(sybil_failures: dict[int, str]) -> None:
    assert len(sybil_failures) == len(CASES) + 1  # + the fence with an unknown option
    assert any("unknown snippet fence option 'timout'" in text for text in sybil_failures.values())


def test_the_audit_reports_the_unused_snippet(broken_site: Path) -> None:
    problems = Project.at(broken_site).audit()
    assert problems == [
        "snippets/bad/nobody_uses_me.py is not referenced by any page: add a ```snippet fence for it to a page in docs/, or delete it"
    ]
