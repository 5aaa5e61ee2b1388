"""What lets Sphinx read (and execute) the book's pages in parallel processes.

Two things stand in the way of ``tools/jb_build.py``'s parallel build:

* ``sphinx_external_toc`` always loads ``sphinx_multitoc_numbering``, which declares
  nothing about parallel reading, so Sphinx assumes it is unsafe, warns (a build
  failure under ``-W``) and reads serially. That extension only replaces
  ``TocTreeCollector.assign_section_numbers``, which runs in the main process after
  all pages have been read and merged; it keeps no per-page state, so reading in
  parallel cannot change its result. We record that fact before the build starts.
* MyST-NB's execution cache (jupyter-cache, an SQLite file) creates its tables on
  first use. Two worker processes starting on an empty cache both try, and one
  fails with "table ... already exists". We create the tables in the main process,
  before Sphinx forks its workers.
"""

from __future__ import annotations

SAFE_UNDECLARED = ("sphinx_multitoc_numbering",)


def mark_safe(app) -> None:
    for name in SAFE_UNDECLARED:
        ext = app.extensions.get(name)
        if ext is not None and ext.parallel_read_safe is None:
            ext.parallel_read_safe = True
            ext.parallel_write_safe = True


def create_cache_tables(app, env, docnames) -> None:
    config = getattr(env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache" or not docnames:
        return
    from jupyter_cache import get_cache

    get_cache(config.execution_cache_path).db  # opening the database creates its tables


def setup(app):
    app.connect("builder-inited", mark_safe)
    app.connect("env-before-read-docs", create_cache_tables)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
