"""Shared fixtures for the book-level tests (they read the sources and the built HTML)."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
from builtpages import html_pages as built_pages  # noqa: E402
HTML = ROOT / "_build" / "html"
CHAPTERS = ROOT / "chapters"


def chapter_pairs():
    """(zh_path, en_path) for every chapter file name found in either language."""
    names = sorted({p.name for p in CHAPTERS.glob("*/*.md")})
    return [(CHAPTERS / "zh" / n, CHAPTERS / "en" / n) for n in names]


@pytest.fixture(scope="session")
def built_html():
    if not (HTML / "index.html").exists():
        pytest.fail("no built book in _build/html: run `make book` (make test does) first")
    return HTML


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (tests/browser.py: chromium)."""
    pytest.importorskip("playwright.sync_api")
    from browser import chromium

    with chromium() as chromium_browser:
        yield chromium_browser


def html_pages():
    """The built book's pages (_ext/builtpages.py)."""
    return built_pages(HTML)


# A test that uses one of these fixtures must carry the marker, so that a bare `pytest`
# (which deselects the markers, see pytest.ini) never runs it on a fresh clone.
NEEDS_MARKER = {"built_html": "book", "page": "browser", "lab_page": "browser", "lab": "jupyter"}


def pytest_collection_modifyitems(config, items):
    def fixtures(item):  # fixtures only, not the arguments of @pytest.mark.parametrize
        params = item.callspec.params if hasattr(item, "callspec") else {}
        return [name for name in getattr(item, "fixturenames", ()) if name not in params]

    unmarked = [f"{item.nodeid} uses the fixture {fixture} but is not marked {marker}"
                for item in items for fixture in fixtures(item) if fixture in NEEDS_MARKER
                for marker in [NEEDS_MARKER[fixture]] if not item.get_closest_marker(marker)]
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))


def _default_markexpr(config):
    """The -m expression of pytest.ini's addopts."""
    args = config.getini("addopts")
    return args[args.index("-m") + 1] if "-m" in args else None


def pytest_terminal_summary(terminalreporter, config):
    if config.option.markexpr and config.option.markexpr == _default_markexpr(config):
        terminalreporter.write_line("fast tests only (no built book, browser, JupyterLab or slow tests); "
                                    "`make test` runs everything (builds the book first)", yellow=True)
