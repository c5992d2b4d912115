# The two set-up commands a newcomer needs are `make run` and `make test`;
# both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench lint screenshots clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reader-app $(ARGS)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

bench: $(STAMP)
	$(PY) benchmarks/run.py

# Pictures of the window for the README, under a virtual X screen (needs Debian's
# xvfb, xauth and fonts-noto-cjk); a throwaway data folder, your settings untouched.
screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) docs/make_screenshots.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis

# Stand-alone app folder for this platform (dist/reader-app/) with PyInstaller; see
# packaging/reader-app.spec. bundle-test runs the built app like a user would.
PYINSTALLER_STAMP := $(VENV)/.pyinstaller-stamp
BUNDLE_DIR        := dist/reader-app

.PHONY: bundle bundle-test

$(PYINSTALLER_STAMP): $(STAMP)
	$(PY) -m pip install --quiet 'pyinstaller>=6.10,<7'
	@touch $@

bundle: $(PYINSTALLER_STAMP)
	packaging/check_libs.sh host
	@mkdir -p build
	@echo "PyInstaller: building $(BUNDLE_DIR) (log: build/pyinstaller.log)"
	@$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
		packaging/reader-app.spec > build/pyinstaller.log 2>&1 \
		|| { tail -n 40 build/pyinstaller.log; exit 1; }
	@grep -E "WARNING|ERROR" build/pyinstaller.log || true
	packaging/check_libs.sh bundle build/pyinstaller.log $(BUNDLE_DIR)
	@du -sh $(BUNDLE_DIR)

bundle-test: bundle
	packaging/bundle_test.sh $(BUNDLE_DIR)
