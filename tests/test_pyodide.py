"""Pyodide as one more interpreter of the runner: the browser column's runs.

Skipped, with the reason, where Node.js or the pinned Pyodide is missing; a
failure under CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sitetools import pyodide
from sitetools.interpreter import PYODIDE
from sitetools.records import read_record
from sitetools.runner import run_snippet
from tests.browser import skip_or_fail
from tests.sites import REPO

GATHER = REPO / "snippets" / "first_examples" / "two_tasks_with_gather.py"
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("unchanged_sources")]  # the browser's Python


@pytest.fixture(autouse=True)
def _need_pyodide() -> None:
    if pyodide.missing():
        skip_or_fail(f"Pyodide cannot run here: {pyodide.missing()}")


def test_the_gather_example_runs_in_pyodide_in_real_time() -> None:
    result = run_snippet(GATHER, python=PYODIDE)
    assert result.output == read_record(GATHER)
    assert result.exit_status == 0
    assert result.python_version.startswith("3.14.")
    assert result.clock == "real"
    assert result.duration >= 2.0  # it slept for real: two sleeps, of 1 s and 2 s, at once


def test_a_traceback_in_pyodide_names_the_file_as_python_would(tmp_path: Path) -> None:
    snippet = tmp_path / "broken.py"
    snippet.write_text("import asyncio\n\nasync def main():\n    raise ValueError('boom')\n\nasyncio.run(main())\n")
    result = run_snippet(snippet, python=PYODIDE)
    assert result.exit_status == 1
    assert 'File "broken.py", line 6, in <module>' in result.output
    assert 'File "broken.py", line 4, in main' in result.output
    assert result.output.rstrip().endswith("ValueError: boom")
    assert "driver.py" not in result.output and "bootstrap.py" not in result.output
    assert "/lib/python314.zip" not in result.output  # shown as .../lib/python3.14/, like any standard library


def test_a_hanging_snippet_in_pyodide_is_stopped_at_its_timeout(tmp_path: Path) -> None:
    snippet = tmp_path / "hangs.py"
    snippet.write_text("while True:\n    pass\n")
    result = run_snippet(snippet, python=PYODIDE, timeout=3)
    assert result.timed_out and result.exit_status is None


def test_without_stack_switching_asyncio_run_becomes_a_top_level_await(tmp_path: Path) -> None:
    """The page's fallback for browsers without JSPI, run by a Node without it."""
    node = shutil.which("node")
    shutil.copyfile(GATHER, tmp_path / GATHER.name)
    env = {**os.environ, **pyodide.environment(), "SITETOOLS_PYODIDE_SNAPSHOT": str(tmp_path / "none.bin")}
    probe = subprocess.run(
        [node, "-e", "process.exit('Suspending' in WebAssembly || 'Suspender' in WebAssembly ? 1 : 0)"]
    )
    if probe.returncode != 0:
        pytest.skip("this Node has stack switching without a flag; the fallback cannot be tried here")
    completed = subprocess.run(
        [node, str(pyodide.RUN_SCRIPT), GATHER.name], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert completed.stdout == read_record(GATHER), completed.stderr
    assert completed.returncode == 0
