"""Time a clean build and an unchanged rebuild of the whole book, and weigh every page.

Run from the repository root after `make book` has set up .venv:

    .venv/bin/python benchmarks/book_build.py

Prints: clean build seconds (all chapters executed, both languages; target <= 120 s),
unchanged-rebuild seconds (target <= 15 s), and for each page the bytes of the HTML plus
everything it loads until its math is typeset (target <= 2 MB), raw and gzip-compressed
(as a host such as GitHub Pages sends text), and the time to typeset, in headless Chromium.
`--no-build` skips the two builds and only weighs the pages of the current _build/html;
`--serial` first times a clean build in one process (BOOK_JOBS=1), for comparison.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# The build `make book` runs: jupyter-book build with Sphinx jobs (tools/jb_build.py).
JB = [str(ROOT / ".venv/bin/python"), str(ROOT / "tools/jb_build.py"), str(ROOT),
      "--builder", "html", "-W", "-n", "--keep-going"]


def clear_build():
    for folder in ("_build/.jupyter_cache", "_build/.doctrees", "_build/html", "_build/jupyter_execute"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


def timed_build(jobs: str = "") -> float:
    env = {**os.environ, "BOOK_JOBS": jobs} if jobs else None
    start = time.perf_counter()
    subprocess.run(JB, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def page_weights():
    from browser import CHROMIUM, CHROMIUM_ARGS, serve, wait_for_math
    from playwright.sync_api import sync_playwright

    html = ROOT / "_build/html"
    pages = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                   if not any(part.startswith((".", "_")) for part in p.relative_to(html).parts))
    rows = []
    with serve(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            start = time.perf_counter()
            page.goto(f"{base}/{path}", wait_until="load")
            wait_for_math(page)
            typeset = time.perf_counter() - start
            page.wait_for_timeout(300)
            bodies = [r.body() for r in responses if r.status == 200]
            raw = sum(len(b) for b in bodies)
            # What a host that compresses text (as GitHub Pages does) sends; woff2/png barely shrink.
            compressed = sum(len(gzip.compress(b, 6)) for b in bodies)
            rows.append((path, raw, compressed, typeset))
            context.close()
        browser.close()
    return rows


def main():
    if "--serial" in sys.argv:  # the same build in one process, for comparison
        clear_build()
        print(f"clean build, serial (BOOK_JOBS=1):    {timed_build('1'):6.1f} s")
    if "--no-build" not in sys.argv:
        clear_build()
        clean = timed_build()
        print(f"clean build, {os.cpu_count()} jobs (all notebooks executed): {clean:6.1f} s   target <= 120 s")
        again = timed_build()
        print(f"unchanged rebuild:                    {again:6.1f} s   target <= 15 s")
    print(f"{'page':40s} {'raw':>9s} {'gzip':>9s} {'math typeset':>13s}")
    rows = page_weights()
    for path, raw, compressed, typeset in rows:
        print(f"{path:40s} {raw / 1e6:6.2f} MB {compressed / 1e6:6.2f} MB {typeset:11.2f} s")
    print(f"largest page: {max(r[1] for r in rows) / 1e6:.2f} MB raw, {max(r[2] for r in rows) / 1e6:.2f} MB gzip; "
          f"slowest typeset: {max(r[3] for r in rows):.2f} s")
    print("targets: weight <= 2 MB per page, math typeset <= 1.5 s from localhost")


if __name__ == "__main__":
    main()
