"""Helpers for the browser tests: serve the built book on loopback, drive Debian's Chromium.

Playwright's Python client is used with ``/usr/bin/chromium`` (Playwright's own
browser download cannot work offline). Every request to a host other than the
local server is aborted and recorded, so a page that needs the internet fails.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from chromium import CHROMIUM, CHROMIUM_ARGS, chromium, serve  # noqa: E402,F401  (the tests import them from here)


class PageWatch:
    """Collects console errors, failed requests and blocked external requests of one page."""

    def __init__(self, page, base_url):
        self.errors, self.failed, self.blocked = [], [], []
        host = urlparse(base_url).hostname
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        page.on("response", lambda resp: resp.status >= 400 and self.failed.append(f"{resp.url} ({resp.status})"))

        def route(route):
            if urlparse(route.request.url).hostname == host or route.request.url.startswith("data:"):
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        page.route("**/*", route)

    def problems(self):
        return ([f"console error: {e}" for e in self.errors] + [f"failed request: {f}" for f in self.failed]
                + [f"external request: {b}" for b in self.blocked])


def wait_for_math(page, timeout_ms=10000):
    """Wait until the page's fonts, the math font among them, are loaded (or have failed).

    Formulas are MathML in the HTML itself (_ext/mathml.py): there is no typesetting to wait for,
    only the font the browser lays them out with."""
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=timeout_ms)


@contextlib.contextmanager
def explorer_page(browser, name, html=None, width=1000, height=1400):
    """A page of its own for the live explorer ``name``: engine.js and explorers/<name>.js as the
    book serves them, injected into a blank page, or ``html`` (a standalone page) as its content.

    Every request is aborted and recorded (an explorer needs nothing from anywhere); on leaving,
    there must have been none, and no console error.
    """
    from backprop.book.explorers import script

    requests, errors = [], []
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        def block(route):
            requests.append(route.request.url)
            route.abort()

        page.route("**/*", block)
        if html is None:
            for relative in ("engine.js", f"explorers/{name}.js"):
                page.add_script_tag(content=script(relative))
        else:
            page.set_content(html)
        yield page
        assert not requests, f"the page made requests: {requests}"
        assert not errors, f"console errors: {errors}"
    finally:
        context.close()
