"""Latency of the XOR explorer: move the learning-rate slider N times, time each retrain + redraw.

Run from the repository root:  .venv/bin/python benchmarks/explorer_latency.py [--changes 40] [--epochs 5000]
Each change sets ``controls["lr"].value`` as a reader's slider would; the observer retrains the
2-4-1 network for --epochs epochs (a new lr each time, so never from the cache) and redraws the
figure into the Image widget. Prints the median and 90th percentile; asserts nothing.
"""
import argparse
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from backprop.vectorized import fit_one  # noqa: E402
from backprop.data import xor  # noqa: E402
from backprop.chapters.ch07_explorer import XorExplorer  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--epochs", type=int, default=5000)
    parser.add_argument("--lang", default="en", choices=["en", "zh"])
    args = parser.parse_args()
    ex = XorExplorer(lang=args.lang, hidden=4, epochs=args.epochs, cache_size=0)
    slider = ex.controls["lr"]
    lrs = np.geomspace(0.05, 40.0, args.changes)
    np.random.default_rng(0).shuffle(lrs)
    for lr in lrs[:3]:  # warm up: the few full redraws of new axis limits happen here too
        slider.value = float(lr) * 1.01
    changes, trains = [], []
    for lr in lrs:
        start = time.perf_counter()
        slider.value = float(lr)
        changes.append(time.perf_counter() - start)
        start = time.perf_counter()
        fit_one([2, 4, 1], *xor(), float(lr), args.epochs)
        trains.append(time.perf_counter() - start)
    ms = np.array(changes) * 1000
    print(f"XorExplorer, 2-4-1, {args.epochs} epochs, {args.changes} lr-slider changes")
    print(f"per change (retrain + redraw + PNG): median {np.median(ms):6.1f} ms, "
          f"p90 {np.percentile(ms, 90):6.1f} ms  (target: median <= 100 ms)")
    print(f"of which training alone (fit_one):   median {np.median(trains) * 1000:6.1f} ms")

if __name__ == "__main__":
    main()
