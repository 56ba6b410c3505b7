"""The benchmark's reference variants are the same pages, rendered another way."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.bench import PREVIEW_PAGE, PREVIEW_SNIPPET, Report, make_variant, table
from sitetools.fences import FenceError
from sitetools.project import Project
from tests.sites import REPO


@pytest.mark.parametrize(
    ("kind", "info"), [("baseline", 'python exec="on" source="above" result="text"'), ("floor", "python")]
)
def test_variants_inline_every_snippet(tmp_path: Path, kind: str, info: str) -> None:
    site = make_variant(kind, tmp_path)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "sitetools/mkdocs_hooks.py" not in config
    assert ("- markdown-exec" in config) is (kind == "baseline")
    project = Project.at(site)
    assert project.fences() == []  # no snippet fence left
    fences = [f for f in Project.at(REPO).fences() if not isinstance(f, FenceError)]
    pages = "".join(page.read_text(encoding="utf-8") for page in project.pages())
    assert pages.count(f"````{info}\n") == len(fences)


def test_table_reports_ratios_to_the_floor() -> None:
    text = table(Report(3, [("warm build", 1.1, 16.0, 1.0), ("make test", 18.0, None, None)]))
    assert "| warm build | 1.10 s | 16.00 s | 1.00 s | 1.10 × |" in text
    assert "| make test | 18.00 s | n/a | n/a | n/a |" in text
    assert "Medians of 3 runs (the baseline: one run)" in text


def test_table_says_whether_each_target_is_met() -> None:
    rows = [
        ("clean build (empty cache)", 3.0, 200.0, 2.0),
        ("warm build (full cache)", 2.1, 200.0, 2.0),
        (PREVIEW_SNIPPET, 0.4, None, None),
        (PREVIEW_PAGE, 1.2, None, None),
    ]
    ratios = {"clean build (empty cache)": 1.5, "warm build (full cache)": 1.05}
    text = table(Report(3, rows, ratios=ratios))
    assert "| 1.50 × | ≤ 1.3 × (not met) |" in text
    assert "| 1.05 × | ≤ 1.1 × (met) |" in text
    assert f"| {PREVIEW_SNIPPET} | 0.40 s | n/a | n/a | n/a | ≤ 1 s (met) |" in text
    assert f"| {PREVIEW_PAGE} | 1.20 s | n/a | n/a | n/a | ≤ 1 s (not met) |" in text


def test_the_table_goes_between_the_markers_and_replaces_the_last_one() -> None:
    from sitetools.bench import insert_table

    page = "intro\n<!-- BENCH START -->\n<!-- BENCH END -->\nafter\n"
    once = insert_table(page, "| a |")
    assert once == "intro\n<!-- BENCH START -->\n| a |\n<!-- BENCH END -->\nafter\n"
    assert insert_table(once, "| b |") == once.replace("| a |", "| b |")


def test_two_tables_each_go_between_their_own_markers() -> None:
    from sitetools.bench import insert_table

    page = "<!-- BENCH START -->\n<!-- BENCH END -->\n<!-- BENCH SUITE START -->\n<!-- BENCH SUITE END -->\n"
    both = insert_table(insert_table(page, "| builds |"), "| suite |", "BENCH SUITE")
    assert both == (
        "<!-- BENCH START -->\n| builds |\n<!-- BENCH END -->\n<!-- BENCH SUITE START -->\n| suite |\n"
        "<!-- BENCH SUITE END -->\n"
    )


def test_the_suite_table_says_whether_each_target_is_met_and_what_was_unexpected() -> None:
    from sitetools import bench_suite

    report = bench_suite.SuiteReport(
        [
            bench_suite.Scenario("`make test`, fresh clone", 280.4, 300, "820 passed in 250.00s", True),
            bench_suite.Scenario("`make test` again, nothing changed", 130.0, 120, "820 passed in 100.00s", True),
            bench_suite.Scenario("after an edit (must fail)", 90.0, 240, "1 failed, 819 passed", False),
        ],
        slowest=["12.00s call     tests/test_x.py::test_y"],
    )
    text = bench_suite.table(report)
    assert "| `make test`, fresh clone | 280 s | ≤ 300 s (met) | 820 passed in 250.00s |" in text
    assert "| `make test` again, nothing changed | 130 s | ≤ 120 s (not met) |" in text
    assert "1 failed, 819 passed (**not as expected**)" in text
    assert "    12.00s call     tests/test_x.py::test_y" in text


def test_busy_loops_spin_while_inside_and_end_with_it() -> None:
    import subprocess

    from sitetools import bench_suite

    def spinning() -> int:
        out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        return out.count("while :; do :; done")

    before = spinning()
    with bench_suite.busy_loops(2):
        assert spinning() == before + 2
    assert spinning() == before
