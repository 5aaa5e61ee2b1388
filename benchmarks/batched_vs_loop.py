"""Networks × epochs per second: the batched trainer against MLP.fit one network at a time.

Run from the repository root:  .venv/bin/python benchmarks/batched_vs_loop.py [--nets 200] [--epochs 2000]
Prints both throughputs and their ratio; asserts nothing (timings depend on the machine).
"""
import argparse
import time

import numpy as np

import backprop as bp
from backprop.vectorized import train_many


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nets", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=2000)
    parser.add_argument("--loop-subset", type=int, default=20,
                        help="networks trained by the MLP.fit loop; its time is scaled to --nets")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many batched runs")
    args = parser.parse_args()
    X, Y = bp.xor()
    rng = np.random.default_rng(0)
    lrs = np.exp(rng.uniform(np.log(0.05), np.log(20.0), args.nets))
    scales = np.exp(rng.uniform(np.log(0.2), np.log(5.0), args.nets))
    seeds = np.arange(args.nets)
    work = args.nets * args.epochs

    batched = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        result = train_many([2, 4, 1], X, Y, lrs, args.epochs, scales, seeds)
        batched.append(time.perf_counter() - start)
    t_batched = min(batched)

    subset = min(args.loop_subset, args.nets)
    start = time.perf_counter()
    for i in range(subset):
        net = bp.MLP([2, 4, 1], scale=scales[i], seed=int(seeds[i]))
        curve = net.fit(X, Y, lrs[i], args.epochs)
        assert np.allclose(curve, result.losses[i], equal_nan=True)  # the same networks
    t_loop = (time.perf_counter() - start) * args.nets / subset

    print(f"2-4-1 on XOR, {args.nets} networks x {args.epochs} epochs (per-network lr, scale, seed)")
    print(f"batched train_many : {t_batched:8.2f} s  {work / t_batched:12,.0f} network-epochs/s "
          f"(best of {args.repeats})")
    print(f"loop of MLP.fit    : {t_loop:8.2f} s  {work / t_loop:12,.0f} network-epochs/s "
          f"(timed on {subset} networks, scaled x{args.nets / subset:g})")
    print(f"speed-up           : {t_loop / t_batched:8.1f}x  (target >= 20x)")
    print(f"solved: {int(result.solved.sum())}/{args.nets}, diverged: {int(result.diverged.sum())}")


if __name__ == "__main__":
    main()
