"""Network-epochs per second: backprop.vectorized.train_many against the same training in PyTorch.

Run from the repository root:  .venv/bin/python benchmarks/engine_vs_torch.py [--epochs 1000] [--repeats 3]

Both sides train N sigmoid networks on the four XOR rows, full batch, float64, on the CPU:
z = W a + b, a = σ(z), the loss 1/(2m) Σ (a − y)², BP1–BP4 and W ← W − η ∂L/∂W, with the
networks stacked along a leading axis. The PyTorch side writes the gradients by hand with
batched tensor ops (no autograd) and runs with torch.set_num_threads(2). Both start from the
same parameters (``backprop.initial_parameters``, seeds 0 … N−1, N(0, 1), η = 1), and each
timing includes drawing them. The two are timed alternately, best of ``--repeats`` each, at
two points: 2-2-1 with N = 1000 and 2-4-1 with N = 5000.

Prints both throughputs, the ratio ours/torch and, as a sanity check, how far apart the two
final losses and parameters are (the largest difference relative to the largest value of each
array; expected around 1e-12 or below: the same start and the same arithmetic, up to
rounding). Asserts nothing: timings depend on the machine. PyTorch is not a dependency of the
book; without it the script says so and exits 0.
"""
import argparse
import sys
import time

import numpy as np

import backprop as bp
from backprop.vectorized import initial_parameters, train_many

try:
    import torch
except ImportError:  # torch is only for this comparison
    torch = None

POINTS = (([2, 2, 1], 1000), ([2, 4, 1], 5000))
LR = 1.0


def run_ours(sizes, n, epochs, X, Y):
    """train_many on n networks (seeds 0 … n−1); returns (final losses, parameters)."""
    r = train_many(sizes, X, Y, np.full(n, LR), epochs, 1.0, np.arange(n))
    return r.losses[:, -1], r.weights + r.biases


def run_torch(sizes, n, epochs, X, Y):
    """The same training in PyTorch, gradients by hand; returns (final losses, parameters) as numpy."""
    weights, biases = initial_parameters(sizes, "normal", 1.0, np.arange(n))
    Ws = [torch.from_numpy(W) for W in weights]                   # (n, n_l, n_{l−1})
    bs = [torch.from_numpy(b)[:, None, :] for b in biases]        # (n, 1, n_l)
    m = X.shape[0]
    x = torch.from_numpy(X).expand(n, *X.shape).contiguous()      # a^0 = X for every network
    y = torch.from_numpy(Y)
    losses = torch.empty((epochs, n), dtype=torch.float64)
    last = len(Ws) - 1
    for epoch in range(epochs):
        # forward: z^l = W^l a^{l−1} + b^l (samples are rows: a W^T + b), a^l = σ(z^l)
        acts = [x]
        for W, b in zip(Ws, bs):
            acts.append(torch.baddbmm(b, acts[-1], W.transpose(1, 2)).sigmoid_())
        diff = acts[-1] - y
        losses[epoch] = diff.square().sum(dim=(1, 2)) / (2 * m)
        a = acts[-1]
        delta = diff.div_(m).mul_(a * (1 - a))                     # BP1
        for layer in range(last, -1, -1):
            dW = torch.bmm(delta.transpose(1, 2), acts[layer])     # BP4
            db = delta.sum(dim=1, keepdim=True)                    # BP3
            if layer > 0:                                          # BP2, with W^l before its update
                a = acts[layer]
                delta = torch.bmm(delta, Ws[layer]).mul_(a * (1 - a))
            Ws[layer].sub_(dW, alpha=LR)                           # W ← W − η ∂L/∂W
            bs[layer].sub_(db, alpha=LR)
    return losses[-1].numpy(), [W.numpy() for W in Ws] + [b[:, 0, :].numpy() for b in bs]


def throughput(fn, sizes, n, epochs, X, Y):
    start = time.perf_counter()
    result = fn(sizes, n, epochs, X, Y)
    return n * epochs / (time.perf_counter() - start), result


def largest_relative_difference(ours, theirs):
    """max over the final losses and each parameter array of max |ours − torch| / max |ours|."""
    (l1, p1), (l2, p2) = ours, theirs
    pairs = [(l1, l2)] + list(zip(p1, p2))
    return max(float(np.max(np.abs(a - b)) / np.max(np.abs(a))) for a, b in pairs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs of each, alternating")
    args = parser.parse_args()
    if torch is None:
        print("PyTorch is not installed: this comparison needs it (it is not a dependency of the book).\n"
              "Install it into the venv to run it, e.g.  .venv/bin/pip install torch")
        return 0
    torch.set_num_threads(2)
    X, Y = bp.xor()
    print(f"XOR, full batch, float64, {args.epochs} epochs, sigmoid + MSE, eta = {LR:g}; "
          f"torch {torch.__version__} with 2 threads; best of {args.repeats}, alternating")
    for sizes, n in POINTS:
        ours, theirs = [], []
        for _ in range(args.repeats):
            speed, r_ours = throughput(run_ours, sizes, n, args.epochs, X, Y)
            ours.append(speed)
            speed, r_torch = throughput(run_torch, sizes, n, args.epochs, X, Y)
            theirs.append(speed)
        shape = "-".join(map(str, sizes))
        print(f"{shape}, N = {n}:  ours {max(ours):12,.0f}  torch {max(theirs):12,.0f} network-epochs/s"
              f"   ours/torch = {max(ours) / max(theirs):.2f}x")
        print(f"         same networks? final losses and parameters differ by at most "
              f"{largest_relative_difference(r_ours, r_torch):.1e} (relative)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
