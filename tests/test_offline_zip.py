"""The offline copy (tools/zip_book.py, written by `make book`): unzipped and opened from file://.

A reader double-clicks ``index.html``; no server. Checked in Chromium: no console error and no
failed load on the pages opened; math typeset; no web font failing; a live explorer draws and
redraws when a control moves; the language link leads to the twin page; search finds pages of
both languages, Chinese and English queries alike.
"""
from __future__ import annotations

import zipfile

import pytest

from browser import wait_for_math
from conftest import ROOT

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.book, pytest.mark.browser]

ZIP = ROOT / "_build" / "backprop-book-html.zip"


@pytest.fixture(scope="module")
def book(built_html, tmp_path_factory):
    assert ZIP.is_file(), "no offline copy: `make book` writes _build/backprop-book-html.zip"
    assert ZIP.stat().st_mtime >= (built_html / "index.html").stat().st_mtime, "the offline copy is older than the build"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(ZIP) as archive:
        names = archive.namelist()
        assert all(n.startswith("backprop-book/") for n in names)
        archive.extractall(target)
    return target / "backprop-book"


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("request", lambda r: r.url.startswith(("http:", "https:")) and problems.append(f"network: {r.url}"))
    page.goto(url, wait_until="load")
    return page, problems


@pytest.mark.parametrize("path", ["index.html", "chapters/zh/04-chain-rule.html", "chapters/en/07-dynamics.html",
                                  "chapters/zh/10-optimizers.html", "chapters/en/90-errata.html", "glossary.html"])
def test_pages_read_from_file(book, browser, path):
    page, problems = open_page(browser, (book / path).as_uri())
    try:
        wait_for_math(page)
        page.wait_for_timeout(300)
        if page.locator("article div.math").count():
            assert page.locator("article math").count() > 0, "math not typeset"
        assert page.evaluate("[...document.fonts].filter(f => f.status === 'error').map(f => f.family)") == []
        for root in page.locator("[data-bp-explorer]").element_handles():
            page.wait_for_function("el => +(el.dataset.renders || 0) >= 1", arg=root, timeout=20000)
            before = int(root.get_attribute("data-renders"))
            slider = root.query_selector("input[type=range]")
            slider.focus()
            page.keyboard.press("End")
            page.wait_for_function("([el, n]) => +el.dataset.renders > n", arg=[root, before], timeout=20000)
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def test_language_link_leads_to_the_twin(book, browser):
    page, problems = open_page(browser, (book / "chapters/zh/03-loss.html").as_uri())
    try:
        page.click("a.langswitch-link")
        page.wait_for_load_state("load")
        assert page.url == (book / "chapters/en/03-loss.html").as_uri()
        assert page.evaluate("document.documentElement.lang") == "en"
        assert not problems, "\n".join(problems)
    finally:
        page.close()


@pytest.mark.parametrize("query, both", [("神经元", False), ("sigmoid", True)])
def test_search_works_from_file(book, browser, query, both):
    page, problems = open_page(browser, (book / "search.html").as_uri() + f"?q={query}")
    try:
        page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0", timeout=20000)
        page.wait_for_timeout(500)
        tags = page.eval_on_selector_all("#search-results li .langtag", "ts => ts.map(t => t.textContent)")
        assert "中文" in tags and (not both or "English" in tags), tags
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def test_the_copy_holds_the_pdfs_and_the_site_serves_the_copy(book, built_html):
    """The PDFs the root page and the prefaces link are in the copy; the archive itself is served
    beside the site's index.html (where those pages link it), and is not inside itself."""
    for lang in ("zh", "en"):
        assert (book / "pdf" / f"backprop-{lang}.pdf").read_bytes() == (built_html / "pdf" / f"backprop-{lang}.pdf").read_bytes()
    assert (built_html / ZIP.name).read_bytes() == ZIP.read_bytes()
    assert not (book / ZIP.name).exists()
