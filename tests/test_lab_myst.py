"""tools/lab_myst.py: the chapters as Binder's JupyterLab receives them.

These tests read the rewritten sources; tests/test_binder_lab.py then opens every
rewritten chapter in JupyterLab and checks what a reader sees.
"""
import importlib.util
import re
import shutil

import jupytext
import pytest

from conftest import CHAPTERS, ROOT

spec = importlib.util.spec_from_file_location("lab_myst", ROOT / "tools" / "lab_myst.py")
lab_myst = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lab_myst)


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory):
    copy = tmp_path_factory.mktemp("lab") / "chapters"
    shutil.copytree(CHAPTERS, copy)
    assert lab_myst.main([str(copy)]) == 0
    return copy


def pages(folder):
    return sorted(folder.glob("*/*.md"))


def test_no_sphinx_only_role_is_left(rewritten):
    for page in pages(rewritten):
        text = page.read_text(encoding="utf-8")
        for role in ("{glue:", "{cite:", "{glue:figure}"):
            assert role not in text, f"{page.name}: {role} left for JupyterLab"


def test_every_glued_number_becomes_an_eval_of_the_same_name_and_format(rewritten):
    for page in pages(rewritten):
        original = (CHAPTERS / page.parent.name / page.name).read_text(encoding="utf-8")
        before = lab_myst.GLUE_TEXT.findall(original)
        after = re.findall(r'\{eval\}`glued\("([^"]+)", "([^"]*)"\)`', page.read_text(encoding="utf-8"))
        assert after == [(name, fmt) for name, fmt in before], page.name


def test_links_within_a_page_stay_and_links_to_other_pages_become_text(rewritten):
    for page in pages(rewritten):
        text = page.read_text(encoding="utf-8")
        own = set(re.findall(r"^\(([\w-]+)\)=", text, re.M)) | set(lab_myst.EQUATION.findall(text))
        for label in re.findall(r"\{(?:ref|eq)\}`(?:[^`<]*<)?([^`>]+)>?`", text):
            assert label in own, f"{page.name}: a link to {label!r} on another page is left"


def test_citations_read_author_and_year():
    cites = lab_myst.short_citations(ROOT / "references.bib")
    assert cites["mazur2015"] == "Mazur 2015"
    assert cites["glorot2010"] == "Glorot & Bengio 2010"
    assert cites["he2015"] == "He et al. 2015"
    assert {cites["rumelhart1986"], cites["rumelhart1986pdp"]} == {"Rumelhart et al. 1986a", "Rumelhart et al. 1986b"}
    used = {k.strip() for p in CHAPTERS.glob("*/*.md")
            for keys in re.findall(r"\{cite:p\}`([^`]+)`", p.read_text(encoding="utf-8")) for k in keys.split(",")}
    assert used <= set(cites), used - set(cites)


def test_solution_checks_start_collapsed_and_the_code_is_unchanged(rewritten):
    for page in pages(rewritten):
        original = jupytext.read(CHAPTERS / page.parent.name / page.name)
        nb = jupytext.read(page)
        code = [c.source.replace(lab_myst.GLUED_IMPORT, "from backprop.book.glue import glue")
                for c in nb.cells if c.cell_type == "code"]
        assert code == [c.source for c in original.cells if c.cell_type == "code"]
        md = [c.source for c in nb.cells]
        exercises = next((i for i, src in enumerate(md) if re.search(r"^## (Exercises|习题)", src, re.M)), None)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
                assert hidden == (exercises is not None and i > exercises), f"{page.name}: code cell {i}"


def test_rewriting_twice_changes_nothing_more(rewritten, tmp_path):
    again = tmp_path / "chapters"
    shutil.copytree(rewritten, again)
    lab_myst.main([str(again)])
    for page in pages(rewritten):
        assert (again / page.parent.name / page.name).read_text(encoding="utf-8") == page.read_text(encoding="utf-8")
