# Two commands for readers and CI: `make book` builds the site, `make test` runs every test.
# Both install what they need first; with no virtualenv active they create and use ./.venv.

ifdef VIRTUAL_ENV
VENV := $(VIRTUAL_ENV)
else
VENV := .venv
endif
PYTHON := $(VENV)/bin/python
# One stamp per checkout: a virtualenv shared by two checkouts gets each one's install recorded
# separately (the name holds a checksum of this checkout's path).
STAMP := $(VENV)/.installed-infotheory-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)

.PHONY: install tools browser book test lint references constraints clean arena

# Before any install: say what is missing and how to get it, instead of failing half-way.
# (Debian/Ubuntu: apt-get install python3 python3-venv make npm; and chromium for `make test`.)
tools:
	@command -v python3 >/dev/null 2>&1 || { echo "make: Python 3.10+ is needed \
	(Debian/Ubuntu: apt-get install python3 python3-venv)"; exit 1; }
	@python3 -c 'import sys; raise SystemExit(sys.version_info < (3, 10))' || { echo "make: \
	Python 3.10+ is needed; python3 is $$(python3 --version 2>&1)"; exit 1; }
	@test -x $(PYTHON) || python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || { echo "make: \
	python3 cannot create a virtualenv (Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
	@command -v npm >/dev/null 2>&1 || { echo "make: npm is needed to install MathJax and Vega \
	(Debian/Ubuntu: apt-get install npm; or install Node.js, which ships npm)"; exit 1; }

# The browser tests drive Chromium (where tests/site/conftest.py looks: $$CHROMIUM,
# /usr/bin/chromium, chromium or chromium-browser on the PATH). Without it they skip, except
# under CI (CI=true), where they fail: say so before the long run, not after it.
browser:
	@if { [ -n "$${CHROMIUM:-}" ] && [ -x "$${CHROMIUM}" ]; } || [ -x /usr/bin/chromium ] \
	|| command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; \
	then :; \
	else case "$$(printf '%s' "$${CI:-}" | tr '[:upper:]' '[:lower:]')" in \
	1|true|yes) echo "make: Chromium is needed for the browser tests (Debian: apt-get install \
	chromium, or set CHROMIUM); under CI they would fail"; exit 1;; \
	*) echo "make: no Chromium (Debian: apt-get install chromium, or set CHROMIUM): the browser \
	tests will be skipped";; esac; fi

# The editable installs point the venv at one checkout: the library (infotheory, the root
# pyproject.toml) and the book's machinery (mibook, lib/mibook/pyproject.toml). If another checkout
# sharing this venv installed itself since, re-point both here, so the book never imports another
# checkout's code.
install: tools $(STAMP)
	@$(PYTHON) -c "import os, infotheory, mibook; here = os.path.realpath('lib') + os.sep; \
	raise SystemExit(not all(os.path.realpath(m.__file__).startswith(here) \
	for m in (infotheory, mibook)))" 2>/dev/null \
	|| $(PYTHON) -m pip install --quiet --no-deps -e . -e lib/mibook

$(STAMP): requirements.txt constraints.txt pyproject.toml lib/mibook/pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --upgrade pip
	$(PYTHON) -m pip install -r requirements.txt -c constraints.txt
	touch $@

# The site loads MathJax from itself, not a CDN: npm installs the version package-lock.json pins,
# and site/vendor_mathjax.py copies the files the pages load into site/vendor (html_static_path).
MATHJAX := site/vendor/mathjax/tex-chtml.js

node_modules/.package-lock.json: package.json package-lock.json | tools
	npm ci --no-audit --no-fund

$(MATHJAX): node_modules/.package-lock.json site/vendor_mathjax.py | $(STAMP)
	$(PYTHON) site/vendor_mathjax.py

# The kernel-free explorers draw with Vega, Vega-Lite and vega-embed from the same npm install;
# site/vendor_vega.py copies their minified bundles into site/vendor/vega.
VEGA := site/vendor/vega/vega-embed.min.js

$(VEGA): node_modules/.package-lock.json site/vendor_vega.py | $(STAMP)
	$(PYTHON) site/vendor_vega.py

book: install $(MATHJAX) $(VEGA)
	$(VENV)/bin/jupyter-book build . --all -W -n --keep-going

lint: install
	$(VENV)/bin/ruff check lib tests benchmarks site

# The suite runs in parallel, one pytest-xdist worker per CPU (PYTEST_WORKERS=0: one process).
# With loadscope, conftest.py's work_unit keeps together what must share a process (a notebook's
# cells, one kernel) or had better (a module's fixtures; a page's browser checks, one visit).
PYTEST_WORKERS ?= auto

test: browser lint book
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadscope

# After a deliberate upgrade: re-resolve, then `make references` and review both diffs.
constraints:
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --upgrade -r requirements.txt
	(sed -n 1,2p constraints.txt; $(PYTHON) -m pip freeze --exclude-editable | grep -v "^infotheory\|^mibook") > constraints.tmp
	mv constraints.tmp constraints.txt

references: install
	$(PYTHON) tests/refresh_notebooks.py

# The estimator arena's data (lib/mibook/data/arena.json, committed): minutes of KSG, more than the
# build may spend, so computed here; re-run after changing an estimator or a task, then
# `make references`. The page refuses a file the library no longer reproduces.
arena: install
	$(PYTHON) -m mibook.arena

clean:
	rm -rf _build site/vendor
