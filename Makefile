# Two commands do all set-up on a fresh machine (Python 3.11+ and make):
#   make build   install the pinned toolchain into .venv, build the package, validate it
#   make test    install the pinned toolchain into .venv (the portals' validators into .venv-publish, chromium for the
#                viewer's tests), run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The portals' own validators (cffconvert, mlcroissant, datasets, datacite), in an environment of their own.
PUB_VENV  ?= .venv-publish
PUB_STAMP := $(PUB_VENV)/.installed

.PHONY: build test validate check clean browser publish-tools release

build: $(STAMP)
	$(BIN)/newsevents build
	$(BIN)/newsevents validate
	$(BIN)/frictionless validate datapackage.json > /dev/null && echo "frictionless validate datapackage.json: valid"
	$(BIN)/python scripts/plot_timeline.py
	$(BIN)/python examples/analysis.py > /dev/null

test: $(STAMP) $(PUB_STAMP) browser
	$(BIN)/pytest

# The evidence viewer's tests drive Debian's chromium through chromium-driver (tests/test_site.py); installed
# once, as root, when chromedriver is missing (CI machines are fresh Debian).
browser:
	@command -v chromedriver >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq chromium chromium-driver >/dev/null)

validate: $(STAMP)
	$(BIN)/newsevents validate

check: $(STAMP)
	$(BIN)/newsevents check

# Exact versions with sha256 hashes (requirements.lock), then the project itself without resolving anything.
$(STAMP): requirements.lock pyproject.toml src/newsevents/__about__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

publish-tools: $(PUB_STAMP)

$(PUB_STAMP): requirements-publish.lock
	$(PYTHON) -m venv $(PUB_VENV)
	$(PUB_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-publish.lock
	touch $(PUB_STAMP)

# Everything a publisher uploads, in release/ (see README, "Publishing").
release: $(STAMP)
	$(BIN)/newsevents release --out release

clean:
	rm -rf $(VENV) $(PUB_VENV) .pytest_cache .hypothesis
