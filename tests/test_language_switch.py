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
