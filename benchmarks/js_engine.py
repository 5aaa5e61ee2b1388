"""In-browser speed of the JavaScript engine (code/backprop/static/engine.js) in headless Chromium.

Run from the repository root:  .venv/bin/python benchmarks/js_engine.py [--runs 20] [--epochs 5000]

Opens a blank page with engine.js injected, as tests/test_js_engine.py does (no built book, every
request blocked), trains 2-4-1 on XOR with ``backpropBook.train`` (after 5 warm-up runs) and prints
the median time of one run (target: <= 15 ms for 5,000 epochs). Also prints the first, cold run
of a fresh page and the time to draw a 2-16-1 network's starting parameters (numpy's PCG64 and
ziggurat, in BigInt arithmetic). Asserts nothing: timings depend on the machine.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_js_engine import engine_page, median_training_ms  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=5000)
    args = parser.parse_args()
    with engine_page() as (page, requests, errors):
        cold = page.evaluate("""(epochs) => { const t0 = performance.now();
            backpropBook.train({sizes: [2, 4, 1], lr: 1, epochs}); return performance.now() - t0; }""", args.epochs)
        median = median_training_ms(page, runs=args.runs, epochs=args.epochs)
        draw = page.evaluate("""() => { const t0 = performance.now();  // the clock is too coarse for one
            for (let seed = 0; seed < 1000; seed++) backpropBook.initialParameters([2, 16, 1], "normal", 1, seed);
            return (performance.now() - t0) / 1000; }""")
        draws = page.evaluate("""() => { const g = new backpropBook.Generator(0), t0 = performance.now();
            for (let i = 0; i < 100000; i++) g.standardNormal(); return (performance.now() - t0) / 100000 * 1000; }""")
        if requests or errors:
            print(f"problems: requests {requests}, console errors {errors}")
    print(f"JS engine, 2-4-1 x {args.epochs} epochs on XOR, headless Chromium:")
    print(f"  median of {args.runs} runs: {median:6.2f} ms  (target: <= 15 ms)")
    print(f"  first (cold) run:     {cold:6.2f} ms")
    print(f"  starting parameters of 2-16-1 (65 normal draws): {draw * 1000:.0f} us (mean of 1000 seeds); "
          f"one standard normal: {draws:.2f} us")


if __name__ == "__main__":
    main()
