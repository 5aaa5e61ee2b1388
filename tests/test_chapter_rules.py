"""Rules every chapter follows (AUTHORING.md): the package does the work, exercises have solutions."""
import re

import pytest

from conftest import chapter_pairs
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
