"""Rules every chapter follows (AUTHORING.md): the package does the work, exercises have solutions."""
import re

import pytest

from conftest import CHAPTERS, chapter_pairs
from test_mirrors import code_cells

PAGES = [p for pair in chapter_pairs() for p in pair if code_cells(p)]
IDS = [f"{p.parent.name}/{p.name}" for p in PAGES]

# Things that belong in backprop/, never in a chapter's cells.
FORBIDDEN = [
    (r"^\s*class\s+\w+", "a class definition"),
    (r"^\s*def\s+(sigmoid|tanh|relu|softplus|mse|bce|cross_entropy|loss|forward|backward|backprop|"
     r"train|fit|gradient\w*|\w*_prime|\w*derivative\w*)\s*\(", "an activation, loss or training function"),
    (r"1\s*/\s*\(\s*1\s*\+\s*np\.exp", "a hand-written sigmoid"),
    (r"^\s*[\w.]*(weights|biases|W\d*|b\d*)\b(\[[^\]]*\])*\s*-=", "a hand-written gradient-descent update"),
]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_chapter_imports_the_package_and_defines_no_model_code(page):
    source = "\n".join(code_cells(page))
    assert re.search(r"^\s*(import backprop|from backprop)", source, re.M), "the chapter does not import backprop"
    for pattern, what in FORBIDDEN:
        found = re.search(pattern, source, re.M)
        assert not found, f"{page.name} defines {what}: {found.group(0).strip()!r} (move it into backprop/)"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_chapter_ends_with_exercises_and_hidden_solutions(page):
    text = page.read_text(encoding="utf-8")
    heading = "## 习题" if page.parent.name == "zh" else "## Exercises"
    assert heading in text, f"{page.name}: no '{heading}' section"
    tail = text[text.index(heading):]
    assert re.search(r":class: dropdown", tail), f"{page.name}: solutions are not in a dropdown"
    assert len(re.findall(r"^\d+\.\s", tail, re.M)) >= 3 * 2 - 3, f"{page.name}: fewer than 3 exercises"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_chapter_cites_and_glues(page):
    text = page.read_text(encoding="utf-8")
    assert "{glue:text}" in text or "{glue:figure}" in text, f"{page.name}: no glued number in the prose"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_a_chapter_that_glues_results_checks_its_claims(page):
    """A floor, not a quota: a page whose prose interprets computed results has claim checks."""
    source = "\n".join(code_cells(page))
    if "glue(" in source:
        assert re.search(r"\bclaim\(", source), (
            f"{page.name} glues computed results but has no claim check "
            "(backprop.book.claims.claim; see AUTHORING.md, 'Writing a claim')")


# ----- Chinese paragraphs are one line each ----------------------------------------------
CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_BLOCK_START = re.compile(r"^\s*($|#|[-*+] |\d+\. |\||>|\(.*\)=$|```|:::|\$\$|:\w|<)")
_VERBATIM_FENCE = re.compile(r"\{(code-cell|math|code|code-block)\}|[^{]|$")


def prose_lines(text):
    """For each line of a MyST page, True if it is markdown prose (not front matter, code, math, options)."""
    lines, kinds, fence, in_math = text.split("\n"), [], None, False
    front = lines[:1] == ["---"]
    for i, line in enumerate(lines):
        s = line.strip()
        if front:
            kinds.append(False)
            front = not (i > 0 and s == "---")
        elif fence:
            if s.startswith("```") and not s.strip("`"):
                fence = None
                kinds.append(False)
            else:
                kinds.append(fence == "markdown" and not s.startswith(":"))
        elif in_math:
            kinds.append(False)
            in_math = not (s.startswith("$$") or s.endswith("$$"))
        elif s.startswith("```"):
            fence = "verbatim" if _VERBATIM_FENCE.match(s[3:]) else "markdown"
            kinds.append(False)
        elif s.startswith("$$"):
            kinds.append(False)
            in_math = not (len(s) > 2 and s.count("$$") >= 2)
        else:
            kinds.append(True)
    return lines, kinds


def cjk_breaks(text):
    """Line numbers (1-based) where a paragraph is broken between two CJK characters."""
    lines, prose = prose_lines(text)
    found = []
    for i in range(1, len(lines)):
        if (prose[i] and prose[i - 1] and lines[i - 1].strip() and lines[i].strip()
                and not _BLOCK_START.match(lines[i])
                and re.search(f"[{CJK}]$", lines[i - 1].rstrip()) and re.match(f"[{CJK}]", lines[i].strip())):
            found.append(i + 1)
    return found


ZH_PAGES = sorted((CHAPTERS / "zh").glob("*.md"))


@pytest.mark.parametrize("page", ZH_PAGES, ids=[p.name for p in ZH_PAGES])
def test_no_zh_paragraph_is_broken_between_two_cjk_characters(page):
    """The HTML turns a line break into a space, and a space between two Chinese characters is wrong."""
    found = cjk_breaks(page.read_text(encoding="utf-8"))
    assert not found, f"{page.name}: paragraph broken between two CJK characters at line(s) {found}"


def test_the_cjk_break_detector_itself():
    assert cjk_breaks("第一行的文字\n第二行的文字\n") == [2]
    assert cjk_breaks("中文。\n\n中文\n") == []
    assert cjk_breaks("```{code-cell} ipython3\n# 中文\n# 中文\n```\n") == []
    assert cjk_breaks("```{admonition} 参考答案\n:class: dropdown\n\n1. 第一\n   第二\n```\n") == [5]
    assert cjk_breaks("$$\n中\n文\n$$\n") == []
