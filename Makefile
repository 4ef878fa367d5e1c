# Everything runs from a project-local virtualenv that these targets create.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml $(wildcard providers/*/pyproject.toml integrations/*/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,terminal]" -e providers/pinterest -e providers/simulator-kit \
		-e providers/pinterest-simulator -e providers/meta -e providers/meta-simulator -e integrations/mcp
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

# Tests marked secret_service start their own gnome-keyring in a private D-Bus session; without
# dbus-run-session and gnome-keyring-daemon they skip, and the summary line says so.
test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check agent_ads_core providers integrations tests benchmarks scripts

# Ratios from one run, printed and written to benchmarks/results.json; the SDK comparison
# installs pinterest-api-sdk into benchmarks/.sdk-venv on first use (skipped if it cannot).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) benchmarks/.sdk-venv benchmarks/results.json build *.egg-info providers/*/*.egg-info \
		integrations/*/*.egg-info .pytest_cache .ruff_cache
