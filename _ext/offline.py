"""Sphinx extension: keep the built pages free of third-party hosts.

Jupyter Book always loads sphinx-thebe, which writes the address of its
JavaScript bundle on a CDN into every page, even with the Live Code button
switched off (``launch_buttons.thebe: false``). The book has no Live Code
button (Binder is the live path), so this removes thebe's scripts from the
pages. MathJax and the widget manager are served from ``_vendor`` (see
``tools/vendor.lock``); ``tests/test_offline_html.py`` checks the result.
"""

from __future__ import annotations


def _is_thebe(filename, body) -> bool:
    return "thebe" in str(filename or "") or "THEBE_JS_URL" in str(body or "")


def drop_thebe(app, env, docnames):
    if app.config.thebe_config.get("always_load"):
        return  # someone turned Live Code on deliberately: leave it
    app.registry.js_files[:] = [
        (filename, attrs) for filename, attrs in app.registry.js_files
        if not _is_thebe(filename, attrs.get("body"))
    ]
    builder_files = getattr(app.builder, "_js_files", None)
    if builder_files is not None:
        builder_files[:] = [js for js in builder_files if not _is_thebe(js.filename, js.attributes.get("body"))]


def setup(app):
    # Priority 900 runs after sphinx-thebe's own handler of the same event.
    app.connect("env-before-read-docs", drop_thebe, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
