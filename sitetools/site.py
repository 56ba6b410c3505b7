"""The site as one build sees it: every page read and its fences parsed, once.

A :class:`Site` is a :class:`~sitetools.project.Project` whose pages were
read when it was made; everything that asks a project for its fences (the
audit, the cheat sheet's table, the version history, the order pages are
rendered in, the runs started as the build begins) gets those, and no page
is read or parsed a second time in the build.  The fence's validator finds
its fence here, with its page and line, instead of parsing it again.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sitetools.exercises import LANGUAGE as EXERCISE
from sitetools.exercises import ExerciseError, page_exercises
from sitetools.fences import LANGUAGE, FenceError, SnippetFence, iter_fences, parse_options, parse_snippet_fence
from sitetools.project import Project


@dataclasses.dataclass(frozen=True)
class PageFence:
    """One snippet fence of a page: what superfences will hand the validator, and what it means."""

    body: str  # the snippet's path, as written
    options: dict[str, str] | None  # the options as written; None if they cannot be read
    parsed: SnippetFence | FenceError


@dataclasses.dataclass(frozen=True)
class Page:
    path: Path
    label: str  # docs/tasks.md
    fences: tuple[PageFence, ...]
    exercises: tuple[dict[str, Any] | ExerciseError, ...] = ()  # its ```exercise fences (sitetools/exercises.py)


@dataclasses.dataclass(frozen=True)
class Site(Project):
    pages_read: tuple[Page, ...] = dataclasses.field(default=(), repr=False)

    @classmethod
    def read(cls, project: Project) -> Site:
        """Read every page of ``project`` and parse its snippet fences."""
        pages = tuple(_read_page(path, project.label(path)) for path in project.pages())
        fields = {field.name: getattr(project, field.name) for field in dataclasses.fields(Project)}
        return cls(**fields, pages_read=pages)

    def with_page(self, label: str) -> Site:
        """This site with one page read again (the preview, after it was saved)."""
        pages = tuple(_read_page(page.path, page.label) if page.label == label else page for page in self.pages_read)
        return dataclasses.replace(self, pages_read=pages)

    def fences(self) -> list[SnippetFence | FenceError]:
        """Every snippet fence on every page, in page order (parsed when the site was read)."""
        return [fence.parsed for page in self.pages_read for fence in page.fences]

    def exercises(self) -> list[dict[str, Any] | ExerciseError]:
        """Every exercise fence on every page, in page order (parsed when the site was read)."""
        return [exercise for page in self.pages_read for exercise in page.exercises]

    def snippet_fences(self) -> list[SnippetFence]:
        return [fence for fence in self.fences() if not isinstance(fence, FenceError)]

    def page(self, label: str) -> Page | None:
        return next((page for page in self.pages_read if page.label == label), None)

    def pages_using(self, snippet: str) -> list[str]:
        """The labels of the pages whose fences refer to ``snippet``, in page order."""
        return [
            page.label
            for page in self.pages_read
            if any(not isinstance(f.parsed, FenceError) and f.parsed.snippet == snippet for f in page.fences)
        ]

    def fence_at(self, page: str, body: str, options: dict[str, str]) -> SnippetFence | FenceError:
        """The fence of ``page`` that superfences found, with its line; parsed afresh if the page is not known.

        Two fences of one page with the same path and options are the same
        example: which of their lines a message names does not matter.
        """
        known = self.page(page)
        for fence in known.fences if known else ():
            if fence.body.strip() == body.strip() and (fence.options == options or fence.options is None):
                return fence.parsed
        info = " ".join([LANGUAGE, *(f'{key}="{value}"' for key, value in options.items())])
        try:
            return parse_snippet_fence(info, body, page=page, line=0)
        except FenceError as error:
            return error


def _read_page(path: Path, label: str) -> Page:
    fences = []
    text = path.read_text(encoding="utf-8")
    for raw in iter_fences(text, label):
        if raw.language != LANGUAGE:
            continue
        try:
            options: dict[str, str] | None = parse_options(raw.info[len(LANGUAGE) :], label)
        except FenceError:
            options = None
        try:
            parsed: SnippetFence | FenceError = parse_snippet_fence(raw.info, raw.body, page=label, line=raw.line)
        except FenceError as error:
            parsed = error
        fences.append(PageFence(raw.body, options, parsed))
    exercises = tuple(page_exercises(text, label)) if f"```{EXERCISE}" in text else ()
    return Page(path, label, tuple(fences), exercises)
