# The commands of the README:   make book,   make test   and   make check
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CACHE := _build/.jupyter_cache
# fonts-lmodern: the math font of the HTML (Latin Modern Math, _ext/mathml.py); nodejs (with npm):
# the pinned front-end packages (tools/vendor_assets.py) and KaTeX, which typesets the formulas;
# chromium: prints the PDFs (tools/make_pdf.py). Binder's image needs none of them (binder/apt.txt).
BOOK_PACKAGES := $(shell grep -v "^#" binder/apt.txt) fonts-lmodern nodejs chromium
# poppler-utils: the PDF tests (pdffonts, pdftotext, pdftoppm); chromium also runs the browser tests.
TEST_PACKAGES := $(BOOK_PACKAGES) poppler-utils
JB_FLAGS := --builder html -W -n --keep-going
# The build computes everything afresh, stored results included, and checks them against the stored copy
# (backprop/stored.py): a notebook reader loads that copy instead of training for half a minute.
export BACKPROP_RECOMPUTE := 1
# tools/jb_build.py is `jupyter-book build` with Sphinx jobs = number of CPUs (BOOK_JOBS=1: serial)

.PHONY: book pdf zip test check serve clean system-deps-book system-deps-test vendor cache-key

# The HTML, then the two PDFs printed from it (the site serves them at pdf/), then the offline copy
# of the whole site, PDFs included.
# A failed build leaves Sphinx's saved environment behind, and the next run would
# skip the unchanged pages and with them their warnings: forget it on failure.
book: system-deps-book $(VENV)/.book-installed vendor cache-key
	$(BIN)/python tools/jb_build.py . $(JB_FLAGS) || { rm -rf _build/.doctrees; exit 1; }
	$(BIN)/python tools/make_pdf.py
	$(BIN)/python tools/zip_book.py
	@echo "Open _build/html/index.html, or run: make serve; PDFs: _build/pdf/; offline copy: _build/backprop-book-html.zip"

# The two PDFs again, from the HTML built last (make book writes them too; builds the book if there is none).
pdf: system-deps-book $(VENV)/.book-installed
	@test -f _build/html/index.html || $(MAKE) --no-print-directory book
	$(BIN)/python tools/make_pdf.py

# The offline copy alone, from the book built last (make book writes it too).
zip:
	$(BIN)/python tools/zip_book.py

# `make test` executes every notebook from scratch once (no cache), then runs all tests:
# the package's (code/tests) and the book's (tests/, on the built HTML and the sources).
# -m "" replaces pytest.ini's default marker filter (fast tests only): every test runs.
test: system-deps-test $(VENV)/.test-installed vendor
	rm -rf $(CACHE) _build/html _build/.doctrees _build/jupyter_execute _build/pdf
	$(BIN)/python tools/jb_build.py . $(JB_FLAGS) || { rm -rf _build/.doctrees; exit 1; }
	$(BIN)/python tools/make_pdf.py
	$(BIN)/python tools/zip_book.py
	$(MAKE) --no-print-directory cache-key
	$(BIN)/python -m pytest -m "" code/tests tests

# `make check`: the fast tests, for quick feedback while editing (about a minute on two cores):
# the package's tests and the book's source-level tests. No build, no browser, no JupyterLab,
# nothing slow: pytest.ini's default marker filter. Installs the venv first if needed.
check: system-deps-book $(VENV)/.test-installed vendor
	$(BIN)/python -m pytest code/tests tests

serve: book
	cd _build/html && $(CURDIR)/$(BIN)/python -m http.server 8000 --bind 127.0.0.1

$(VENV)/.book-installed: requirements.txt code/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-dev.txt $(VENV)/.book-installed
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

system-deps-book:
	@tools/system_deps.sh $(BOOK_PACKAGES)

system-deps-test:
	@tools/system_deps.sh $(TEST_PACKAGES)

vendor:
	@$(PYTHON) tools/vendor_assets.py

# jupyter-cache hashes only a notebook's code cells, so a change to the package
# would reuse stale outputs: key the cache on the package and the pinned versions.
cache-key:
	@key=$$(find code/backprop -type f \( -name "*.py" -o -name "*.js" -o -name "*.npz" \) | LC_ALL=C sort | xargs cat requirements.txt | sha256sum | cut -c1-16); \
	if [ -d $(CACHE) ] && [ "$$(cat $(CACHE)/.package-key 2>/dev/null)" != "$$key" ]; then \
	  echo "cache-key: package changed, clearing $(CACHE)"; rm -rf $(CACHE) _build/.doctrees; fi; \
	mkdir -p $(CACHE) && echo "$$key" > $(CACHE)/.package-key

clean:
	rm -rf _build _vendor
