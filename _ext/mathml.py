"""Sphinx extension: every formula is typeset when the book is built, as MathML; no page runs MathJax.

Why: typesetting in the browser cost every page 1.2 MB of MathJax and 0.8-1.9 s (most pages
0.8-1.4 s) before the formulas appeared, with raw LaTeX on screen until then. Now the HTML
carries ``<math>`` elements, which browsers lay out natively (Chromium since 109, Firefox,
Safari), so formulas are there at first paint, and the browser's find-in-page, dark mode and
screen readers work on them.

How:

- The pages are written with a math renderer named ``mathml`` (``html_math_renderer`` in
  ``_config.yml``) whose visitors are Sphinx's MathJax ones: the same markup, TeX between
  ``\\(``/``\\)`` or ``\\[``/``\\]`` in ``span.math``/``div.math``, equation numbers in
  ``span.eqno``. Only the renderer's name differs, so Sphinx adds no MathJax script.
- When the build has finished, every page still holding such TeX (a page written by this build;
  pages already converted are left alone) is rewritten: all formulas of all pages go to one
  ``node tools/mathml.js`` call, which typesets them with KaTeX (pinned in ``tools/vendor.lock``)
  as MathML with the TeX as its annotation. A formula KaTeX cannot read is a Sphinx warning
  naming its page and its TeX (``-W`` fails the build); that page is left unconverted, its TeX
  showing, until the formula is fixed.
- The math font: Latin Modern Math (Debian's fonts-lmodern), cut down to the characters the
  book's formulas use, as ``_static/bp/math.woff2`` (``tools/static/mathml.css``, served as ``_static/mathml.css``,
  loads it). MathML
  needs a font with an OpenType MATH table for its stretchy brackets, radicals and fractions.
- The font is not preloaded (``<link rel="preload" as="font">``): a preload is a CORS request,
  which Chromium refuses for a page opened from ``file://`` (the offline copy).
- ``tools/static/mathcopy.js`` puts the TeX of the formulas in a copied selection on the clipboard.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.ext.mathjax import html_visit_displaymath, html_visit_math
from sphinx.util import logging

from builtpages import html_pages

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
KATEX = ROOT / "_vendor" / ".build" / "katex.min.js"
SCRIPT = ROOT / "tools" / "mathml.js"
MATH_FONT = Path("/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")
FONT_OUT = Path("_static") / "bp" / "math.woff2"

# The markup of Sphinx's MathJax visitors, and of MyST-NB's text/latex outputs
# (class "output text_latex math notranslate nohighlight").
INLINE = re.compile(r'<span class="math notranslate nohighlight">(.*?)</span>', re.S)
DISPLAY = re.compile(r'<div class="([^"]*?)math notranslate nohighlight"([^>]*)>(.*?)</div>', re.S)
EQNO = re.compile(r'\s*(<span class="eqno">.*?</span>)', re.S)
MATH_ELEMENT = re.compile(r"<math[ >].*?</math>", re.S)

# Letters MathML slants by itself (a single-letter <mi>): their italic forms must be in the font.
ITALIC_SOURCES = [chr(c) for c in range(0x41, 0x5B)] + [chr(c) for c in range(0x61, 0x7B)] + \
    [chr(c) for c in range(0x391, 0x3AA) if c != 0x3A2] + [chr(c) for c in range(0x3B1, 0x3CA)]
ITALIC_FORMS = [chr(c) for c in list(range(0x1D434, 0x1D468)) + list(range(0x1D6E2, 0x1D71C))] + ["\u210E"]


def tex_of(source: str) -> str:
    """The TeX of one formula as the visitors wrote it: unescaped, its delimiters removed."""
    tex = html.unescape(source).strip()
    for left, right in (("\\(", "\\)"), ("\\[", "\\]")):
        if tex.startswith(left) and tex.endswith(right):
            return tex[len(left):-len(right)].strip()
    return tex


class Page:
    """One HTML page's formulas: found, then replaced by their MathML."""

    def __init__(self, path: Path):
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        self.items: list[tuple[str, bool]] = []
        for match in DISPLAY.finditer(self.text):
            self.items.append((tex_of(EQNO.sub("", match.group(3), count=1)), True))
        for match in INLINE.finditer(self.text):
            self.items.append((tex_of(match.group(1)), False))

    def rewrite(self, mathml: list[str]) -> None:
        rendered = iter(mathml)

        def display(match):
            classes, attributes, inner = match.groups()
            eqno = EQNO.match(inner)
            number = eqno.group(1) if eqno else ""
            return f'<div class="{classes}math notranslate"{attributes}>{number}{next(rendered)}</div>'

        text = DISPLAY.sub(display, self.text)
        text = INLINE.sub(lambda match: next(rendered), text)
        self.path.write_text(text, encoding="utf-8")


def typeset(items: list[tuple[str, bool]]) -> list[tuple[str | None, str | None]]:
    """(MathML, None) or (None, KaTeX's error) for each (TeX, display) item, from one node process."""
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("mathml: Node.js is needed to typeset the formulas (apt-get install nodejs)")
    if not SCRIPT.exists():
        raise ExtensionError(f"mathml: {SCRIPT} is missing")
    if not KATEX.exists():
        raise ExtensionError(f"mathml: {KATEX} is missing; run `make vendor` (tools/vendor_assets.py)")
    request = json.dumps({"katex": str(KATEX), "items": items})
    done = subprocess.run([node, str(SCRIPT)], input=request, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ExtensionError(f"mathml: tools/mathml.js failed: {done.stderr.strip()}")
    return [tuple(pair) for pair in json.loads(done.stdout)]


def convert_pages(outdir: Path) -> int:
    """Rewrite every page of ``outdir`` that still holds TeX; return how many formulas were typeset."""
    pages = [page for page in map(Page, html_pages(outdir)) if page.items]
    items = [item for page in pages for item in page.items]
    if not items:
        return 0
    results = typeset(items)
    start = 0
    for page in pages:
        mine = results[start:start + len(page.items)]
        start += len(page.items)
        failed = [(tex, error) for (tex, _), (_, error) in zip(page.items, mine) if error]
        for tex, error in failed:
            logger.warning("mathml: %s: KaTeX cannot typeset %r: %s", page.path.relative_to(outdir), tex, error)
        if not failed:
            page.rewrite([mathml for mathml, _ in mine])
    return len(items)


def characters_used(outdir: Path) -> set[str]:
    """Every character inside a <math> element of the built pages, tags and the TeX annotation aside."""
    used = set()
    for path in html_pages(outdir):
        for element in MATH_ELEMENT.findall(path.read_text(encoding="utf-8")):
            shown = re.sub(r"<annotation.*?</annotation>", "", element, flags=re.S)
            used.update(html.unescape(re.sub(r"<[^>]*>", "", shown)))
    used.discard("\n")
    if used & set(ITALIC_SOURCES):
        used.update(ITALIC_FORMS)
    return used


def write_font(outdir: Path, used: set[str]) -> None:
    """Latin Modern Math with only the characters in ``used`` (and what its MATH table builds them from)."""
    from fontTools import subset

    if not MATH_FONT.exists():
        raise ExtensionError(f"mathml: {MATH_FONT} is missing (apt-get install fonts-lmodern)")
    target = outdir / FONT_OUT
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the licence and the font's own names
    font = subset.load_font(str(MATH_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in used if not ch.isspace()])
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def finish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    count = convert_pages(outdir)
    if count:
        logger.info("mathml: %d formulas typeset as MathML", count)
    write_font(outdir, characters_used(outdir))


def typesetter_digest() -> str:
    """Changes when the typesetting does (this file, tools/mathml.js, the pinned KaTeX)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for part in (SCRIPT, KATEX):  # a copy of the extension without them fails only if it meets a formula
        digest.update(part.read_bytes() if part.exists() else b"")
    return digest.hexdigest()[:16]


def setup(app):
    # A config value of kind "html": when it changes, Sphinx writes every page again (its build info
    # records these values), so no page keeps formulas from an older typesetter.
    app.add_config_value("mathml_typesetter", typesetter_digest(), "html")
    app.add_html_math_renderer("mathml", (html_visit_math, None), (html_visit_displaymath, None))
    app.add_css_file("mathml.css")
    app.add_js_file("mathcopy.js", defer="defer")
    app.connect("build-finished", finish)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
