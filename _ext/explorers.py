"""Sphinx extension: load the live explorers' scripts on the pages that show one.

A page shows an explorer with a block from ``backprop.book.explorers.explorer_block`` (a
``<div data-bp-explorer="NAME">``). For each page whose body holds such blocks, this adds
``_static/bp/engine.js``, ``_static/bp/ui.js`` and ``_static/bp/explorers/NAME.js``, deferred,
with Sphinx's public way to add a script to one page (``app.add_js_file`` called during the
``html-page-context`` event); other pages load none of them. When the build has finished, the
scripts are written from the installed package, as served (``backprop.book.explorers.script``:
comment lines and indentation left out), so the package is their one source.
"""

from __future__ import annotations

from pathlib import Path

from backprop.book.explorers import known_names, names_in, script, script_names

SUBDIR = "bp"


def add_scripts(app, pagename, templatename, context, doctree):
    names = names_in(context.get("body") or "")
    if names:
        for relative in script_names(names):
            app.add_js_file(f"{SUBDIR}/{relative}", defer="defer")


def write_scripts(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static" / SUBDIR
    # every explorer of the package: pages may be written in parallel processes or not rewritten
    # at all (an unchanged page), so which pages use which explorer is not known here
    for relative in script_names(known_names()):
        target = static / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script(relative), encoding="utf-8")


def setup(app):
    # Before _ext/offline.py's handler (priority 950), which copies each page's script list.
    app.connect("html-page-context", add_scripts, priority=500)
    app.connect("build-finished", write_scripts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
