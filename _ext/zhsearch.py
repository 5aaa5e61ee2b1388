"""Sphinx extension: make the book's Chinese terms findable in the search box.

The search index uses Sphinx's Chinese splitter (``html_search_language: zh``,
with jieba), which also stems English words as usual. jieba alone cuts
反向传播 into 反向 + 传播, while the search box looks a typed query up as one
word, so searching 反向传播 would find nothing. This extension feeds jieba the
Chinese terms of ``glossary.md`` (the book's one glossary) as a user
dictionary, so each term is indexed whole as well as in parts.
"""

from __future__ import annotations

import re
from pathlib import Path

CJK = re.compile(r"[\u4e00-\u9fff]+")


def glossary_terms(glossary: Path) -> list[str]:
    """The Chinese words of the glossary's first column (split at / and brackets)."""
    terms = []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or set(cells[0]) <= set("-: "):
            continue
        terms.extend(CJK.findall(cells[0]))
    return sorted(set(t for t in terms if len(t) > 1))


def write_user_dict(app, config):
    glossary = Path(app.srcdir) / "glossary.md"
    if not glossary.exists():
        return
    out = Path(app.outdir).parent / "jieba_userdict.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    # jieba's user-dictionary format: "word frequency" per line; a high frequency keeps the term whole.
    out.write_text("".join(f"{t} 100000\n" for t in glossary_terms(glossary)), encoding="utf-8")
    options = dict(config.html_search_options or {})
    options["dict"] = str(out)
    config.html_search_options = options


def setup(app):
    app.connect("config-inited", write_user_dict)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
