"""make serve: a save re-renders only the pages it changes, with the new run."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.preview import Preview
from tests.sites import fence, make_site


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Preview:
    root = make_site(
        tmp_path / "site",
        {
            "index.md": "# Home\n\n" + fence("home/hello.py"),
            "other.md": "# Other\n\n" + fence("other/count.py"),
        },
        {"home/hello.py": 'print("hello")\n', "other/count.py": "print(1 + 1)\n"},
        {"home/hello.out": "hello\n", "other/count.out": "2\n"},
    )
    monkeypatch.chdir(root)
    shown = Preview(root / "mkdocs.yml", tmp_path / "served", "127.0.0.1:8765")
    shown.full_build()
    return shown


def _page(preview: Preview, url: str) -> Path:
    return preview.site_dir / url / "index.html"


def test_saving_a_snippet_renders_only_the_pages_that_show_it(preview: Preview) -> None:
    home, other = _page(preview, ""), _page(preview, "other")
    before = other.stat().st_mtime_ns
    snippet = preview.root / "snippets" / "home" / "hello.py"
    snippet.write_text('print("hello, again")\n', encoding="utf-8")
    preview.record(str(snippet))
    preview.rebuild()
    assert "hello, again" in home.read_text(encoding="utf-8")  # the new run, shown (as a failure: no record yet)
    assert other.stat().st_mtime_ns == before  # the other page was not written again


def test_saving_a_page_renders_that_page_with_its_new_example(preview: Preview) -> None:
    page = preview.root / "docs" / "other.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nA new paragraph.\n\n" + fence("home/hello.py"), encoding="utf-8"
    )
    preview.record(str(page))
    preview.rebuild()
    html = _page(preview, "other").read_text(encoding="utf-8")
    assert "A new paragraph." in html and html.count('<div class="example"') == 2


def test_a_new_page_builds_the_whole_site(preview: Preview) -> None:
    page = preview.root / "docs" / "third.md"
    page.write_text("# Third\n\nA page of its own.\n", encoding="utf-8")
    assert preview.plan({page.resolve()}) is None
    preview.record(str(page))
    preview.rebuild()
    assert "A page of its own." in _page(preview, "third").read_text(encoding="utf-8")


def test_saving_an_exercises_starting_program_renders_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exercise = (
        '```exercise\nstart = "home/start.py"\nsolution = "home/hello.py"\n\n[[checks]]\n'
        'says = "greets"\nlines = ["hello"]\nhint = "print it"\n```\n'
    )
    root = make_site(
        tmp_path / "site",
        {"index.md": "# Home\n\n" + fence("home/hello.py") + "\n" + exercise},
        {"home/hello.py": 'print("hello")\n', "home/start.py": "# write it here\n"},
        {"home/hello.out": "hello\n"},
    )
    monkeypatch.chdir(root)
    shown = Preview(root / "mkdocs.yml", tmp_path / "served", "127.0.0.1:8766")
    shown.full_build()
    start = root / "snippets" / "home" / "start.py"
    start.write_text("# write your greeting here\n", encoding="utf-8")
    shown.record(str(start))
    shown.rebuild()
    assert "write your greeting here" in _page(shown, "").read_text(encoding="utf-8")
