"""Run it yourself, with files: a program that reads a file beside it runs in the page too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sitetools import interpreters, pyodide
from sitetools.matrix import read_matrix
from sitetools.records import read_record
from tests.browser import context_for, serve, skip_or_fail, visit
from tests.sites import build, fence, make_site
from tests.test_run_in_browser import run_example

FOLDER_EXAMPLE = {
    "p/count_words/count_words.py": (
        "from helpers import count\n\nwith open('poem.txt', encoding='utf-8') as poem:\n"
        "    print(f'poem.txt: {count(poem.read())} words')\n"
    ),
    "p/count_words/helpers.py": "def count(text):\n    return len(text.split())\n",
    "p/count_words/poem.txt": "so much depends\nupon\na red wheel\nbarrow\n",
}


pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("unchanged_sources")]


def test_a_program_runs_in_the_page_with_the_files_that_live_with_it(tmp_path: Path, chromium_browser: Any) -> None:
    """The Run button gives the browser's Python the program's files and modules, as the build did."""
    if pyodide.missing():
        skip_or_fail(f"Pyodide cannot be served: {pyodide.missing()}")
    root = make_site(tmp_path, {"index.md": "# Files\n\n" + fence("p/count_words/count_words.py")}, FOLDER_EXAMPLE)
    env = {**{k: v for k, v in os.environ.items() if k != "CI"}, interpreters.CONFIGURED: sys.executable}
    for command in ("update-outputs", "versions"):
        completed = subprocess.run(
            [sys.executable, "-m", "sitetools", "--root", str(root), command],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr
    record = read_record(root / "snippets/p/count_words/count_words.py")
    assert record == "poem.txt: 8 words\n"
    assert read_matrix(root / "snippets/p/count_words/count_words.py").browser.runs_in_browser
    assert build(root).returncode == 0
    with serve(root / "site") as url:
        context = context_for(chromium_browser, url)
        page = context.new_page()
        visit(page, f"{url}/")
        for _ in range(2):  # a second run starts from a fresh directory, as a fresh process would
            output, status = run_example(page, "p/count_words/count_words.py")
            assert output == record and status.startswith("Finished"), (output, status)
        context.close()
