"""Sphinx extension: link every chapter page to its twin in the other language.

The book keeps Chinese pages under ``chapters/zh/`` and English pages under
``chapters/en/`` with the same file names. This extension, the one place that
knows the pairing:

* puts a link to the mirror page at the top of every chapter page;
* sets ``<html lang>`` to ``zh-CN`` or ``en`` per page (fonts, screen readers);
* reports a page without a twin as a build warning (and so, with ``-W``, an error);
* renders the theme's own labels (search, previous/next, on this page, ...) in
  Chinese on Chinese pages, from the message catalogs that Sphinx and the themes ship.
  The book's ``language`` stays ``en``; only the zh pages switch catalogs;
* gives each chapter page a sidebar in its own language: the other language's part of the
  table of contents is left out (the appendix and the root page keep both), and the
  previous/next links do not cross from one language's part into the other's;
* labels each search result with its language (``tools/static/langsearch.js``).
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

LANGS = {
    "zh": {"html_lang": "zh-CN", "other": "en", "link_text": "English version", "label": "Read in English"},
    "en": {"html_lang": "en", "other": "zh", "link_text": "中文版", "label": "阅读中文版"},
}
PREFIX = "chapters/"


def page_language(pagename: str) -> str | None:
    """'zh' or 'en' for a chapter page, None for pages outside chapters/."""
    if not pagename.startswith(PREFIX):
        return None
    lang = pagename[len(PREFIX):].split("/", 1)[0]
    return lang if lang in LANGS else None


def mirror_of(pagename: str) -> str | None:
    """The twin page's name: chapters/zh/01-neuron <-> chapters/en/01-neuron."""
    lang = page_language(pagename)
    if lang is None:
        return None
    return f"{PREFIX}{LANGS[lang]['other']}/{pagename[len(PREFIX) + len(lang) + 1:]}"


def check_mirrors(app, env):
    for doc in sorted(env.found_docs):
        twin = mirror_of(doc)
        if twin is not None and twin not in env.found_docs:
            logger.warning(f"page {doc} has no mirror page {twin}", location=doc, type="langswitch")
    return []


@functools.lru_cache(maxsize=None)
def chinese_catalogs():
    """(catalog for the templates' _(), catalog for sphinx-book-theme's translate())."""
    import pydata_sphinx_theme
    import sphinx
    import sphinx_book_theme

    theme = gettext.translation("sphinx", Path(pydata_sphinx_theme.__file__).parent / "locale",
                                languages=["zh_CN", "zh"], fallback=True)
    theme.add_fallback(gettext.translation("sphinx", Path(sphinx.__file__).parent / "locale",
                                           languages=["zh_CN"], fallback=True))
    book = gettext.translation("booktheme",
                               Path(sphinx_book_theme.__file__).parent / "theme/sphinx_book_theme/static/locales",
                               languages=["zh_CN"], fallback=True)
    return theme, book


def set_interface_language(app, lang, context):
    """Install the Chinese or the book's own catalogs in the template engine for this page."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:
        return
    if lang == "zh":
        theme, book = chinese_catalogs()
        environment.install_gettext_translations(theme)
        context["translate"] = book.gettext
        if "theme_search_bar_text" in context:
            context["theme_search_bar_text"] = book.gettext("Search") + "..."
    else:
        environment.install_gettext_translations(app.translator)


def one_language_sidebar(generate, lang, kind, *args, **kwargs):
    """The theme's table of contents without the parts whose every link is a page of the other language.

    Wraps the theme's public template function ``generate_toctree_html`` (pydata-sphinx-theme puts it
    in every page's context); a part is a caption followed by its list. Links are relative to the page,
    so on ``chapters/zh/x.html`` the English pages are ``../en/...``.
    """
    html = generate(kind, *args, **kwargs)
    if kind != "sidebar":
        return html
    from bs4 import BeautifulSoup

    other = f"../{LANGS[lang]['other']}/"
    # pydata-sphinx-theme 0.17 returns a BeautifulSoup object (its docstring says a string): take either
    soup = BeautifulSoup(html, "html.parser") if isinstance(html, str) else html
    for caption in soup.select("p.caption"):
        part = caption.find_next_sibling("ul")
        hrefs = [a.get("href", "") for a in part.select("a[href]")] if part else []
        if hrefs and all(h.startswith(other) for h in hrefs):
            caption.decompose()
            part.decompose()
    return soup if soup is html else str(soup)


def keep_language_in_links(context, lang):
    """Previous/next links that would lead into the other language's part are dropped."""
    other = f"../{LANGS[lang]['other']}/"
    for key in ("prev", "next"):
        link = context.get(key)
        if link and str(link.get("link", "")).startswith(other):
            context[key] = None


def add_switch(app, pagename, templatename, context, doctree):
    lang = page_language(pagename)
    set_interface_language(app, lang, context)
    if pagename == "search":
        app.add_js_file("langsearch.js", defer="defer")   # this page only (html-page-context)
    if lang is None:
        return
    if callable(context.get("generate_toctree_html")):
        context["generate_toctree_html"] = functools.partial(one_language_sidebar,
                                                             context["generate_toctree_html"], lang)
    keep_language_in_links(context, lang)
    info = LANGS[lang]
    context["language"] = info["html_lang"]
    twin = mirror_of(pagename)
    if twin not in app.env.found_docs:
        return
    href = app.builder.get_relative_uri(pagename, twin)
    other = LANGS[info["other"]]
    switch = (
        f'<p class="langswitch" lang="{other["html_lang"]}">'
        f'<a class="langswitch-link" href="{href}" hreflang="{other["html_lang"]}" '
        f'aria-label="{info["label"]}">{info["link_text"]} →</a></p>\n'
    )
    context["body"] = switch + context.get("body", "")
    context.setdefault("metatags", "")
    context["metatags"] += f'\n<link rel="alternate" hreflang="{other["html_lang"]}" href="{href}" />'


def setup(app):
    app.connect("env-check-consistency", check_mirrors)
    # After the themes' own handlers (priority 500), so their labels can be replaced.
    app.connect("html-page-context", add_switch, priority=900)
    app.add_css_file("langswitch.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
