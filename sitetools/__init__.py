"""Build and test tooling for asyncio by Example.

Small modules with one job each:

* ``fences``   - the one fence grammar, read by the MkDocs renderer and by Sybil;
* ``runner``   - runs one snippet in its own interpreter and returns a ``RunResult``;
* ``records``  - the recorded output beside each snippet, and the diff against it;
* ``checks``   - turns a result and its record into the problems a contributor must fix;
* ``project``  - where pages, snippets and records live, and which page uses which snippet;
* ``render``   - the superfences formatter that puts source and output on the page;
* ``mkdocs_hooks`` - runs the examples during ``mkdocs build``/``serve``;
* ``sybil_parsers`` - collects every example on every page as a pytest test;
* ``cli``      - ``python -m sitetools update-outputs``.

``inproc/`` holds the only code that runs inside a snippet's process.
"""
