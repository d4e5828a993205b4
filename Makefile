# Allies: `make run` to use it, `make test` to check it. Everything else is set up on the way.
PORT ?= 8000
HOST ?= 127.0.0.1
PYTHON ?= python3
UV_VERSION ?= 0.9.5
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
ALLIES := $(BIN)/allies
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# Worker processes (pytest-xdist's -n) for the unit tests (auto: one per core) and for the
# browser tests (two Chromiums at a time; 0 runs them one by one in pytest's own process).
TEST_WORKERS ?= auto
BROWSER_WORKERS ?= 2

.PHONY: run test test-unit test-browser lint bench setup chromium migrations-check messages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv>=$(UV_VERSION)"

$(BIN)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

setup: $(BIN)/.synced
	$(BIN)/python -m django compilemessages --ignore=.venv --ignore=.tools -v0 --settings=allies.settings

run: setup
	$(ALLIES) migrate --no-input -v0
	$(ALLIES) demo --if-empty
	$(ALLIES) serve --host $(HOST) --port $(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's Chromium for the browser tests..."; \
	  apt-get update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null; }

# The whole suite: the unit tests, then the browser tests. PYTEST_ARGS narrows both (a
# path, -k ...); pytest's exit 5 ("no tests collected") from one half is then no failure.
test: setup chromium
	$(BIN)/pytest -q -n $(TEST_WORKERS) -m "not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest -q -n $(BROWSER_WORKERS) -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Everything but the browser tests, in parallel.
test-unit: setup
	$(BIN)/pytest -q -n $(TEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

# Only the browser tests (Debian's Chromium through Playwright, against a live server).
test-browser: setup chromium
	$(BIN)/pytest -q -n $(BROWSER_WORKERS) -m browser $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy allies
	$(BIN)/lint-imports --no-cache

migrations-check: setup
	DATABASE_URL=sqlite:///:memory: $(ALLIES) makemigrations --check --dry-run

messages: setup
	cd allies && ../$(BIN)/allies makemessages -l es --no-obsolete --ignore=tests
	$(BIN)/python -m django compilemessages --ignore=.venv --ignore=.tools -v0 --settings=allies.settings

bench: setup
	$(BIN)/python bench/log_scale.py
	$(BIN)/python bench/relationships.py
	$(BIN)/python bench/page_vs_sql.py
	$(BIN)/python bench/meetings.py
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/verify.py

clean:
	rm -rf $(VENV) $(TOOLS)
