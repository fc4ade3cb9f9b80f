# wiretally: `make` lists the targets. Every target builds the virtual environment on demand.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## Create the virtual environment and install wiretally with its dev tools

tools: ## Install promtool, Prometheus and Alertmanager (Debian packages) if missing
	bash deploy/install-tools.sh

demo: $(STAMP) ## Run the pipeline on the embedded broker over seeds/ and print the claims table and alerts
	$(BIN)/wiretally demo seeds

test: $(STAMP) tools ## Run every test: unit, integration (embedded broker), promtool, slow fault tests
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-quick: $(STAMP) ## Run the tests except the slow ones
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy pipeline

bench: $(STAMP) ## Benchmarks: end to end, extraction vs baseline, dedup lookup cost
	$(BIN)/wiretally bench all

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .wiretally

.PHONY: help venv tools demo test test-quick lint bench clean
