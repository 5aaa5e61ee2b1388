"""Sphinx extension: pages load only what they use.

Measured on chapter 10 before this (benchmarks/book_build.py): 4.5 MB loaded, of which 1.5 MB was
the theme's ``fontawesome.js`` (which redraws icons that its own CSS already draws from web fonts),
0.26 MB the search index and its scripts (used by the search page alone), and 0.27 MB the icon
fonts, of which a page shows about twenty glyphs. When the build has finished, this

- removes the ``fontawesome.js`` script from every page (the icons stay: the theme's stylesheet
  draws them from Font Awesome's web fonts) and the file from the build;
- removes ``searchtools.js``, ``language_data.js`` and ``searchindex.js`` from every page but the
  search page (the theme's search box sends the reader to the search page, which loads them);
- cuts Font Awesome's web fonts down to the icons that some page or script of the build names
  (``fa-github``, ``fa-bars``, ...), looked up in the theme's stylesheet;
- unwraps the syntax-highlighting spans whose colour is the code block's own text colour in both
  the light and the dark theme (names, punctuation, spaces: half of all the spans), which shows
  the same and leaves chapter 7's HTML 40 KB lighter. Which classes those are is read from the
  built ``pygments.css``, not assumed.

Every step is idempotent: a page or font already slimmed is left as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from builtpages import html_pages

THEME_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')
ICON = re.compile(r"\bfa-[a-z0-9-]+")
WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"


def plain_token_classes(pygments_css: str) -> set[str]:
    """Token classes whose only rule, in every theme, is the colour of the code block's own text."""
    themes = re.findall(r'html\[data-theme="(\w+)"\] \.highlight \{[^}]*?color: (#\w+)', pygments_css)
    plain = None
    for theme, base in themes:
        rules = dict(re.findall(
            rf'html\[data-theme="{theme}"\] \.highlight \.(\w+) \{{ ([^}}]*?) \}}', pygments_css))
        same = {name for name, rule in rules.items() if rule.strip().lower() == f"color: {base.lower()}"}
        plain = same if plain is None else plain & same
    return plain or set()


def unwrap_tokens(text: str, classes: set[str]) -> str:
    if not classes:
        return text
    pattern = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(sorted(map(re.escape, classes))))
    return pattern.sub(r"\1", text)


def slim_page(path: Path, classes: set[str], search_page: bool) -> None:
    text = path.read_text(encoding="utf-8")
    slim = THEME_SCRIPT.sub("", text)
    if not search_page:
        slim = SEARCH_SCRIPTS.sub("", slim)
    slim = unwrap_tokens(slim, classes)
    if slim != text:
        path.write_text(slim, encoding="utf-8")


def icon_codepoints(outdir: Path) -> set[int]:
    """The codepoints of the Font Awesome icons named anywhere in the built pages and scripts."""
    css = (outdir / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    names = set()
    for path in list(html_pages(outdir)) + sorted((outdir / "_static").rglob("*.js")):
        if path.name != "fontawesome.js":
            names.update(ICON.findall(path.read_text(encoding="utf-8", errors="ignore")))
    points = set()
    for selectors, content in re.findall(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"([^"]+)"\}', css):
        if set(re.findall(r"\.(fa-[a-z0-9-]+):before", selectors)) & names:
            points.add(int(content[1:], 16) if content.startswith("\\") and len(content) > 2 else ord(content[-1]))
    return points


def subset_icon_fonts(outdir: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    points = icon_codepoints(outdir)
    # the .woff2 files browsers load, and the .ttf files the stylesheet names as a fallback
    for path in sorted((outdir / WEBFONTS).glob("*.woff2")) + sorted((outdir / WEBFONTS).glob("*.ttf")):
        font = TTFont(str(path))
        keep = points & set(font.getBestCmap())
        if len(font.getBestCmap()) == len(keep):
            continue  # already cut down
        options = subset.Options()
        options.flavor = "woff2" if path.suffix == ".woff2" else None
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(keep) or [0x20])
        subsetter.subset(font)
        subset.save_font(font, str(path), options)


def finish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pygments_css = outdir / "_static" / "pygments.css"
    classes = plain_token_classes(pygments_css.read_text(encoding="utf-8")) if pygments_css.exists() else set()
    for path in html_pages(outdir):
        slim_page(path, classes, path == outdir / "search.html")
    for leftover in (outdir / "_static" / "scripts").glob("fontawesome.js*"):  # the script, its map, its licence
        leftover.unlink()
    subset_icon_fonts(outdir)


def setup(app):
    # After the theme's own build-finished handler (priority 500), which rewrites pygments.css
    # with its light and dark styles: the classes to unwrap are read from that final file.
    app.connect("build-finished", finish, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
