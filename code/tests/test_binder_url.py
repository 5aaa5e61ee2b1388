"""binder_url builds the chapter's Binder address from _config.yml."""
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from backprop.chapters.ch07_explorer import binder_url

CONFIG = Path(__file__).resolve().parents[2] / "_config.yml"


def test_address_matches_the_config():
    url = urlparse(binder_url(CONFIG, "chapters/en/07-dynamics.md"))
    assert f"{url.scheme}://{url.netloc}" == "https://mybinder.org"
    assert url.path == "/v2/gh/backprop-book/backprop-book/main"
    assert parse_qs(url.query)["urlpath"] == ["lab/tree/chapters/en/07-dynamics.md"]


def test_other_config(tmp_path):
    cfg = tmp_path / "_config.yml"
    cfg.write_text("repository:\n  url: https://github.com/a/b/\n  branch: dev\n"
                   "launch_buttons:\n  binderhub_url: https://hub.example/\n", encoding="utf-8")
    assert binder_url(cfg, "x/y.ipynb") == "https://hub.example/v2/gh/a/b/dev?urlpath=lab/tree/x/y.ipynb"


@pytest.mark.parametrize("chapter", ["/abs/ch.md", "../ch.md", "chapters/en/ch.txt"])
def test_bad_chapter_path(chapter):
    with pytest.raises(ValueError, match="chapter_path"):
        binder_url(CONFIG, chapter)


def test_bad_config(tmp_path):
    with pytest.raises(ValueError, match="config_path"):
        binder_url(tmp_path / "missing.yml", "a.md")
    cfg = tmp_path / "_config.yml"
    cfg.write_text("repository:\n  url: https://gitlab.com/a/b\nlaunch_buttons:\n  binderhub_url: https://x\n")
    with pytest.raises(ValueError, match="github.com"):
        binder_url(cfg, "a.md")
    cfg.write_text("title: no repository\n")
    with pytest.raises(ValueError, match="repository.url"):
        binder_url(cfg, "a.md")
