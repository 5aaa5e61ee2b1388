"""`jupyter-book build` with Sphinx reading (and executing) pages in parallel processes.

Jupyter Book 1's command line builds with one process, although every extension
the book uses declares itself parallel-safe and the function it calls,
``jupyter_book.sphinx.build_sphinx``, takes Sphinx's ``jobs``. This wrapper runs
the very same command with ``jobs`` set, so the notebooks of different pages run
at the same time. Usage is that of ``jupyter-book build``:

    python tools/jb_build.py . --builder html -W -n --keep-going

``BOOK_JOBS`` sets the number of processes (default: the number of CPUs; 1 is
the plain serial build). Sphinx only forks when more than five pages need reading.

Why a patch and not a setting: no setting of Jupyter Book 1 (1.0.4 here) turns
parallel reading on. Sphinx (7.4) takes the number of processes only as an argument
(``sphinx-build -j``, ``Sphinx(parallel=...)``), not from conf.py, so ``_config.yml``'s
``sphinx: config:`` cannot set it; ``jupyter-book build`` has no ``--jobs`` option (a pull request adding
one, jupyter-book#1955, was closed unmerged in 2024) and its ``build`` command calls
``build_sphinx(...)`` without ``jobs``, which then defaults to 1. The public way around
is ``jupyter-book config sphinx`` (writes a conf.py) and ``sphinx-build -j``: that
puts a generated conf.py in the repository to keep in step with ``_config.yml`` and
replaces the build command with another one, for the same effect as this wrapper.
The patch relies on ``jupyter_book.cli.main.build`` importing ``build_sphinx`` from
``jupyter_book.sphinx`` when it runs (it does in 1.0.4); tests/test_build_guards.py
checks that the pages really are read in parallel.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys

import jupyter_book.cli.main as cli
import jupyter_book.sphinx


def jobs_from_env() -> int:
    """The number of processes: $BOOK_JOBS, else the number of CPUs."""
    value = os.environ.get("BOOK_JOBS", "")
    if not value:
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"BOOK_JOBS must be a whole number >= 1; got {value!r}")
    return int(value)


def main(argv: list[str]) -> None:
    jobs = jobs_from_env()
    if "jobs" not in inspect.signature(jupyter_book.sphinx.build_sphinx).parameters:
        raise SystemExit("jb_build: this jupyter_book.sphinx.build_sphinx takes no `jobs`: update tools/jb_build.py")
    # The command imports build_sphinx from this module when it runs: replace it there.
    jupyter_book.sphinx.build_sphinx = functools.partial(jupyter_book.sphinx.build_sphinx, jobs=jobs)
    print(f"jb_build: Sphinx with {jobs} parallel job(s)", flush=True)
    cli.main(["build", *argv])  # click exits with the build's status


if __name__ == "__main__":
    main(sys.argv[1:])
