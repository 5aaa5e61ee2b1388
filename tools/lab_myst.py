"""Rewrite the chapters' MyST so that JupyterLab (jupyterlab-myst, on Binder) shows what the HTML shows.

The HTML book is built by MyST-NB; in JupyterLab the markdown cells are rendered
by jupyterlab-myst. Both read the same MyST, except for the roles that only the
Sphinx build can resolve. This rewrites those, in place, in every ``.md`` file
under the folders given (Binder's ``postBuild`` runs it on its own copy of the
repository; the Binder test runs it on a copy of the chapters):

* ``{glue:text}`name:spec``` becomes ``{eval}`glued("name", "spec")```, which asks
  the kernel for the value the page's own code glued, formatted as the HTML formats
  it (``backprop.book.glue.glued``, imported next to ``glue`` in the page's import cell);
  the number shows once the cells above it have run;
* ``{glue:figure}`` blocks (a snapshot of a live widget, for the HTML only) are
  dropped: in JupyterLab the cell above them shows the live widget itself;
* ``{cite:p}`key``` becomes readable text, "(Mazur 2015)", from ``references.bib``;
* ``{ref}`` and ``{eq}`` roles that point to another page become text: the link's
  own text, or the section's title and chapter. Those within a page are kept:
  jupyterlab-myst resolves them itself;
* the code cells after the exercises (they check the solutions, so they would give
  the answers away) start collapsed, like the solutions themselves;
* a page without code (the preface) gets the notebook header of the others, so that
  JupyterLab opens it with the book's kernel instead of asking for one.

Usage: ``python tools/lab_myst.py chapters`` (or several folders).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLUE_TEXT = re.compile(r"\{glue:text\}`([^`:]+)(?::([^`]*))?`")
GLUE_IMPORT = re.compile(r"^from backprop\.book\.glue import glue$", re.M)
GLUED_IMPORT = "from backprop.book.glue import glue, glued  # glued: the numbers in the prose, in JupyterLab"
GLUE_FIGURE = re.compile(r"^```\{glue:figure\}.*?^```[ \t]*\n", re.M | re.S)
CITE = re.compile(r"\{cite:p\}`([^`]+)`")
REF = re.compile(r"\{(ref|eq)\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`]+))`")
TARGET = re.compile(r"^\(([\w-]+)\)=\s*\n+(#+)\s+(.+)$", re.M)
EXERCISES = re.compile(r"^## (Exercises|习题)\s*$", re.M)
CODE_CELL = re.compile(r"^(```\{code-cell\}[^\n]*\n)(?!:jupyter:)", re.M)
COLLAPSED = ":jupyter: {source_hidden: true, outputs_hidden: true}\n"
EQUATION = re.compile(r"^\$\$\s*\(([\w-]+)\)\s*$", re.M)
HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

"""
ACCENTS = {r"{\"u}": "ü", r"{\"o}": "ö", r"{\"a}": "ä", r"{\"e}": "ë", r"{\'e}": "é", r"{\i}": "ı",
           r"{\c{s}}": "ş"}


def eval_role(name: str, spec: str | None) -> str:
    """The {eval} role that shows glued value ``name`` formatted by ``spec``."""
    return f'{{eval}}`glued("{name}", "{spec or ""}")`'


def short_citations(bib: Path) -> dict[str, str]:
    """key -> "Author Year", "A & B Year" or "A et al. Year"; a/b after the year where two collide."""
    entries = []
    for key, body in re.findall(r"@\w+\{([^,]+),(.*?)\n\}", bib.read_text(encoding="utf-8"), re.S):
        author = re.search(r"author\s*=\s*\{(.*)\},?\s*$", body, re.M)
        year = re.search(r"year\s*=\s*\{?(\d{4})", body)
        names = [n.strip() for n in (author.group(1) if author else key).split(" and ")]
        lasts = [n.strip("{}").split(",")[0].strip() if "," in n else n.strip("{}").split()[-1] for n in names]
        lasts = [_plain(n) for n in lasts]
        who = lasts[0] if len(lasts) == 1 else " & ".join(lasts) if len(lasts) == 2 else f"{lasts[0]} et al."
        entries.append((key.strip(), who, year.group(1) if year else "n.d."))
    seen: dict[tuple[str, str], list[str]] = {}
    for key, who, year in entries:
        seen.setdefault((who, year), []).append(key)
    out = {}
    for (who, year), keys in seen.items():
        for i, key in enumerate(keys):
            out[key] = f"{who} {year}" + ("abcdefgh"[i] if len(keys) > 1 else "")
    return out


def _plain(name: str) -> str:
    for tex, char in ACCENTS.items():
        name = name.replace(tex, char)
    return name.replace("{", "").replace("}", "")


def targets(pages: list[Path]) -> dict[str, tuple[Path, str]]:
    """label -> (page, section title or equation) for every section and equation label of the pages."""
    found = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for label, _, title in TARGET.findall(text):
            found[label] = (page, title.strip())
        for label in EQUATION.findall(text):
            found[label] = (page, "")
    return found


def chapter_of(page: Path) -> str:
    """'chapter 6' / '第 6 章', or the appendix, for a page file name like 06-xor.md."""
    zh = page.parent.name == "zh"
    number = page.name.split("-")[0]
    if number == "90":
        return "勘误附录" if zh else "the errata appendix"
    if number == "00":
        return "序言" if zh else "the preface"
    return f"第 {int(number)} 章" if zh else f"chapter {int(number)}"


def rewrite(text: str, page: Path, cites: dict[str, str], labels: dict[str, tuple[Path, str]]) -> str:
    """The page's MyST with the Sphinx-only roles replaced (see the module docstring)."""
    if GLUE_TEXT.search(text):
        if not GLUE_IMPORT.search(text):
            raise ValueError(f"{page}: glues numbers but has no line 'from backprop.book.glue import glue'")
        text = GLUE_IMPORT.sub(GLUED_IMPORT, text, count=1)
    text = GLUE_TEXT.sub(lambda m: eval_role(m.group(1), m.group(2)), text)
    text = GLUE_FIGURE.sub("", text)

    def cite(m):
        keys = [k.strip() for k in m.group(1).split(",")]
        missing = [k for k in keys if k not in cites]
        if missing:
            raise KeyError(f"{page}: no references.bib entry for {missing}")
        return "(" + "; ".join(cites[k] for k in keys) + ")"

    def ref(m):
        kind, own_text, label = m.group(1), m.group(2), m.group(3) or m.group(4)
        label = label.strip()
        if label not in labels:
            raise KeyError(f"{page}: no target for {kind} {label!r}")
        target, title = labels[label]
        if target.resolve() == page.resolve():
            return m.group(0)  # jupyterlab-myst resolves labels within the notebook
        if own_text:
            where = chapter_of(target)
            return own_text if where.lower() in own_text.lower() else f"{own_text} ({where})"
        zh = page.parent.name == "zh"
        if kind == "eq":
            return f"{chapter_of(target)}的公式" if zh else f"the equation in {chapter_of(target)}"
        return f"{chapter_of(target)}“{title}”一节" if zh else f"“{title}” ({chapter_of(target)})"

    text = REF.sub(ref, CITE.sub(cite, text))
    if not text.startswith("---\n"):
        text = HEADER + text
    exercises = EXERCISES.search(text)
    if exercises:
        head, tail = text[:exercises.start()], text[exercises.start():]
        text = head + CODE_CELL.sub(lambda m: m.group(1) + COLLAPSED, tail)
    return text


def main(folders: list[str]) -> int:
    pages = sorted(p for f in folders for p in Path(f).rglob("*.md"))
    if not pages:
        print("lab_myst: no .md files under", folders, file=sys.stderr)
        return 1
    cites = short_citations(ROOT / "references.bib")
    labels = targets(pages)
    for page in pages:
        page.write_text(rewrite(page.read_text(encoding="utf-8"), page, cites, labels), encoding="utf-8")
    print(f"lab_myst: rewrote {len(pages)} page(s) for JupyterLab")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
