"""Build and test tooling for asyncio by Example.

Small modules with one job each; the README's "How it is built" lists the
same modules with the same jobs (a test keeps the two lists and the files
on disk the same):

* ``fences.py``: the one fence grammar, read by the renderer and by Sybil
* ``project.py``: where pages, snippets and records live; the site-wide audit
* ``site.py``: the site as one build sees it: every page read and its fences parsed once
* ``programs.py``: what a snippet is on disk: its program and the files that live with it
* ``capabilities.py``: one scan of a program's code: its clock, what the browser lacks, what may change from run to run
* ``interpreter.py``: the two kinds of interpreter, CPython and Pyodide, behind one interface: facts, command, environment, normalising, fingerprint
* ``runner.py``: runs one snippet in its own process (fresh, or forked from a batch's warm `ForkServers`); returns one `RunResult`
* ``inproc/``: the only code inside the snippet's process (standard library, Python 3.6+): the bootstrap, the virtual clock, the fork server, the task recorder, the shaking of a run
* ``cache.py``: the run cache shared by build, preview and tests
* ``provenance.py``: what a result was made from: a program's meaning (comments and layout left out where it cannot see them), and the fingerprint of the code that runs and judges it, found by following imports
* ``records.py``: recorded outputs: where they are, how they are read and compared with a diff
* ``checks.py``: evaluating one fence's run (from the cache, or run, checked and retried once) and the messages for what went wrong
* ``batches.py``: running many examples at once: a pool per core, the real-time ones all at once beside it
* ``sameness.py``: the one meaning of "the same output", for every check
* ``verdict.py``: the verdict on one run: how it ended against its fence, and its version-matrix cell (kept small: a cell is reused while this code is unchanged)
* ``determinism.py``: shaken runs that prove an output before it is recorded, and the likely cause when they differ
* ``build.py``: one build: its runs (started as it begins), its reports, the cached HTML of its examples
* ``engine.py``: what MkDocs or Zensical tells a fence: its page, its build, how to link
* ``render.py``: the snippet fence: an example's HTML from the fence and its run alone (markdown-exec lays it out)
* ``exercise_fence.py``: the ```exercise fence: the starting program, what a correct one does, and Check
* ``exercises.py``: an exercise's checks, run on a run's output, exit status and timeline, in the tests and in the reader's browser
* ``html_passes.py``: the site's own passes over rendered HTML, in the order they run
* ``mkdocs_hooks.py``: the MkDocs side: the build made once, the audit, the generated tables, llms.txt, Pyodide copied, the links checked
* ``zensical_build.py``: `make build ENGINE=zensical`: the same site built by Zensical
* ``preview.py``: `make serve`: a full build once, then only the pages a save changed
* ``theme_start.py``: starts the theme's script once the page has been shown (a build step on every page)
* ``timeline_drawing.py``: draws a run's task timeline (recorded by `inproc/task_recorder.py`) as SVG
* ``sybil_parsers.py``: the pytest side: every example on every page is a test
* ``matrix.py``: the version matrix's data: `NAME.versions.json`, its cells, the minimum Python, the badge's groups
* ``versions.py``: the version matrix: which cells run again and why, running them (here or in CI's matrix jobs), and judging them against what is committed
* ``history.py``: the version history page
* ``interpreters.py``: finding the Pythons from 3.6 to 3.15
* ``pythons.py``: `make pythons`: Python 3.14 and 3.15 from Debian sid, in a root of their own, where nothing else provides them
* ``pyodide/``: Pyodide as one more interpreter of the runner (`run.mjs` under Node.js), and `driver.py`, which runs a snippet there and in the page's Run button
* ``apis.py``: the cheat sheet's reference: every asyncio API and method the examples use, described in `docs/apis.toml`
* ``audit.py``: `make audit`: Lighthouse, axe and the Run button's timings
* ``links.py``: every internal link checked after a build, and `make links`
* ``cli.py``: `python -m sitetools update-outputs`, `verify-real-time`, `versions`, `new-example`, `pythons`
* ``bench.py``: `make bench`: builds and the preview's save-to-reload, timed, and the examples' cost against real time
* ``bench_suite.py``: `make bench`: `make test` and `.ci/run` in fresh clones, as a contributor waits for them (also beside busy loops)

No module keeps state between calls: a build's state is a
:class:`sitetools.build.Build`, made when the build starts (a test checks).
"""
