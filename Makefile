# wiretally: `make` lists the targets. Every target builds the virtual environment on demand.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Brokers the integration tests run on (comma-separated): the embedded Tansu and Apache Kafka.
TEST_BROKERS ?= embedded,kafka

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## Create the virtual environment and install wiretally with its dev tools

tools: ## Install promtool, Prometheus, Alertmanager, Chromium, a Java runtime and Maven (Debian packages) if missing
	bash deploy/install-tools.sh

demo: $(STAMP) ## Run the pipeline on the embedded broker over seeds/ and print the claims table and alerts
	$(BIN)/wiretally demo seeds

test: $(STAMP) tools ## Run every test: unit, integration on both brokers (TEST_BROKERS), promtool, slow fault tests
	WIRETALLY_TEST_BROKERS=$(TEST_BROKERS) $(BIN)/python -m pytest $(PYTEST_ARGS)

test-quick: $(STAMP) ## Run the tests except the slow ones
	WIRETALLY_TEST_BROKERS=$(TEST_BROKERS) $(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

kafka: $(STAMP) ## Start Apache Kafka 3.9.1 (one KRaft node from Maven Central; needs java, mvn) and print its address
	$(BIN)/wiretally kafka start

kafka-stop: $(STAMP) ## Stop the Kafka node `make kafka` started and delete its data
	$(BIN)/wiretally kafka stop

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy pipeline

bench: $(STAMP) ## Benchmarks: end to end (embedded broker, then Apache Kafka, side by side), extraction vs baseline, dedup lookup cost
	$(BIN)/wiretally bench all --save-e2e .wiretally/bench/embedded.json
	@echo "== the end-to-end rows again, on Apache Kafka (a node of its own; needs java and mvn)"
	$(BIN)/wiretally kafka run $(BIN)/wiretally bench e2e --save-e2e .wiretally/bench/kafka.json
	@echo "== end to end, both brokers side by side"
	$(BIN)/wiretally bench compare embedded=.wiretally/bench/embedded.json "Apache Kafka"=.wiretally/bench/kafka.json

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .wiretally

.PHONY: help venv tools demo test test-quick kafka kafka-stop lint bench clean
