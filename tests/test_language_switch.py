"""Every chapter page links to its twin in the other language (one extension does it)."""
import pytest
from bs4 import BeautifulSoup

from conftest import HTML, chapter_pairs

pytestmark = pytest.mark.book


def test_each_chapter_links_to_its_mirror(built_html):
    for zh, en in chapter_pairs():
        for src, dst, lang in ((zh, en, "zh-CN"), (en, zh, "en")):
            page = HTML / "chapters" / src.parent.name / (src.stem + ".html")
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert soup.html.get("lang") == lang, page
            links = soup.select("p.langswitch a.langswitch-link")
            assert len(links) == 1, f"{page}: expected one language link"
            target = (page.parent / links[0]["href"]).resolve()
            assert target == (HTML / "chapters" / dst.parent.name / (dst.stem + ".html")).resolve()
            assert target.exists()


def test_root_page_offers_both_languages(built_html):
    soup = BeautifulSoup((HTML / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.select("article a[href]")}
    assert any("chapters/zh/" in h for h in hrefs) and any("chapters/en/" in h for h in hrefs)


def part_of(path):
    """'zh' or 'en' for a chapter page, 'appendix' for any other page of the book."""
    parts = path.relative_to(HTML.resolve()).parts
    return parts[1] if len(parts) > 2 and parts[0] == "chapters" else "appendix"


def sidebar_links(page):
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    assert nav is not None, f"{page}: no sidebar"
    return [(page.parent / a["href"].split("#")[0]).resolve() for a in nav.select("a[href]")
            if "://" not in a["href"]]


def test_each_chapter_page_has_a_sidebar_in_its_own_language(built_html):
    """A Chinese page lists the Chinese part and the appendix, an English page the English part and the appendix."""
    for zh, en in chapter_pairs():
        for src, other in ((zh, "en"), (en, "zh")):
            lang = src.parent.name
            page = HTML / "chapters" / lang / (src.stem + ".html")
            links = sidebar_links(page)
            parts = {part_of(p) for p in links}
            assert other not in parts, f"{page}: the sidebar lists {other} pages"
            assert {lang, "appendix"} <= parts, f"{page}: the sidebar lists only {sorted(parts)}"
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for a in soup.select("a.left-prev, a.right-next"):
                assert f"../{other}/" not in a["href"], f"{page}: previous/next leads into the other language"


def test_root_and_appendix_sidebars_list_both_languages(built_html):
    for page in (HTML / "index.html", HTML / "glossary.html"):
        assert {part_of(p) for p in sidebar_links(page)} == {"zh", "en", "appendix"}, page


@pytest.mark.browser
def test_sidebar_and_search_in_a_browser(built_html):
    """What a reader sees: the sidebar of a page in each language, and the language tags on search results."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, CHROMIUM_ARGS, PageWatch, serve

    with serve(built_html) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            watch = PageWatch(page, base)
            for lang, other in (("zh", "en"), ("en", "zh")):
                page.goto(f"{base}/chapters/{lang}/01-neuron.html")
                hrefs = page.eval_on_selector_all("nav.bd-docs-nav a[href]", "as => as.map(a => a.href)")
                assert any(f"/chapters/{lang}/" in h for h in hrefs)
                assert not any(f"/chapters/{other}/" in h for h in hrefs), f"{lang} sidebar shows {other} pages"
                assert page.locator("nav.bd-docs-nav").is_visible()
            # "sigmoid" is on pages of both languages: every result says which language it is in
            page.goto(f"{base}/search.html?q=sigmoid")
            page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 2", timeout=20000)
            page.wait_for_timeout(300)
            tags = page.eval_on_selector_all("#search-results li", "lis => lis.map(li => "
                                             "(li.querySelector('.langtag') || {}).textContent || null)")
            assert tags and all(tags), f"search results without a language tag: {tags}"
            assert {"中文", "English"} <= set(tags), tags
            assert not watch.problems(), watch.problems()
        finally:
            browser.close()
