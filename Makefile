# Prepaid Energy Manager — everyday commands.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: install run test lint format i18n build build-test bench clean

$(VENV)/.installed: requirements.txt scripts/system-deps.sh
	bash scripts/system-deps.sh
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

install: $(VENV)/.installed

# Starts the GUI on the demo site (under Xvfb when there is no screen).
run: install
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "no screen: starting under xvfb-run (see README to view it)"; \
	  xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) main.py --demo; \
	else $(PY) main.py --demo; fi

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

# Refreshes the Chinese .ts from every app/**/*.py (new strings come in unfinished: translate
# them, e.g. in Qt Linguist), then compiles the .qm the program loads.
i18n: install
	$(VENV)/bin/pyside6-lupdate $$(find app -name '*.py' | sort) -no-obsolete \
	  -ts resources/i18n/pem_zh_CN.ts
	$(VENV)/bin/pyside6-lrelease resources/i18n/pem_zh_CN.ts -qm resources/i18n/pem_zh_CN.qm
	@n=$$(grep -c 'type="unfinished"' resources/i18n/pem_zh_CN.ts); \
	  if [ "$$n" != 0 ]; then echo "i18n: $$n unfinished translation(s) in pem_zh_CN.ts"; fi

# One-folder program in dist/pem (run dist/pem/pem); prints the build time.
build: install
	@t0=$$(date +%s); $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec \
	  && echo "built dist/pem in $$(( $$(date +%s) - t0 )) s, $$(du -sh dist/pem | cut -f1)"

# Builds, then checks the built program: --selftest, subcommands, resources (tests/test_build.py).
build-test: build
	PEM_BUILD_TEST=1 PEM_PROGRAM=dist/pem/pem QT_QPA_PLATFORM=offscreen \
	  $(PY) -m pytest -q -m build tests/test_build.py

# Every benchmark, then one table: figure, goal, measured, met, load average (bench/summary.py).
bench: install
	QT_QPA_PLATFORM=offscreen $(PY) bench/summary.py

clean:
	rm -rf build dist .pytest_cache
