"""pycon and python blocks on a page: doctests with top-level await, executed code, skips."""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil.example import SybilFailure

from sitetools.project import Project
from sitetools.sybil_parsers import make_sybil
from tests.sites import make_site


def evaluate_page(tmp_path: Path, page: str) -> list[tuple[int, str]]:
    """Evaluate each example of a page; return (line, outcome) pairs."""
    root = make_site(tmp_path, {"page.md": page}, {})
    document = make_sybil(Project.at(root)).parse(root / "docs" / "page.md")
    outcomes = []
    for example in document:
        try:
            example.evaluate()
            outcomes.append((example.line, "passed"))
        except SybilFailure as failure:
            outcomes.append((example.line, "failed: " + str(failure)))
        except Exception as error:  # noqa: BLE001 - a python block's own exception
            outcomes.append((example.line, f"raised: {type(error).__name__}: {error}"))
    namespace = document.namespace
    loop = namespace.get("__pycon_event_loop__")
    if loop is not None:
        loop.close()
    return outcomes


PYCON = """
```pycon
>>> import asyncio
>>> async def answer():
...     await asyncio.sleep(0)
...     return 42
...
>>> await answer()
42
>>> asyncio.get_running_loop() is not None
True
>>> await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
Traceback (most recent call last):
  ...
TimeoutError
```
"""


def test_pycon_runs_with_top_level_await_like_the_asyncio_repl(tmp_path: Path) -> None:
    outcomes = evaluate_page(tmp_path, PYCON)
    assert [outcome for _, outcome in outcomes] == ["passed"] * 5
    assert [line for line, _ in outcomes] == [3, 4, 8, 10, 12]  # page lines of the >>> prompts


def test_pycon_wrong_output_fails_with_both_outputs(tmp_path: Path) -> None:
    outcomes = evaluate_page(tmp_path, "```pycon\n>>> 6 * 7\n41\n```\n")
    [(line, outcome)] = outcomes
    assert line == 2
    assert outcome.startswith("failed") and "Expected:\n    41\nGot:\n    42" in outcome


def test_python_blocks_run_even_with_attributes(tmp_path: Path) -> None:
    page = '```python title="ok.py"\nx = 1\n```\n\n```python\nassert x == 2, "x is " + str(x)\n```\n'
    outcomes = evaluate_page(tmp_path, page)
    assert outcomes == [(1, "passed"), (5, "raised: AssertionError: x is 1")]


def test_a_skip_needs_a_reason(tmp_path: Path) -> None:
    page = '<!-- skip: next "needs a network" -->\n```python\nraise SystemExit(1)\n```\n'
    assert evaluate_page(tmp_path, page)[1][1].startswith("raised: SkipTest: needs a network")
    with pytest.raises(ValueError, match="needs a reason"):
        evaluate_page(tmp_path / "again", "<!-- skip: next -->\n```python\npass\n```\n")
