"""Shared fixtures for the book-level tests (they read the sources and the built HTML)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


def html_pages():
    return sorted(p for p in HTML.rglob("*.html")
                  if not any(part.startswith((".", "_")) for part in p.relative_to(HTML).parts))
