"""Print the built HTML book as one PDF per language, with headless Chromium.

    .venv/bin/python tools/make_pdf.py [HTML] [OUT]      (defaults: _build/html, _build/pdf)
    .venv/bin/python tools/make_pdf.py --lang zh          (one language only)

For each language this writes ``OUT/backprop-<lang>.pdf`` and copies it to ``HTML/pdf/``, so the
published site and the offline copy serve it at ``pdf/backprop-<lang>.pdf``.

How: the pages of the language's part of ``_toc.yml`` (preface, chapters, errata), then the
shared appendix (glossary, references), are read from the built HTML. Each page's ``<article>``
is cleaned for paper (no heading links, language links, scripts or buttons; a live explorer
becomes a note linking to the chapter online), its ids are prefixed with the page's name so
that pages do not collide, and every link to a page of this PDF becomes a link inside the PDF;
a link to any other page of the site goes to the published site. A title page and a table of
contents come first. The document is served from a route of the local server that serves the
built book (``tools/chromium.py: serve``), so nothing is written into the site but the PDFs, and
it is styled by ``tools/pdf/print.css``, for the formulas by the book's ``_static/mathml.css`` and
for code by ``_static/pygments.css`` (not the theme's stylesheets).

Chromium prints it twice: the first print tells on which page each chapter and section starts
(the PDF's named destinations, one per link target), the numbers are written into the table of
contents, and the second print must put every heading on the same page (else a third print, and
then a failure). The footer shows the physical page number (the title page shows none), so the
numbers of the table of contents, the footer and a PDF viewer's page box are the same.

Math: the pages carry MathML typeset when the book was built (_ext/mathml.py); the print waits
for its font. Bookmarks come from the headings (``outline=True``).
"""
from __future__ import annotations

import argparse
import datetime
import html as html_lib
import io
import os
import posixpath
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
STYLE = Path(__file__).resolve().parent / "pdf" / "print.css"
LANGS = ("zh", "en")
PRINT_PATH = "/_print/{lang}.html"   # served by a route of the page, never written to disk

# The words of the title page, the table of contents and the explorer notes, per language.
TEXTS = {
    "zh": {
        "html_lang": "zh-CN",
        "contents": "目录",
        "edition": "PDF 版 · 生成于 {date}",
        "online": "网页版（含交互演示）：",
        "source": "源代码：",
        "explorer": ("交互演示：网页版在这里有一个可以动手操作的交互演示，它在浏览器里现场计算，"
                     "PDF 无法运行。请打开本章网页版："),
    },
    "en": {
        "html_lang": "en",
        "contents": "Contents",
        "edition": "PDF edition · built {date}",
        "online": "Online, with the interactive explorers: ",
        "source": "Source: ",
        "explorer": ("Interactive explorer: the HTML book has a live explorer here, which computes in "
                     "your browser as you move its controls; a PDF cannot run it. Open this chapter online: "),
    },
}

# Removed from every page: heading and equation links, the language switch, scripts, and
# anything made to be clicked or typed into.
DROP = ("a.headerlink", ".langswitch", "script", "noscript", "button", "input", "select", "textarea",
        "form", ".copybtn", ".toggle-details__summary", "details.hide > summary", "iframe")


@dataclass
class Heading:
    level: int          # 1: a page's title (chapter), 2: a section
    text: str           # plain text (math left as in the page's source)
    html: str           # the heading's content, math included, for the table of contents
    target: str         # the id (in the print document) the table of contents links to
    children: list = field(default_factory=list)


@dataclass
class Book:
    title: dict         # language -> title
    author: str
    site: str           # the published site, ending in "/"
    repository: str
    parts: list         # [(caption, [page paths relative to the HTML folder, ".html"])]


def read_book(root: Path = ROOT) -> Book:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    zh_title, sep, en_title = config["title"].partition(" · ")
    if not sep:
        raise ValueError(f"_config.yml: title {config['title']!r} is not 'Chinese · English'")
    repository = config.get("repository", {}).get("url", "").rstrip("/")
    site = (config.get("html", {}) or {}).get("baseurl") or config.get("sphinx", {}).get("config", {}).get("html_baseurl")
    if not site:
        match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", repository)
        if not match:
            raise ValueError(f"_config.yml: no html.baseurl, and repository.url {repository!r} is not a GitHub repository")
        site = f"https://{match[1]}.github.io/{match[2]}/"
    parts = [(part.get("caption", ""), [entry["file"] + ".html" for entry in part["chapters"]]) for part in toc["parts"]]
    return Book({"zh": zh_title.strip(), "en": en_title.strip()}, config.get("author", ""), site.rstrip("/") + "/",
                repository, parts)


def pages_of(book: Book, lang: str) -> list[str]:
    """The language's own pages (chapters/<lang>/...) in the order of _toc.yml, then the pages of
    the parts that belong to no language (the bilingual appendix)."""
    if lang not in LANGS:
        raise ValueError(f"lang: {lang!r} is not one of {LANGS}")
    own = [p for _, files in book.parts for p in files if p.startswith(f"chapters/{lang}/")]
    shared = [p for _, files in book.parts if not any(f.startswith("chapters/") for f in files) for p in files]
    if not own:
        raise ValueError(f"_toc.yml: no pages under chapters/{lang}/")
    return own + shared


def slug(page: str) -> str:
    """chapters/zh/05-worked-example.html -> zh-05-worked-example (an id, ASCII)."""
    name = page.removesuffix(".html").removeprefix("chapters/")
    return re.sub(r"[^A-Za-z0-9_-]", "-", name)


def _heading_text(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def _heading_html(tag) -> str:
    """A heading's content without its ids (a copy of it goes into the table of contents)."""
    copy = BeautifulSoup(tag.decode_contents(), "html.parser")
    for node in copy.find_all(id=True):
        del node["id"]
    for link in copy.find_all("a"):
        link.unwrap()           # no link inside the contents' link
    return str(copy).strip()


class PrintDocument:
    """The print document of one language: title page, contents, then every page's article."""

    def __init__(self, book: Book, html_dir: Path, lang: str, date: str):
        self.book, self.html_dir, self.lang, self.date = book, Path(html_dir), lang, date
        self.pages = pages_of(book, lang)
        self.texts = TEXTS[lang]
        self.contents: list[Heading] = []
        self.explorers: list[str] = []     # the pages whose explorers became notes
        missing = [p for p in self.pages if not (self.html_dir / p).is_file()]
        if missing:
            raise FileNotFoundError(f"not in the built book {self.html_dir}: {', '.join(missing)} (run `make book`)")
        self.bodies = [self._page(p) for p in self.pages]

    # -- one page -------------------------------------------------------------------------
    def _link(self, page: str, href: str) -> str | None:
        """Where a link of ``page`` points in the PDF: '#id' inside it, an absolute URL outside."""
        if href.startswith("#"):
            return f"#{slug(page)}--{href[1:]}" if len(href) > 1 else None
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return href
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) if parts.path else page
        if target in self.pages:
            return f"#{slug(target)}--{parts.fragment}" if parts.fragment else f"#{slug(target)}"
        return urljoin(self.book.site, target) + (f"#{parts.fragment}" if parts.fragment else "")

    def _page(self, page: str) -> str:
        soup = BeautifulSoup((self.html_dir / page).read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:
            raise ValueError(f"{page}: no <article> (is it a page of the built book?)")
        prefix = slug(page)
        for node in article.select(", ".join(DROP)):
            node.decompose()
        for details in article.find_all("details"):
            details["open"] = ""
        for root in article.select("[data-bp-explorer]"):
            self._explorer_note(soup, page, root)
        for node in article.find_all(id=True):
            node["id"] = f"{prefix}--{node['id']}"
        for attribute in ("aria-labelledby", "aria-describedby", "for"):
            for node in article.find_all(attrs={attribute: True}):
                node[attribute] = " ".join(f"{prefix}--{i}" for i in node[attribute].split())
        for link in article.find_all("a", href=True):
            target = self._link(page, link["href"])
            if target is None:
                del link["href"]
            else:
                link["href"] = target
        for node in article.find_all(src=True):
            node["src"] = self._resource(page, node["src"])
            if node.get("loading"):
                del node["loading"]     # a lazy image outside the viewport would print empty
        for node in article.find_all("link", href=True):
            node["href"] = self._resource(page, node["href"])
        self.contents.append(self._headings(article, prefix))
        article.name = "div"
        article.attrs = {"class": ["pdf-page"], "id": prefix, "data-page": page}
        return str(article)

    def _resource(self, page: str, src: str) -> str:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            return src
        return "/" + posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))

    def _headings(self, article, prefix: str) -> Heading:
        """The page's title and its sections. The table of contents links to the headings
        themselves (a section's box may begin on the page before its heading)."""
        def target(heading) -> str:
            if not heading.get("id"):
                section = heading.find_parent("section", id=True)
                if section is None:
                    raise ValueError(f"{prefix}: the heading {_heading_text(heading)!r} is in no section with an id")
                heading["id"] = f"{section['id']}--title"
            return heading["id"]

        h1 = article.find("h1")
        if h1 is None:
            raise ValueError(f"{prefix}: the page has no title (h1)")
        chapter = Heading(1, _heading_text(h1), _heading_html(h1), target(h1))
        for h2 in article.find_all("h2"):
            chapter.children.append(Heading(2, _heading_text(h2), _heading_html(h2), target(h2)))
        return chapter

    def _explorer_note(self, soup, page: str, root):
        """Replace the cell (or output) that holds a live explorer by a note linking online."""
        holder = root.find_parent(class_="cell") or root.find_parent(class_="cell_output") or root
        section = root.find_parent("section", id=True)
        url = urljoin(self.book.site, page) + (f"#{section['id']}" if section is not None else "")
        note = soup.new_tag("div", attrs={"class": "pdf-explorer-note", "data-explorer": root.get("data-bp-explorer", "")})
        para = soup.new_tag("p")
        para.append(self.texts["explorer"])
        link = soup.new_tag("a", href=url)
        link["class"] = "pdf-external"
        link.string = url
        para.append(link)
        note.append(para)
        holder.replace_with(note)
        self.explorers.append(page)

    # -- the document -----------------------------------------------------------------------
    def _title_page(self) -> str:
        t, title = self.texts, self.book.title[self.lang]
        other = self.book.title["en" if self.lang == "zh" else "zh"]
        site = self.book.site
        rows = [f'<div class="pdf-cover-title">{html_lib.escape(title)}</div>',
                f'<div class="pdf-cover-other" lang="{"en" if self.lang == "zh" else "zh-CN"}">{html_lib.escape(other)}</div>',
                f'<div class="pdf-cover-author">{html_lib.escape(self.book.author)}</div>',
                f'<div class="pdf-cover-edition">{html_lib.escape(t["edition"].format(date=self.date))}</div>',
                f'<div class="pdf-cover-links"><p>{html_lib.escape(t["online"])}<a href="{site}">{site}</a></p>']
        if self.book.repository:
            repo = html_lib.escape(self.book.repository)
            rows.append(f'<p>{html_lib.escape(t["source"])}<a href="{repo}">{repo}</a></p>')
        rows.append("</div>")
        return '<div class="pdf-cover">' + "".join(rows) + "</div>"

    def _contents(self) -> str:
        def entry(h: Heading) -> str:
            target = html_lib.escape(h.target)
            inner = "".join(entry(c) for c in h.children)
            return (f'<li class="pdf-toc-l{h.level}"><a href="#{target}"><span class="pdf-toc-text">'
                    f'{h.html}</span><span class="pdf-toc-page" data-target="{target}">000</span></a>'
                    + (f"<ol>{inner}</ol>" if inner else "") + "</li>")
        return (f'<nav class="pdf-toc"><div class="pdf-toc-title">{self.texts["contents"]}</div>'
                f'<ol>{"".join(entry(h) for h in self.contents)}</ol></nav>')

    def targets(self) -> list[Heading]:
        """Every entry of the table of contents, chapters and sections, in order."""
        return [h for chapter in self.contents for h in [chapter, *chapter.children]]

    def html(self) -> str:
        style = STYLE.read_text(encoding="utf-8")
        running = self.book.title[self.lang].replace("\\", "\\\\").replace('"', '\\"')
        return "\n".join([
            "<!DOCTYPE html>",
            f'<html lang="{self.texts["html_lang"]}" class="pdf-{self.lang}"><head><meta charset="utf-8">',
            f"<title>{html_lib.escape(self.book.title[self.lang])}</title>",
            '<link rel="stylesheet" href="/_static/pygments.css">',
            '<link rel="stylesheet" href="/_static/mathml.css">',
            f"<style>{style}\n@page {{ @top-center {{ content: \"{running}\"; }} }}\n"
            "@page cover { @top-center { content: none; } }</style>",
            "</head><body>",
            self._title_page(),
            self._contents(),
            *self.bodies,
            "</body></html>",
        ])


# -- printing -------------------------------------------------------------------------------------
def fix_bookmarks(pdf: bytes, titles: list[str]) -> bytes:
    """Give each bookmark its heading's text. Chromium makes one bookmark per heading, in order,
    but its titles are taken from the laid-out text: a heading at the top of a page can come out
    twice over ("前言前言"), and a line break inside a heading can lose its space ("andAdam")."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    items = []

    def walk(node):
        while node is not None:
            node = node.get_object()
            items.append(node)
            if "/First" in node:
                walk(node["/First"])
            node = node.get("/Next")

    outlines = writer._root_object.get("/Outlines")
    if outlines is None or "/First" not in outlines.get_object():
        raise RuntimeError("the PDF has no bookmarks (outline)")
    walk(outlines.get_object()["/First"])
    if len(items) != len(titles):
        raise RuntimeError(f"{len(items)} bookmarks for {len(titles)} headings")
    for item, title in zip(items, titles):
        seen = "".join(str(item["/Title"]).split())
        if not seen.startswith("".join(title.split())[:4]):     # `seen` may lack the heading's math
            raise RuntimeError(f"the bookmark {seen!r} is not the heading {title!r}")
        item[NameObject("/Title")] = TextStringObject(title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def destinations(pdf: bytes) -> dict[str, int]:
    """The PDF's named destinations (Chromium writes one per link target): id -> page number (1-based)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(dest) + 1
            for name, dest in reader.named_destinations.items()}


PDF_OPTIONS = dict(prefer_css_page_size=True, print_background=True, outline=True, tagged=True,
                   display_header_footer=False)

WAIT_FOR_MATH = """async (seconds) => {
    const late = new Promise((_, fail) => setTimeout(() => fail(new Error(`math or fonts not ready after ${seconds} s`)), seconds * 1000));
    // Every declared font (the math font among them) loaded before the first print, so that no
    // print is laid out in a stand-in font that a later one replaces.
    await Promise.race([Promise.all([...document.fonts].map(f => f.load().catch(() => null))), late]);
    await Promise.race([document.fonts.ready, late]);
    const broken = [...document.images].filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src);
    const failed = [...document.fonts].filter(f => f.status === "error").map(f => f.family);
    return {broken, failed, mathErrors: document.querySelectorAll("merror").length};
}"""

# The width of the text column (A4, 18 mm side margins: tools/pdf/print.css) in CSS pixels. The
# page is laid out at this width, for print, before it is printed, so that the script below sees
# the lines as they will be printed.
COLUMN_PX = int((210 - 2 * 18) / 25.4 * 96)

# Math wider than the column is made smaller until it fits: Chromium would otherwise shrink the
# whole document (every page, every font) to fit its widest element. Returns what still does
# not fit: the outermost elements that stick out on the right.
FIT = """() => {
    const right = document.documentElement.clientWidth + 1;
    const fitted = [];
    for (const box of document.querySelectorAll(".pdf-page math")) {
        const inner = box;
        for (let i = 0; i < 4; i++) {
            const r = inner.getBoundingClientRect(), available = right - 1 - r.left;
            if (r.right <= right || r.width <= 0 || available <= 0) break;
            const size = parseFloat(getComputedStyle(box).fontSize);
            box.style.fontSize = `${(size * available / r.width * 0.98).toFixed(2)}px`;
            if (i === 0) fitted.push(box);
        }
    }
    const wide = [];
    for (const el of document.querySelectorAll(".pdf-page *")) {
        if (el.getBoundingClientRect().right > right + 3 && el.parentElement.getBoundingClientRect().right <= right + 3)
            wide.push(`${el.closest(".pdf-page").dataset.page}: <${el.tagName.toLowerCase()}> ${el.textContent.trim().slice(0, 60)}`);
    }
    return {fitted: fitted.length, wide, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""

# The text of every heading of the pages, as typeset (the text of math included), in order.
# (A MathML annotation holds the TeX source: left out.)
HEADINGS = """() => [...document.querySelectorAll(".pdf-page :is(h1, h2, h3, h4, h5, h6)")].map(h => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll("annotation, annotation-xml").forEach(a => a.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
})"""

FILL_CONTENTS = """(pages) => {
    for (const span of document.querySelectorAll(".pdf-toc-page")) span.textContent = pages[span.dataset.target];
}"""


def print_language(browser, base_url: str, document: PrintDocument, log=print) -> bytes:
    """Print ``document`` (served at base_url + PRINT_PATH) twice or three times; the PDF's bytes."""
    url = base_url + PRINT_PATH.format(lang=document.lang)
    body = document.html()
    page = browser.new_page(viewport={"width": COLUMN_PX, "height": 1000})
    page.emulate_media(media="print")
    try:
        page.route(url, lambda route: route.fulfill(status=200, body=body, content_type="text/html; charset=utf-8"))
        failed = []
        page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} ({r.status})"))
        page.on("pageerror", lambda e: failed.append(f"page error: {e}"))
        page.goto(url, wait_until="load", timeout=120_000)
        state = page.evaluate(WAIT_FOR_MATH, 90)
        problems = failed + [f"image not loaded: {s}" for s in state["broken"]] + \
            [f"font failed: {f}" for f in state["failed"]] + ([f"{state['mathErrors']} math errors"] if state["mathErrors"] else [])
        if problems:
            raise RuntimeError(f"{document.lang}: the print document is broken:\n  " + "\n  ".join(problems))
        fit = page.evaluate(FIT)
        if fit["fitted"]:
            log(f"  {document.lang}: {fit['fitted']} formulas made smaller to fit the width of the page")
        if fit["overflow"] > 0:
            log(f"  warning: the {document.lang} document is {fit['overflow']} px wider than the page, and Chromium "
                "shrinks every page to fit it; it sticks out here:\n    " + "\n    ".join(fit["wide"][:20]))
        targets = [h.target for h in document.targets()]
        numbers = None
        for attempt in range(3):
            pdf = page.pdf(**PDF_OPTIONS)
            found = destinations(pdf)
            missing = [t for t in targets if t not in found]
            if missing:
                raise RuntimeError(f"{document.lang}: no destination in the PDF for {missing[:5]}")
            now = {t: found[t] for t in targets}
            if now == numbers:
                return fix_bookmarks(pdf, page.evaluate(HEADINGS))
            numbers = now
            page.evaluate(FILL_CONTENTS, numbers)
        raise RuntimeError(f"{document.lang}: the table of contents' page numbers do not settle after 3 prints")
    finally:
        page.close()


def build_date() -> str:
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    day = (datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc) if stamp
           else datetime.datetime.now(datetime.timezone.utc))
    return day.date().isoformat()


def make_pdfs(html_dir: Path, out_dir: Path, langs=LANGS, log=print) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tools"))
    from chromium import chromium, serve

    html_dir, out_dir = Path(html_dir), Path(out_dir)
    if not (html_dir / "index.html").is_file():
        raise SystemExit(f"no built book in {html_dir}: run `make book` first")
    book = read_book()
    date = build_date()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(html_dir) as base_url, chromium() as browser:
        for lang in langs:
            start = time.perf_counter()
            document = PrintDocument(book, html_dir, lang, date)
            pdf = print_language(browser, base_url, document, log=log)
            target = out_dir / f"backprop-{lang}.pdf"
            target.write_bytes(pdf)
            written.append(target)
            log(f"{target}: {len(document.pages)} pages of the book, {len(document.explorers)} explorers as notes "
                f"({len(pdf) / 1e6:.1f} MB, {time.perf_counter() - start:.0f} s)")
    published = html_dir / "pdf"
    published.mkdir(exist_ok=True)
    for path in written:
        shutil.copyfile(path, published / path.name)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Print the built HTML book as one PDF per language.")
    parser.add_argument("html", nargs="?", default=ROOT / "_build" / "html", type=Path, help="the built HTML book")
    parser.add_argument("out", nargs="?", default=ROOT / "_build" / "pdf", type=Path, help="where the PDFs go")
    parser.add_argument("--lang", choices=LANGS, action="append", help="only this language (repeatable)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        make_pdfs(args.html, args.out, tuple(args.lang or LANGS))
    except (RuntimeError, ValueError, FileNotFoundError) as exc:
        raise SystemExit(f"make_pdf: {exc}") from exc
    print(f"PDFs written in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
