# The two commands of the README: `make run` and `make test` (and `make lint`).
# Each creates .venv and installs the requirements on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test lint bench bench-webhook bench-handler bench-jobs bench-questions bench-public bench-understanding bench-wrk clean

run: $(VENV)/.runtime
	PORT=$(PORT) $(BIN)/python bot.py serve --host $(HOST) --port $(PORT)

test: $(VENV)/.dev
	@scripts/ensure-test-tools || echo "note: tests needing Chromium or LibreOffice will be skipped"
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks (not tests): about 10 minutes on 2 cores; PostgreSQL rows are skipped if it is
# not reachable. BENCH_DATABASE_URL (default: the suite's database `test`) is emptied.
bench: bench-webhook bench-handler bench-jobs bench-questions bench-public bench-understanding

bench-webhook: $(VENV)/.dev
	$(BIN)/python bench/webhook_bench.py $(BENCH_ARGS)

bench-handler: $(VENV)/.dev
	$(BIN)/python bench/handler_bench.py

bench-jobs: $(VENV)/.dev
	$(BIN)/python bench/jobs_bench.py

bench-questions: $(VENV)/.dev
	$(BIN)/python bench/question_bench.py

bench-public: $(VENV)/.dev
	$(BIN)/python bench/public_bench.py

bench-understanding: $(VENV)/.dev
	$(BIN)/python bench/understanding_bench.py

# The webhook under wrk (Debian: apt-get install wrk) beside the project's own load, for the
# same time against the same servers; not part of `make bench`
# (`make bench-wrk BENCH_ARGS="--workers 1 --databases postgresql --users 200"`).
bench-wrk: $(VENV)/.dev
	$(BIN)/python bench/wrk_webhook.py $(BENCH_ARGS)

# Many agencies (issue 21): 1 vs 1,000 agencies on PostgreSQL (BENCH_DATABASE_URL, default
# test_scale, emptied), own load and wrk; about 15 minutes; not part of `bench`.
.PHONY: bench-many
bench-many: $(VENV)/.dev
	$(BIN)/python bench/many_agencies_webhook.py $(BENCH_ARGS)

# Style and types: ruff, and mypy on the app code (pyproject.toml says which files). CI runs it.
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) instance artifacts
