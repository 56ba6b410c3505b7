"""One model of the site: each page parsed once per build, and the same examples under MkDocs and Zensical."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from tests.sites import REPO, fence, make_site

_EXAMPLE = re.compile(r'<div class="(?:example|exercise)" id="([^"]+)"')
_DIV = re.compile(r"<div\b|</div>")


def example_blocks(html: str) -> dict[str, str]:
    """Every example block of a built page, by its id: the whole ``<div class="example">`` element."""
    blocks = {}
    for start in _EXAMPLE.finditer(html):
        depth = 0
        for tag in _DIV.finditer(html, start.start()):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                blocks[start.group(1)] = html[start.start() : tag.end()]
                break
    return blocks


def test_example_blocks_are_cut_at_their_own_end() -> None:
    html = '<p>a</p><div class="example" id="x"><div>in</div><div>too</div></div><div>after</div>'
    assert example_blocks(html) == {"x": '<div class="example" id="x"><div>in</div><div>too</div></div>'}


@pytest.mark.zensical
@pytest.mark.usefixtures("unchanged_sources")
def test_zensical_renders_every_example_as_mkdocs_does(built_site: Path, request: pytest.FixtureRequest) -> None:
    """Source, output, badge, timeline and Run decision: each example's block is the same, byte for byte."""
    zensical_site: Path = request.getfixturevalue("zensical_site")  # built only if the test runs
    compared = 0
    for page in sorted(built_site.rglob("index.html")):
        ours = example_blocks(page.read_text(encoding="utf-8"))
        if not ours:
            continue
        other = zensical_site / page.relative_to(built_site)
        assert other.is_file(), f"Zensical built no {page.relative_to(built_site)}"
        theirs = example_blocks(other.read_text(encoding="utf-8"))
        assert list(theirs) == list(ours), f"{page.relative_to(built_site)}: other examples, or in another order"
        for ident, block in ours.items():
            # Zensical consumes data-search-exclude when it indexes the page (Material's search reads it in the
            # browser): the one difference that is the engine's, not ours.
            block = block.replace(" data-search-exclude", "")
            assert theirs[ident] == block, f"{page.relative_to(built_site)}#{ident} differs under Zensical"
            compared += 1
    assert compared >= 100  # the whole site, not an empty one


def test_each_page_is_parsed_once_per_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hooks, the audit, the cheat sheet, the history and the formatter share one reading of the pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from sitetools import fences, site

    root = make_site(
        tmp_path / "site",
        {
            "index.md": "# Home\n\n" + fence("home/hello.py") + "\n" + fence("home/hello.py"),
            "other.md": "# Other\n\n" + fence("other/sleepy.py", clock="virtual"),
            "plain.md": "# No examples\n",
        },
        {
            "home/hello.py": 'print("hello")\n',
            "other/sleepy.py": "import asyncio\nasyncio.run(asyncio.sleep(1))\nprint('slept')\n",
        },
        {"home/hello.out": "hello\n", "other/sleepy.out": "slept\n"},
    )
    lexed: collections.Counter[str] = collections.Counter()
    original = fences.iter_fences

    def counting(text: str, path: str = "<page>"):  # type: ignore[no-untyped-def]
        lexed[path] += 1
        return original(text, path)

    monkeypatch.setattr(fences, "iter_fences", counting)  # Project.fences(), snippet_fences()
    monkeypatch.setattr(site, "iter_fences", counting)  # Site.read()
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "built")))
    assert (root / "built" / "index.html").is_file()
    assert "hello" in (root / "built" / "index.html").read_text(encoding="utf-8")
    assert lexed == {"docs/index.md": 1, "docs/other.md": 1, "docs/plain.md": 1}


#: Memoised functions: each a pure function of its arguments, or of files installed with the toolchain
#: (an interpreter's version, the Pyodide package, the asyncio classes), never of a page or a snippet.
MEMOISED = {
    "apis.py": {"members", "_distinctive", "_all_members", "analyse"},
    "provenance.py": {"code_fingerprint"},
    "capabilities.py": {"scan"},
    "interpreter.py": {"interpreter_facts"},
    "interpreters.py": {"find", "_configured"},
    "pyodide/__init__.py": {"package_version", "node_command", "fingerprint", "facts"},
}
_MUTATORS = {
    "append",
    "extend",
    "insert",
    "update",
    "add",
    "discard",
    "remove",
    "pop",
    "popitem",
    "clear",
    "setdefault",
}
_MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "Counter", "deque", "OrderedDict", "Lock", "RLock", "Event"}


def _module_state(path: Path) -> list[str]:
    """What in a module is mutable state: globals rebound, mutable containers under lower-case names, mutations."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    module_names = set()
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name):
                module_names.add(target.id)
                mutable = isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)) or (
                    isinstance(value, ast.Call)
                    and (getattr(value.func, "id", None) or getattr(value.func, "attr", None)) in _MUTABLE_CALLS
                )
                if mutable and not target.id.isupper() and not target.id.lstrip("_").isupper():
                    found.append(f"line {node.lineno}: {target.id} is a mutable container (constants are UPPER_CASE)")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global {', '.join(node.names)}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id in module_names:
                found.append(f"line {node.lineno}: {owner.id}.{node.func.attr}() changes a module-level object")
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            for target in node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]:
                if isinstance(target, ast.Subscript) and getattr(target.value, "id", None) in module_names:
                    found.append(f"line {node.lineno}: {target.value.id}[...] changes a module-level object")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                name = ast.unparse(decorator)
                if "cache" in name and node.name not in MEMOISED.get(
                    path.relative_to(REPO / "sitetools").as_posix(), ()
                ):
                    found.append(f"line {node.lineno}: {node.name} is memoised ({name}) but not listed in MEMOISED")
    return found


def test_no_module_level_mutable_state_in_the_tooling() -> None:
    """Builds, the preview and the tests in one process never share state through a module."""
    problems = {
        path.relative_to(REPO).as_posix(): state
        for path in sorted((REPO / "sitetools").rglob("*.py"))
        if "inproc" not in path.parts  # runs inside a snippet's own process, one run per process
        and (state := _module_state(path))
    }
    assert problems == {}


def test_the_state_check_finds_state(tmp_path: Path) -> None:
    sample = REPO / "sitetools" / "_sample_for_test.py"
    sample.write_text("_pages = {}\n\ndef f():\n    global _pages\n    _pages.update(a=1)\n", encoding="utf-8")
    try:
        found = _module_state(sample)
    finally:
        sample.unlink()
    assert len(found) == 3, found


def _listed(text: str, pattern: str) -> dict[str, str]:
    return {match.group(1): match.group(2).strip() for match in re.finditer(pattern, text, re.MULTILINE)}


def test_readme_and_package_docstring_list_the_same_modules() -> None:
    """One module map, in two places a contributor reads: the same modules, the same jobs, and every file."""
    import sitetools

    readme_text = (REPO / "README.md").read_text(encoding="utf-8")
    readme = _listed(readme_text[readme_text.index("| module | job |") :], r"^\| `([^`]+)` \| (.+) \|$")
    docstring = _listed(sitetools.__doc__ or "", r"^\* ``([^`]+)``: (.+)$")
    assert readme == docstring
    on_disk = {
        path.name if path.is_file() else f"{path.name}/"
        for path in (REPO / "sitetools").iterdir()
        if (path.suffix == ".py" and path.name not in ("__init__.py", "__main__.py"))
        or (path / "__init__.py").is_file()
    }
    assert set(readme) == on_disk
