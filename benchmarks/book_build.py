"""Time a clean build and an unchanged rebuild of the whole book, and weigh every page.

Run from the repository root after `make book` has set up .venv:

    .venv/bin/python benchmarks/book_build.py

Prints: clean build seconds (all chapters executed, both languages; target <= 120 s),
unchanged-rebuild seconds (target <= 15 s), and for each page, in headless Chromium from localhost:
the bytes of the HTML plus everything it loads (target <= 1.5 MB uncompressed), raw and
gzip-compressed (as a host such as GitHub Pages sends text); the time of the first paint, with the
number of formulas already in the page then (formulas are MathML in the HTML, _ext/mathml.py, so
all of them are); and the time until everything is rendered: the load event, every font loaded
(the math font among them) and every live explorer drawn once (target <= 0.3 s).
Each time is the median of `--runs=N` loads (3 by default), cold (a new browser profile) and warm
(arriving from the page before it in reading order); a blank page served the same way gives the
floor. `--no-build` skips the two builds and only weighs the pages of the current _build/html;
`--serial` first times a clean build in one process (BOOK_JOBS=1), for comparison.
"""
from __future__ import annotations

import contextlib
import gzip
import os
import socket
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "_ext"))

# The build `make book` runs: jupyter-book build with Sphinx jobs (tools/jb_build.py).
JB = [str(ROOT / ".venv/bin/python"), str(ROOT / "tools/jb_build.py"), str(ROOT),
      "--builder", "html", "-W", "-n", "--keep-going"]


def clear_build():
    for folder in ("_build/.jupyter_cache", "_build/.doctrees", "_build/html", "_build/jupyter_execute"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


def timed_build(jobs: str = "") -> float:
    # as `make book` builds: the Makefile exports BACKPROP_RECOMPUTE=1 (chapter 7 trains its maps again)
    env = {**os.environ, "BACKPROP_RECOMPUTE": "1", **({"BOOK_JOBS": jobs} if jobs else {})}
    start = time.perf_counter()
    subprocess.run(JB, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


# True once the page is fully rendered: loaded, fonts in, each explorer drawn. It records two moments:
# __bpMath, when the page and its fonts (the math font among them) are in, and __bpRendered, when
# every live explorer has drawn too.
RENDERED = """() => {
    const page = document.readyState === 'complete' && document.fonts.status === 'loaded';
    if (page && !window.__bpMath) window.__bpMath = performance.now();
    const done = page
        && [...document.querySelectorAll('[data-bp-explorer]')].every(el => +(el.dataset.renders || 0) >= 1);
    if (done && !window.__bpRendered) window.__bpRendered = performance.now();
    return done;
}"""

FIRST_PAINT = """() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return paint ? paint.startTime : null;
}"""


def rendered_after(page, url):
    """Seconds from navigation until the page and its fonts are in, and until everything (explorers
    included) is rendered; the first paint's time and the formulas in the page then."""
    page.goto(url, wait_until="commit")
    page.wait_for_function(RENDERED, polling="raf", timeout=30000)
    math, rendered = page.evaluate("[window.__bpMath / 1000, window.__bpRendered / 1000]")
    # the paint entry, and the count made when it arrives, are reported a moment after the paint
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0"
                           " && window.__bpMathAtPaint !== undefined", timeout=10000)
    first_paint = (page.evaluate(FIRST_PAINT) or 0) / 1000
    return (math, rendered), first_paint, page.evaluate("window.__bpMathAtPaint ?? -1")


# Counts the formulas in the page at its first paint: registered before any script of the page runs.
COUNT_AT_PAINT = """new PerformanceObserver(list => {
    if (list.getEntries().some(e => e.name === 'first-contentful-paint'))
        window.__bpMathAtPaint = document.querySelectorAll('math').length;
}).observe({type: 'paint', buffered: true});"""


@contextlib.contextmanager
def static_server(directory):
    """`python -m http.server` (what `make serve` runs) in its own process, so that the browser
    driver in this one does not slow the server down; yields the base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()


# Where a reader arrives from: the page before this one in reading order (the theme's "previous"
# link), or, for the root page, which has none, the search page.
PREVIOUS = """() => { const link = document.querySelector('link[rel=prev]'); return link ? link.href : null; }"""
READING = 1.5  # seconds the reader spends on the page before, so that its own scripts have finished
BLANK = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>blank</title></head><body><p>A blank page.</p></body></html>"


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def timings(browser, url, runs):
    """The median over ``runs`` of (page+fonts, all) cold and warm, the first paint, and the
    formulas in the page at first paint (cold). Cold: a new browser profile, nothing cached (a
    reader's first page of the book). Warm: a new profile that has had the page before this one open
    for READING seconds, so that what the two share (theme, math font, explorer scripts) is in the
    browser's cache, as for a reader going from one chapter to the next."""
    cold, warm, paints, at_paint = [], [], [], None
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(COUNT_AT_PAINT)
        times, first_paint, count = rendered_after(page, url)
        previous = page.evaluate(PREVIOUS) or url.rsplit("/", 1)[0] + "/search.html"
        cold.append(times)
        paints.append(first_paint)
        at_paint = count if at_paint is None else min(at_paint, count)
        context.close()
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(COUNT_AT_PAINT)
        page.goto(previous, wait_until="load")
        page.wait_for_timeout(READING * 1000)
        warm.append(rendered_after(page, url)[0])
        context.close()
    pick = lambda runs, i: median(r[i] for r in runs)  # noqa: E731
    return ((pick(cold, 0), pick(cold, 1)), (pick(warm, 0), pick(warm, 1)), median(paints), at_paint)


def weigh(browser, url):
    """Bytes of the page and of everything it loads, raw and gzip-compressed, and its formulas."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_function(RENDERED, polling="raf", timeout=30000)
    page.wait_for_timeout(300)
    bodies = [r.body() for r in responses if r.status == 200]
    math_total = page.evaluate("document.querySelectorAll('math').length")
    context.close()
    # What a host that compresses text (as GitHub Pages does) sends; woff2/png barely shrink.
    return sum(len(b) for b in bodies), sum(len(gzip.compress(b, 6)) for b in bodies), math_total


def page_weights(runs):
    """Per page: weight, first paint, formulas at first paint, and the time until everything is
    rendered, cold and warm (``timings``); then the same times for a blank page served the same way,
    the floor that no page can go under on this machine."""
    import tempfile

    from browser import CHROMIUM, CHROMIUM_ARGS
    from builtpages import html_pages
    from playwright.sync_api import sync_playwright

    html = ROOT / "_build/html"
    pages = [p.relative_to(html).as_posix() for p in html_pages(html)]
    rows = []
    with static_server(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            raw, compressed, math_total = weigh(browser, f"{base}/{path}")
            cold, warm, first_paint, at_paint = timings(browser, f"{base}/{path}", runs)
            rows.append((path, raw, compressed, first_paint, at_paint, math_total, cold, warm))
        with tempfile.TemporaryDirectory() as folder, static_server(folder) as blank_base:
            for name in ("blank.html", "search.html"):  # search.html: where the blank page's warm run arrives from
                (Path(folder) / name).write_text(BLANK, encoding="utf-8")
            blank = timings(browser, f"{blank_base}/blank.html", runs)
        browser.close()
    return rows, blank


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
    runs = int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--runs=")), 3))
    print(f"times in s from navigation, median of {runs} runs; 'page+fonts': loaded with every font (math font "
          "included);")
    print("'all': explorers drawn too; cold: a new browser profile; warm: arriving from the page before it in "
          f"reading order, open for {READING:g} s")
    print(f"{'page':36s} {'raw':>9s} {'gzip':>9s} {'1st paint':>9s} {'formulas then/all':>17s} "
          f"{'page+fonts cold':>15s} {'all cold':>8s} {'page+fonts warm':>15s} {'all warm':>8s}")
    rows, blank = page_weights(runs)
    for path, raw, compressed, first_paint, at_paint, total, cold, warm in rows:
        print(f"{path:36s} {raw / 1e6:6.2f} MB {compressed / 1e6:6.2f} MB {first_paint:9.3f} "
              f"{at_paint:>8d}/{total:<8d} {cold[0]:15.3f} {cold[1]:8.3f} {warm[0]:15.3f} {warm[1]:8.3f}")
    heaviest = max(rows, key=lambda r: r[1])
    print(f"heaviest page: {heaviest[0]}: {heaviest[1] / 1e6:.2f} MB raw, {heaviest[2] / 1e6:.2f} MB gzip; "
          f"page+fonts {heaviest[6][0]:.3f} s cold, {heaviest[7][0]:.3f} s warm; "
          f"all {heaviest[6][1]:.3f} s cold, {heaviest[7][1]:.3f} s warm")
    for label, index in (("page+fonts", 0), ("all", 1)):
        cold, warm = sorted(r[6][index] for r in rows), sorted(r[7][index] for r in rows)
        print(f"all pages, {label}: cold median {median(cold):.3f} s (max {cold[-1]:.3f}), "
              f"warm median {median(warm):.3f} s (max {warm[-1]:.3f})")
    lightest = min(rows, key=lambda r: r[1])
    print(f"floor: a blank page served the same way: {blank[0][1]:.3f} s cold, {blank[1][1]:.3f} s warm; "
          f"the lightest page of the book ({lightest[0]}, {lightest[1] / 1e6:.2f} MB): "
          f"{lightest[6][1]:.3f} s cold, {lightest[7][1]:.3f} s warm")
    print(f"formulas missing at first paint: {sum(max(r[5] - r[4], 0) for r in rows if r[4] >= 0)}")
    print("targets (heaviest page): <= 1.5 MB uncompressed, everything rendered <= 0.3 s, math at first paint")


if __name__ == "__main__":
    main()
