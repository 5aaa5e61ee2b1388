"""`jupyter-book build` with Sphinx reading (and executing) pages in parallel processes.

Jupyter Book 1's command line builds with one process, although every extension
the book uses declares itself parallel-safe and the function it calls,
``jupyter_book.sphinx.build_sphinx``, takes Sphinx's ``jobs``. This wrapper runs
the very same command with ``jobs`` set, so the notebooks of different pages run
at the same time. Usage is that of ``jupyter-book build``:

    python tools/jb_build.py . --builder html -W -n --keep-going

``BOOK_JOBS`` sets the number of processes (default: the number of CPUs; 1 is
the plain serial build). Sphinx only forks when more than five pages need reading.
"""

from __future__ import annotations

import functools
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
    # The command imports build_sphinx from this module when it runs: replace it there.
    jupyter_book.sphinx.build_sphinx = functools.partial(jupyter_book.sphinx.build_sphinx, jobs=jobs)
    print(f"jb_build: Sphinx with {jobs} parallel job(s)", flush=True)
    cli.main(["build", *argv])  # click exits with the build's status


if __name__ == "__main__":
    main(sys.argv[1:])
