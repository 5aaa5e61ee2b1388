"""Training many networks of the same shape at once, vectorized over networks.

A study of learning rates or initializations trains hundreds of small networks
that differ only in η, in the init scale or in the seed. Looping over them with
:meth:`MLP.fit` repeats every numpy call once per network; here the parameters
of all networks are stacked along a leading network axis,

    W^l  of shape (n_nets, n_l, n_{l−1}),      b^l  of shape (n_nets, n_l),

and a few numpy calls advance every network by one step. Each network follows
exactly the arithmetic of ``MLP(sizes, ..., seed=s, init=..., scale=...).fit``:
same initial parameters, same forward pass, same BP1–BP4, same update, the same
bits. For speed, one step writes into arrays allocated once (:class:`Workspace`),
and groups of networks train in parallel threads, one per CPU; neither changes a
number, since no arithmetic mixes networks.

A network whose loss stops being finite is *frozen* the way ``MLP.fit`` stops:
its parameters are kept as they were, its later losses are NaN, and it is
reported as diverged. Its numbers never mix with the other networks', and no
numpy ``RuntimeWarning`` is emitted.

:func:`fit_one` is the fast path for a single network, used by the explorer: the
same arithmetic with preallocated arrays and in-place ufuncs.
"""

from __future__ import annotations

import numbers
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np

from ._checks import as_matrix, choice, common_length, layer_sizes, non_negative_int, per_network
from .activations import ACTIVATIONS, Activation
from .data import solved_rows
from .initialization import INITS, initial_parameters
from .losses import LOSSES, Loss
from .mlp import MLP

__all__ = ["BatchResult", "ConvergenceMap", "ENGINE_LOSSES", "MIN_RUNS", "Network", "Workspace", "backward",
           "convergence_map", "fit_one", "forward", "initial_parameters", "losses_of", "train_many"]

# The engine trains networks whose output is elementwise (every activation but softmax),
# so the losses it takes are these; categorical cross-entropy is for MLP.
ENGINE_LOSSES = ("mse", "bce")


@dataclass(frozen=True)
class Network:
    """What every network of one run shares: the layer sizes, the activations and the loss.

    ``activations[l]`` is the :class:`~backprop.activations.Activation` of weight layer l
    (the hidden one, then the output one), ``loss`` the :class:`~backprop.losses.Loss`.
    Build it with :meth:`checked`, which refuses what :class:`~backprop.MLP` would refuse.
    """

    sizes: list
    activation: str
    output_activation: str
    loss_name: str
    activations: list
    loss: Loss

    @classmethod
    def checked(cls, sizes, activation="sigmoid", output_activation=None, loss="mse") -> "Network":
        """The checked description; a ``ValueError`` names the argument that is wrong."""
        sizes = layer_sizes(sizes)
        activation = choice(activation, "activation", tuple(ACTIVATIONS))
        output_activation = choice(activation if output_activation is None else output_activation,
                                   "output_activation", tuple(ACTIVATIONS))
        loss_fn = LOSSES[choice(loss, "loss", ENGINE_LOSSES)]  # 'ce' (softmax outputs) is for MLP only
        loss_fn.check_output_activation(output_activation)
        acts = [ACTIVATIONS[activation]] * (len(sizes) - 2) + [ACTIVATIONS[output_activation]]
        return cls(sizes, activation, output_activation, loss, acts, loss_fn)

    def check_data(self, X, Y):
        """X (m, n_0) and Y (m, n_L) as finite float arrays the loss accepts."""
        X = as_matrix(X, "X", n_cols=self.sizes[0])
        Y = as_matrix(Y, "Y", n_cols=self.sizes[-1], n_rows=X.shape[0])
        self.loss.check_targets(Y)
        return X, Y


# ----- one step of the arithmetic, for every network at once ------------------------------
# Arrays carry a leading network axis: W^l (n_nets, n_l, n_{l−1}), b^l (n_nets, n_l),
# z^l and a^l (n_nets, m, n_l); X and Y, shared by all networks, are (m, n_0) and (m, n_L).
#
# Every network's numbers must be those MLP.fit computes, bit for bit (the book's stored
# results are compared bit for bit with a recomputation). The matrix products therefore stay
# ``np.matmul`` on each network's matrices, whose rounding is that of the BLAS kernel (it
# fuses multiply-adds, so an elementwise sum of products would round differently); only the
# products with the shared X (forward and BP4 of the first layer) become one large matmul
# over all networks, where this machine's BLAS gives the same bits (checked once per shape).
# Everything else is elementwise, written in place into preallocated arrays (a
# :class:`Workspace`) with exactly the operations of the activations and losses modules.


class Workspace:
    """The arrays one step of descent writes, for ``n`` networks of ``net``'s shape on ``m`` samples.

    Allocated once and reused every epoch: for arrays of this size a fresh allocation
    costs more than the arithmetic. ``zs[l]``, ``activations[l + 1]`` and ``deltas[l]``
    are z^l, a^l and δ^l of weight layer l; ``dWs``, ``dbs`` the gradients; ``scratch``
    and ``masks`` hold intermediate values.
    """

    def __init__(self, net: "Network", n: int, m: int):
        sizes = net.sizes
        self.n, self.m = n, m
        self.zs = [np.empty((n, m, k)) for k in sizes[1:]]
        self.activations = [None] + [np.empty((n, m, k)) for k in sizes[1:]]  # a^0 = X is not copied
        self.deltas = [np.empty((n, m, k)) for k in sizes[1:]]
        self.scratch = [np.empty((n, m, k)) for k in sizes[1:]]
        self.masks = [np.empty((n, m, k)) for k in sizes[1:]]  # 1.0 / 0.0 where a condition holds / not
        self.dWs = [np.empty((n, k_out, k_in)) for k_in, k_out in zip(sizes[:-1], sizes[1:])]
        self.dbs = [np.empty((n, k)) for k in sizes[1:]]
        self.side_by_side = np.empty((m, n * sizes[1]))  # X W^1ᵀ of all networks, as one matrix
        self.deltas_transposed = np.empty((n, sizes[1], m))  # δ^1ᵀ of all networks, stacked as one matrix


# σ(z) and σ′(z) from a = σ(z), written into ``out``, with exactly the floating-point
# operations of the functions in activations.py (which allocate their results).
def _sigmoid_into(z, out, scratch, mask):
    e = np.exp(np.copysign(z, -1.0, out=scratch), out=scratch)  # e^{−|z|}, in (0, 1]
    np.add(e, 1.0, out=out)                                           # 1 + e
    np.maximum(e, np.greater_equal(z, 0.0, out=mask), out=e)  # 1 where z ≥ 0 (as e ≤ 1), else e
    np.divide(e, out, out=out)                                # 1 / (1 + e) where z ≥ 0, else e / (1 + e)


def _sigmoid_prime_into(z, a, out):
    np.multiply(a, np.subtract(1.0, a, out=out), out=out)  # a (1 − a)


def _tanh_into(z, out, scratch, mask):
    np.tanh(z, out=out)


def _tanh_prime_into(z, a, out):
    np.subtract(1.0, np.multiply(a, a, out=out), out=out)  # 1 − a²


def _relu_into(z, out, scratch, mask):
    np.maximum(0.0, z, out=out)


def _relu_prime_into(z, a, out):
    np.greater(z, 0.0, out=out)  # 1.0 where z > 0, else 0.0


def _identity_into(z, out, scratch, mask):
    np.copyto(out, z)


_IN_PLACE = {  # Activation → (σ into out, σ′ from the output into out; None: σ′ = 1)
    ACTIVATIONS["sigmoid"]: (_sigmoid_into, _sigmoid_prime_into),
    ACTIVATIONS["tanh"]: (_tanh_into, _tanh_prime_into),
    ACTIVATIONS["relu"]: (_relu_into, _relu_prime_into),
    ACTIVATIONS["identity"]: (_identity_into, None),
}


@lru_cache(maxsize=None)
def _one_matmul_is_exact(kind: str, n: int, m: int, n_in: int, n_out: int) -> bool:
    """Whether one large matmul over all networks gives the bits of the per-network matmuls.

    ``kind`` "forward" is X W^1ᵀ, "gradient" is δ^1ᵀ X, for n networks and X (m, n_in).
    Asked of this machine's BLAS once per shape, on random numbers: both are sums of
    n_in (or m) products, but a kernel may order or fuse them differently.
    """
    rng = np.random.default_rng(0)
    X = rng.standard_normal((m, n_in))
    if kind == "forward":
        W = rng.standard_normal((n, n_out, n_in))
        return np.array_equal(np.matmul(X, W.transpose(0, 2, 1)),
                              _forward_side_by_side(X, W, np.empty((m, n * n_out))))
    delta = rng.standard_normal((n, m, n_out))
    return np.array_equal(np.matmul(delta.transpose(0, 2, 1), X),
                          _gradient_side_by_side(delta, X, np.empty((n, n_out, m)), np.empty((n, n_out, n_in))))


def _forward_side_by_side(X, W, buffer, b=None):
    """X W_iᵀ (+ b_i) for all networks i as one matmul, X @ [W_1ᵀ | W_2ᵀ | …]; a (n, m, n_out) view."""
    n, n_out, n_in = W.shape
    np.matmul(X, W.reshape(n * n_out, n_in).T, out=buffer)
    if b is not None:
        np.add(buffer, b.reshape(n * n_out), out=buffer)
    return buffer.reshape(X.shape[0], n, n_out).transpose(1, 0, 2)


def _gradient_side_by_side(delta, X, buffer, out):
    """δ_iᵀ X for every network i as one matmul: [δ_1ᵀ; δ_2ᵀ; …] (n · n_out, m) @ X; written into out."""
    n, m, n_out = delta.shape
    np.copyto(buffer, delta.transpose(0, 2, 1))
    np.matmul(buffer.reshape(n * n_out, m), X, out=out.reshape(n * n_out, X.shape[1]))
    return out


def _sum_over_samples(delta, out):
    """Σ_j δ[:, j, :] into out, (n, n_out): the sum ``delta.sum(axis=1)`` computes, in its order.

    numpy adds the rows one after the other, except along a contiguous axis of 8 or more
    (one output unit, m ≥ 8), where it sums pairwise; that case is left to numpy.
    """
    m, n_out = delta.shape[1:]
    if n_out == 1 and m >= 8:
        return np.sum(delta, axis=1, out=out)
    np.copyto(out, delta[:, 0])
    for j in range(1, m):
        np.add(out, delta[:, j], out=out)
    return out


def _weighted_input(A, W, b, out, work):
    """z = W a + b for every network: A is a^{l−1}, (n, m, n_in), or X (m, n_in) shared by all."""
    n, n_out, n_in = W.shape
    if A.ndim == 2 and _one_matmul_is_exact("forward", n, A.shape[0], n_in, n_out):
        np.copyto(out, _forward_side_by_side(A, W, work.side_by_side, b))
    else:
        np.matmul(A, W.transpose(0, 2, 1), out=out)
        np.add(out, b[:, None, :], out=out)


def forward(net: Network, weights, biases, X, work: Workspace | None = None):
    """z^l = W^l a^{l−1} + b^l, a^l = σ(z^l) for every network; returns (zs, activations), a^0 = X.

    The arrays returned are those of ``work`` (a new :class:`Workspace` if none is given),
    overwritten by the next call with the same workspace.
    """
    if work is None:
        work = Workspace(net, weights[0].shape[0], X.shape[0])
    a = X
    for layer, (sigma, W, b) in enumerate(zip(net.activations, weights, biases)):
        z = work.zs[layer]
        _weighted_input(a, W, b, z, work)                               # z^l = W^l a^{l−1} + b^l
        a = work.activations[layer + 1]
        _IN_PLACE[sigma][0](z, a, work.scratch[layer], work.masks[layer])   # a^l = σ(z^l)
    return work.zs, [X] + work.activations[1:]


def losses_of(net: Network, zs, activations, Y):
    """The loss of each network, shape (n_nets,), as :meth:`MLP.loss_from_output` computes it."""
    return net.loss.value_from_output(zs[-1], activations[-1], Y)


def _times_sigma_prime(net, layer, work, zs, activations):
    """δ^l ⊙= σ′(z^l), σ′ computed from a^l = σ(z^l) as the activation's ``prime_from_output`` does."""
    prime = _IN_PLACE[net.activations[layer]][1]
    if prime is not None:                            # the identity's σ′ is 1: δ · 1 = δ
        prime(zs[layer], activations[layer + 1], work.scratch[layer])
        np.multiply(work.deltas[layer], work.scratch[layer], out=work.deltas[layer])


def backward(net: Network, weights, zs, activations, Y, work: Workspace | None = None):
    """BP1–BP4 for every network at once; returns (dWs, dbs) shaped like the parameters.

    ``zs`` and ``activations`` are those :func:`forward` returned; the gradients are
    arrays of ``work`` (a new :class:`Workspace` if none is given).
    """
    if work is None:
        work = Workspace(net, weights[0].shape[0], Y.shape[0])
    last = len(weights) - 1
    m = activations[-1].shape[-2]
    delta = work.deltas[last]                                            # BP1: δ^L = ∂L/∂a ⊙ σ′(z^L)
    np.divide(np.subtract(activations[-1], Y, out=delta), m, out=delta)  # (a − y)/m, as Loss.output_delta
    if not net.loss.delta_is_a_minus_y:                                  # (cross-entropy after σ: σ′ cancels)
        _times_sigma_prime(net, last, work, zs, activations)
    for layer in range(last, -1, -1):
        delta = work.deltas[layer]
        _sum_over_samples(delta, work.dbs[layer])                        # BP3: ∂L/∂b^l = Σ_samples δ^l
        a_prev = activations[layer]                                      # BP4: ∂L/∂W^l = δ^lᵀ a^{l−1}
        n, n_out = delta.shape[0], delta.shape[2]
        if a_prev.ndim == 2 and _one_matmul_is_exact("gradient", n, a_prev.shape[0], a_prev.shape[1], n_out):
            _gradient_side_by_side(delta, a_prev, work.deltas_transposed, work.dWs[layer])
        else:
            np.matmul(delta.transpose(0, 2, 1), a_prev, out=work.dWs[layer])
        if layer > 0:                                   # BP2: δ^{l−1} = (W^lᵀ δ^l) ⊙ σ′(z^{l−1})
            np.matmul(delta, weights[layer], out=work.deltas[layer - 1])
            _times_sigma_prime(net, layer - 1, work, zs, activations)
    return work.dWs, work.dbs


# ----- results ---------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchResult:
    """What :func:`train_many` returns; index i refers to the i-th network everywhere.

    ``weights[l]`` (n_nets, n_l, n_{l−1}) and ``biases[l]`` (n_nets, n_l): final parameters
    (for a diverged network, those it had when its loss stopped being finite);
    ``losses`` (n_nets, epochs): the loss before each step, NaN after divergence;
    ``outputs`` (n_nets, m, n_out): a^L after training; ``solved``: ``data.solved`` for the
    final outputs (every output on the correct side of 0.5 by the margin); ``solved_epoch``: the first number of steps after which
    the outputs were solved (0 = already at the start), −1 if never; ``diverged`` and
    ``diverged_epoch`` (−1 if not).
    """

    sizes: list
    activation: str
    output_activation: str
    loss: str
    init: str
    lrs: np.ndarray
    scales: np.ndarray
    seeds: np.ndarray
    weights: list
    biases: list
    losses: np.ndarray
    outputs: np.ndarray
    solved: np.ndarray
    solved_epoch: np.ndarray
    diverged: np.ndarray
    diverged_epoch: np.ndarray

    @property
    def n_nets(self) -> int:
        """The number of networks trained together."""
        return len(self.lrs)

    def network(self, i: int) -> MLP:
        """Network i as an :class:`MLP` holding its final parameters (copies)."""
        if isinstance(i, bool) or not isinstance(i, numbers.Integral) or not -self.n_nets <= i < self.n_nets:
            raise ValueError(f"network index must be a whole number in [0, {self.n_nets}); got {i!r}")
        net = MLP(self.sizes, self.activation, self.output_activation, self.loss, self.init,
                  float(self.scales[i]), int(self.seeds[i]))
        net.weights = [W[i].copy() for W in self.weights]
        net.biases = [b[i].copy() for b in self.biases]
        return net


# ----- the batched trainer ----------------------------------------------------------------
# At least this many networks per thread: with fewer, handing the GIL back and forth between
# threads costs more than the second core saves (measured on the book's 2-core machine).
MIN_NETS_PER_THREAD = 1000
# At most this many threads; None: one per CPU this process may use.
THREADS = None


def _split(n: int):
    """(start, stop) of the groups of networks trained in parallel: one per thread, as equal as can be."""
    threads = THREADS
    if threads is None:
        threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    k = max(1, min(threads, n // MIN_NETS_PER_THREAD))
    bounds = [n * i // k for i in range(k + 1)]
    return list(zip(bounds[:-1], bounds[1:]))


def _descend(net, X, Y, epochs, weights, biases, lrs, losses, solved_epoch, diverged_epoch, final_W, final_b,
             group):
    """``epochs`` steps of descent for the networks ``group`` (a slice), in place in the arrays given.

    Fills ``losses``, ``solved_epoch`` and ``diverged_epoch`` for them; a network whose loss
    stops being finite is frozen, its parameters kept in ``final_W``, ``final_b``.
    """
    weights = [W[group] for W in weights]
    biases = [b[group] for b in biases]
    final_W = [W[group] for W in final_W]
    final_b = [b[group] for b in final_b]
    losses, solved_epoch, diverged_epoch = losses[group], solved_epoch[group], diverged_epoch[group]
    lrs = lrs[group]
    n = len(lrs)
    active = np.ones(n, dtype=bool)
    # η of each network, repeated to the shape of each parameter; 0 once frozen
    eta_W = [np.repeat(lrs, W[0].size).reshape(W.shape) for W in weights]
    eta_b = [np.repeat(lrs, b[0].size).reshape(b.shape) for b in biases]
    work = Workspace(net, n, X.shape[0])

    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            zs, activations = forward(net, weights, biases, X, work)
            L = losses_of(net, zs, activations, Y)
            losses[:, epoch] = L
            newly_bad = active & ~np.isfinite(L)
            if newly_bad.any():  # rare: freeze these networks as MLP.fit stops
                for layer in range(len(weights)):
                    final_W[layer][newly_bad] = weights[layer][newly_bad]
                    final_b[layer][newly_bad] = biases[layer][newly_bad]
                    weights[layer][newly_bad] = 0.0  # finite stand-ins: no NaN spreads, no warnings
                    biases[layer][newly_bad] = 0.0
                for eta in eta_W + eta_b:
                    eta[newly_bad] = 0.0
                active &= ~newly_bad
                diverged_epoch[newly_bad] = epoch
                zs, activations = forward(net, weights, biases, X, work)
            first = active & (solved_epoch < 0) & solved_rows(activations[-1], Y)
            solved_epoch[first] = epoch
            dWs, dbs = backward(net, weights, zs, activations, Y, work)
            for P, dP, eta in zip(weights + biases, dWs + dbs, eta_W + eta_b):  # W ← W − η ∂L/∂W
                np.subtract(P, np.multiply(eta, dP, out=dP), out=P)


def train_many(sizes, X, Y, lrs, epochs, scales=1.0, seeds=0, init="normal", activation="sigmoid",
               output_activation=None, loss="mse") -> BatchResult:
    """Full-batch gradient descent W ← W − η_i ∂L/∂W for many networks of one shape at once.

    ``lrs``, ``scales`` and ``seeds`` give η_i, the init scale and the seed of network i;
    each is one number (shared) or a 1-D sequence, all sequences of one length n_nets.
    Network i ends exactly where ``MLP(sizes, activation, output_activation, loss, init,
    scales[i], seeds[i]).fit(X, Y, lrs[i], epochs)`` ends. X is (m, n_0), Y is (m, n_L).
    """
    net = Network.checked(sizes, activation, output_activation, loss)
    sizes = net.sizes
    init = choice(init, "init", INITS)
    X, Y = net.check_data(X, Y)
    epochs = non_negative_int(epochs, "epochs")
    lrs, scales, seeds = common_length(lrs=per_network(lrs, "lrs", "positive"),
                                       scales=per_network(scales, "scales", "positive"),
                                       seeds=per_network(seeds, "seeds", "seed"))
    n = len(lrs)
    weights, biases = initial_parameters(sizes, init, scales, seeds)
    final_W = [W.copy() for W in weights]  # filled in for networks that diverge
    final_b = [b.copy() for b in biases]
    losses = np.empty((n, epochs))
    solved_epoch = np.full(n, -1)
    diverged_epoch = np.full(n, -1)

    # The networks never mix, so groups of them train in parallel threads (numpy releases
    # the GIL in its loops); each group writes its slice of the arrays above.
    groups = [slice(start, stop) for start, stop in _split(n)]
    descend = partial(_descend, net, X, Y, epochs, weights, biases, lrs, losses, solved_epoch,
                      diverged_epoch, final_W, final_b)
    if len(groups) == 1:
        descend(groups[0])
    else:
        with ThreadPoolExecutor(len(groups)) as pool:
            list(pool.map(descend, groups))

    with np.errstate(all="ignore"):
        active = diverged_epoch < 0
        for layer in range(len(weights)):
            final_W[layer][active] = weights[layer][active]
            final_b[layer][active] = biases[layer][active]
        zs, activations = forward(net, final_W, final_b, X)
        outputs = activations[-1]
        # A network whose last step overflowed: MLP.fit would stop at the next epoch.
        late = active & ~np.all(np.isfinite(outputs), axis=(1, 2))
        diverged_epoch[late] = epochs
    diverged = diverged_epoch >= 0
    after = np.arange(epochs)[None, :] > diverged_epoch[:, None]
    losses[diverged[:, None] & after] = np.nan
    solved = solved_rows(outputs, Y) & ~diverged
    solved_epoch[solved & (solved_epoch < 0)] = epochs
    solved_epoch[diverged & (solved_epoch >= diverged_epoch)] = -1
    return BatchResult(sizes, net.activation, net.output_activation, net.loss_name, init, lrs, scales, seeds,
                       final_W, final_b, losses, outputs, solved, solved_epoch, diverged, diverged_epoch)


# ----- the convergence map ----------------------------------------------------------------
# A map cell whose number rests on fewer runs than this is marked in the figures: a
# fraction over fewer seeds, or a median over fewer solved runs, is too noisy to read.
MIN_RUNS = 10


@dataclass(frozen=True)
class ConvergenceMap:
    """Over the grid lrs × scales: ``fraction_solved`` and ``median_epochs`` of shape (n_lrs, n_scales).

    ``n_solved`` is the number of seeds (out of ``n_seeds``) that solved the task within
    ``epochs`` (``data.solved`` at the last epoch); ``median_epochs`` is the median
    ``solved_epoch`` over those ``n_solved`` runs only (NaN where none did), so where few
    seeds solve it is the median of the fast ones; ``fraction_diverged`` counts the
    seeds that diverged.
    """

    lrs: np.ndarray
    scales: np.ndarray
    n_seeds: int
    epochs: int
    fraction_solved: np.ndarray
    median_epochs: np.ndarray
    fraction_diverged: np.ndarray
    n_solved: np.ndarray


def _median_of_solved(solved_epoch: np.ndarray) -> np.ndarray:
    """Median over the last axis of the entries ≥ 0 (−1 marks a seed that never solved); NaN if none."""
    out = np.full(solved_epoch.shape[:-1], np.nan)
    for index in np.ndindex(out.shape):  # summary of the grid only; no training here
        done = solved_epoch[index][solved_epoch[index] >= 0]
        if done.size:
            out[index] = float(np.median(done))
    return out


def convergence_map(sizes, lrs, scales, n_seeds, epochs, X, Y, init="normal", activation="sigmoid",
                    output_activation=None, loss="mse", max_nets_per_call=None) -> ConvergenceMap:
    """For every (η, scale) on the grid lrs × scales, train seeds 0 … n_seeds−1 and summarize.

    All n_lrs · n_scales · n_seeds networks go through :func:`train_many` in one call,
    or in a few calls of at most ``max_nets_per_call`` networks (by default chosen so
    that the stored loss curves stay under about 64 MB).
    """
    lrs = per_network(lrs, "lrs", "positive")
    scales = per_network(scales, "scales", "positive")
    if isinstance(n_seeds, bool) or not isinstance(n_seeds, numbers.Integral) or n_seeds < 1:
        raise ValueError(f"n_seeds must be a whole number >= 1; got {n_seeds!r}")
    epochs = non_negative_int(epochs, "epochs")
    if max_nets_per_call is None:
        max_nets_per_call = max(1, 8_000_000 // max(epochs, 1))
    elif isinstance(max_nets_per_call, bool) or not isinstance(max_nets_per_call, numbers.Integral) \
            or max_nets_per_call < 1:
        raise ValueError(f"max_nets_per_call must be a whole number >= 1; got {max_nets_per_call!r}")
    grid_lr, grid_scale, grid_seed = np.meshgrid(lrs, scales, np.arange(n_seeds), indexing="ij")
    flat_lr, flat_scale, flat_seed = grid_lr.ravel(), grid_scale.ravel(), grid_seed.ravel()
    solved = np.empty(flat_lr.size, dtype=bool)
    solved_epoch = np.empty(flat_lr.size, dtype=np.int64)
    diverged = np.empty(flat_lr.size, dtype=bool)
    for start in range(0, flat_lr.size, max_nets_per_call):  # chunks of networks, not grid points
        part = slice(start, start + max_nets_per_call)
        r = train_many(sizes, X, Y, flat_lr[part], epochs, flat_scale[part], flat_seed[part], init,
                       activation, output_activation, loss)
        solved[part], solved_epoch[part], diverged[part] = r.solved, r.solved_epoch, r.diverged
    shape = (len(lrs), len(scales), n_seeds)
    solved, diverged = solved.reshape(shape), diverged.reshape(shape)
    solved_epoch = np.where(solved, solved_epoch.reshape(shape), -1)
    return ConvergenceMap(lrs, scales, int(n_seeds), epochs, solved.mean(axis=-1),
                          _median_of_solved(solved_epoch), diverged.mean(axis=-1), solved.sum(axis=-1))


# ----- the fast path for one network ------------------------------------------------------
# The tape's steps for each activation: σ(z) into a, and δ ⊙= σ′(z) with σ′ from a = σ(z).
# ``one`` and ``zero`` are arrays of ones and zeros shaped like z (faster than Python scalars).
_TAPE_ACTIVATE = {
    ACTIVATIONS["sigmoid"]: lambda z, a, one, zero: [  # σ(z) = 1 / (1 + e^{−z}); e^{−z} = inf gives exactly 0
        (np.negative, (z, a)), (np.exp, (a, a)), (np.add, (a, one, a)), (np.divide, (one, a, a))],
    ACTIVATIONS["tanh"]: lambda z, a, one, zero: [(np.tanh, (z, a))],
    ACTIVATIONS["relu"]: lambda z, a, one, zero: [(partial(np.maximum, out=a), (z, zero))],  # out= as keyword here
    ACTIVATIONS["identity"]: lambda z, a, one, zero: [(np.copyto, (a, z))],
}
_TAPE_TIMES_PRIME = {
    ACTIVATIONS["sigmoid"]: lambda z, a, d, t, one, zero: [
        (np.subtract, (one, a, t)), (np.multiply, (t, a, t)), (np.multiply, (d, t, d))],
    ACTIVATIONS["tanh"]: lambda z, a, d, t, one, zero: [
        (np.multiply, (a, a, t)), (np.subtract, (one, t, t)), (np.multiply, (d, t, d))],
    ACTIVATIONS["relu"]: lambda z, a, d, t, one, zero: [(np.greater, (z, zero, t)), (np.multiply, (d, t, d))],
    ACTIVATIONS["identity"]: lambda z, a, d, t, one, zero: [],
}


class _OneNet:
    """Preallocated arrays for full-batch descent on one network, and the step as a tape.

    Here samples are columns, as in the book's z = W a + b: a^{l−1} is stored as
    (n_{l−1} + 1, m) with a last row of ones, and each layer's parameters as one block
    [W | b] of shape (n_l, n_{l−1} + 1) (all blocks are views into one flat array ``P``).
    So ``block @ a_aug`` is z^l = W^l a^{l−1} + b^l, ``delta @ a_augᵀ`` holds ∂L/∂W and
    ∂L/∂b together, and the update is one ``P −= G``; δ already carries the factor η/m.
    Every array a ufunc writes is contiguous (strided outputs are several times slower
    for arrays this small). One step is a fixed list (a *tape*) of numpy calls into
    preallocated arrays, built once and replayed. ``acts`` are the layers'
    :class:`~backprop.activations.Activation` objects, ``loss`` the :class:`~backprop.losses.Loss`.
    """

    def __init__(self, sizes, X, Y, acts, loss):
        m = X.shape[0]
        self.m = m
        shapes = [(n_out, n_in + 1) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        counts = [r * c for r, c in shapes]
        offsets = np.cumsum([0] + counts)
        self.P, G = np.empty(sum(counts)), np.empty(sum(counts))
        self.blocks = [self.P[o:o + c].reshape(s) for o, c, s in zip(offsets, counts, shapes)]
        grads = [G[o:o + c].reshape(s) for o, c, s in zip(offsets, counts, shapes)]
        a_aug = [np.ones((n + 1, m)) for n in sizes[:-1]]
        a_aug[0][:-1] = X.T
        last = len(shapes) - 1
        self.z_out, self.a_out = np.empty((sizes[-1], m)), np.empty((sizes[-1], m))
        zs = [np.empty((n, m)) for n in sizes[1:-1]] + [self.z_out]
        As = [a[:-1] for a in a_aug[1:]] + [self.a_out]  # the rows above the ones: contiguous
        deltas = [np.empty((n, m)) for n in sizes[1:]]
        tmps = [np.empty((n, m)) for n in sizes[1:]]
        ones = [np.ones((n, m)) for n in sizes[1:]]   # array operands: faster than Python scalars
        zeros = [np.zeros((n, m)) for n in sizes[1:]]
        Y_T = np.ascontiguousarray(Y.T)
        self.eta_over_m = np.empty((sizes[-1], m))
        # W^l without its bias column, transposed, for BP2; copied after each update
        self.W_T = [np.empty((n_in, n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]

        def activate(layer):
            return _TAPE_ACTIVATE[acts[layer]](zs[layer], As[layer], ones[layer], zeros[layer])

        def times_prime(layer):  # delta ⊙= σ′(z), σ′ from a = σ(z) as in activations.py
            return _TAPE_TIMES_PRIME[acts[layer]](zs[layer], As[layer], deltas[layer], tmps[layer], ones[layer],
                                                  zeros[layer])

        self.forward_tape = []
        for layer in range(last + 1):
            self.forward_tape.append((np.dot, (self.blocks[layer], a_aug[layer], zs[layer])))
            self.forward_tape += activate(layer)
        tape = list(self.forward_tape)
        tape.append((np.subtract, (self.a_out, Y_T, deltas[last])))        # (a − y): m ∂L/∂a
        if not loss.delta_is_a_minus_y:
            tape += times_prime(last)                                      # BP1
        tape.append((np.multiply, (deltas[last], self.eta_over_m, deltas[last])))
        for layer in range(last, -1, -1):
            tape.append((np.dot, (deltas[layer], a_aug[layer].T, grads[layer])))   # BP3 and BP4
            if layer > 0:                                                          # BP2
                tape.append((np.dot, (self.W_T[layer], deltas[layer], deltas[layer - 1])))
                tape += times_prime(layer - 1)
        tape.append((np.subtract, (self.P, G, self.P)))                     # W ← W − η ∂L/∂W
        for layer in range(1, last + 1):
            tape.append((np.copyto, (self.W_T[layer], self.blocks[layer][:, :-1].T)))
        self.tape = tape

    def load(self, weights, biases):
        """Copy W^l (n_l, n_{l−1}) and b^l (n_l,) into the blocks."""
        for block, W, b in zip(self.blocks, weights, biases):
            block[:, :-1] = W
            block[:, -1] = b
        for W_T, block in zip(self.W_T[1:], self.blocks[1:]):
            W_T[:] = block[:, :-1].T

    def parameters(self):
        """Copies of (weights, biases) in the MLP layout."""
        return [blk[:, :-1].copy() for blk in self.blocks], [blk[:, -1].copy() for blk in self.blocks]

    def forward(self):
        """The forward pass with the current parameters, into z_out and a_out."""
        for f, args in self.forward_tape:
            f(*args)

    def run(self, lr, epochs, z_hist, a_hist, check_every=64):
        """``epochs`` steps of descent; z_hist[e], a_hist[e] get the output layer before step e.

        Returns the number of steps taken: fewer than ``epochs`` when the outputs stopped
        being finite (checked every ``check_every`` steps), since nothing after that is used.
        """
        self.eta_over_m.fill(lr / self.m)
        tape, z_out, a_out = self.tape, self.z_out, self.a_out
        for epoch in range(epochs):
            for f, args in tape:
                f(*args)
            a_hist[epoch] = a_out  # the backward pass and the update leave z_out, a_out alone
            if z_hist is not None:
                z_hist[epoch] = z_out
            if epoch % check_every == check_every - 1 and not np.isfinite(a_out).all():
                return epoch + 1
        return epochs


def fit_one(sizes, X, Y, lr, epochs, scale=1.0, seed=0, init="normal", activation="sigmoid",
            output_activation=None, loss="mse") -> BatchResult:
    """The run ``MLP(sizes, activation, output_activation, loss, init, scale, seed).fit(X, Y, lr, epochs)``, fast.

    Returns a :class:`BatchResult` with one network (index 0). The arithmetic is that of
    BP1–BP4 with preallocated arrays and in-place ufuncs, so it agrees with ``MLP.fit``
    to rounding; the loss curve is computed after the loop from the stored outputs.
    """
    spec = Network.checked(sizes, activation, output_activation, loss)
    sizes, activation, output_activation, loss = spec.sizes, spec.activation, spec.output_activation, spec.loss_name
    init = choice(init, "init", INITS)
    X, Y = spec.check_data(X, Y)
    epochs = non_negative_int(epochs, "epochs")
    lr = per_network(lr, "lr", "positive")
    scales = per_network(scale, "scale", "positive")
    seeds = per_network(seed, "seed", "seed")
    if max(len(lr), len(scales), len(seeds)) > 1:
        raise ValueError("fit_one trains one network: lr, scale and seed must be single numbers")
    weights, biases = initial_parameters(sizes, init, scales, seeds)
    net = _OneNet(sizes, X, Y, spec.activations, spec.loss)
    m, n_out = Y.shape
    # the output layer before each step, samples as columns; z only for BCE's loss
    a_hist = np.empty((epochs + 1, n_out, m))
    z_hist = np.empty((epochs + 1, n_out, m)) if loss == "bce" else None
    with np.errstate(all="ignore"):
        net.load([W[0] for W in weights], [b[0] for b in biases])
        done = net.run(float(lr[0]), epochs, z_hist, a_hist)
        net.forward()                                    # the outputs after the last step
        a_hist[done] = net.a_out
        if z_hist is not None:
            z_hist[done] = net.z_out
        a_rows = a_hist.transpose(0, 2, 1)  # (epochs + 1, m, n_out), samples as rows again
        z_rows = None if z_hist is None else z_hist.transpose(0, 2, 1)
        losses = np.full(epochs, np.nan)
        L = spec.loss.value_from_output(None if z_rows is None else z_rows[:done + 1], a_rows[:done + 1], Y)
        bad = np.flatnonzero(~np.isfinite(L))
        stop = int(bad[0]) if bad.size else None
        if stop is not None and stop < epochs:
            # MLP.fit stops at the first non-finite loss: replay up to there for its parameters.
            net.load([W[0] for W in weights], [b[0] for b in biases])
            net.run(float(lr[0]), stop, z_hist, a_hist)
            losses[:stop + 1] = L[:stop + 1]
        else:
            losses[:] = L[:epochs]
        final_W, final_b = net.parameters()
        outputs = a_rows[done if stop is None else stop].copy()
    diverged_epoch = -1 if stop is None else stop
    ok = solved_rows(a_rows[:done + 1 if stop is None else stop], Y)  # outputs after e steps
    hits = np.flatnonzero(ok)
    solved = stop is None and bool(ok[-1])
    solved_epoch = int(hits[0]) if hits.size else -1
    return BatchResult(sizes, activation, output_activation, loss, init, lr, scales, seeds,
                       [W[None] for W in final_W], [b[None] for b in final_b], losses[None],
                       outputs[None], np.array([solved]), np.array([solved_epoch]),
                       np.array([stop is not None]), np.array([diverged_epoch]))
