"""The version history page: every claim about a release is checked by runs."""

from __future__ import annotations

from pathlib import Path

from sitetools import history, versions
from sitetools.matrix import Matrix, matrix_options, matrix_path, source_digest
from sitetools.project import Project
from tests.sites import REPO, fence, make_site
from tests.test_versions import cells

TOML = """
[[change]]
python = "3.4"
what = "asyncio, provisional."
source = "https://peps.python.org/pep-3156/"

[[change]]
python = "{claimed}"
what = "`asyncio.TaskGroup`."
source = "https://docs.python.org/3/whatsnew/3.11.html"
snippet = "p/group.py"
"""


def site(tmp_path: Path, claimed: str) -> Project:
    root = make_site(
        tmp_path,
        {
            "index.md": "# Home\n\n" + fence("p/group.py") + "\n" + history.HISTORY_MARKER + "\n",
            "python-versions.toml": TOML.format(claimed=claimed),
        },
        {"p/group.py": "print('hi')\n"},
        {"p/group.out": "hi\n"},
    )
    project = Project.at(root)
    spec = versions.distinct_fences(project)["p/group.py"]
    digest = source_digest(root / "snippets/p/group.py", spec, None)
    matrix = Matrix(digest, matrix_options(spec), cells("xxxxx==="))
    matrix_path(root / "snippets/p/group.py").write_text(matrix.to_json(), encoding="utf-8")
    return project


def test_a_change_listed_under_the_release_its_example_shows_is_accepted(tmp_path: Path) -> None:
    project = site(tmp_path, "3.11")
    assert history.problems(project) == []
    table = history.history_markdown(project)
    assert (
        "| 3.4 | asyncio, provisional. ([source](https://peps.python.org/pep-3156/)) | | documented, not run" in table
    )
    assert (
        "[`group.py`](index.md#example-p-group) | ran on 3.6–3.13: as shown from 3.11; 3.10 fails with `E` |" in table
    )


def test_a_change_listed_under_the_wrong_release_is_a_problem(tmp_path: Path) -> None:
    problems = history.problems(site(tmp_path, "3.10"))
    assert len(problems) == 1
    assert (
        "is listed under 3.10, but its example snippets/p/group.py prints its recorded output from 3.11 on"
        in problems[0]
    )
    assert problems[0].startswith("docs/python-versions.toml: ")


def test_the_site_history_holds() -> None:
    assert history.problems(Project.at(REPO)) == []
