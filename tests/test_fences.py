"""The fence grammar: what a page may write, and the errors for what it may not."""

from __future__ import annotations

import pytest

from sitetools.fences import (
    FenceError,
    iter_fences,
    parse_snippet_fence,
    snippet_fences,
)
from sitetools.runner import DEFAULT_TIMEOUT


def test_a_plain_reference() -> None:
    fence = parse_snippet_fence("snippet", "first_examples/async_function.py\n", page="docs/a.md", line=3)
    assert fence.snippet == "first_examples/async_function.py"
    assert fence.timeout == DEFAULT_TIMEOUT
    assert fence.raises is None
    assert fence.where == "docs/a.md:3"


def test_options() -> None:
    fence = parse_snippet_fence('snippet timeout="2.5" raises="ValueError" python="3.13" needs="3.11"', "a/b.py")
    assert (fence.timeout, fence.raises, fence.python, fence.needs) == (2.5, "ValueError", "3.13", "3.11")


@pytest.mark.parametrize(
    ("info", "body", "message"),
    [
        ('snippet timout="5"', "a/b.py", "docs/a.md:7: unknown snippet fence option 'timout'"),
        ("snippet timeout=5", "a/b.py", "docs/a.md:7: cannot read 'timeout=5'"),
        ('snippet timeout="5" timeout="6"', "a/b.py", "option 'timeout' is given twice"),
        ('snippet timeout="soon"', "a/b.py", 'timeout="soon" must be a number'),
        ('snippet timeout="0"', "a/b.py", 'timeout="0" must be a number'),
        ('snippet raises="not a name"', "a/b.py", "must name an exception class"),
        ('snippet needs="3.5"', "a/b.py", 'needs="3.5" must be one of 3.6, 3.7'),
        ('snippet python="3"', "a/b.py", 'python="3" must be one of 3.6, 3.7'),
        ("snippet", "", "holds exactly one line"),
        ("snippet", "a/b.py\nc/d.py", "holds exactly one line"),
        ("snippet", "/abs/b.py", "is not a snippet path"),
        ("snippet", "../b.py", "is not a snippet path"),
        ("snippet", "a/b.txt", "is not a snippet path"),
    ],
)
def test_bad_fences_name_page_and_line(info: str, body: str, message: str) -> None:
    with pytest.raises(FenceError) as error:
        parse_snippet_fence(info, body, page="docs/a.md", line=7)
    assert message in str(error.value)
    assert str(error.value).startswith("docs/a.md:7: ")


def test_fences_are_found_with_their_lines_wherever_they_are() -> None:
    page = (
        "# Title\n\n"
        "```snippet\na/one.py\n```\n\n"
        "- a list item\n\n"
        "    ```snippet\n    a/two.py\n    ```\n\n"
        '```python title="shown.py"\nprint(1)\n```\n\n'
        '```snippet bogus="1"\na/three.py\n```\n'
    )
    found = list(snippet_fences(page, "docs/p.md"))
    assert [getattr(f, "snippet", None) for f in found] == ["a/one.py", "a/two.py", None]
    assert [getattr(f, "line", None) for f in found[:2]] == [3, 9]
    assert isinstance(found[2], FenceError) and str(found[2]).startswith("docs/p.md:17:")
    # A fence with attributes is still a fence (Sybil's stock lexer would skip it).
    assert [f.language for f in iter_fences(page)] == ["snippet", "snippet", "python", "snippet"]


def test_a_fence_shown_inside_another_fence_is_not_a_fence() -> None:
    page = "````markdown\n```snippet\na/shown_not_run.py\n```\n````\n\n```snippet\na/run.py\n```\n"
    assert [f.snippet for f in snippet_fences(page, "docs/p.md")] == ["a/run.py"]  # type: ignore[union-attr]
    assert [f.language for f in iter_fences(page)] == ["markdown", "snippet"]


def test_an_unclosed_fence_runs_to_the_end_of_the_page() -> None:
    [fence] = iter_fences("text\n```python\nprint(1)\n")
    assert (fence.language, fence.body, fence.line) == ("python", "print(1)\n", 2)
