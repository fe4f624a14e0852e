# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python

.PHONY: install site test validate lint schema clean

$(VENV)/installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/installed

# The main job on the bundled example data.
site: install
	$(PY) -m site_builder validate
	$(PY) -m site_builder lint
	$(PY) -m site_builder rank

test: install
	$(PY) -m site_builder schema --check
	$(PY) -m pytest

validate: install
	$(PY) -m site_builder validate

lint: install
	$(PY) -m site_builder lint

schema: install
	$(PY) -m site_builder schema

clean:
	rm -rf $(VENV) build site
