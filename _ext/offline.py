"""Sphinx extension: keep the built pages free of third-party hosts.

Jupyter Book always loads sphinx-thebe, which writes the address of its
JavaScript bundle on a CDN into every page, even with the Live Code button
switched off (``launch_buttons.thebe: false``). The book has no Live Code
button (Binder is the live path), so this removes thebe's scripts from the
pages. Formulas are MathML typeset at build time (``_ext/mathml.py``) and no widget
manager is loaded (``tools/vendor.lock`` pins what the build fetches); ``tests/test_offline_html.py`` checks the result.

How: sphinx-thebe 0.3.1 adds its scripts with ``app.add_js_file`` (in its
``env-before-read-docs`` handler ``init_thebe_core``), and Sphinx has no public
way to take back a registered script. What is public is the page's template
context: the ``html-page-context`` event hands each page's context to
extensions, and ``script_files`` is one of the documented template variables.
So each page's ``script_files`` is given a copy without thebe's scripts;
nothing registered with Sphinx is changed. The same copy also leaves out the
ipywidgets state MyST-NB embeds, which no script of these pages reads (no widget
manager is loaded: ``nb_ipywidgets_js`` is empty in ``_config.yml``).
"""

from __future__ import annotations


def _is_thebe(script) -> bool:
    """A script of sphinx-thebe: its file (sphinx-thebe.js, the CDN bundle) or its inline settings."""
    filename = getattr(script, "filename", script)  # an entry of script_files, or a plain file name
    body = getattr(script, "attributes", {}).get("body")
    return "thebe" in str(filename or "") or "THEBE_JS_URL" in str(body or "")


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _is_widget_state(script) -> bool:
    """The saved state of a notebook's ipywidgets, which MyST-NB embeds as an inline script."""
    return getattr(script, "attributes", {}).get("type") == WIDGET_STATE


def drop_thebe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    if not app.config.thebe_config.get("always_load"):  # unless Live Code was turned on deliberately
        scripts = [js for js in scripts if not _is_thebe(js)]
    # MyST-NB embeds the widget state of an executed notebook (chapter 7: 140 KB) for a widget
    # manager to read; with nb_ipywidgets_js empty no page loads one, so nothing would read it.
    if not app.config.nb_ipywidgets_js:
        scripts = [js for js in scripts if not _is_widget_state(js)]
    context["script_files"] = scripts


def setup(app):
    # Late (priority 950), after any other extension (langswitch and explorers included) has added its scripts.
    app.connect("html-page-context", drop_thebe, priority=950)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
