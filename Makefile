# The two quick-start commands: `make run` and `make test`.
# Both set up a local virtual environment (.venv) on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test bench clean

run: $(VENV)/.installed
	$(BIN)/livinglab $(ARGS)

# Compiled modules are kept (__pycache__, ignored by git) even where PYTHONDONTWRITEBYTECODE
# is set: without them each test worker compiled and assertion-rewrote every module again,
# 7 s of CPU per worker to collect instead of 3.
test: $(VENV)/.installed
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest $(ARGS)

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(ARGS)

$(VENV)/.installed: pyproject.toml setup.py constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("livinglab needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info
