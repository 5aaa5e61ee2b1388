"""The pages of a built HTML book, for the extensions that rewrite them when the build has finished
(``mathml.py``, ``slim.py``), the tests and the benchmarks: every ``.html`` file under the output
folder, leaving out the folders whose names start with ``_`` or ``.`` (``_static``, ``_sources``,
...), which hold no pages of the book."""

from __future__ import annotations

from pathlib import Path


def html_pages(outdir: Path) -> list[Path]:
    outdir = Path(outdir)
    return sorted(path for path in outdir.rglob("*.html")
                  if not any(part.startswith(("_", ".")) for part in path.relative_to(outdir).parts))
