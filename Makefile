# asyncio by Example. Quick start: `make serve` (preview), `make test`, `make build`.
# Every target sets up .venv first, from the pinned, hashed requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
# The pinned JavaScript: js/ is the site's own (Pyodide, which the site serves
# for its Run buttons); tests/js is the checks' (axe-core and Lighthouse).
JS_DIRS  := js tests/js
JS_READY := js/node_modules/.ready
UV_VERSION := 0.13.9
# Material 9.8 prints an end-of-life banner (May 2027) on every build; it is
# tracked, and hiding it keeps the build log to what a contributor must act on.
export NO_MKDOCS_2_WARNING := 1
# FULL=1 takes nothing from a record: every cell of the version matrix runs, and every browser check.
ifdef FULL
export SITETOOLS_FULL := $(FULL)
endif
# Reproducible builds: the sitemap's dates are the last commit's, not today's.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help serve build test lint update-outputs versions new-example links verify-real-time bench audit lock clean pythons

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(READY): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "asyncio by Example needs Python 3.11.5 or newer to build; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.12 ...")'
	$(PYTHON) -m venv $(VENV)
	@# uv installs the pinned, hashed lock in a few seconds; where it cannot reach an index (it reads no
	@# pip configuration), pip installs the same lock, slower.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --no-deps -r requirements.lock \
		|| $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@# Make the repository's own packages (sitetools) importable, like an editable install.
	$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "asyncio_by_example.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	@touch $@

$(JS_READY): js/package-lock.json tests/js/package-lock.json
	@if command -v npm >/dev/null; then \
		for dir in $(JS_DIRS); do npm ci --prefix $$dir --no-audit --no-fund --ignore-scripts --loglevel=error || exit 1; done; \
		touch $@; \
	else echo "npm is missing: the browser checks will be skipped and the Run buttons will not work (CI fails both)"; fi

serve: $(READY) $(JS_READY) ## live preview at http://127.0.0.1:8000: a saved snippet or page re-renders only the pages it changes
	$(BIN)/python -m sitetools.preview --dev-addr 127.0.0.1:8000

build: $(READY) $(JS_READY) ## write the static site to site/ (strict: a broken example fails it); ENGINE=zensical builds it with Zensical into site-zensical/
ifeq ($(ENGINE),zensical)
	$(BIN)/python -m sitetools.zensical_build --site-dir site-zensical
else
	$(BIN)/mkdocs build --strict --site-dir site
endif

test: $(READY) $(JS_READY) lint ## run every test, including every example, a strict build and the browser checks
	$(BIN)/pytest

lint: $(READY) ## ruff on the tooling (lint and format) and the snippets (lint); zizmor and actionlint on the workflows
	$(BIN)/ruff check sitetools tests snippets
	$(BIN)/ruff format --check sitetools tests  # as pre-commit's ruff-format hook; not the snippets (see .pre-commit-config.yaml)
	$(BIN)/zizmor --offline .github/workflows
	$(BIN)/actionlint

update-outputs: $(READY) ## rewrite snippets/**/*.out from fresh runs (SNIPPETS="page/name.py ..." for some)
	$(BIN)/python -m sitetools update-outputs $(SNIPPETS)

pythons: $(READY) ## provide Python 3.14 and 3.15 where nothing else does (Debian sid in a root of its own; needs root)
	$(BIN)/python -m sitetools pythons

versions: $(READY) $(JS_READY) ## run the matrix cells whose inputs changed, on every Python found and in the browser's Python; rewrite snippets/**/*.versions.json (SNIPPETS=..., FULL=1: every cell; COLUMN=3.9 RESULTS=dir: one column's results for CI)
	$(BIN)/python -m sitetools versions $(if $(COLUMN),--column $(COLUMN)) $(if $(RESULTS),--results $(RESULTS)) $(SNIPPETS)

new-example: $(READY) ## start snippets/PAGE/NAME.py and reference it from docs/PAGE.md (PAGE=tasks NAME=what_it_shows)
	@test -n "$(PAGE)" -a -n "$(NAME)" || { echo 'usage: make new-example PAGE=tasks NAME=what_it_shows'; exit 2; }
	$(BIN)/python -m sitetools new-example $(PAGE) $(NAME)

links: build ## list the external links of the built site (they cannot be checked from here)
	$(BIN)/python -m sitetools.links site

audit: build $(JS_READY) ## Lighthouse (mobile) on the home page and the heaviest page: the four scores and their targets; the Run button's timings (RUN_ONLY=1: those alone)
	$(BIN)/python -m sitetools.audit site $(if $(RUN_ONLY),--run-only)

verify-real-time: $(READY) ## run every snippet on the real clock and compare with its record
	$(BIN)/python -m sitetools verify-real-time $(SNIPPETS)

bench: $(READY) $(JS_READY) ## time builds beside plain markdown-exec and no execution, and make test and .ci/run in fresh clones of HEAD (also beside LOAD=4 busy loops); writes the tables into docs/how-this-site-is-built.md (ONLY=builds|suite, NO_CI=1)
	$(BIN)/python -m sitetools.bench --runs $(or $(RUNS),3) --load $(or $(LOAD),4) $(if $(ONLY),--only $(ONLY)) $(if $(NO_CI),--no-ci) --write docs/how-this-site-is-built.md

lock: $(READY) ## refresh requirements.lock from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11.5 --upgrade -o requirements.lock

clean: ## remove the virtual environment, the built site and the run cache
	rm -rf $(VENV) site .cache
