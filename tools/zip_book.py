"""Pack the built HTML book into _build/backprop-book-html.zip, to read offline from file://.

    .venv/bin/python tools/zip_book.py [_build/html] [_build/backprop-book-html.zip]

A reader unzips it and opens ``index.html`` (or ``backprop-book/index.html``): no server is
needed. Everything in the pages works from ``file://``: the formulas (MathML) and their font, the live
explorers, the language links, and search in both languages (search is a script, not a request;
only its result snippets, which the search page would fetch from each result's page, are left
out when the page runs from a file: see ``tools/static/langsearch.js``). The archive holds the
pages under one folder, ``backprop-book/``, in sorted order with fixed timestamps, so the same
build gives the same bytes; only Sphinx's build bookkeeping is left out (``_sources`` stays: the
pages' download buttons link to it). ``tests/test_offline_zip.py`` opens the unzipped copy in Chromium.

The PDFs are in it (``pdf/``, written by ``tools/make_pdf.py`` first), and the archive is also
copied into the site itself, beside ``index.html``, where the root page and the prefaces link it
(on the published site and with ``make serve``; inside the unzipped copy that one link leads
nowhere: the reader already has the archive).
"""
from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "backprop-book"
LEAVE_OUT = {".buildinfo", ".doctrees"}
STAMP = (2026, 1, 1, 0, 0, 0)


def files(html: Path, name: str):
    for path in sorted(html.rglob("*")):
        parts = path.relative_to(html).parts
        if path.is_file() and not (set(parts) & LEAVE_OUT) and parts != (name,):  # not the archive itself
            yield path


def pack(html: Path, out: Path) -> Path:
    if not (html / "index.html").is_file():
        raise SystemExit(f"no built book in {html}: run `make book` first")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files(html, out.name):
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(html).as_posix()}", STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(out)
    shutil.copyfile(out, html / out.name)
    return out


def main():
    html = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "_build" / "backprop-book-html.zip"
    path = pack(html, out)
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
