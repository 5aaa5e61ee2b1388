"""Experiments and figures of chapter 10: plain gradient descent, momentum and Adam compared.

Three settings, each driven by the package's own optimizers (``backprop.optimizers``):

* a 2-D ill-conditioned quadratic valley f(θ) = ½ (λ₁ θ₁² + λ₂ θ₂²), where the
  paths of the three update rules can be drawn;
* XOR on a small sigmoid network, many seeds at once: the parameters of all seeds
  are stacked along a leading axis (as in :mod:`backprop.batched`), and since every
  update rule acts element by element, one ``optimizer.step`` advances every seed
  exactly as ``train`` would advance each one alone;
* the handwritten digits, with the training loss and the test accuracy per epoch.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._checks import as_matrix, non_negative_int, positive_number
from .batched import _backward, _check_sizes, _forward, _loss, initial_parameters
from .data import solved_rows
from .optimizers import OPTIMIZERS, Optimizer, make_optimizer, train

__all__ = ["QUADRATIC_LAMBDAS", "XorSweep", "best_lr", "digits_curves", "digits_figure", "digits_sweep",
           "digits_table",
           "quadratic_grad", "quadratic_loss", "quadratic_path", "valley_figure", "xor_curves_figure",
           "xor_sweep", "xor_sweep_table"]

QUADRATIC_LAMBDAS = (1.0, 100.0)  # curvatures λ₁ (shallow) and λ₂ (steep) of the valley


# ----- the quadratic valley ------------------------------------------------------------------
def _lambdas(lams) -> np.ndarray:
    lams = np.asarray(lams, dtype=np.float64)
    if lams.shape != (2,) or not np.all(np.isfinite(lams)) or np.any(lams <= 0):
        raise ValueError(f"lams must be two positive curvatures (λ₁, λ₂); got {lams!r}")
    return lams


def quadratic_loss(theta, lams=QUADRATIC_LAMBDAS) -> np.ndarray:
    """f(θ) = ½ (λ₁ θ₁² + λ₂ θ₂²) for θ of shape (..., 2); returns shape (...)."""
    theta, lams = np.asarray(theta, dtype=np.float64), _lambdas(lams)
    if theta.shape[-1:] != (2,):
        raise ValueError(f"theta must have a last axis of length 2; got shape {theta.shape}")
    return 0.5 * np.sum(lams * theta**2, axis=-1)


def quadratic_grad(theta, lams=QUADRATIC_LAMBDAS) -> np.ndarray:
    """g = ∇f(θ) = (λ₁ θ₁, λ₂ θ₂), same shape as θ."""
    theta, lams = np.asarray(theta, dtype=np.float64), _lambdas(lams)
    if theta.shape[-1:] != (2,):
        raise ValueError(f"theta must have a last axis of length 2; got shape {theta.shape}")
    return lams * theta


def quadratic_path(optimizer: Optimizer, start, steps: int, lams=QUADRATIC_LAMBDAS) -> np.ndarray:
    """The points θ_0, …, θ_steps that ``optimizer`` visits on the valley; shape (steps + 1, 2)."""
    if not isinstance(optimizer, Optimizer):
        raise ValueError(f"optimizer must be a backprop optimizer (SGD, Momentum, Adam); got {type(optimizer).__name__}")
    theta = np.array(start, dtype=np.float64)
    if theta.shape != (2,) or not np.all(np.isfinite(theta)):
        raise ValueError(f"start must be a finite point (θ₁, θ₂); got {start!r}")
    steps = non_negative_int(steps, "steps")
    lams = _lambdas(lams)
    optimizer.reset()
    path = np.empty((steps + 1, 2))
    path[0] = theta
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            optimizer.step([theta], [quadratic_grad(theta, lams)])
            path[t] = theta
    return path


def valley_figure(paths: dict, lang: str, lams=QUADRATIC_LAMBDAS, title_key: str = "opt_valley_title"):
    """Contours of f with one panel per optimizer path; ``paths`` maps a label key to an array (T+1, 2)."""
    from .plotting import label, new_figure

    lams = _lambdas(lams)
    if not paths:
        raise ValueError("paths must hold at least one path")
    fig, axes = new_figure(len(paths), figsize=(3.6 * len(paths), 3.4), sharey=True)
    axes = np.atleast_1d(axes)
    start = np.abs(next(iter(paths.values()))[0])
    x_max, y_max = 1.1 * max(start[0], 1.0), 1.6 * max(start[1], 0.5)
    g1, g2 = np.meshgrid(np.linspace(-x_max, x_max, 201), np.linspace(-y_max, y_max, 161))
    f = quadratic_loss(np.stack([g1, g2], axis=-1), lams)
    for ax, (key, path) in zip(axes, paths.items()):
        ax.contour(g1, g2, f, levels=np.geomspace(f.max() * 1e-4, f.max(), 12), colors="0.75", linewidths=0.8)
        ax.plot(path[:, 0], path[:, 1], "-o", ms=2.5, lw=1.0, color="C0")
        ax.plot(*path[0], "s", color="k", ms=6)
        ax.plot(0, 0, "*", color="C3", ms=12)
        final = quadratic_loss(path[-1], lams)
        ax.set_title(f"{label(key, lang)}\n" + label("opt_final_f", lang).format(steps=len(path) - 1, f=final),
                     fontsize=10)
        ax.set_xlabel("θ₁")
        ax.set_xlim(-x_max, x_max)
        ax.set_ylim(-y_max, y_max)
    axes[0].set_ylabel("θ₂")
    fig.suptitle(label(title_key, lang).format(l1=f"{lams[0]:g}", l2=f"{lams[1]:g}"))
    return fig


# ----- XOR over many seeds ----------------------------------------------------------------------
@dataclass(frozen=True)
class XorSweep:
    """One optimizer over a grid of learning rates and seeds on XOR (full batch).

    ``losses`` has shape (n_lrs, n_seeds, epochs + 1) like :func:`train` (NaN after
    divergence); ``solved`` (n_lrs, n_seeds) says whether the final outputs are solved
    (``data.solved``); ``solved_epoch`` is the first epoch after which it did
    (−1 if never).
    """

    name: str
    lrs: np.ndarray
    seeds: np.ndarray
    epochs: int
    losses: np.ndarray
    solved: np.ndarray
    solved_epoch: np.ndarray

    @property
    def fraction_solved(self) -> np.ndarray:
        """Share of seeds that solved XOR, per learning rate; shape (n_lrs,)."""
        return self.solved.mean(axis=1)

    @property
    def median_epochs(self) -> np.ndarray:
        """Median solve epoch over the seeds that solved, per learning rate (NaN if none)."""
        out = np.full(len(self.lrs), np.nan)
        for i, (ok, ep) in enumerate(zip(self.solved, self.solved_epoch)):
            if ok.any():
                out[i] = np.median(ep[ok])
        return out


def _seeds(seeds) -> np.ndarray:
    arr = np.asarray(list(seeds) if not np.isscalar(seeds) else [seeds], dtype=object)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError("seeds must be a non-empty sequence of whole numbers >= 0")
    for s in arr:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral) or s < 0:
            raise ValueError(f"seeds must be whole numbers >= 0; got {s!r}")
    return arr.astype(np.int64)


def _run_stacked(optimizer, weights, biases, X, Y, acts, loss, epochs):
    """Full-batch training of stacked networks; returns losses (n_nets, epochs + 1) and final outputs."""
    params = list(weights) + list(biases)
    n = weights[0].shape[0]
    losses = np.empty((n, epochs + 1))
    optimizer.reset()
    solved_epoch = np.full(n, -1)
    for epoch in range(epochs + 1):
        zs, activations = _forward(weights, biases, X, acts)
        losses[:, epoch] = _loss(loss, zs[-1], activations[-1], Y)
        first = (solved_epoch < 0) & solved_rows(activations[-1], Y)
        solved_epoch[first] = epoch
        if epoch == epochs:
            break
        dWs, dbs = _backward(weights, zs, activations, Y, acts, loss)
        optimizer.step(params, list(dWs) + list(dbs))
    return losses, activations[-1], solved_epoch


def xor_sweep(name: str, lrs, seeds=range(50), epochs: int = 1000, sizes=(2, 2, 1), X=None, Y=None,
              **optimizer_kwargs) -> XorSweep:
    """Train ``MLP(sizes, 'sigmoid', loss='mse', seed=s)`` with optimizer ``name`` at every η in ``lrs``.

    Every (η, seed) pair ends where ``train(MLP(...), X, Y, make_optimizer(name, lr=η, ...), epochs)``
    ends: the seeds are stacked, and the optimizer's element-wise rule treats each alike.
    """
    from .data import xor

    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; expected one of {', '.join(map(repr, OPTIMIZERS))}")
    lrs = np.atleast_1d(np.asarray(lrs, dtype=np.float64))
    if lrs.ndim != 1 or lrs.size == 0:
        raise ValueError("lrs must be a non-empty 1-D sequence of learning rates")
    for lr in lrs:
        positive_number(float(lr), "lr")
    seeds = _seeds(seeds)
    epochs = non_negative_int(epochs, "epochs")
    sizes = _check_sizes(sizes)
    if X is None and Y is None:
        X, Y = xor()
    X = as_matrix(X, "X", n_cols=sizes[0])
    Y = as_matrix(Y, "Y", n_cols=sizes[-1], n_rows=X.shape[0])
    acts = ["sigmoid"] * (len(sizes) - 1)
    losses = np.empty((lrs.size, seeds.size, epochs + 1))
    solved = np.zeros((lrs.size, seeds.size), dtype=bool)
    solved_epoch = np.full((lrs.size, seeds.size), -1)
    with np.errstate(all="ignore"):  # a diverging seed yields NaN only in its own slice
        for i, lr in enumerate(lrs):
            weights, biases = initial_parameters(sizes, "normal", 1.0, seeds)
            optimizer = make_optimizer(name, lr=float(lr), **optimizer_kwargs)
            L, out, first = _run_stacked(optimizer, weights, biases, X, Y, acts, "mse", epochs)
            bad = ~np.isfinite(L)
            L[np.cumsum(bad, axis=1) > 0] = np.nan  # train() stops at the first non-finite loss
            losses[i] = L
            solved[i] = solved_rows(out, Y) & np.isfinite(L[:, -1])
            solved_epoch[i] = np.where(solved[i], first, -1)
    return XorSweep(name, lrs, seeds, epochs, losses, solved, solved_epoch)


def best_lr(sweep: XorSweep) -> int:
    """Index of the best η: the largest fraction solved, ties broken by the smaller median solve epoch."""
    frac = sweep.fraction_solved
    med = np.where(np.isnan(sweep.median_epochs), np.inf, sweep.median_epochs)
    return int(np.lexsort((med, -frac))[0])


def _markdown(rows: list) -> str:
    """A Markdown table from a list of dicts with the same keys (the column heads)."""
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(r[h]) for h in head) + " |" for r in rows]
    return "\n".join(lines)


def xor_sweep_table(sweeps: dict, lang: str) -> str:
    """A Markdown table of the share of seeds solved and the median solve epoch per η, best η marked."""
    from .plotting import label

    rows = []
    for key, sweep in sweeps.items():
        best = best_lr(sweep)
        for i, lr in enumerate(sweep.lrs):
            med = sweep.median_epochs[i]
            rows.append({label("opt_col_optimizer", lang): label(key, lang),
                         "η": f"{lr:g}",
                         label("opt_col_solved", lang): f"{sweep.fraction_solved[i]:.0%}",
                         label("opt_col_median", lang): "–" if np.isnan(med) else f"{med:.0f}",
                         label("opt_col_best", lang): "★" if i == best else ""})
    return _markdown(rows)


def xor_curves_figure(sweeps: dict, lang: str):
    """Loss curves at each optimizer's best η: every seed thin, the median thick; one panel each."""
    from .plotting import label, new_figure

    if not sweeps:
        raise ValueError("sweeps must hold at least one XorSweep")
    fig, axes = new_figure(len(sweeps), figsize=(3.6 * len(sweeps), 3.4), sharey=True)
    axes = np.atleast_1d(axes)
    for k, (ax, (key, sweep)) in enumerate(zip(axes, sweeps.items())):
        i = best_lr(sweep)
        L = sweep.losses[i]
        epochs = np.arange(sweep.epochs + 1)
        for row, ok in zip(L, sweep.solved[i]):
            ax.plot(epochs, row, color="C0" if ok else "C3", lw=0.6, alpha=0.35)
        ax.plot(epochs, np.nanmedian(L, axis=0), color="k", lw=2.0, label=label("opt_median", lang))
        ax.set_yscale("log")
        ax.set_title(label("opt_curve_panel", lang).format(name=label(key, lang), lr=f"{sweep.lrs[i]:g}",
                                                             frac=f"{sweep.fraction_solved[i]:.0%}"), fontsize=10)
        ax.set_xlabel(label("epoch", lang))
    axes[0].set_ylabel(label("loss", lang))
    axes[0].legend(loc="lower left", fontsize=8)
    fig.suptitle(label("opt_xor_title", lang).format(seeds=len(next(iter(sweeps.values())).seeds)))
    return fig


# ----- the digits ---------------------------------------------------------------------------------
def digits_curves(optimizers: dict, X_train, labels_train, X_test, labels_test, epochs: int = 30,
                  batch_size: int = 32, hidden: int = 32, seed: int = 0) -> dict:
    """Train the same 64-hidden-10 softmax network with each optimizer.

    ``optimizers`` maps a name to an Optimizer. Returns, per name, a dict with
    ``loss`` (epochs + 1,) the training loss from :func:`train` and ``test_accuracy``
    (epochs + 1,) measured after each epoch (entry 0 before training).
    """
    from . import digits
    from .mlp import MLP

    if not optimizers:
        raise ValueError("optimizers must map at least one name to an optimizer")
    Y_train = digits.one_hot(labels_train)
    out = {}
    for name, optimizer in optimizers.items():
        if not isinstance(optimizer, Optimizer):
            raise ValueError(f"optimizers[{name!r}] must be an SGD, Momentum or Adam object")
        optimizer.reset()
        net = MLP([X_train.shape[1], hidden, 10], activation="tanh", output_activation="softmax",
                  loss="ce", init="xavier", seed=seed)
        acc = np.full(epochs + 1, np.nan)
        acc[0] = digits.accuracy(digits.predict(net, X_test), labels_test)

        def record(epoch, net, acc=acc):
            acc[epoch] = digits.accuracy(digits.predict(net, X_test), labels_test)

        loss = train(net, X_train, Y_train, optimizer, epochs, batch_size=batch_size, seed=seed, on_epoch=record)
        out[name] = {"loss": loss, "test_accuracy": acc, "optimizer": optimizer}
    return out


def digits_sweep(grids: dict, X_train, labels_train, X_test, labels_test, epochs: int = 15, **kwargs):
    """Every optimizer at every η of its grid on the digits; ``grids`` maps a label key to (name, lrs).

    Returns ``(runs, best)``: ``runs[key]`` lists the :func:`digits_curves` results per η, and
    ``best[key]`` is the run with the lowest final training loss (chosen without the test set).
    """
    if not grids:
        raise ValueError("grids must map at least one label key to (optimizer name, learning rates)")
    runs, best = {}, {}
    for key, spec in grids.items():
        if not isinstance(spec, tuple) or len(spec) != 2:
            raise ValueError(f"grids[{key!r}] must be a pair (optimizer name, learning rates)")
        name, lrs = spec
        opts = {float(lr): make_optimizer(name, lr=float(lr)) for lr in lrs}
        if not opts:
            raise ValueError(f"grids[{key!r}] lists no learning rate")
        curves = digits_curves(opts, X_train, labels_train, X_test, labels_test, epochs=epochs, **kwargs)
        runs[key] = list(curves.values())
        best[key] = min(runs[key], key=lambda c: c["loss"][-1] if np.isfinite(c["loss"][-1]) else np.inf)
    return runs, best


def digits_table(runs: dict, best: dict, lang: str) -> str:
    """A Markdown table of final training loss and test accuracy for every optimizer and η, best marked."""
    from .plotting import label

    rows = []
    for key, curves in runs.items():
        for c in curves:
            rows.append({label("opt_col_optimizer", lang): label(key, lang),
                         "η": f"{c['optimizer'].lr:g}",
                         label("opt_train_loss", lang): f"{c['loss'][-1]:.4f}",
                         label("opt_test_acc", lang): f"{c['test_accuracy'][-1]:.1%}",
                         label("opt_col_best", lang): "★" if c is best[key] else ""})
    return _markdown(rows)


def digits_figure(curves: dict, lang: str):
    """Two panels: training loss (log scale) and test accuracy per epoch, one line per optimizer."""
    from .plotting import label, new_figure

    if not curves:
        raise ValueError("curves must hold at least one optimizer's results")
    fig, (left, right) = new_figure(2, figsize=(9.0, 3.6))
    for k, (key, c) in enumerate(curves.items()):
        name = f"{label(key, lang)}, η = {c['optimizer'].lr:g}"
        epochs = np.arange(len(c["loss"]))
        left.plot(epochs, c["loss"], color=f"C{k}", label=name)
        right.plot(epochs, c["test_accuracy"], color=f"C{k}", label=name)
    left.set_yscale("log")
    left.set(xlabel=label("epoch", lang), ylabel=label("opt_train_loss", lang))
    right.set(xlabel=label("epoch", lang), ylabel=label("opt_test_acc", lang))
    lowest = min(np.nanmin(c["test_accuracy"][1:]) for c in curves.values() if len(c["test_accuracy"]) > 1)
    right.set_ylim(max(0.0, min(lowest, 0.9) - 0.02), 1.0)  # epoch 0 (chance level) is off the scale
    left.legend(fontsize=8)
    fig.suptitle(label("opt_digits_title", lang))
    return fig
