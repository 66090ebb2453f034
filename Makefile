# PlanScope: `make demo` sets up and runs the main job; `make test` sets up and runs the tests.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
DB ?= planscope.db

.PHONY: setup system demo test lint accuracy bench clean

$(BIN)/planscope: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,scale,embed]'
	touch $(BIN)/planscope

setup: $(BIN)/planscope

# Debian packages the tests and reports need (CJK font, Chromium, PostgreSQL); a no-op when present.
system:
	bash scripts/setup-system.sh

PORT ?= 8000
SERVE ?= 1

# The main job: ingest the corpus, list the plans, print Huadu's 2024 monitoring status, write its evaluation
# report, then serve the API and dashboard on http://127.0.0.1:$(PORT)/ (SERVE=0 stops before serving).
demo: setup system
	PLANSCOPE_DB=sqlite:///$(DB) $(BIN)/planscope ingest $(CORPUS)
	PLANSCOPE_DB=sqlite:///$(DB) $(BIN)/planscope plans
	PLANSCOPE_DB=sqlite:///$(DB) $(BIN)/planscope status 花都区 --year 2024
	PLANSCOPE_DB=sqlite:///$(DB) $(BIN)/planscope evaluate 花都区 --year 2024 --format html -o huadu-2024.html
	@echo "evaluation report written to huadu-2024.html"
	@if [ "$(SERVE)" = 1 ]; then echo "dashboard: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"; \
	  PLANSCOPE_DB=sqlite:///$(DB) $(BIN)/planscope serve --port $(PORT); fi

test: setup system
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench

accuracy: setup
	$(BIN)/planscope extract $(CORPUS)/0*.txt --json > accuracy.json
	$(BIN)/python ../shared/tools/score.py ../shared/gold accuracy.json

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(DB) accuracy.json huadu-2024.html .pytest_cache test-artifacts
