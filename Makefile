# Two commands: `make run` starts the dashboard, `make test` runs every check and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test validate lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-test.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/python -m c5dash.validate
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port 8501

validate: $(VENV)/.runtime
	$(BIN)/python -m c5dash.validate

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.test
	$(BIN)/python -m c5dash.validate
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV)
