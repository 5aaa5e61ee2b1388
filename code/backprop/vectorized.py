"""Training many networks of the same shape at once, vectorized over networks.

A study of learning rates or initializations trains hundreds of small networks
that differ only in η, in the init scale or in the seed. Looping over them with
:meth:`MLP.fit` repeats every numpy call once per network; here the parameters
of all networks are stacked along a leading network axis,

    W^l  of shape (n_nets, n_l, n_{l−1}),      b^l  of shape (n_nets, n_l),

and one ``np.matmul`` advances every network by one step. Each network follows
exactly the arithmetic of ``MLP(sizes, ..., seed=s, init=..., scale=...).fit``:
same initial parameters, same forward pass, same BP1–BP4, same update.

A network whose loss stops being finite is *frozen* the way ``MLP.fit`` stops:
its parameters are kept as they were, its later losses are NaN, and it is
reported as diverged. Its numbers never mix with the other networks', and no
numpy ``RuntimeWarning`` is emitted.

:func:`fit_one` is the fast path for a single network, used by the explorer: the
same arithmetic with preallocated arrays and in-place ufuncs.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from functools import partial

import numpy as np

from ._checks import as_matrix, choice, non_negative_int
from .activations import ACTIVATIONS
from .data import solved_rows
from .mlp import INITS, MLP, init_std

__all__ = ["BatchResult", "ConvergenceMap", "MIN_RUNS", "convergence_map", "fit_one", "initial_parameters",
           "train_many"]


# ----- argument checks ------------------------------------------------------------
def _check_sizes(sizes) -> list[int]:
    if isinstance(sizes, (str, bytes)):
        sizes = None
    try:
        sizes = list(sizes) if sizes is not None else None
    except TypeError:
        sizes = None
    if sizes is None or len(sizes) < 2:
        raise ValueError("sizes must list at least two layer sizes, input first, e.g. [2, 4, 1]")
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise ValueError(f"sizes must be whole numbers >= 1; sizes[{i}] is {n!r}")
    return [int(n) for n in sizes]


def _per_network(value, name: str, kind: str) -> np.ndarray:
    """A scalar or a 1-D sequence of per-network values, checked: kind 'positive' or 'seed'."""
    arr = np.asarray(value, dtype=object if kind == "seed" else None)
    if arr.ndim > 1:
        raise ValueError(f"{name} must be a number or a 1-D sequence (one per network); got shape {arr.shape}")
    flat = arr.reshape(-1)
    if flat.size == 0:
        raise ValueError(f"{name} must hold at least one value (one per network)")
    for v in flat:
        if kind == "seed":
            if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < 0:
                raise ValueError(f"{name} must be whole numbers >= 0; got {v!r}")
        else:
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
                raise ValueError(f"{name} must be positive numbers; got {v!r}")
            if not np.isfinite(float(v)) or float(v) <= 0:
                raise ValueError(f"{name} must be finite numbers > 0; got {v!r}")
    out = flat.astype(np.int64 if kind == "seed" else np.float64)
    return out if arr.ndim == 1 else out[:1].copy()


def _broadcast(**named) -> list[np.ndarray]:
    """Give every per-network array the common length; length-1 arrays (scalars) repeat."""
    lengths = {name: len(a) for name, a in named.items() if len(a) != 1}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"lrs, scales and seeds must have the same length (or be single numbers); {listed}")
    n = max(lengths.values(), default=1)
    return [np.repeat(a, n) if len(a) == 1 else a for a in named.values()]


def _check_names(activation, output_activation, loss):
    activation = choice(activation, "activation", tuple(ACTIVATIONS))
    output_activation = choice(activation if output_activation is None else output_activation,
                               "output_activation", tuple(ACTIVATIONS))
    loss = choice(loss, "loss", ("mse", "bce"))  # 'ce' (softmax outputs) is for MLP only
    if loss == "bce" and output_activation != "sigmoid":
        raise ValueError("loss 'bce' needs outputs in (0, 1): use output_activation='sigmoid'; "
                         f"got output_activation={output_activation!r}")
    return activation, output_activation, loss


def _check_data(sizes, X, Y, loss):
    X = as_matrix(X, "X", n_cols=sizes[0])
    Y = as_matrix(Y, "Y", n_cols=sizes[-1], n_rows=X.shape[0])
    if loss == "bce" and ((Y < 0) | (Y > 1)).any():
        raise ValueError("Y must lie in [0, 1] for loss 'bce' (targets are probabilities)")
    return X, Y


# ----- initialization ---------------------------------------------------------------
def initial_parameters(sizes, init="normal", scales=1.0, seeds=0):
    """The parameters ``MLP(sizes, init=init, scale=s, seed=k)`` starts from, stacked over networks.

    Returns ``(weights, biases)``: ``weights[l]`` of shape (n_nets, n_l, n_{l−1}) and
    ``biases[l]`` of shape (n_nets, n_l). ``rng.normal(0, std)`` equals
    ``std · rng.standard_normal()`` bit for bit, so each seed's stream is drawn once
    and scaled for every network that shares the seed.
    """
    sizes = _check_sizes(sizes)
    init = choice(init, "init", INITS)
    scales, seeds = _broadcast(scales=_per_network(scales, "scales", "positive"),
                               seeds=_per_network(seeds, "seeds", "seed"))
    n = len(scales)
    weights = [np.empty((n, n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros((n, n_out)) for n_out in sizes[1:]]
    unique, which = np.unique(seeds, return_inverse=True)
    for k, seed in enumerate(unique):  # one generator per distinct seed, not per network
        rng = np.random.default_rng(int(seed))
        nets = which == k
        for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            std = init_std(init, n_in, n_out, 1.0) * scales[nets]
            weights[layer][nets] = std[:, None, None] * rng.standard_normal((n_out, n_in))
            if init == "normal":
                biases[layer][nets] = scales[nets][:, None] * rng.standard_normal(n_out)
    return weights, biases


# ----- the arithmetic of one step, on stacked arrays -----------------------------------
def _prime(name, z, a):
    """σ′(z) from z and a = σ(z), with the same floating-point operations as activations.py."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return (z > 0).astype(np.float64)
    return None  # identity: σ′ = 1, so the product is skipped (x · 1 = x exactly)


def _forward(weights, biases, X, acts):
    """z^l = W^l a^{l−1} + b^l for every network: a^0 = X is (m, n_0), z^l is (n_nets, m, n_l)."""
    zs, activations = [], [X]
    A = X
    for layer, (W, b) in enumerate(zip(weights, biases)):
        Z = np.matmul(A, W.transpose(0, 2, 1)) + b[:, None, :]
        A = ACTIVATIONS[acts[layer]].f(Z)
        zs.append(Z)
        activations.append(A)
    return zs, activations


def _loss(loss, z_out, a_out, Y):
    """The loss of each network, shape (n_nets,): MSE 1/(2m) Σ (a − y)², or BCE from the logits."""
    m = Y.shape[0]
    if loss == "bce":
        return np.sum(np.logaddexp(0.0, z_out) - Y * z_out, axis=(1, 2)) / m
    return np.sum((a_out - Y) ** 2, axis=(1, 2)) / (2 * m)


def _backward(weights, zs, activations, Y, acts, loss):
    """BP1–BP4 for every network at once; returns (dWs, dbs) shaped like the parameters."""
    m = Y.shape[0]
    delta = (activations[-1] - Y) / m                        # ∂L/∂a for MSE; BP1 for BCE + sigmoid
    if loss == "mse":
        prime = _prime(acts[-1], zs[-1], activations[-1])
        if prime is not None:
            delta = delta * prime                            # BP1
    dWs, dbs = [None] * len(weights), [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        dbs[layer] = delta.sum(axis=1)                                       # BP3
        dWs[layer] = np.matmul(delta.transpose(0, 2, 1), activations[layer])  # BP4
        if layer > 0:                                                        # BP2
            delta = np.matmul(delta, weights[layer])
            prime = _prime(acts[layer - 1], zs[layer - 1], activations[layer])
            if prime is not None:
                delta = delta * prime
    return dWs, dbs


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
def train_many(sizes, X, Y, lrs, epochs, scales=1.0, seeds=0, init="normal", activation="sigmoid",
               output_activation=None, loss="mse") -> BatchResult:
    """Full-batch gradient descent W ← W − η_i ∂L/∂W for many networks of one shape at once.

    ``lrs``, ``scales`` and ``seeds`` give η_i, the init scale and the seed of network i;
    each is one number (shared) or a 1-D sequence, all sequences of one length n_nets.
    Network i ends exactly where ``MLP(sizes, activation, output_activation, loss, init,
    scales[i], seeds[i]).fit(X, Y, lrs[i], epochs)`` ends. X is (m, n_0), Y is (m, n_L).
    """
    sizes = _check_sizes(sizes)
    activation, output_activation, loss = _check_names(activation, output_activation, loss)
    init = choice(init, "init", INITS)
    X, Y = _check_data(sizes, X, Y, loss)
    epochs = non_negative_int(epochs, "epochs")
    lrs, scales, seeds = _broadcast(lrs=_per_network(lrs, "lrs", "positive"),
                                    scales=_per_network(scales, "scales", "positive"),
                                    seeds=_per_network(seeds, "seeds", "seed"))
    n = len(lrs)
    acts = [activation] * (len(sizes) - 2) + [output_activation]
    weights, biases = initial_parameters(sizes, init, scales, seeds)
    final_W = [W.copy() for W in weights]  # filled in for networks that diverge
    final_b = [b.copy() for b in biases]

    losses = np.empty((n, epochs))
    solved_epoch = np.full(n, -1)
    diverged_epoch = np.full(n, -1)
    active = np.ones(n, dtype=bool)
    eta_W, eta_b = lrs[:, None, None].copy(), lrs[:, None].copy()  # η per network; 0 once frozen

    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            zs, activations = _forward(weights, biases, X, acts)
            L = _loss(loss, zs[-1], activations[-1], Y)
            losses[:, epoch] = L
            newly_bad = active & ~np.isfinite(L)
            if newly_bad.any():  # rare: freeze these networks as MLP.fit stops
                for layer in range(len(weights)):
                    final_W[layer][newly_bad] = weights[layer][newly_bad]
                    final_b[layer][newly_bad] = biases[layer][newly_bad]
                    weights[layer][newly_bad] = 0.0  # finite stand-ins: no NaN spreads, no warnings
                    biases[layer][newly_bad] = 0.0
                eta_W[newly_bad] = 0.0
                eta_b[newly_bad] = 0.0
                active &= ~newly_bad
                diverged_epoch[newly_bad] = epoch
                zs, activations = _forward(weights, biases, X, acts)
            first = active & (solved_epoch < 0) & solved_rows(activations[-1], Y)
            solved_epoch[first] = epoch
            dWs, dbs = _backward(weights, zs, activations, Y, acts, loss)
            for W, b, dW, db in zip(weights, biases, dWs, dbs):
                W -= eta_W * dW
                b -= eta_b * db

        for layer in range(len(weights)):
            final_W[layer][active] = weights[layer][active]
            final_b[layer][active] = biases[layer][active]
        zs, activations = _forward(final_W, final_b, X, acts)
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
    return BatchResult(sizes, activation, output_activation, loss, init, lrs, scales, seeds,
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
    lrs = _per_network(lrs, "lrs", "positive")
    scales = _per_network(scales, "scales", "positive")
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
class _OneNet:
    """Preallocated arrays for full-batch descent on one network, and the step as a tape.

    Here samples are columns, as in the book's z = W a + b: a^{l−1} is stored as
    (n_{l−1} + 1, m) with a last row of ones, and each layer's parameters as one block
    [W | b] of shape (n_l, n_{l−1} + 1) (all blocks are views into one flat array ``P``).
    So ``block @ a_aug`` is z^l = W^l a^{l−1} + b^l, ``delta @ a_augᵀ`` holds ∂L/∂W and
    ∂L/∂b together, and the update is one ``P −= G``; δ already carries the factor η/m.
    Every array a ufunc writes is contiguous (strided outputs are several times slower
    for arrays this small). One step is a fixed list (a *tape*) of numpy calls into
    preallocated arrays, built once and replayed.
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
            name, z, a, one = acts[layer], zs[layer], As[layer], ones[layer]
            if name == "sigmoid":  # σ(z) = 1 / (1 + e^{−z}); e^{−z} = inf gives exactly 0
                return [(np.negative, (z, a)), (np.exp, (a, a)), (np.add, (a, one, a)), (np.divide, (one, a, a))]
            if name == "tanh":
                return [(np.tanh, (z, a))]
            if name == "relu":
                return [(partial(np.maximum, out=a), (z, zeros[layer]))]  # out= as keyword here
            return [(np.copyto, (a, z))]

        def times_prime(layer):  # delta ⊙= σ′(z), σ′ from a = σ(z) as in activations.py
            name, z, a, d, t, one = acts[layer], zs[layer], As[layer], deltas[layer], tmps[layer], ones[layer]
            if name == "sigmoid":
                return [(np.subtract, (one, a, t)), (np.multiply, (t, a, t)), (np.multiply, (d, t, d))]
            if name == "tanh":
                return [(np.multiply, (a, a, t)), (np.subtract, (one, t, t)), (np.multiply, (d, t, d))]
            if name == "relu":
                return [(np.greater, (z, zeros[layer], t)), (np.multiply, (d, t, d))]
            return []

        self.forward_tape = []
        for layer in range(last + 1):
            self.forward_tape.append((np.dot, (self.blocks[layer], a_aug[layer], zs[layer])))
            self.forward_tape += activate(layer)
        tape = list(self.forward_tape)
        tape.append((np.subtract, (self.a_out, Y_T, deltas[last])))        # (a − y): m ∂L/∂a
        if loss == "mse":
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
    sizes = _check_sizes(sizes)
    activation, output_activation, loss = _check_names(activation, output_activation, loss)
    init = choice(init, "init", INITS)
    X, Y = _check_data(sizes, X, Y, loss)
    epochs = non_negative_int(epochs, "epochs")
    lr = _per_network(lr, "lr", "positive")
    scales = _per_network(scale, "scale", "positive")
    seeds = _per_network(seed, "seed", "seed")
    if max(len(lr), len(scales), len(seeds)) > 1:
        raise ValueError("fit_one trains one network: lr, scale and seed must be single numbers")
    acts = [activation] * (len(sizes) - 2) + [output_activation]
    weights, biases = initial_parameters(sizes, init, scales, seeds)
    net = _OneNet(sizes, X, Y, acts, loss)
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
        L = _loss(loss, None if z_rows is None else z_rows[:done + 1], a_rows[:done + 1], Y)
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
