"""The Chinese and English page of a chapter run the same code.

Only comments, the page's ``LANG = "..."`` value and prose may differ; equation
labels and the number of figures must match.
"""
import io
import re
import tokenize

import jupytext
import pytest
from bs4 import BeautifulSoup

from conftest import CHAPTERS, HTML, chapter_pairs

PAIRS = chapter_pairs()
IDS = [zh.name for zh, _ in PAIRS]


def code_cells(path):
    nb = jupytext.read(path)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def normalise(source):
    """Drop comments and trailing blanks; neutralise the LANG value."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(source + "\n").readline):
        if tok.type == tokenize.COMMENT:
            continue
        out.append((tok.type, tok.string))
    text = tokenize.untokenize(out)
    text = re.sub(r"""LANG\s*=\s*["'](zh|en)["']""", 'LANG = "<lang>"', text)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def test_chapter_folders_hold_the_same_files():
    zh = sorted(p.name for p in (CHAPTERS / "zh").glob("*.md"))
    en = sorted(p.name for p in (CHAPTERS / "en").glob("*.md"))
    assert zh == en and zh


@pytest.mark.parametrize("zh, en", PAIRS, ids=IDS)
def test_code_cells_are_identical(zh, en):
    zh_cells, en_cells = code_cells(zh), code_cells(en)
    assert len(zh_cells) == len(en_cells), "different number of code cells"
    for i, (a, b) in enumerate(zip(zh_cells, en_cells)):
        assert normalise(a) == normalise(b), f"code cell {i} differs:\n--- zh\n{a}\n--- en\n{b}"


def cell_tags(path):
    return [sorted(c.metadata.get("tags", [])) for c in jupytext.read(path).cells if c.cell_type == "code"]


@pytest.mark.parametrize("zh, en", PAIRS, ids=IDS)
def test_code_cells_carry_the_same_tags(zh, en):
    """A claim check hidden on one page (remove-cell) is hidden on the other; raises-exception alike."""
    for i, (a, b) in enumerate(zip(cell_tags(zh), cell_tags(en))):
        assert a == b, f"code cell {i}: tags {a} in Chinese, {b} in English"


@pytest.mark.parametrize("zh, en", PAIRS, ids=IDS)
def test_lang_is_set_once_and_correctly(zh, en):
    for path, lang in ((zh, "zh"), (en, "en")):
        if not code_cells(path):
            continue  # a page without code (the preface) has no figures to label
        sets = re.findall(r"""^LANG\s*=\s*["'](\w+)["']""", "\n".join(code_cells(path)), re.M)
        assert sets == [lang], f"{path.name}: LANG must be set once to {lang!r}; found {sets}"


def labels(path, lang):
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^\$\$ \((\S+)\)\s*$", text, re.M) + re.findall(r"^\((\S+)\)=\s*$", text, re.M)
    found += re.findall(r"^:label: (\S+)\s*$", text, re.M)
    suffix = f"-{lang}"
    bad = [f for f in found if not f.endswith(suffix)]
    assert not bad, f"{path.name}: labels must end in {suffix} (Sphinx labels are global): {bad}"
    return [f[: -len(suffix)] for f in found]


@pytest.mark.parametrize("zh, en", PAIRS, ids=IDS)
def test_same_equation_and_target_labels(zh, en):
    assert labels(zh, "zh") == labels(en, "en")


def figure_count(html_file):
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    return len(soup.select("div.cell_output img")) + len(soup.select("figure img"))


@pytest.mark.book
@pytest.mark.parametrize("zh, en", PAIRS, ids=IDS)
def test_same_number_of_figures(zh, en, built_html):
    page = lambda p: HTML / "chapters" / p.parent.name / (p.stem + ".html")  # noqa: E731
    n_zh, n_en = figure_count(page(zh)), figure_count(page(en))
    assert n_zh == n_en, f"{zh.name}: {n_zh} figures in Chinese, {n_en} in English"
    if code_cells(zh):
        assert n_zh > 0, f"{zh.name} has no figure"
