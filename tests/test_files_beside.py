"""Files beside a snippet: a program in a folder of its own gets the files of that folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools import programs
from sitetools.checks import evaluate
from sitetools.cli import update_outputs
from sitetools.fences import parse_snippet_fence
from sitetools.project import Project
from tests.sites import build, fence, make_site

COUNT_WORDS = """import asyncio
from pathlib import Path

from helpers import count


async def main():
    text = await asyncio.to_thread(Path("poem.txt").read_text)
    print(f"poem.txt: {count(text)} words")
    print(Path("data/numbers.csv").read_text().strip().splitlines()[-1])

asyncio.run(main())
"""
FILES = {
    "p/count_words/count_words.py": COUNT_WORDS,
    "p/count_words/helpers.py": "def count(text):\n    return len(text.split())\n",
    "p/count_words/poem.txt": "so much depends\nupon\na red wheel\nbarrow\n",
    "p/count_words/data/numbers.csv": "n\n1\n2\n",
}


def test_a_program_reads_the_files_that_live_with_it(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": "# Files\n\n" + fence("p/count_words/count_words.py")}, FILES)
    project = Project.at(root)
    assert project.audit() == []  # helpers.py is the program's module, not a snippet no page uses
    assert update_outputs(project, []) == 0
    assert (root / "snippets/p/count_words/count_words.out").read_text(encoding="utf-8") == "poem.txt: 8 words\n2\n"
    assert build(root).returncode == 0
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    for name in ("poem.txt", "helpers.py", "data/numbers.csv"):
        assert f'data-file="{name}"' in page  # shown under the program, and given to the Run button
    assert "so much depends" in page


def test_a_change_in_a_file_beside_the_program_is_a_change_of_the_program(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": fence("p/count_words/count_words.py")}, FILES)
    program = root / "snippets/p/count_words/count_words.py"
    before = programs.digest(program)
    (root / "snippets/p/count_words/poem.txt").write_text("a shorter poem\n", encoding="utf-8")
    assert programs.digest(program) != before  # the cache and the version matrix see it
    (root / "snippets/p/count_words/count_words.out").write_text("stale\n", encoding="utf-8")
    assert programs.digest(program) == programs.digest(program)  # its own record is not one of its files
    assert programs.companion_names(program) == ["data/numbers.csv", "helpers.py", "poem.txt"]


@pytest.mark.parametrize(
    ("snippet", "advice"),
    [
        (
            "p/reads.py",
            "move it into a folder of its own, snippets/p/reads/reads.py (and its fence to p/reads/reads.py)",
        ),
        ("p/reads/reads.py", "put 'poem.txt' in snippets/p/reads/, beside it"),
    ],
)
def test_a_missing_file_says_where_to_put_it(tmp_path: Path, snippet: str, advice: str) -> None:
    program = "from pathlib import Path\nprint(Path('poem.txt').read_text())\n"
    root = make_site(tmp_path, {"index.md": fence(snippet)}, {snippet: program})
    outcome = evaluate(parse_snippet_fence("snippet", snippet, page="docs/index.md", line=1), Project.at(root))
    message = outcome.problems[0]  # (then: it has no record yet)
    assert "it could not open 'poem.txt', which is not in the directory it runs in" in message
    assert advice in message and "raises=" not in message
