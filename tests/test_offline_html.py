"""The built pages load nothing from a third-party host, and show nothing of the build machine.

Every script, stylesheet, font, image, iframe and preload must come from the
book itself. Links a reader clicks (Binder, the repository) are fine.
"""
import re
import sys
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import HTML, ROOT, html_pages

EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def external(url):
    return bool(url) and bool(EXTERNAL.match(url.strip())) and urlparse(url.strip()).hostname not in {"localhost", "127.0.0.1"}


def loaded_resources(soup):
    for tag in soup.find_all("script", src=True):
        yield "script", tag["src"]
    for tag in soup.find_all("link", href=True):
        rel = {r.lower() for r in tag.get("rel", [])}
        if rel & {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "manifest"}:
            yield "link " + "/".join(sorted(rel)), tag["href"]
    for name in ("img", "iframe", "video", "audio", "source", "embed"):
        for tag in soup.find_all(name, src=True):
            yield name, tag["src"]
    for tag in soup.find_all("style"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", tag.get_text()):
            yield "inline style url", url
    for tag in soup.find_all("script", src=False):
        for url in re.findall(r"""["']((?:https?:)?//[^"']+\.(?:js|css|woff2?|ttf))["']""", tag.get_text()):
            yield "url in inline script", url


@pytest.mark.book
def test_there_are_pages(built_html):
    assert len(html_pages()) >= 4


@pytest.mark.book
def test_no_page_loads_from_an_external_host(built_html):
    offenders = []
    for page in html_pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for kind, url in loaded_resources(soup):
            if external(url):
                offenders.append(f"{page.relative_to(HTML)}: {kind} {url}")
    assert not offenders, "external resources:\n" + "\n".join(offenders)


@pytest.mark.book
def test_stylesheets_import_nothing_external(built_html):
    offenders = []
    for css in sorted((HTML / "_static").rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", text):
            if external(url):
                offenders.append(f"{css.relative_to(HTML)}: {url}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.book
def test_math_font_is_served_locally(built_html):
    """Formulas are MathML in the page (_ext/mathml.py); their font comes with the book."""
    css = (HTML / "_static/mathml.css").read_text(encoding="utf-8")
    assert re.findall(r'url\("([^"]+)"\)', css) == ["bp/math.woff2"]
    assert (HTML / "_static/bp/math.woff2").stat().st_size > 10_000


@pytest.mark.parametrize("url, expected", [
    ("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js", True),
    ("//unpkg.com/thebe", True),
    ("../_static/mathjax/tex-chtml.js", False),
    ("http://127.0.0.1:8000/x.js", False),
])
def test_the_detector_itself(url, expected):
    assert external(url) is expected


@pytest.mark.book
def test_no_live_widget_is_rendered_without_a_kernel(built_html):
    """A live ipywidget in static HTML shows sliders that move nothing: pages use snapshots
    or the JavaScript explorers instead, and load no widget manager, nor the widget state only a manager reads."""
    offenders = []
    for page in html_pages():
        text = page.read_text(encoding="utf-8")
        if ("application/vnd.jupyter.widget-view+json" in text or "embed-amd.js" in text
                or "application/vnd.jupyter.widget-state+json" in text):  # state no script would read
            offenders.append(str(page.relative_to(HTML)))
    assert not offenders, offenders


@pytest.mark.book
def test_no_page_shows_a_path_of_the_build_machine(built_html):
    """Tracebacks and warnings must not leak where the book was built (a reader's page is not a log)."""
    leaks = [str(ROOT), sys.prefix, "site-packages", "/.venv/", "/usr/lib/python"]
    for page in html_pages():
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
        found = [s for s in leaks if s in text]
        found += re.findall(r"File \S*/\S+\.py", text)
        assert not found, f"{page.relative_to(HTML)} shows a path of the build machine: {found[:3]}"
