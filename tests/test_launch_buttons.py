"""Each chapter's Binder button opens that chapter, at the repository named in _config.yml."""
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import HTML, ROOT, chapter_pairs
from test_mirrors import code_cells

pytestmark = pytest.mark.book


def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_binder_button_opens_the_same_chapter(built_html):
    cfg = config()
    repo = urlparse(cfg["repository"]["url"]).path.strip("/")
    binder = cfg["launch_buttons"]["binderhub_url"].rstrip("/")
    for pair in chapter_pairs():
        for src in pair:
            if not code_cells(src):
                continue  # a page without code (the preface) is not a notebook: no launch button
            page = HTML / "chapters" / src.parent.name / (src.stem + ".html")
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            links = [a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith(binder)]
            assert links, f"{page.name}: no Binder launch link"
            url = urlparse(links[0])
            assert url.path == f"/v2/gh/{repo}/{cfg['repository']['branch']}"
            assert parse_qs(url.query)["urlpath"] == [f"lab/tree/chapters/{src.parent.name}/{src.name}"]
