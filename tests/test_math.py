"""Formulas typeset when the book is built (_ext/mathml.py): MathML in the HTML, no typesetting script.

What a reader relies on is checked on the built pages: no raw TeX and no MathJax, every formula
with its TeX, equation numbers and the links to them, a font that has every character, and in
Chromium: formulas shown before their font arrives, the TeX on the clipboard when a passage is
copied, the text colour in dark mode, and a math role for screen readers.
"""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from browser import serve, wait_for_math
from conftest import HTML, html_pages

pytestmark = pytest.mark.book

TEX_LEFT_OVER = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\frac|\\begin\{|\\mathbf|\\partial|\\sigma")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def rel(path):
    return path.relative_to(HTML).as_posix()


def test_no_page_loads_a_typesetting_script(built_html):
    offenders = []
    for path in html_pages():
        for script in soup(path).find_all("script"):
            text = (script.get("src") or "") + (script.string or "")
            if re.search(r"mathjax|katex", text, re.I):
                offenders.append(f"{rel(path)}: {text[:80]}")
    assert not offenders, "\n".join(offenders)
    assert not (HTML / "_static" / "mathjax").exists()


def test_no_raw_tex_is_left_in_any_page(built_html):
    """Outside the TeX annotations of <math> and outside code, no page shows TeX."""
    offenders = []
    for path in html_pages():
        page = soup(path)
        for hidden in page.find_all(["annotation", "script", "pre", "code", "style"]):
            hidden.decompose()
        for match in TEX_LEFT_OVER.finditer(page.get_text()):
            offenders.append(f"{rel(path)}: …{page.get_text()[max(0, match.start() - 40):match.end() + 40]}…")
    assert not offenders, "\n".join(offenders[:20])


def test_every_formula_carries_its_tex(built_html):
    total = 0
    for path in html_pages():
        for math in soup(path).find_all("math"):
            notes = math.find_all("annotation", attrs={"encoding": "application/x-tex"})
            assert len(notes) == 1 and notes[0].get_text().strip(), f"{rel(path)}: {str(math)[:120]}"
            assert not math.find("merror"), f"{rel(path)}: {notes[0].get_text()}"
            total += 1
    assert total > 3000  # the book has about 4,000 formulas; a lost pass would leave far fewer


def test_chapters_with_formulas_in_their_source_show_them(built_html):
    for source in sorted((HTML.parent.parent / "chapters").glob("*/*.md")):
        if "$" in source.read_text(encoding="utf-8"):
            page = HTML / "chapters" / source.parent.name / f"{source.stem}.html"
            assert soup(page).find("math"), f"{rel(page)} shows no formula"


def test_equation_numbers_and_every_link_to_an_equation(built_html):
    numbered = 0
    for path in html_pages():
        page = soup(path)
        for div in page.select("div.math[id^=equation-]"):
            assert div.select_one("span.eqno"), f"{rel(path)}#{div['id']} has no number"
            assert div.find("math", attrs={"display": "block"}), f"{rel(path)}#{div['id']} has no formula"
            numbered += 1
        for link in page.find_all("a", href=re.compile(r"#equation-")):
            target, anchor = link["href"].split("#")
            target_path = (path.parent / target) if target else path
            assert target_path.exists(), f"{rel(path)}: {link['href']}"
            found = soup(target_path).find(id=anchor)
            assert found is not None and found.find("math"), f"{rel(path)}: {link['href']} leads to no formula"
    assert numbered >= 10


def test_the_math_font_has_every_character_the_formulas_show(built_html):
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(HTML / "_static" / "bp" / "math.woff2")).getBestCmap()
    assert "MATH" in TTFont(str(HTML / "_static" / "bp" / "math.woff2"))
    missing = {}
    for path in html_pages():
        for math in soup(path).find_all("math"):
            for note in math.find_all("annotation"):
                note.decompose()
            for text in math.find_all(["mtext"]):  # words in formulas are shown in the page's font
                text.decompose()
            for ch in math.get_text():
                if not ch.isspace() and ord(ch) not in cmap and ord(ch) != 0x2061:  # function application
                    missing.setdefault(ch, rel(path))
    assert not missing, {f"U+{ord(ch):04X}": page for ch, page in missing.items()}


@pytest.fixture(scope="module")
def site(built_html):
    with serve(built_html) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_formulas_show_before_their_font_has_arrived(page, site):
    """font-display: swap: with the font held back, the formulas are already laid out in a fallback."""
    held = []
    page.route("**/math.woff2", lambda route: held.append(route))
    page.goto(f"{site}/chapters/en/04-chain-rule.html", wait_until="domcontentloaded")
    page.wait_for_function("document.querySelectorAll('article math').length > 10")
    page.wait_for_timeout(300)
    sizes = page.evaluate("[...document.querySelectorAll('article math')].filter(m => m.checkVisibility())"
                          ".slice(0, 20).map(m => m.getBoundingClientRect().width)")
    assert held and sizes and min(sizes) > 0
    for route in held:
        route.continue_()
    wait_for_math(page)


# Select the element `selector` names and copy it as a reader would (Ctrl+C fires this event);
# returns the clipboard's text and HTML, and the TeX of the element's first formula.
COPY = """(selector) => {
    const element = document.querySelector(selector);
    const range = document.createRange();
    range.selectNode(element);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    const data = new DataTransfer();
    element.dispatchEvent(new ClipboardEvent('copy', {clipboardData: data, bubbles: true, cancelable: true}));
    return {text: data.getData('text/plain').trim(), html: data.getData('text/html'),
            tex: element.querySelector('annotation').textContent};
}"""


@pytest.mark.browser
def test_copying_a_passage_copies_its_formulas_as_tex(page, site):
    page.goto(f"{site}/chapters/en/04-chain-rule.html", wait_until="load")
    passage = page.evaluate(COPY, "article p:has(math)")
    assert f"${passage['tex']}$" in passage["text"]
    assert "<math" in passage["html"]
    numbered = page.evaluate(COPY, "article div.math[id^=equation-]")
    assert numbered["text"] == f"$${numbered['tex']}$$"  # the formula, without its number and link sign


@pytest.mark.browser
def test_formulas_take_the_text_colour_in_dark_mode(browser, site):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{site}/chapters/zh/05-worked-example.html", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        colours = page.evaluate("""() => [...document.querySelectorAll('article p math')].slice(0, 30)
            .map(m => [getComputedStyle(m).color, getComputedStyle(m.closest('p')).color])""")
        assert colours and all(mine == text for mine, text in colours), colours[:3]
    finally:
        context.close()


@pytest.mark.browser
def test_formulas_are_math_for_screen_readers(page, site):
    """Chromium hands MathML to assistive technology as math (roles MathMLMath, MathMLFraction, ...),
    which screen readers read as formulas; the first formulas a reader meets must be there."""
    page.goto(f"{site}/chapters/en/01-neuron.html", wait_until="load")
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    math_nodes = {node["backendDOMNodeId"] for node in nodes
                  if node.get("role", {}).get("value") == "MathMLMath" and not node.get("ignored")}
    roles = {node.get("role", {}).get("value") for node in nodes}
    assert {"MathMLIdentifier", "MathMLOperator", "MathMLFraction"} <= roles
    document = session.send("DOM.getDocument", {"depth": -1})
    found = session.send("DOM.querySelectorAll", {"nodeId": document["root"]["nodeId"], "selector": "article math"})
    first = [session.send("DOM.describeNode", {"nodeId": node})["node"]["backendNodeId"]
             for node in found["nodeIds"][:20]]
    assert len(first) == 20 and all(node in math_nodes for node in first)
