# The two commands of the README: `make run` and `make test`.
# Each creates .venv and installs the requirements on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test lint bench clean

run: $(VENV)/.runtime
	$(BIN)/python bot.py serve --host $(HOST) --port $(PORT)

test: $(VENV)/.dev
	@scripts/ensure-test-tools || echo "note: tests needing Chromium or LibreOffice will be skipped"
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) instance artifacts
