"""Where pages, snippets and records live, and which page uses which snippet.

One place knows the layout (``docs/``, ``snippets/``, records beside
snippets), so the hooks, the tests and the command line agree on it, and a
test can point a :class:`Project` at a throw-away site in a temporary folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitetools import programs
from sitetools.cache import RunCache
from sitetools.exercises import LANGUAGE as EXERCISE
from sitetools.exercises import ExerciseError, page_exercises
from sitetools.fences import FenceError, SnippetFence, page_label, snippet_fences
from sitetools.records import SUFFIX
from sitetools.runner import ForkServers


@dataclasses.dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    snippets_dir: Path
    #: Warm interpreters for this project's runs (:meth:`running`); without them each run starts from scratch.
    servers: ForkServers | None = dataclasses.field(default=None, compare=False, repr=False)

    @classmethod
    def at(cls, root: Path, docs_dir: Path | None = None) -> Project:
        root = root.resolve()
        return cls(root=root, docs_dir=(docs_dir or root / "docs").resolve(), snippets_dir=root / "snippets")

    @property
    def cache(self) -> RunCache:
        return RunCache(self.root / ".cache" / "runs", self.servers)

    @contextlib.contextmanager
    def running(self) -> Iterator[Project]:
        """This project with fork servers for a batch of runs, ended when the batch is."""
        if self.servers is not None:
            yield self
            return
        with ForkServers() as servers:
            yield dataclasses.replace(self, servers=servers)

    def pages(self) -> list[Path]:
        return sorted(self.docs_dir.rglob("*.md"))

    def label(self, path: Path) -> str:
        return page_label(path, self.root)

    def fences(self) -> list[SnippetFence | FenceError]:
        """Every snippet fence on every page, in page order."""
        found: list[SnippetFence | FenceError] = []
        for page in self.pages():
            found.extend(snippet_fences(page.read_text(encoding="utf-8"), self.label(page)))
        return found

    def exercises(self) -> list[dict[str, Any] | ExerciseError]:
        """Every exercise fence on every page, in page order."""
        found: list[dict[str, Any] | ExerciseError] = []
        for page in self.pages():
            text = page.read_text(encoding="utf-8")
            if f"```{EXERCISE}" in text:
                found.extend(page_exercises(text, self.label(page)))
        return found

    def snippet_files(self) -> list[str]:
        """Every snippet, as a path relative to snippets/ (a folder example's own modules are not snippets)."""
        return sorted(
            p.relative_to(self.snippets_dir).as_posix()
            for p in self.snippets_dir.rglob("*.py")
            if not programs.is_companion(p, self.snippets_dir)
        )

    def audit(self, fences: list[SnippetFence | FenceError] | None = None) -> list[str]:
        """Problems of the whole site that no single fence shows.

        A snippet no page references is never run and never checked; a record
        without its snippet is left over from a rename; a snippet referenced
        twice with different options has two expected outputs (or two stated
        minimum Pythons) but one record.
        Unreadable fences are not reported here: each page reports its own,
        with its line, where the build and the tests meet it.
        """
        problems: list[str] = []
        uses: dict[str, list[SnippetFence]] = defaultdict(list)
        for fence in self.fences() if fences is None else fences:
            if not isinstance(fence, FenceError):
                uses[fence.snippet].append(fence)
        exercises = [exercise for exercise in self.exercises() if not isinstance(exercise, ExerciseError)]
        in_exercises = {exercise[key] for exercise in exercises for key in ("start", "solution")}
        for exercise in exercises:
            for key in ("start", "solution"):
                if not (self.snippets_dir / exercise[key]).is_file():
                    problems.append(
                        f"{exercise['where']}: the exercise's {key} snippets/{exercise[key]} does not exist"
                    )
        for snippet in self.snippet_files():
            if snippet not in uses and snippet not in in_exercises:
                problems.append(
                    f"snippets/{snippet} is not referenced by any page: add a ```snippet fence "
                    f"for it to a page in {self.label(self.docs_dir)}/, or delete it"
                )
        for record in sorted(self.snippets_dir.rglob(f"*{SUFFIX}")):
            if not record.with_suffix(".py").is_file():
                problems.append(f"{self.label(record)} is a record without a snippet: delete it")
        for snippet, fences in uses.items():
            if len({(fence.run_options, fence.needs) for fence in fences}) > 1:
                places = ", ".join(f.where for f in fences)
                problems.append(f"snippets/{snippet} is referenced with different options at {places}")
        return problems
