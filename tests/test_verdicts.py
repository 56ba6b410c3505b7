"""The record of browser checks that passed: taken only while nothing they read changed, never in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import verdicts


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> verdicts.Verdicts:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(verdicts.FULL, raising=False)
    site = tmp_path / "site"
    (site / "tasks").mkdir(parents=True)
    (site / "tasks" / "index.html").write_text("<p>tasks</p>", encoding="utf-8")
    (site / "style.css").write_text("p { color: red }", encoding="utf-8")
    return verdicts.Verdicts(tmp_path / "verdicts", site)


def test_a_pass_is_taken_from_the_record_while_nothing_it_read_changed(record: verdicts.Verdicts) -> None:
    key = ["code-1", "Chromium 156"]
    assert record.passed("page /tasks/", key) is None  # never run
    record.record("page /tasks/", key, ["tasks/index.html", "style.css"], {"timelines": 3})
    assert record.passed("page /tasks/", key) == {"timelines": 3}
    assert record.passed("page /tasks/", ["code-2", "Chromium 156"]) is None  # the check's code changed
    assert record.passed("page /other/", key) is None


@pytest.mark.parametrize("changed", ["tasks/index.html", "style.css"])
def test_a_change_to_any_file_it_read_runs_it_again(record: verdicts.Verdicts, changed: str) -> None:
    record.record("page /tasks/", ["k"], ["tasks/index.html", "style.css"])
    (record.base / changed).write_text("changed", encoding="utf-8")
    assert record.passed("page /tasks/", ["k"]) is None


def test_a_file_it_read_that_is_gone_runs_it_again(record: verdicts.Verdicts) -> None:
    record.record("page /tasks/", ["k"], ["style.css"])
    (record.base / "style.css").unlink()
    assert record.passed("page /tasks/", ["k"]) is None


@pytest.mark.parametrize(("variable", "value"), [("CI", "true"), (verdicts.FULL, "1")])
def test_ci_and_a_full_run_take_nothing_from_the_record_and_write_nothing(
    record: verdicts.Verdicts, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    record.record("page /tasks/", ["k"], ["style.css"])
    monkeypatch.setenv(variable, value)
    in_ci = verdicts.Verdicts(record.directory, record.base)
    assert in_ci.passed("page /tasks/", ["k"]) is None
    in_ci.record("page /other/", ["k"], ["style.css"])
    assert record.passed("page /other/", ["k"]) is None  # nothing was written under CI or a full run


def test_a_damaged_entry_is_run_again(record: verdicts.Verdicts) -> None:
    record.record("page /tasks/", ["k"], ["style.css"])
    for entry in record.directory.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert record.passed("page /tasks/", ["k"]) is None
