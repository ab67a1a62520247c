# The two set-up commands of the README: `make serve` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
OUT    ?= build
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: install serve build test bench clean

$(BIN)/fentkg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/fentkg

build: install  ## extract, validate and load the graph from data/ into $(OUT)/
	$(BIN)/fentkg build --out $(OUT)

serve: build  ## build the graph from data/ and serve it on http://$(HOST):$(PORT)/
	$(BIN)/fentkg serve --out $(OUT) --host $(HOST) --port $(PORT)

test: install  ## install everything and run the whole test suite
	$(BIN)/python -m pytest -q

bench: install  ## run the benchmarks (they print figures); bench/endpoint.py needs the bench extra and wrk
	$(BIN)/pip install --quiet -e '.[test,bench]'
	for b in build extract endpoint; do $(BIN)/python bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
