"""The built book in a real browser: every page, with every non-local host blocked."""
from __future__ import annotations

import re

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, PageWatch, serve, wait_for_math
from conftest import HTML, chapter_pairs, html_pages

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.book  # and every test that opens a page: browser


@pytest.fixture(scope="module")
def site(built_html):
    with serve(built_html) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def rel(path):
    return path.relative_to(HTML).as_posix()


PAGES = [rel(p) for p in html_pages()] if HTML.exists() else []


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_math_is_typeset(page, site, path):
    watch = PageWatch(page, site)
    page.goto(f"{site}/{path}", wait_until="load")
    wait_for_math(page)
    page.wait_for_timeout(200)
    assert not watch.problems(), "\n".join(watch.problems())
    article = page.locator("article").first
    if article.count():
        text = article.inner_text()
        assert "$$" not in text and "\\[" not in text and "\\begin{" not in text, "raw LaTeX left on the page"
        assert page.locator("article merror").count() == 0, "a formula failed to parse"


@pytest.mark.browser
def test_chapter_math_is_laid_out_as_mathml_in_the_math_font(page, site):
    page.goto(f"{site}/chapters/zh/01-neuron.html", wait_until="load")
    wait_for_math(page)
    assert page.locator("article math[display='block']").count() >= 3
    # every formula a reader can see (hidden cells aside) is laid out with a size
    sizes = page.evaluate("[...document.querySelectorAll('article math')].filter(m => m.checkVisibility())"
                          ".map(m => m.getBoundingClientRect()).map(r => [r.width, r.height])")
    assert len(sizes) >= 10 and all(w > 0 and h > 0 for w, h in sizes), "a formula is laid out with no size"
    status = page.evaluate("[...document.fonts].filter(f => f.family.includes('BP Latin Modern Math')).map(f => f.status)")
    assert status == ["loaded"], f"math font: {status}"
    assert "BP Latin Modern Math" in page.evaluate("getComputedStyle(document.querySelector('article math')).fontFamily")


@pytest.mark.browser
@pytest.mark.parametrize("zh, en", chapter_pairs(), ids=[z.name for z, _ in chapter_pairs()])
def test_language_link_leads_to_the_mirror(page, site, zh, en):
    for src, dst in ((zh, en), (en, zh)):
        page.goto(f"{site}/chapters/{src.parent.name}/{src.stem}.html", wait_until="load")
        page.locator("a.langswitch-link").click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/chapters/{dst.parent.name}/{dst.stem}.html")


def search_results(page, site, query):
    page.goto(f"{site}/search.html?q={query}", wait_until="load")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results'); return s && s.querySelector('p, ul li'); }",
        timeout=15000,
    )
    page.wait_for_timeout(500)
    return [a.get_attribute("href") for a in page.locator("#search-results ul li a").all()]


@pytest.mark.browser
def test_search_finds_chinese_chapters(page, site):
    hrefs = search_results(page, site, "反向传播")
    assert any("chapters/zh/" in h for h in hrefs), hrefs


@pytest.mark.browser
def test_search_finds_english_chapters(page, site):
    hrefs = search_results(page, site, "backpropagation")
    assert any("chapters/en/" in h for h in hrefs), hrefs


@pytest.mark.browser
def test_chinese_page_shows_chinese_in_figures_and_text(page, site):
    page.goto(f"{site}/chapters/zh/01-neuron.html", wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert re.search(r"[\u4e00-\u9fff]", page.locator("article").inner_text())
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK SC" in family


@pytest.mark.browser
def test_theme_labels_follow_the_page_language(page, site):
    page.goto(f"{site}/chapters/zh/01-neuron.html", wait_until="load")
    footer = page.locator(".prev-next-area").inner_text()
    assert "上一" in footer or "下一" in footer, footer
    assert page.locator("button.search-button__button").first.get_attribute("aria-label") == "搜索"
    page.goto(f"{site}/chapters/en/01-neuron.html", wait_until="load")
    footer = page.locator(".prev-next-area").inner_text()
    assert "previous" in footer.lower() or "next" in footer.lower(), footer
    assert page.locator("button.search-button__button").first.get_attribute("aria-label") == "Search"


# The live explorers (static/explorers/*.js) are tested on the built pages by tests/test_explorers.py.
