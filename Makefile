# Two commands for readers and CI: `make book` builds the site, `make test` runs every test.
# Both install what they need first; with no virtualenv active they create and use ./.venv.

ifdef VIRTUAL_ENV
VENV := $(VIRTUAL_ENV)
else
VENV := .venv
endif
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed-infotheory

.PHONY: install book test lint references clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --upgrade pip
	$(PYTHON) -m pip install -r requirements.txt
	touch $@

book: install
	$(VENV)/bin/jupyter-book build . -W -n --keep-going

lint: install
	$(VENV)/bin/ruff check lib tests benchmarks

test: lint book
	$(VENV)/bin/pytest

clean:
	rm -rf _build
