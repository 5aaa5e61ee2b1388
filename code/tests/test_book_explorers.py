"""book.explorers: the block a page shows, the served scripts, the standalone page."""
import html
import json
import re

import pytest

from backprop.book.explorers import (ExplorerBlock, explorer_block, known_names, minify, names_in, script,
                                     script_names, standalone_page)


@pytest.fixture
def name():
    names = known_names()
    if not names:
        pytest.skip("no explorer shipped yet")
    return names[0]


def test_block_carries_name_language_labels_and_config(name):
    block = explorer_block(name, "zh", {"title": "损失 <ℒ> & \"η\""}, {"lr": 0.5, "sizes": [2, 4, 1]})
    assert isinstance(block, ExplorerBlock)
    assert names_in(block.html) == [name]
    text = re.search(r'data-text="([^"]*)"', block.html).group(1)
    config = re.search(r'data-config="([^"]*)"', block.html).group(1)
    assert json.loads(html.unescape(text)) == {"title": "损失 <ℒ> & \"η\""}
    assert json.loads(html.unescape(config)) == {"lr": 0.5, "sizes": [2, 4, 1]}
    assert 'data-lang="zh"' in block.html and "浏览器" in block.html   # the fallback, in Chinese
    assert "HTML version" in explorer_block(name, "en", {}).html


@pytest.mark.parametrize("bad, field", [(dict(name="XOR"), "name"), (dict(name="no-such"), "name"),
                                        (dict(lang="fr"), "lang"), (dict(text={"a": 1}), "text"),
                                        (dict(config=[1]), "config")])
def test_bad_arguments_are_refused_by_name(name, bad, field):
    args = dict(name=name, lang="en", text={}, config=None) | bad
    with pytest.raises(ValueError, match=field):
        explorer_block(**args)


def test_non_finite_config_is_refused(name):
    with pytest.raises(ValueError):
        explorer_block(name, "en", {}, {"lr": float("nan")})


def test_minify_drops_only_comment_lines_and_indentation():
    source = "// a comment\n  const a = 1;  // kept\n\n    const s = 'http://x';\n"
    assert minify(source) == "const a = 1;  // kept\nconst s = 'http://x';\n"


def test_scripts_a_page_loads(name):
    assert script_names([name]) == ["engine.js", "ui.js", f"explorers/{name}.js"]
    for relative in script_names([name]):
        assert script(relative).strip()
    with pytest.raises(ValueError, match="relative"):
        script("../mlp.py")


def test_names_in_lists_each_explorer_once_in_order():
    page = '<div data-bp-explorer="b"></div><div data-bp-explorer="a"></div><div data-bp-explorer="b"></div>'
    assert names_in(page) == ["b", "a"]


def test_standalone_page_inlines_every_script(name):
    page = standalone_page(explorer_block(name, "en", {}))
    assert page.count("<script>") == 3 and "src=" not in page
    assert 'lang="en"' in page
