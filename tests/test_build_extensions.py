"""The build's page rewriters on small inputs, without a build: _ext/mathml.py (with tools/mathml.js
and the pinned KaTeX), _ext/slim.py and the pages they rewrite (_ext/builtpages.py)."""
from __future__ import annotations

import shutil
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import builtpages  # noqa: E402
import mathml  # noqa: E402
import slim  # noqa: E402

needs_katex = pytest.mark.skipif(shutil.which("node") is None or not mathml.KATEX.exists(),
                                 reason="Node.js and the vendored KaTeX (make vendor) are needed")

PAGE = """<p>Inline <span class="math notranslate nohighlight">\\(a &lt; b\\)</span> and
<span class="math notranslate nohighlight">\\(\\mathbf{W}\\)</span>.</p>
<div class="math notranslate nohighlight" id="equation-x">
<span class="eqno">(1)<a class="headerlink" href="#equation-x" title="Link to this equation">#</a></span>\\[
\\frac{1}{2}
\\]</div>
<div class="output text_latex math notranslate nohighlight">
\\[\\displaystyle x^{2}\\]
</div>"""


def test_the_pages_of_a_build_leave_out_static_and_hidden_folders(tmp_path):
    for name in ("index.html", "chapters/en/01-neuron.html", "_static/webpack-macros.html",
                 "_sources/index.html", ".doctrees/x.html", "chapters/en/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert builtpages.html_pages(tmp_path) == [tmp_path / "chapters/en/01-neuron.html", tmp_path / "index.html"]


def test_tex_of_unescapes_and_drops_the_delimiters():
    assert mathml.tex_of("\\(a &lt; b\\)") == "a < b"
    assert mathml.tex_of("\n\\[\n\\frac{1}{2}\n\\]") == "\\frac{1}{2}"
    assert mathml.tex_of("\\begin{aligned}x\\end{aligned}") == "\\begin{aligned}x\\end{aligned}"


def test_a_page_gives_its_formulas_in_order_and_keeps_numbers_and_ids(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    page = mathml.Page(path)
    assert page.items == [("\\frac{1}{2}", True), ("\\displaystyle x^{2}", True), ("a < b", False), ("\\mathbf{W}", False)]
    page.rewrite(["<math>D1</math>", "<math>D2</math>", "<math>I1</math>", "<math>I2</math>"])
    text = path.read_text(encoding="utf-8")
    assert '<div class="math notranslate" id="equation-x"><span class="eqno">(1)<a class="headerlink"' in text
    assert "#</a></span><math>D1</math></div>" in text
    assert '<div class="output text_latex math notranslate"><math>D2</math></div>' in text
    assert "Inline <math>I1</math> and\n<math>I2</math>." in text
    assert mathml.Page(path).items == []  # a converted page is left alone next time


@needs_katex
def test_katex_writes_plain_mathml_with_styled_letters_as_unicode():
    (w, error), = mathml.typeset([("\\mathbf{W}\\mathcal{L}\\mathbb{R}\\bar{y}", False)])
    assert error is None
    assert w.startswith("<math><semantics>") and "xmlns" not in w and "katex" not in w
    assert "<mi>\U0001D416</mi>" in w  # bold W
    assert "<mi>\u2112</mi>" in w  # script L, a letter encoded before the math alphabets
    assert "<mi>\u211D</mi>" in w  # double-struck R
    assert "<mo>\u00AF</mo>" in w and "\u02C9" not in w  # the bar accent, as math fonts have it
    assert "mathvariant=\"bold\"" not in w
    assert '<annotation encoding="application/x-tex">\\mathbf{W}\\mathcal{L}\\mathbb{R}\\bar{y}</annotation>' in w
    (bars, _), = mathml.typeset([("\\lVert W \\rVert_2 \\lvert x \\rvert \\mid y", False)])
    assert bars.count('<mo stretchy="false" lspace="0em" rspace="0em">\u2225</mo>') == 2  # no space inside
    assert bars.count('<mo stretchy="false" lspace="0em" rspace="0em">\u2223</mo>') == 2
    assert "<mo>\u2223</mo>" in bars  # \mid stays a relation, spaced
    (block, _), = mathml.typeset([("x", True)])
    assert block.startswith('<math display="block">')


@needs_katex
def test_a_formula_katex_cannot_read_is_an_error_not_raw_tex():
    (result, error), = mathml.typeset([("\\frac{1}{", False)])
    assert result is None and "KaTeX parse error" in error


CSS = """html[data-theme="light"] .highlight { background: #fefefe; color: #080808 }
html[data-theme="light"] .highlight .n { color: #080808 } /* Name */
html[data-theme="light"] .highlight .p { color: #080808 } /* Punctuation */
html[data-theme="light"] .highlight .k { color: #6730C5 } /* Keyword */
html[data-theme="light"] .highlight .ge { font-style: italic } /* Generic.Emph */
html[data-theme="dark"] .highlight { background: #2b2b2b; color: #F8F8F2 }
html[data-theme="dark"] .highlight .n { color: #F8F8F2 } /* Name */
html[data-theme="dark"] .highlight .p { color: #ffffff } /* Punctuation: not the text colour here */
html[data-theme="dark"] .highlight .k { color: #DCC6E0 } /* Keyword */
"""


def test_only_classes_with_the_text_colour_in_every_theme_are_unwrapped():
    assert slim.plain_token_classes(CSS) == {"n"}
    code = '<span class="n">x</span><span class="p">=</span><span class="k">def</span><span class="nn">m</span>'
    assert slim.unwrap_tokens(code, {"n"}) == 'x<span class="p">=</span><span class="k">def</span><span class="nn">m</span>'
    assert slim.unwrap_tokens(code, set()) == code


def test_theme_script_and_search_scripts_leave_every_page_but_search(tmp_path):
    head = ('<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\n'
            '<script src="../_static/searchtools.js"></script>\n'
            '<script src="../_static/language_data.js"></script>\n'
            '<script src="../searchindex.js"></script>\n<p>body</p>')
    chapter, search = tmp_path / "chapter.html", tmp_path / "search.html"
    chapter.write_text(head, encoding="utf-8")
    search.write_text(head, encoding="utf-8")
    slim.slim_page(chapter, set(), search_page=False)
    slim.slim_page(search, set(), search_page=True)
    assert chapter.read_text(encoding="utf-8") == "\n<p>body</p>"
    kept = search.read_text(encoding="utf-8")
    assert "fontawesome" not in kept and "searchindex.js" in kept and "searchtools.js" in kept
