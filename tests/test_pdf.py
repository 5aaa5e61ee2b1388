"""The PDFs of the book (tools/make_pdf.py): one per language, printed by Chromium from the built HTML.

They are read with poppler (pdffonts, pdftotext, pdftoppm) and pypdf. By default from
``_build/pdf`` and ``_build/html``; ``BACKPROP_BUILD=/some/folder`` reads ``/some/folder/pdf``
and ``/some/folder/html`` instead. A missing PDF fails (it is never skipped).
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import make_pdf  # noqa: E402

pytestmark = [pytest.mark.book]

BUILD = Path(os.environ.get("BACKPROP_BUILD", ROOT / "_build"))
LANGS = make_pdf.LANGS
BOOK = make_pdf.read_book(ROOT)
RAW_LATEX = re.compile(r"\\frac|\\mathbf|\\mathcal|\\begin\{|\\end\{|\\\(|\\\)|\\\[|\\\]|\$\$|\\partial|\\sigma|\\delta")
CJK = re.compile(r"[\u4e00-\u9fff]")


def squeeze(text: str) -> str:
    return "".join(text.split())


def run(*command) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@lru_cache(maxsize=None)
def pdf_path(lang) -> Path:
    path = BUILD / "pdf" / f"backprop-{lang}.pdf"
    if not path.is_file():
        pytest.fail(f"no {path}: `make book` writes the PDFs (tools/make_pdf.py); "
                    f"set BACKPROP_BUILD to read another build folder")
    return path


@lru_cache(maxsize=None)
def reader(lang):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf_path(lang).read_bytes()))


# Regions of an A4 page in points (x, y from the top, width, height): the text column with its
# running header and footer left out (20 mm margins, tools/pdf/print.css), and the footer.
BODY = (0, 57, 595, 728)
FOOTER = (0, 785, 595, 57)


@lru_cache(maxsize=None)
def text_pages(lang, layout=False, region=None) -> list[str]:
    """pdftotext's text, one string per page (of ``region`` only, if given)."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if region:
        args += ["-r", "72"] + [a for flag, v in zip(("-x", "-y", "-W", "-H"), region) for a in (flag, str(v))]
    return run(*args, str(pdf_path(lang)), "-").split("\f")[: len(reader(lang).pages)]


def pages(lang) -> list[str]:
    return make_pdf.pages_of(BOOK, lang)


def source_title(page: str) -> str:
    """The first heading of the page's source file (chapters/en/01-neuron.md: '1. The neuron')."""
    source = ROOT / page.replace(".html", ".md")
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{source} has no '# ' heading")


@lru_cache(maxsize=None)
def article(page: str):
    path = BUILD / "html" / page
    if not path.is_file():
        pytest.fail(f"no {path}: the tests of the PDFs read the built HTML beside them")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")


def bookmarks(lang) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark, in order."""
    r, out = reader(lang), []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, r.get_destination_page_number(item) + 1))

    walk(r.outline, 0)
    return out


def links(lang):
    """(page number, kind, target) of every link: kind 'dest' (a named destination) or 'uri'."""
    out = []
    for number, page in enumerate(reader(lang).pages, start=1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if annot.get("/Dest") is not None:
                out.append((number, "dest", str(annot["/Dest"]).lstrip("/")))
            elif annot.get("/A") is not None and annot["/A"].get("/S") == "/URI":
                out.append((number, "uri", str(annot["/A"]["/URI"])))
    return out


def chapter_starts(lang) -> list[int]:
    return [page for depth, _, page in bookmarks(lang) if depth == 0]


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded(lang):
    rows = run("pdffonts", str(pdf_path(lang))).splitlines()[2:]
    assert rows, "pdffonts lists no font"
    # columns: name, type (may hold spaces), encoding, emb, sub, uni, object, ID
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, "fonts not embedded:\n" + "\n".join(not_embedded)
    no_unicode = [row for row in rows if row.split()[-3] != "yes"]
    assert not no_unicode, "fonts without a Unicode map (their text cannot be searched):\n" + "\n".join(no_unicode)


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_title_is_in_the_text(lang):
    text = squeeze("".join(text_pages(lang)))
    missing = [source_title(p) for p in pages(lang) if squeeze(source_title(p)) not in text]
    assert not missing, f"titles missing from the {lang} PDF: {missing}"


@lru_cache(maxsize=None)
def code_text(lang) -> str:
    """All the code of the language's pages (inputs, outputs, inline code), whitespace removed."""
    return "".join(squeeze(node.get_text()) for p in pages(lang) for node in article(p).find_all(["pre", "code"]))


@pytest.mark.parametrize("lang", LANGS)
def test_no_raw_latex(lang):
    """Math is typeset: no TeX source in the text, except inside code (a cell that builds a
    SymPy equation writes r"\\frac{...}")."""
    code = code_text(lang)
    raw = [f"page {n}: {line.strip()}" for n, page in enumerate(text_pages(lang), start=1)
           for line in page.splitlines() if RAW_LATEX.search(line) and squeeze(line) not in code]
    assert not raw, "raw LaTeX in the text:\n" + "\n".join(raw[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_no_missing_glyphs(lang):
    text = "".join(text_pages(lang))
    assert "\ufffd" not in text, "U+FFFD (a glyph without its character) in the text"
    cjk = len(CJK.findall(text))
    if lang == "zh":
        assert cjk > 20000, f"only {cjk} Chinese characters in the zh PDF"
    else:
        assert cjk > 20, "the glossary and the references are bilingual: Chinese expected in the en PDF too"


@pytest.mark.parametrize("lang", LANGS)
def test_bookmarks_are_chapters_with_sections(lang):
    marks = bookmarks(lang)
    top = [squeeze(title) for depth, title, _ in marks if depth == 0]
    assert top == [squeeze(source_title(p)) for p in pages(lang)], "one top-level bookmark per page, in order"
    for page in pages(lang):
        sections = [squeeze(h.get_text()).rstrip("#") for h in article(page).find_all("h2")]
        start = [i for i, (depth, title, _) in enumerate(marks) if depth == 0 and squeeze(title) == squeeze(source_title(page))][0]
        children = []
        for depth, title, _ in marks[start + 1:]:
            if depth == 0:
                break
            if depth == 1:
                children.append(squeeze(title))
        assert len(children) == len(sections), f"{page}: {len(children)} section bookmarks for {len(sections)} sections"
        assert all(depth <= 3 for depth, _, _ in marks)
    assert [p for _, _, p in marks] == sorted(p for _, _, p in marks), "bookmarks out of page order"


@pytest.mark.parametrize("lang", LANGS)
def test_contents_page_numbers_match_the_headings(lang):
    """The numbers of the table of contents are the pages where the bookmarks (the headings) point,
    and the footer of every page but the title page shows that page's number."""
    first = chapter_starts(lang)[0]
    entries, pending = [], ""
    for page in text_pages(lang, True, BODY)[1:first - 1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for line in lines:
            if line == make_pdf.TEXTS[lang]["contents"]:
                continue
            match = re.fullmatch(r"(.*?)\s*(\d+)", line)
            if match and match[1] and not line.endswith(")"):
                entries.append((squeeze(pending + match[1]), int(match[2])))
                pending = ""
            else:
                pending += line
    wanted = [(squeeze(title), page) for depth, title, page in bookmarks(lang) if depth <= 1]
    assert len(entries) == len(wanted), f"{len(entries)} contents entries for {len(wanted)} chapters and sections"
    for (text, number), (title, page) in zip(entries, wanted):
        # (a long title wraps, and pdftotext may put its second line first)
        assert title[:4] in text and number == page, f"contents: {text} {number}; the heading {title} is on page {page}"
    # the number at the end of the footer region (a tall formula just above it may reach into it)
    footers = [re.search(r"\d*$", squeeze(text))[0] for text in text_pages(lang, False, FOOTER)]
    assert footers[0] == "", f"the title page has a page number: {footers[0]!r}"
    wrong = [(number, footer) for number, footer in enumerate(footers, start=1) if number > 1 and footer != str(number)]
    assert not wrong, f"(page, footer) that differ: {wrong[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_links_inside_the_document(lang):
    names = set(reader(lang).named_destinations)
    names = {n.lstrip("/") for n in names}
    found = links(lang)
    internal = [(page, target) for page, kind, target in found if kind == "dest"]
    dangling = [target for _, target in internal if target not in names]
    assert not dangling, f"links to no destination: {dangling[:10]}"
    first = chapter_starts(lang)[0]
    toc_links = [t for page, t in internal if page < first]
    toc_entries = [m for m in bookmarks(lang) if m[0] <= 1]
    assert len(toc_links) >= len(toc_entries), "every entry of the table of contents is a link"
    # a link in one chapter to another chapter of the book (a cross-reference, a citation)
    starts = chapter_starts(lang)
    destination_page = {n.lstrip("/"): reader(lang).get_destination_page_number(d) + 1
                        for n, d in reader(lang).named_destinations.items()}

    def chapter(page):
        return max(i for i, s in enumerate(starts) if s <= page)

    across = [(page, t) for page, t in internal if page >= first and chapter(destination_page[t]) != chapter(page)]
    assert across, "no link from one chapter to another inside the PDF"
    uris = [t for _, kind, t in found if kind == "uri"]
    local = [u for u in uris if not u.startswith(("https://", "http://", "mailto:")) or "127.0.0.1" in u or "localhost" in u]
    assert not local, f"links that lead nowhere outside this machine: {local[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_explorers_become_notes_linking_online(lang):
    text = squeeze("".join(text_pages(lang)))
    uris = [t for _, kind, t in links(lang) if kind == "uri"]
    note = squeeze(make_pdf.TEXTS[lang]["explorer"])
    total = 0
    for page in pages(lang):
        count = len(article(page).select("[data-bp-explorer]"))
        total += count
        online = [u for u in uris if u.split("#")[0] == BOOK.site + page]
        assert len(online) >= count, f"{page}: {count} explorers, {len(online)} links to {BOOK.site + page}"
    assert total > 0, "no explorer found in the built pages: did their markup change?"
    assert text.count(note) == total, f"{text.count(note)} explorer notes for {total} explorers"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_are_a4_and_none_is_blank(lang, tmp_path):
    from PIL import Image

    for number, page in enumerate(reader(lang).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, f"page {number} is {width} x {height} pt, not A4"
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(pdf_path(lang)), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == len(reader(lang).pages)
    blank = []
    for path in images:
        with Image.open(path) as image:
            margin = round(20 / 25.4 * 20)          # 20 mm (the running header, the footer) at 20 dpi
            body = image.crop((0, margin, image.width, image.height - margin))
            ink = sum(body.histogram()[:200])       # pixels darker than light grey
        if ink < 30:
            blank.append(path.name)
    assert not blank, f"pages without ink: {blank}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_site_serves_the_pdf(lang):
    """make_pdf copies each PDF into the HTML folder: the site serves it at pdf/backprop-<lang>.pdf."""
    served = BUILD / "html" / "pdf" / f"backprop-{lang}.pdf"
    assert served.is_file(), f"no {served}"
    assert served.read_bytes() == pdf_path(lang).read_bytes(), f"{served} is not the PDF of _build/pdf"
