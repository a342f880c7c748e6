# Entry points for working on the service. `make` alone lists them.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Where the local state lives (as in config/env.ts); `DATA_DIR=... make clean-data` for another one.
DATA_DIR ?= data

.PHONY: help install install-temporal-server start cluster test test-scale scale test-cluster bench fuzz clean-data

help: ## List the targets
	@echo "Targets:"
	@awk 'BEGIN { FS = ":[^#]*## " } /^[a-z][a-z-]*:[^#]*## / { printf "  make %-11s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

install: ## Install the dependencies (`npm ci` when package-lock.json changed, the pinned Temporal CLI, Chromium for the browser tests, LibreOffice and poppler for the report's rendering test) and build the console
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  echo "npm ci"; npm ci; \
	fi
	@scripts/install-temporal.sh
	@scripts/install-browser.sh
	@scripts/install-office.sh
	@echo "building the console (console/ → console/dist)"; npm run -s console:build

start: install ## Run the Temporal dev server, the worker and the API on this machine; Ctrl-C stops them
	@scripts/start.sh

install-temporal-server: ## Build the Temporal server, its schema tool and the Temporal UI (pinned, from the Go module proxy) into .tools/temporal-server/ (first time ~5 min; then nothing)
	@scripts/install-temporal-server.sh >/dev/null

cluster: install install-temporal-server ## Run the production topology here: PostgreSQL, Temporal's frontend, history, matching and worker as separate processes, the Temporal UI, two workers, two APIs; Ctrl-C stops all
	@scripts/cluster.sh

test: install ## Type-check, then run the tests (all but the scale runs)
	npm run -s typecheck
	npm test

test-scale: install ## The scale test on its own: a campaign of 2,000 communes, hundreds of actions, board totals (several minutes)
	SCALE_TESTS=1 npm test

scale: install install-temporal-server ## Campaigns of 18, 200, 1,000 and 3,321 units, each on a fresh stack, on the dev server and then on the cluster, then the scale test; figures in bench/results/scale.json (~30 min)
	npx tsx bench/scale.ts
	SCALE_TESTS=1 npm test

test-cluster: install install-temporal-server ## On a cluster of its own (as `make cluster` runs it): the budget flow, then drills killing each piece during a flow (~10 min)
	npx jest --config tests/cluster/jest.config.js

bench: install ## Measure each path through the API against bare Temporal (own server, worker, API; ~6 min); writes bench/results/latest.json
	npx tsx bench/run.ts

fuzz: install ## Schemathesis against the served OpenAPI document, as several roles, on its own dev server, worker and API (≥5,000 requests, ~5 min)
	@scripts/fuzz.sh

clean-data: ## Delete ALL local state (DATA_DIR, default data/): workflows and their history, outbox, documents, signing key, logs. Stop `make start` first
	@case "$(DATA_DIR)" in ""|/|.|..|~|"$$HOME") echo "Refusing to delete DATA_DIR='$(DATA_DIR)'." >&2; exit 1;; esac
	rm -rf -- "$(DATA_DIR)"
