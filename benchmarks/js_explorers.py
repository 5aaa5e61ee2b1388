"""Latency of the live JavaScript explorers: one control move, recompute plus redraw, in headless Chromium.

Run from the repository root:  .venv/bin/python benchmarks/js_explorers.py [--moves 21] [--name xor]

For each explorer (each chapter module with ``live_explorer``), opens its standalone page
(``backprop.book.explorers.standalone_page``: the scripts as served, inline, every request
blocked), then moves every range control through --moves positions, one at a time, and reads
the time ``ui.js`` measures around each redraw (``data-ms``: the explorer's computation and all
its drawing, not the wait for the next animation frame). Prints the median and the 90th
percentile per explorer (target, issue 12: <= 30 ms median for chapter 7's 2-4-1 x 5,000 epochs).
Asserts nothing: timings depend on the machine.
"""
import argparse
import importlib
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from backprop.book.explorers import standalone_page  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from test_explorers import EXPLORERS  # noqa: E402

MOVE = """([el, key, position]) => {
    const input = el.querySelector(`input[type=range][data-key="${key}"]`);
    const lo = +input.min, hi = +input.max, step = input.step === "any" ? 0 : +(input.step || 1);
    let v = lo + position * (hi - lo);
    if (step) v = lo + Math.round((v - lo) / step) * step;
    input.value = String(v);
    input.dispatchEvent(new Event("input", {bubbles: true}));
}"""


def main():
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=21)
    parser.add_argument("--name", action="append", help="only these explorers")
    parser.add_argument("--control", action="append", help="only the range controls with these data-key values "
                        "(e.g. --name xor --control lr: chapter 7's 2-4-1 x 5,000 epochs, the learning rate moving)")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for module_name, name in EXPLORERS:
            if args.name and name not in args.name:
                continue
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.route("**/*", lambda route: route.abort())
            page.set_content(standalone_page(importlib.import_module(module_name).live_explorer("en")))
            root = page.locator("[data-bp-explorer]").first
            handle = root.element_handle()
            page.wait_for_function("el => +(el.dataset.renders || 0) >= 1", arg=handle, timeout=20000)
            times = []
            keys = root.evaluate("el => [...el.querySelectorAll('input[type=range]')].map(i => i.dataset.key)")
            for key in [k for k in keys if not args.control or k in args.control]:
                for k in range(args.moves):
                    before = int(root.get_attribute("data-renders"))
                    page.evaluate(MOVE, [handle, key, (k % args.moves) / (args.moves - 1)])
                    page.wait_for_function("([el, n]) => +el.dataset.renders > n", arg=[handle, before])
                    times.append(float(root.get_attribute("data-ms")))
                # back to where the page started, for the next control
                page.set_content(standalone_page(importlib.import_module(module_name).live_explorer("en")))
                root = page.locator("[data-bp-explorer]").first
                handle = root.element_handle()
                page.wait_for_function("el => +(el.dataset.renders || 0) >= 1", arg=handle, timeout=20000)
            page.close()
            if times:
                q90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
                print(f"{name:10s} {', '.join(args.control) if args.control else 'all ranges':>10s} "
                      f"{len(times):4d} moves: median {statistics.median(times):6.1f} ms, "
                      f"90th percentile {q90:6.1f} ms")
        browser.close()


if __name__ == "__main__":
    main()
