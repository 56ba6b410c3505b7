"""The real site: every snippet used, a strict build passes, and pages show real output."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sitetools.cli import update_outputs
from sitetools.fences import FenceError
from sitetools.html_passes import tables_in_a_box
from sitetools.project import Project
from sitetools.theme_start import STARTED, THEME_SCRIPT, ThemeScriptNotFound, start_theme_after_first_frames
from tests.sites import REPO, SOURCE_DATE_EPOCH, build, fence, make_site


def test_every_snippet_is_referenced_and_every_record_has_its_snippet() -> None:
    assert Project.at(REPO).audit() == []


def test_every_snippet_fence_on_every_page_is_readable() -> None:
    errors = [str(f) for f in Project.at(REPO).fences() if isinstance(f, FenceError)]
    assert errors == []


def test_every_example_has_a_record() -> None:
    """Every snippet a page shows has its recorded output; an exercise's starting point, shown only to be changed, has none."""
    project = Project.at(REPO)
    shown = {fence.snippet for fence in project.fences() if not isinstance(fence, FenceError)}
    missing = [s for s in sorted(shown) if not (project.snippets_dir / s).with_suffix(".out").is_file()]
    assert missing == [], "run `make update-outputs`"
    starts = {e["start"] for e in project.exercises() if isinstance(e, dict)}
    assert set(project.snippet_files()) == shown | starts  # nothing else lives in snippets/


def page_text(site: Path, page: str) -> str:
    """The visible text of a built page (tags stripped), for order-sensitive checks."""
    raw = (
        (site / page / "index.html").read_text(encoding="utf-8")
        if page
        else (site / "index.html").read_text(encoding="utf-8")
    )
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


def test_the_seed_examples_show_their_real_output(built_site: Path) -> None:
    text = page_text(built_site, "first-examples")
    assert "Async function completed" in text
    assert text.index("Task 1 completed") < text.index("Task 2 completed")
    assert "Error: An error occurred" in text


def _pages_python() -> str:
    """The full version of the pages' Python here (3.14.x); skipped where it is missing, a failure in CI."""
    from sitetools import interpreters
    from sitetools.interpreter import interpreter_facts

    found = interpreters.find(interpreters.RECORDING)
    if found is None:
        reason = interpreters.missing_reason(interpreters.RECORDING)
        if __import__("os").environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return interpreter_facts(found)[0]


def test_each_output_says_it_came_from_a_run_and_which_python(built_site: Path) -> None:
    """The issue's "done when": the outputs are Python 3.14's, and say so."""
    version = _pages_python()
    assert version.startswith("3.14.")
    page = (built_site / "first-examples" / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<p class="example-output-label">(.*?)</p>', page)
    fences = [
        f for f in Project.at(REPO).fences() if not isinstance(f, FenceError) and f.page == "docs/first-examples.md"
    ]
    assert len(labels) == len(fences) > 0
    for label in labels:
        assert label.startswith(f"Output · Python {version} · ")


def test_a_changed_output_fails_until_the_record_is_updated(tmp_path: Path) -> None:
    """The issue's "done when": edit a printed string, see the diff, update, pass."""
    root = make_site(
        tmp_path,
        {"index.md": "# Page\n\n" + fence("seed/hello.py")},
        {"seed/hello.py": 'print("Async function completed")\n'},
        {"seed/hello.out": "Async function completed\n"},
    )
    assert build(root).returncode == 0
    (root / "snippets/seed/hello.py").write_text('print("Async function done")\n', encoding="utf-8")
    failed = build(root)
    assert failed.returncode != 0
    assert "snippet seed/hello.py: its output differs from the record snippets/seed/hello.out" in failed.stdout
    assert "-Async function completed\n+Async function done" in failed.stdout
    assert update_outputs(Project.at(root), []) == 0
    assert (root / "snippets/seed/hello.out").read_text(encoding="utf-8") == "Async function done\n"
    assert build(root).returncode == 0


def test_update_outputs_does_not_record_a_broken_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site(tmp_path, {"index.md": fence("p/boom.py")}, {"p/boom.py": "raise ValueError('x')\n"})
    assert update_outputs(Project.at(root), []) == 1
    assert not (root / "snippets/p/boom.out").exists()
    assert "failed with exit status 1" in capsys.readouterr().out


def test_the_built_history_page_links_each_example_and_counts_them(built_site: Path) -> None:
    page = (built_site / "python-versions" / "index.html").read_text(encoding="utf-8")
    assert 'href="../running-concurrently/#example-running-concurrently-task-group-waits-for-all"' in page
    assert (
        "as shown from 3.11; 3.10 fails with <code>AttributeError: module 'asyncio' has no attribute 'TaskGroup'</code>"
        in page
    )
    assert "<td>3.13</td>" in page  # the summary counts the examples that need 3.13


def _badge(page_html: str, snippet: str) -> str:
    """The version badge of one example, with what it opens on."""
    start = page_html.index(f'data-snippet="{snippet}"')
    return page_html[start : page_html.index("</details>", start)]


def test_each_example_shows_the_oldest_python_that_runs_it(built_site: Path) -> None:
    """The issue's "done when": badges derived from runs on every Python."""
    first = (built_site / "first-examples" / "index.html").read_text(encoding="utf-8")
    for seed in (
        "first_examples/async_function.py",
        "first_examples/two_tasks_with_gather.py",
        "first_examples/error_handling.py",
    ):
        badge = _badge(first, seed)
        assert '<span class="version-badge">Python 3.7+</span>' in badge
        assert (
            "<strong>Python 3.6</strong>: fails with <code>AttributeError: module &#x27;asyncio&#x27; has no attribute &#x27;run&#x27;</code>"
            in badge
        )
    concurrent = (built_site / "running-concurrently" / "index.html").read_text(encoding="utf-8")
    assert "Python 3.11+" in _badge(concurrent, "running_concurrently/task_group_waits_for_all.py")
    assert "Python 3.13+" in _badge(concurrent, "running_concurrently/as_completed_async_for.py")


def test_new_example_writes_a_snippet_and_its_reference(tmp_path: Path) -> None:
    from sitetools.cli import main

    root = make_site(tmp_path, {"tasks.md": "# Tasks\n"}, {})
    assert main(["--root", str(root), "new-example", "tasks", "cancel_a_task"]) == 0
    assert (root / "snippets/tasks/cancel_a_task.py").is_file()
    assert (root / "docs/tasks.md").read_text(encoding="utf-8").endswith("```snippet\ntasks/cancel_a_task.py\n```\n")
    assert main(["--root", str(root), "new-example", "tasks", "cancel_a_task"]) == 1  # exists already
    assert main(["--root", str(root), "new-example", "nopage", "x"]) == 1


def test_a_broken_internal_link_fails_the_build(tmp_path: Path) -> None:
    """The issue's "done when": links and anchors are checked, and a broken one is an error."""
    root = make_site(tmp_path, {"index.md": "# Home\n\nSee [the other page](other.md) and [a part](#nowhere).\n"}, {})
    completed = build(root)
    assert completed.returncode != 0
    assert "contains a link 'other.md', but the target is not found among documentation files" in completed.stdout
    assert "contains a link '#nowhere', but there is no such anchor on this page" in completed.stdout


def test_a_broken_link_in_raw_html_fails_the_build_too(tmp_path: Path) -> None:
    """MkDocs checks Markdown links only; the build checks every link of the pages it wrote."""
    page = (
        '# Home\n\n<a href="../no-such-page-anywhere/">gone</a> <a href="#nowhere">here</a> '
        '<a href="#home">fine</a> <a href="https://example.com/">outside</a>\n'
    )
    completed = build(make_site(tmp_path, {"index.md": page}, {}))
    assert completed.returncode != 0
    assert "index.html:" in completed.stdout
    assert "the link '../no-such-page-anywhere/' leads to no page or file of the site" in completed.stdout
    assert "the link '#nowhere' leads to no element with id 'nowhere'" in completed.stdout
    assert "'#home'" not in completed.stdout and "example.com" not in completed.stdout


def test_every_link_of_the_built_site_leads_somewhere(built_site: Path) -> None:
    from sitetools.links import broken_links

    assert broken_links(built_site) == []


def test_the_site_has_llms_txt_a_404_page_a_sitemap_and_descriptions(built_site: Path) -> None:
    llms = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert llms.startswith("# asyncio by Example\n\n> ")
    assert "- [Tasks](http://127.0.0.1:8000/tasks/): asyncio tasks:" in llms
    assert (built_site / "404.html").is_file() and (built_site / "sitemap.xml").is_file()
    for page in Project.at(REPO).pages():
        name = page.relative_to(REPO / "docs").with_suffix("").as_posix()
        built = built_site / ("index.html" if name == "index" else f"{name}/index.html")
        assert '<meta name="description" content="' in built.read_text(encoding="utf-8"), (
            f"{page.name} has no description"
        )


def _copy_site(root: Path) -> Path:
    import shutil

    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "snippets", root / "snippets")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for linked in ("sitetools", "overrides"):
        (root / linked).symlink_to(REPO / linked)
    return root


#: A real-time example's task timeline is measured (how often a ticker ticks
#: while a child process works, to the microsecond) and differs from run to
#: run: it is set aside. Its output is the record, which the run was checked
#: against, so it is the same in every build.
_MEASURED = re.compile(
    r'(<div class="example" id="[^"]+" data-snippet="[^"]+" data-clock="real">.*?)<figure class="timeline-figure".*?</figure>',
    re.S,
)


@pytest.mark.usefixtures("unchanged_sources")
def test_two_clean_builds_of_the_same_commit_are_identical(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's build, and one more from an empty cache (every example run again), write the same files."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # as the session's build had it
    root = _copy_site(tmp_path / "again")  # with its own empty run cache and HTML cache
    completed = build(root)
    assert completed.returncode == 0, completed.stdout
    trees = []
    for site in (built_site, root / "site"):
        files = {}
        for path in sorted(site.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                if path.suffix == ".html":
                    text = _MEASURED.sub(lambda m: m.group(1) + "(measured timeline)", data.decode("utf-8"))
                    data = text.encode("utf-8")
                files[path.relative_to(site).as_posix()] = data
        trees.append(files)
    first, second = trees
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def _theme_script_tag() -> str:
    """The theme's <script> for its bundle, as its own base.html writes it."""
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    found = re.search(
        r"<script src=\"\{\{ '(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)' \| url \}\}\"></script>", base
    )
    assert found, "the theme's base.html writes its script tag differently now"
    return f'<script src="../{found.group(1)}"></script>'


def test_the_theme_script_tag_becomes_a_preload_and_a_late_start() -> None:
    tag = _theme_script_tag()  # the real theme's tag, so a new version of it is noticed here
    page = f'<body><p>text</p>{tag}<script defer src="../javascripts/run-in-browser.js"></script></body>'
    late = start_theme_after_first_frames(page, "page.md")
    src = tag.split('"')[1]
    assert tag not in late and "<script src=" not in late
    assert f'<link rel="preload" href="{src}" as="script">' in late
    assert late.count(src) == 2  # the preload and the loader
    assert "document$.next(document)" in late and "requestAnimationFrame" in late
    assert late.endswith('<script defer src="../javascripts/run-in-browser.js"></script></body>')


@pytest.mark.parametrize("count", [0, 2])
def test_a_page_without_exactly_one_theme_script_is_an_error_naming_it(count: int) -> None:
    with pytest.raises(
        ThemeScriptNotFound, match=f"docs/page.md: expected one <script> for the theme's bundle, found {count}"
    ):
        start_theme_after_first_frames("<body>" + _theme_script_tag() * count + "</body>", "docs/page.md")


def test_every_built_page_starts_the_theme_late(built_site: Path) -> None:
    pages = [*built_site.rglob("index.html"), built_site / "404.html"]
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert THEME_SCRIPT.search(text) is None, path
        assert text.count('<link rel="preload"') == 1 and STARTED in text, path


def test_the_theme_palette_script_is_not_asked_for(built_site: Path) -> None:
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="palette"' not in text  # ours instead: overrides/partials/javascripts/palette.html
    assert text.count('<form class="md-header__option" data-palette>') == 1


def test_plain_tables_get_a_box_of_their_own_and_others_are_left_alone() -> None:
    plain = "<table>\n<thead><tr><th>a</th></tr></thead>\n</table>"
    styled = '<table class="own"><tr><td>b</td></tr></table>'
    assert tables_in_a_box(f"<p>x</p>{plain}{styled}") == f'<p>x</p><div class="table-box">{plain}</div>{styled}'


def test_every_table_of_the_built_site_is_in_a_box(built_site: Path) -> None:
    pages = [path for path in built_site.rglob("index.html") if "<table>" in path.read_text(encoding="utf-8")]
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        boxed = text.count('<div class="table-box"><table>') + text.count('<div class="table-box table-cards"><table>')
        assert text.count("<table>") == boxed, path


def test_a_table_of_three_columns_or_more_becomes_cards_on_a_phone_each_cell_under_its_header() -> None:
    table = (
        "<table>\n<thead>\n<tr>\n<th>pitfall</th>\n<th>what you see</th>\n<th>the fix</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n<td>c</td>\n</tr>\n</tbody>\n</table>"
    )
    boxed = tables_in_a_box(table)
    assert boxed.startswith('<div class="table-box table-cards"><table>')
    assert '<td data-label="pitfall">a</td>' in boxed and '<td data-label="the fix">c</td>' in boxed
    two = "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n</tbody>\n</table>"
    assert tables_in_a_box(two) == f'<div class="table-box">{two}</div>'


def test_search_finds_the_prose_not_the_run_buttons_nor_the_programs(built_site: Path) -> None:
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs)
    assert "Run this program" not in text and "no Run button here" not in text
    assert 'print("Task 2 completed")' not in text  # results show prose, not whole programs and their outputs
    assert "asyncio.gather()" in text  # (the prose that teaches it is found)


def test_the_failure_box_in_the_preview_shows_the_example_not_its_html(tmp_path: Path) -> None:
    """What `mkdocs serve` shows a contributor: the message, then the example's source and output, rendered."""
    root = make_site(
        tmp_path,
        {"index.md": "# Page\n\n" + fence("p/hello.py")},
        {"p/hello.py": 'print("hello")  # the source line\n'},
        {"p/hello.out": "goodbye\n"},
    )
    completed = build(root, strict=False)
    assert completed.returncode == 0  # not strict: the page is written, with the failure in it
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    box = page.index('<div class="admonition failure">')
    assert "its output differs from the record" in page[box:]
    assert '<div class="language-python highlight">' in page[box:]  # the source, highlighted
    assert "&lt;div" not in page  # not the example's HTML as escaped text


def test_the_version_popup_lists_every_python_from_3_6_to_3_15_and_the_browser(built_site: Path) -> None:
    page = (built_site / "first-examples" / "index.html").read_text(encoding="utf-8")
    popup = _badge(page, "first_examples/two_tasks_with_gather.py")
    assert "on Python 3.6–3.15" in popup
    assert "<strong>Python 3.6</strong>: fails with" in popup and "3.15</strong>" in popup
    assert "<strong>Your browser</strong> (Pyodide, Python 3.14." in popup


def test_an_output_in_colour_is_shown_in_colour_never_as_control_characters(tmp_path: Path) -> None:
    program = 'print("\\x1b[31mred words\\x1b[0m and plain ones")\n'
    root = make_site(
        tmp_path,
        {"index.md": "# Colour\n\n" + fence("p/colour.py")},
        {"p/colour.py": program},
        {"p/colour.out": "\x1b[31mred words\x1b[0m and plain ones\n"},
    )
    assert build(root).returncode == 0
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    output = page[page.index('class="example-output-label"') :]
    assert '<span class=" -Color -Color-Red">red words</span> and plain ones' in output
    assert "\x1b" not in page and "[31m" not in output  # (the source shows the program's "\\x1b[31m" as written)
