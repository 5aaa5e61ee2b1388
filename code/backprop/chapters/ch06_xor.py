"""Chapter 6's experiments: which seeds solve XOR, within which epoch budget, with which loss.

``train_seeds`` trains one network per seed, exactly as ``MLP.fit`` would
(full-batch gradient descent), but all seeds at once with the batched trainer;
it records when each network first solves the task and keeps every loss curve.
``solved_by_budget`` asks the same question at several epoch budgets, and
``tune_lr`` finds each loss's best learning rate on a grid, so that two losses
are compared each at its own tuned η. ``hidden_gates`` reads what the first
hidden layer of a two-input network computes by naming the logic gate each
unit implements once its activation is cut at 0.5; ``gates_during_training``
follows those gates through one run; ``tied_inputs`` names the inputs an
unsolved network cannot tell apart. "Solved" is always ``data.solved``.
"""

from __future__ import annotations

import copy

from dataclasses import dataclass

import numpy as np

from .._checks import (as_matrix, choice, layer_sizes, non_negative_int, number_in, per_network,
                       positive_number, whole_number, whole_numbers)
from ..data import SOLVED_MARGIN, solved, xor
from ..vectorized import ENGINE_LOSSES, train_many
from ..mlp import MLP

# The 16 Boolean functions of two inputs, keyed by their outputs on the
# inputs (0,0), (0,1), (1,0), (1,1): (name used in the prose, formula for figures).
GATES = {
    (0, 0, 0, 0): ("FALSE", "0"),
    (0, 0, 0, 1): ("AND", "x₁ ∧ x₂"),
    (0, 0, 1, 0): ("x1 AND NOT x2", "x₁ ∧ ¬x₂"),
    (0, 0, 1, 1): ("x1", "x₁"),
    (0, 1, 0, 0): ("NOT x1 AND x2", "¬x₁ ∧ x₂"),
    (0, 1, 0, 1): ("x2", "x₂"),
    (0, 1, 1, 0): ("XOR", "x₁ ⊕ x₂"),
    (0, 1, 1, 1): ("OR", "x₁ ∨ x₂"),
    (1, 0, 0, 0): ("NOR", "¬(x₁ ∨ x₂)"),
    (1, 0, 0, 1): ("XNOR", "¬(x₁ ⊕ x₂)"),
    (1, 0, 1, 0): ("NOT x2", "¬x₂"),
    (1, 0, 1, 1): ("x1 OR NOT x2", "x₁ ∨ ¬x₂"),
    (1, 1, 0, 0): ("NOT x1", "¬x₁"),
    (1, 1, 0, 1): ("NOT x1 OR x2", "¬x₁ ∨ x₂"),
    (1, 1, 1, 0): ("NAND", "¬(x₁ ∧ x₂)"),
    (1, 1, 1, 1): ("TRUE", "1"),
}


def _sequence(values, name: str) -> list:
    if isinstance(values, (str, bytes)):
        raise ValueError(f"{name} must be a sequence; got {values!r}")
    try:
        return list(values)
    except TypeError:
        raise ValueError(f"{name} must be a sequence; got {values!r}") from None


def _seeds(seeds) -> np.ndarray:
    """A non-empty 1-D int array of seeds (whole numbers >= 0), e.g. from range(100)."""
    seeds = np.asarray(whole_numbers(seeds, "seeds", 0), dtype=np.int64)
    if seeds.size == 0:
        raise ValueError("seeds must be a non-empty sequence of whole numbers >= 0, e.g. range(100)")
    return seeds


def _numbers(values, name: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of numbers; got {type(values).__name__}") from exc


def gate_of(values) -> tuple[str, str]:
    """(name, formula) of the gate whose truth table is ``values`` > 0.5 on the inputs 00, 01, 10, 11."""
    try:
        values = np.asarray(values, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        values = None
    if values is None or values.shape != (4,) or not np.all(np.isfinite(values)):
        raise ValueError(f"values must be 4 finite numbers, one per input 00, 01, 10, 11; got {values!r}")
    return GATES[tuple(int(v > 0.5) for v in values)]


def hidden_gates(net: MLP) -> list[tuple[str, str]]:
    """For each unit k of the first hidden layer, the gate computed by a^1_k > 0.5 on the four inputs.

    ``net`` must have 2 inputs and at least one hidden layer; the result is a
    list of (name, formula) pairs, one per hidden unit.
    """
    if not isinstance(net, MLP) or net.sizes[0] != 2 or net.n_layers < 2:
        raise ValueError("net must be an MLP with 2 inputs and at least one hidden layer, e.g. MLP([2, 4, 1])")
    a1 = net.forward_trace(xor()[0])[1][1]  # a^1 on the inputs 00, 01, 10, 11: shape (4, n_1)
    return [gate_of(a1[:, k]) for k in range(a1.shape[1])]


@dataclass(frozen=True)
class SeedSweep:
    """The outcome of training one network per seed with the same settings.

    ``curves[i]`` is the loss before each step of seed ``seeds[i]`` (shape
    (n_seeds, epochs)); ``final_loss[i]`` the loss after the last step;
    ``solved[i]`` whether the network ends solved (``data.solved``: every output on the right side of 0.5 by the margin);
    ``solved_at[i]`` the first checked epoch at which it did (−1 if never);
    ``nets[i]`` the trained network.
    """

    sizes: tuple
    loss: str
    lr: float
    epochs: int
    seeds: np.ndarray
    curves: np.ndarray
    final_loss: np.ndarray
    solved: np.ndarray
    solved_at: np.ndarray
    nets: tuple

    @property
    def fraction_solved(self) -> float:
        """Share of the seeds whose network solves the task at the end."""
        return float(np.mean(self.solved))

    @property
    def stuck_seeds(self) -> np.ndarray:
        """The seeds whose network does not solve the task at the end."""
        return self.seeds[~self.solved]


def train_seeds(sizes, seeds, lr, epochs, loss="mse", check_every=50, X=None, Y=None) -> SeedSweep:
    """Train ``MLP(sizes, loss=loss, seed=s)`` on (X, Y) (XOR by default) for every seed s.

    Full-batch gradient descent, ``epochs`` steps of size ``lr``, exactly as ``MLP.fit``
    but for all seeds at once (``batched.train_many``), solved-state
    checked every ``check_every`` steps with ``solved``. X has shape (m, n_in)
    and Y shape (m, n_out).
    """
    layer_sizes(sizes)
    seeds = _seeds(seeds)
    if len(set(seeds.tolist())) != seeds.size:
        raise ValueError("seeds must not repeat: a repeated seed trains the same network twice")
    choice(loss, "loss", ENGINE_LOSSES)  # the vectorized engine trains these; 'ce' needs a softmax MLP
    lr = positive_number(lr, "lr")
    epochs = non_negative_int(epochs, "epochs")
    check_every = whole_number(check_every, "check_every", 1)
    if (X is None) != (Y is None):
        raise ValueError("give both X and Y, or neither (then XOR is used)")
    if X is None:
        X, Y = xor()
    X = as_matrix(X, "X")
    Y = as_matrix(Y, "Y", n_rows=X.shape[0])

    # All seeds train together (vectorized over networks); each network follows
    # MLP(sizes, loss=loss, seed=s).fit(X, Y, lr, epochs) exactly.
    run = train_many(sizes, X, Y, lr, epochs, seeds=seeds, loss=loss)
    nets = tuple(run.network(i) for i in range(run.n_nets))
    final = np.array([net.loss(X, Y) for net in nets])
    # solved_at: the first check (every check_every steps, and at the end) at which it was solved
    exact = run.solved_epoch
    checked = np.minimum(np.maximum(check_every, -(-exact // check_every) * check_every), epochs)
    first = np.where(exact >= 0, checked, -1)
    return SeedSweep(tuple(nets[0].sizes), loss, lr, epochs, seeds, run.losses, final, run.solved, first, nets)


# ----- chapter 6's qualitative words, each with its threshold written once ------------
NEAR = 0.1       # a final loss "near" a plateau value v: within 10% above it, v ≤ loss ≤ 1.1 v
HOVER = 0.05     # the loss "hovers a little under" a value v: within 5% below it
VERY_RARELY = 0.05  # "very rarely": in fewer than 5% of the seeds


def near(losses, value, rel: float = NEAR) -> np.ndarray:
    """Which final losses sit near the plateau ``value``: value ≤ loss ≤ (1 + rel)·value.

    ``losses`` may hold NaN or inf (a diverged run), which is never near.
    """
    losses = _numbers(losses, "losses")
    value = positive_number(value, "value")
    rel = number_in(rel, "rel", 0.0, np.inf)
    return (losses >= value) & (losses <= (1 + rel) * value)


def hover_span(curve, value, rel: float = HOVER) -> tuple[int, int]:
    """The longest stretch of epochs [first, last] where (1 − rel)·value ≤ curve ≤ value.

    ``curve`` is one loss curve (epochs,); returns (−1, −1) if the curve never enters the band.
    """
    curve = _numbers(curve, "curve")
    if curve.ndim != 1:
        raise ValueError(f"curve must be one loss curve, a 1-D array; got shape {curve.shape}")
    value = positive_number(value, "value")
    rel = number_in(rel, "rel", 0.0, 1.0)
    inside = (curve >= (1 - rel) * value) & (curve <= value)
    best, start = (-1, -1), None
    for epoch, flag in enumerate(np.append(inside, False)):
        if flag and start is None:
            start = epoch
        elif not flag and start is not None:
            if epoch - 1 - start > best[1] - best[0]:
                best = (start, epoch - 1)
            start = None
    return best


def circuit_of(net: MLP) -> tuple[str, ...]:
    """The hidden gates of a 2-n-1 network as a sorted tuple of names: its "circuit", unit order ignored."""
    return tuple(sorted(name for name, _ in hidden_gates(net)))


@dataclass(frozen=True)
class GateHistory:
    """One run followed through training: at each checkpoint epoch, the loss, the hidden gates and ``solved``."""

    epochs: np.ndarray
    losses: np.ndarray
    gates: tuple
    solved: np.ndarray

    @property
    def final_from(self) -> int:
        """The first checkpoint epoch from which the gates no longer change until the last checkpoint."""
        k = len(self.gates) - 1
        while k > 0 and self.gates[k - 1] == self.gates[-1]:
            k -= 1
        return int(self.epochs[k])


def gates_during_training(sizes, seed, lr, checkpoints, loss="mse") -> GateHistory:
    """Train ``MLP(sizes, loss=loss, seed=seed)`` on XOR and read its hidden gates at each checkpoint.

    ``checkpoints`` are increasing epoch counts (0 = before training); the run is one
    ``fit`` split into pieces, so its numbers are those of a single long ``fit``.
    """
    checkpoints = [non_negative_int(e, "checkpoints") for e in checkpoints]
    if not checkpoints or any(b <= a for a, b in zip(checkpoints, checkpoints[1:])):
        raise ValueError("checkpoints must be a non-empty increasing list of epochs, e.g. [0, 100, 1000]")
    X, Y = xor()
    net, done = MLP(sizes, loss=loss, seed=seed), 0
    losses, gates, ok = [], [], []
    for epoch in checkpoints:
        net.fit(X, Y, lr, epoch - done)
        done = epoch
        losses.append(net.loss(X, Y))
        gates.append(tuple(name for name, _ in hidden_gates(net)))
        ok.append(solved(net.forward(X), Y))
    return GateHistory(np.array(checkpoints), np.array(losses), tuple(gates), np.array(ok))


@dataclass(frozen=True)
class BudgetCurve:
    """Which seeds are solved after exactly B epochs, for several epoch budgets B.

    ``solved[k, i]``: seed ``seeds[i]`` is solved (``data.solved``) at the last epoch of
    budget ``budgets[k]``; ``first_solved[i]``: the first epoch at which it was solved in
    the longest run (−1 if never), for the curve between the budgets; ``nets[i]``: seed
    ``seeds[i]``'s network at the end of the longest budget.
    """

    sizes: tuple
    loss: str
    lr: float
    seeds: np.ndarray
    budgets: np.ndarray
    solved: np.ndarray
    first_solved: np.ndarray
    nets: tuple = ()

    @property
    def counts(self) -> np.ndarray:
        """How many seeds are solved at each budget."""
        return self.solved.sum(axis=1)

    @property
    def ever_solved_by(self) -> np.ndarray:
        """For each budget, how many seeds had been solved at some epoch up to it (in the longest run)."""
        done = self.first_solved >= 0
        return np.array([int(np.sum(done & (self.first_solved <= b))) for b in self.budgets])


def solved_by_budget(sizes, seeds, lr, budgets, loss="mse") -> BudgetCurve:
    """Train every seed on XOR for each budget B and record which are solved after exactly B epochs.

    One ``batched.train_many`` call per budget: a run counts as solved at B only if it is
    solved at its last epoch, whatever it did before.
    """
    sizes = tuple(layer_sizes(sizes))
    seeds = _seeds(seeds)
    lr = positive_number(lr, "lr")
    choice(loss, "loss", ENGINE_LOSSES)
    budgets = np.asarray([non_negative_int(b, "budgets") for b in _sequence(budgets, "budgets")])
    if budgets.size == 0 or np.any(np.diff(budgets) <= 0):
        raise ValueError("budgets must be a non-empty increasing list of epochs, e.g. [1500, 5000, 20000]")
    X, Y = xor()
    runs = [train_many(sizes, X, Y, lr, int(b), seeds=seeds, loss=loss) for b in budgets]
    return BudgetCurve(sizes, loss, lr, seeds, budgets,
                       np.array([r.solved for r in runs]), runs[-1].solved_epoch,
                       tuple(runs[-1].network(i) for i in range(runs[-1].n_nets)))


@dataclass(frozen=True)
class Tie:
    """The inputs an unsolved network cannot tell apart (see :func:`tied_inputs`).

    ``missed`` (m,): the inputs whose output is more than 0.5 − SOLVED_MARGIN from its
    target; ``spread``: the largest distance of their hidden vectors a^1 from the mean of
    those vectors; ``max_slope``: the largest σ′(z^1) on them; ``outputs``: a^L on them.
    """

    missed: np.ndarray
    spread: float
    max_slope: float
    outputs: np.ndarray


def tied_inputs(net: MLP, X=None, Y=None, margin: float = SOLVED_MARGIN) -> Tie:
    """Which inputs a one-hidden-layer network misses, and whether they share one saturated hidden vector.

    On the plateaus of chapter 6 two inputs (loss near 1/16) or three (near 1/12) get
    almost the same a^1, with σ′(z^1) near 0 on them: ``spread`` and ``max_slope`` are
    then both small. X (m, n_in) and Y (m, 1) default to XOR.
    """
    if not isinstance(net, MLP) or net.n_layers != 2:
        raise ValueError("net must be an MLP with one hidden layer, e.g. MLP([2, 2, 1])")
    if (X is None) != (Y is None):
        raise ValueError("give both X and Y, or neither (then XOR is used)")
    if X is None:
        X, Y = xor()
    margin = number_in(margin, "margin", 0.0, 0.5, high_open=True)
    X = net.check_inputs(X)
    Y = net.check_targets(Y, X.shape[0])
    zs, acts = net.forward_trace(X)
    out = acts[-1]
    missed = np.any(np.abs(out - Y) > 0.5 - margin, axis=1)
    if not missed.any():
        return Tie(missed, 0.0, 0.0, out[missed])
    rows = acts[1][missed]
    spread = float(np.abs(rows - rows.mean(axis=0)).max())
    slope = float(net.activation.prime(zs[0][missed]).max())
    return Tie(missed, spread, slope, out[missed])


@dataclass(frozen=True)
class LrTuning:
    """A learning-rate grid for one loss: at ``lrs[k]``, ``n_solved[k]`` seeds end solved.

    ``mean_last_loss[k]`` is the mean over the seeds of the loss at the last epoch
    (infinite for a seed that diverged); it only breaks ties.
    """

    loss: str
    lrs: np.ndarray
    n_seeds: int
    epochs: int
    n_solved: np.ndarray
    mean_last_loss: np.ndarray

    @property
    def best(self) -> int:
        """Index of the best η: most seeds solved, ties broken by the lower mean final loss."""
        order = np.lexsort((self.mean_last_loss, -self.n_solved))
        return int(order[0])

    @property
    def best_lr(self) -> float:
        """The tuned learning rate."""
        return float(self.lrs[self.best])

    @property
    def bracketed(self) -> bool:
        """True when the best η is not at either edge of the grid."""
        return 0 < self.best < len(self.lrs) - 1


def tune_lr(sizes, lrs, seeds, epochs, loss="mse") -> LrTuning:
    """Train every (η, seed) pair on XOR for ``epochs`` epochs (one batched call) and score each η."""
    layer_sizes(sizes)
    lrs = per_network(lrs, "lrs", "positive")
    if np.ndim(lrs) != 1 or lrs.size < 3 or np.any(np.diff(lrs) <= 0):
        raise ValueError("lrs must be an increasing grid of at least 3 learning rates")
    seeds = _seeds(seeds)
    if seeds.size < 3:
        raise ValueError("seeds: tune on at least 3 seeds")
    epochs = whole_number(epochs, "epochs", 1)
    choice(loss, "loss", ENGINE_LOSSES)
    X, Y = xor()
    run = train_many(sizes, X, Y, np.repeat(lrs, seeds.size), epochs, seeds=np.tile(seeds, lrs.size),
                     loss=loss)
    shape = (lrs.size, seeds.size)
    last = np.where(run.diverged, np.inf, run.losses[:, -1]).reshape(shape)
    return LrTuning(loss, lrs, int(seeds.size), int(epochs), run.solved.reshape(shape).sum(axis=1),
                    last.mean(axis=1))


def outputs_without(net: MLP, X, units) -> np.ndarray:
    """The outputs a^L (m, n_out) of a 2-n-1 network with the output weights of hidden ``units`` set to 0.

    Units are numbered from 1, as in the prose. Silencing a unit this way shows whether the
    output still needs it; ``net`` itself is not changed.
    """
    if not isinstance(net, MLP) or net.n_layers != 2:
        raise ValueError("net must be an MLP with one hidden layer, e.g. MLP([2, 4, 1])")
    units = whole_numbers(units, "units", 1)
    if any(not 1 <= k <= net.sizes[1] for k in units):
        raise ValueError(f"units are numbered 1 … {net.sizes[1]}; got {units}")
    silenced = copy.deepcopy(net)
    silenced.weights[1][:, [k - 1 for k in units]] = 0.0  # w^2_{1k} = 0: the output no longer hears unit k
    return silenced.forward(X)


# ----- figures (they import matplotlib only when called) -----------------------------------
def hidden_units_figure(net, X, Y, lang: str, resolution: int = 121):
    """One panel per hidden unit k of a 2-n-1 network: a^1_k over the input plane, its 0.5 contour and its gate."""
    from ..book.labels import check_lang
    from ..book.plotting import label, new_figure

    if not isinstance(net, MLP) or net.n_layers != 2 or net.sizes[0] != 2:
        raise ValueError(f"net must be a 2-n-1 MLP for hidden_units_figure; got {net!r}")
    X = net.check_inputs(X)
    Y = net.check_targets(Y, X.shape[0])
    check_lang(lang)
    resolution = whole_number(resolution, "resolution", 2)
    gates = hidden_gates(net)
    g = np.linspace(-0.35, 1.35, resolution)
    G1, G2 = np.meshgrid(g, g)
    a1 = net.forward_trace(np.column_stack([G1.ravel(), G2.ravel()]))[1][1]  # a^1, (resolution², n_1)
    n = a1.shape[1]
    ncols = n if n <= 3 else 2  # four units: a 2 × 2 grid keeps each panel readable
    nrows = -(-n // ncols)
    fig, axes = new_figure(ncols, nrows, figsize=(3.0 * ncols + 0.8, 3.0 * nrows + 0.4), squeeze=False)
    for ax in axes.ravel()[n:]:
        ax.set_visible(False)
    y = np.asarray(Y)[:, 0] > 0.5
    for k, ax in enumerate(axes.ravel()[:n]):
        out = a1[:, k].reshape(G1.shape)
        cs = ax.contourf(G1, G2, out, levels=np.linspace(0, 1, 11), cmap="PuOr_r", alpha=0.7)
        if out.min() < 0.5 < out.max():
            ax.contour(G1, G2, out, levels=[0.5], colors="k", linewidths=1.2)
        ax.scatter(X[~y, 0], X[~y, 1], s=50, facecolors="white", edgecolors="k", zorder=3)
        ax.scatter(X[y, 0], X[y, 1], s=50, color="k", zorder=3)
        ax.set_title(f"{label('hidden_unit', lang).format(k=k + 1)} ≈ {gates[k][1]}", fontsize=11)
        ax.set_xlabel(label("input_x1", lang))
        ax.set_ylabel(label("input_x2", lang))
        ax.set_aspect("equal")
        ax.grid(False)
    fig.colorbar(cs, ax=list(axes.ravel()), shrink=0.8, label=label("hidden_activation", lang))
    fig.suptitle(label("hidden_units_title", lang))
    return fig


def final_loss_histogram(ax, final_losses, names, lang: str, bins=None):
    """Histogram of the final losses of several seed sweeps on a log axis; ``final_losses`` is a list of arrays."""
    from ..book.labels import check_lang, label

    check_lang(lang)
    final_losses = [_numbers(f, "final_losses").ravel() for f in _sequence(final_losses, "final_losses")]
    if len(final_losses) != len(list(names)) or any(f.size == 0 or (f <= 0).any() for f in final_losses):
        raise ValueError("give one non-empty array of positive final losses per name")
    if bins is None:
        low = min(f.min() for f in final_losses)
        high = max(f.max() for f in final_losses)
        bins = np.geomspace(low / 1.2, high * 1.2, 30)
    for f, name in zip(final_losses, names):
        ax.hist(f, bins=bins, alpha=0.6, label=name)
    ax.set_xscale("log")
    ax.set_xlabel(label("final_loss", lang))
    ax.set_ylabel(label("number_of_runs", lang))
    ax.legend(fontsize=9)
    return ax


def solved_by_budget_plot(ax, curve, lang: str):
    """Fraction of seeds solved against the epoch budget (log axis), with 95% Wilson intervals.

    ``curve`` is a :class:`BudgetCurve`: points at its budgets (solved at the last
    epoch of that budget), and a thin line of the seeds first solved by each epoch.
    """
    from ..book.claims import wilson_interval
    from ..book.labels import check_lang, label

    if not isinstance(curve, BudgetCurve):
        raise ValueError(f"curve must be a BudgetCurve (from solved_by_budget); got {type(curve).__name__}")
    check_lang(lang)
    n = curve.seeds.size
    low, high = np.array([wilson_interval(int(k), n) for k in curve.counts]).T
    frac = curve.counts / n
    first = np.sort(curve.first_solved[curve.first_solved >= 0])
    epochs = np.geomspace(max(1, curve.budgets[0] / 4), curve.budgets[-1], 200)
    ax.plot(epochs, np.searchsorted(first, epochs, side="right") / n, color="0.6", lw=1,
            label=label("first_solved_line", lang))
    ax.errorbar(curve.budgets, frac, yerr=[frac - low, high - frac], fmt="o", color="C0", capsize=3,
                label=label("solved_at_budget", lang))
    ax.set_xscale("log")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(label("epoch_budget", lang))
    ax.set_ylabel(label("fraction_solved", lang))
    ax.legend(fontsize=9, loc="lower right")
    return ax
