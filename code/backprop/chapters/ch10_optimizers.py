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

from .._checks import (as_matrix, choice, non_negative_int, per_network, positive_number,
                       seed as check_seed, whole_number)
from ..initialization import initial_parameters
from ..vectorized import Network, Workspace, backward, forward, losses_of
from ..book.claims import fraction_text
from ..data import solved_rows
from ..optimizers import OPTIMIZERS, Optimizer, make_optimizer, train

__all__ = ["PLATEAU_TOL", "QUADRATIC_LAMBDAS", "VALLEY_ADAM_LRS", "VALLEY_BETA2S", "VALLEY_LRS", "VALLEY_MAX_STEPS",
           "VALLEY_TEXT", "XorSweep", "best_digits_lr", "best_lr", "bracketed", "digits_curves", "digits_figure",
           "digits_sweep", "digits_table", "diverged", "live_explorer", "plateau_pattern", "quadratic_grad",
           "quadratic_loss", "quadratic_path", "solved_vs_epochs_figure", "valley_figure", "xor_curves_figure",
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
    from ..book.plotting import label, new_figure

    lams = _lambdas(lams)
    if not isinstance(paths, dict) or not paths:
        raise ValueError("paths must map at least one label key to a path")
    for key, path in paths.items():
        if np.ndim(path) != 2 or np.shape(path)[1] != 2 or len(path) == 0:
            raise ValueError(f"paths[{key!r}] must be a path of points (θ₁, θ₂), shape (T + 1, 2); "
                             f"got shape {np.shape(path)}")
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


# ----- the live explorer of the valley (static/explorers/valley.js) -----------------------------------
# The sliders' values. η of gradient descent and momentum is one slider, so that both stability
# limits, 2/λ_max and 2(1 + β)/λ_max, stand on one axis; Adam's η works on another scale (its
# first step moves every coordinate by η), so it has its own.
VALLEY_LRS = (0.001, 0.002, 0.003, 0.005, 0.007, 0.01, 0.015, 0.019, 0.021, 0.025, 0.03, 0.035, 0.037,
              0.039, 0.045, 0.06, 0.1, 0.2, 0.3, 0.5)
VALLEY_ADAM_LRS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0)
VALLEY_BETA2S = (0.0, 0.5, 0.9, 0.99, 0.999, 0.9999)
VALLEY_MAX_STEPS = 300

VALLEY_TEXT = {
    "en": {
        "eta": "η (gradient descent, momentum)", "beta": "β (momentum)", "adam_eta": "η (Adam)",
        "beta1": "β₁ (Adam)", "beta2": "β₂ (Adam)", "steps": "steps",
        "sgd": "gradient descent", "momentum": "momentum", "adam": "Adam",
        "valley_title": "f(θ) = ½({l1}θ₁² + {l2}θ₂²): start ■, minimum ★",
        "valley_label": "Contours of the valley with the paths of gradient descent, momentum and Adam",
        "loss_title": "loss after each step", "step": "step", "loss": "f(θ), log scale",
        "loss_label": "The loss f after each step, one line per optimizer, on a log scale",
        "rate_title": "stability: per-step factor, slowest direction", "eta_log": "η (log scale)",
        "factor": "factor per step",
        "rate_label": "Per-step factor of gradient descent and momentum against η, with the stability limits",
        "gd_limit": "2/λmax", "mom_limit": "2(1+β)/λmax", "you": "η", "diverged_mark": "diverged",
        "below": "below", "at": "exactly at", "above": "above",
        "status_eta": "η = {eta} is {gd_side} gradient descent's limit 2/λmax = {gd} and {mom_side} "
                      "momentum's limit 2(1 + β)/λmax = {mom} (β = {beta}).",
        "status_ok": "{name}: f = {f} after {n}.",
        "status_rose": "{name}: diverges, f rose from {f0} to {f} in {n}.",
        "one_step": "1 step", "n_steps": "{steps} steps",
        "status_overflow": "{name}: diverged at step {k} (f overflowed).",
        "adam_name": "Adam (η = {eta})",
    },
    "zh": {
        "eta": "η（梯度下降、动量法）", "beta": "β（动量法）", "adam_eta": "η（Adam）",
        "beta1": "β₁（Adam）", "beta2": "β₂（Adam）", "steps": "步数",
        "sgd": "梯度下降", "momentum": "动量法", "adam": "Adam",
        "valley_title": "f(θ) = ½({l1}θ₁² + {l2}θ₂²)：起点 ■，极小值 ★",
        "valley_label": "山谷的等高线，以及梯度下降、动量法和 Adam 的路径",
        "loss_title": "每一步之后的损失", "step": "步", "loss": "f(θ)（对数坐标）",
        "loss_label": "每一步之后的损失 f，每种优化器一条线，对数坐标",
        "rate_title": "稳定性：最慢方向每步的缩放因子", "eta_log": "η（对数坐标）",
        "factor": "每步的因子",
        "rate_label": "梯度下降和动量法每步的缩放因子随 η 的变化，并标出稳定上限",
        "gd_limit": "2/λmax", "mom_limit": "2(1+β)/λmax", "you": "η", "diverged_mark": "发散",
        "below": "低于", "at": "正好等于", "above": "高于",
        "status_eta": "η = {eta}，{gd_side}梯度下降的上限 2/λmax = {gd}，{mom_side}动量法的上限 "
                      "2(1 + β)/λmax = {mom}（β = {beta}）。",
        "status_ok": "{name}：{n}后 f = {f}。",
        "status_rose": "{name}：发散，{n}内 f 从 {f0} 升到 {f}。",
        "one_step": "1 步", "n_steps": "{steps} 步",
        "status_overflow": "{name}：在第 {k} 步发散（f 溢出）。",
        "adam_name": "Adam（η = {eta}）",
    },
}


def live_explorer(lang: str, start=(-10.0, 1.0), steps: int = 60, lams=QUADRATIC_LAMBDAS, lr: float = 0.01,
                  beta: float = 0.9, adam_lr: float = 0.5):
    """The live explorer of the valley for the HTML book (``static/explorers/valley.js``).

    The reader moves η and β of gradient descent and momentum, η, β₁ and β₂ of Adam and the
    number of steps; the browser recomputes the three paths from ``start`` with the update
    rules of :mod:`backprop.optimizers`, in the same arithmetic, so they equal
    :func:`quadratic_path` (tests/test_explorer_valley.py). The sliders start at ``lr``,
    ``beta``, ``adam_lr`` and ``steps``; ``lr`` and ``adam_lr`` must be values of their sliders.
    """
    from ..book.explorers import explorer_block
    from ..book.labels import check_lang

    lang = check_lang(lang)
    lams = _lambdas(lams)
    theta = np.array(start, dtype=np.float64)
    if theta.shape != (2,) or not np.all(np.isfinite(theta)):
        raise ValueError(f"start must be a finite point (θ₁, θ₂); got {start!r}")
    steps = whole_number(steps, "steps", 1)
    if steps > VALLEY_MAX_STEPS:
        raise ValueError(f"steps must be at most {VALLEY_MAX_STEPS} (the slider's end); got {steps}")
    if lr not in VALLEY_LRS:
        raise ValueError(f"lr must be one of the slider's values {VALLEY_LRS}; got {lr!r}")
    if adam_lr not in VALLEY_ADAM_LRS:
        raise ValueError(f"adam_lr must be one of the slider's values {VALLEY_ADAM_LRS}; got {adam_lr!r}")
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not 0 <= beta <= 0.99 or round(beta, 2) != beta:
        raise ValueError(f"beta must be a value of its slider, 0 to 0.99 in steps of 0.01; got {beta!r}")
    text = dict(VALLEY_TEXT[lang])
    l1, l2 = ("" if lam == 1 else f"{lam:g} " for lam in lams)  # ½(θ₁² + 100 θ₂²), not ½(1 θ₁² + …)
    text["valley_title"] = text["valley_title"].format(l1=l1, l2=l2)
    config = {"lams": lams.tolist(), "start": theta.tolist(), "steps": steps, "maxSteps": VALLEY_MAX_STEPS,
              "lr": float(lr), "lrs": list(VALLEY_LRS), "beta": float(beta), "adamLr": float(adam_lr),
              "adamLrs": list(VALLEY_ADAM_LRS), "beta1": 0.9, "beta2": 0.999, "beta2s": list(VALLEY_BETA2S),
              "eps": 1e-8}
    return explorer_block("valley", lang, text, config)


# ----- XOR over many seeds ----------------------------------------------------------------------
@dataclass(frozen=True)
class XorSweep:
    """One optimizer over a grid of learning rates and seeds on XOR (full batch).

    ``losses`` has shape (n_lrs, n_seeds, epochs + 1) like :func:`train` (NaN after
    divergence); ``solved`` (n_lrs, n_seeds) says whether the final outputs are solved
    (``data.solved``); ``solved_epoch`` is the first epoch after which it did
    (−1 if never); ``solved_at`` (n_lrs, n_seeds, epochs + 1) whether the outputs were
    solved after each epoch; ``outputs`` (n_lrs, n_seeds, m, n_out) the final outputs.
    """

    name: str
    lrs: np.ndarray
    seeds: np.ndarray
    epochs: int
    losses: np.ndarray
    solved: np.ndarray
    solved_epoch: np.ndarray
    solved_at: np.ndarray
    outputs: np.ndarray

    @property
    def n_solved(self) -> np.ndarray:
        """Number of seeds that solved XOR (still solved at the last epoch), per learning rate; shape (n_lrs,)."""
        return self.solved.sum(axis=1)

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


def _check_sweep(sweep, name: str) -> None:
    if not isinstance(sweep, XorSweep):
        raise ValueError(f"{name} must be an XorSweep (from xor_sweep); got {type(sweep).__name__}")


def _check_sweeps(sweeps) -> None:
    if not isinstance(sweeps, dict) or not sweeps:
        raise ValueError("sweeps must map at least one label key to an XorSweep")
    for key, sweep in sweeps.items():
        _check_sweep(sweep, f"sweeps[{key!r}]")


def _seeds(seeds) -> np.ndarray:
    return per_network(list(seeds) if not np.isscalar(seeds) else seeds, "seeds", "seed")


def _run_stacked(optimizer, weights, biases, X, Y, net: Network, epochs):
    """Full-batch training of stacked networks; returns losses (n_nets, epochs + 1) and final outputs."""
    params = list(weights) + list(biases)
    n = weights[0].shape[0]
    losses = np.empty((n, epochs + 1))
    optimizer.reset()
    solved_epoch = np.full(n, -1)
    solved_at = np.zeros((n, epochs + 1), dtype=bool)
    work = Workspace(net, n, X.shape[0])  # the arrays of one step, reused every epoch
    for epoch in range(epochs + 1):
        zs, activations = forward(net, weights, biases, X, work)
        losses[:, epoch] = losses_of(net, zs, activations, Y)
        solved_at[:, epoch] = solved_rows(activations[-1], Y)
        first = (solved_epoch < 0) & solved_at[:, epoch]
        solved_epoch[first] = epoch
        if epoch == epochs:
            break
        dWs, dbs = backward(net, weights, zs, activations, Y, work)
        optimizer.step(params, list(dWs) + list(dbs))
    return losses, activations[-1], solved_epoch, solved_at


def xor_sweep(name: str, lrs, seeds=range(50), epochs: int = 1000, sizes=(2, 2, 1), X=None, Y=None,
              **optimizer_kwargs) -> XorSweep:
    """Train ``MLP(sizes, 'sigmoid', loss='mse', seed=s)`` with optimizer ``name`` at every η in ``lrs``.

    Every (η, seed) pair ends where ``train(MLP(...), X, Y, make_optimizer(name, lr=η, ...), epochs)``
    ends: the seeds are stacked, and the optimizer's element-wise rule treats each alike.
    """
    from ..data import xor

    choice(name, "optimizer", tuple(OPTIMIZERS))
    lrs = per_network(lrs, "lrs", "positive")
    seeds = _seeds(seeds)
    epochs = non_negative_int(epochs, "epochs")
    net = Network.checked(sizes, "sigmoid", loss="mse")
    sizes = net.sizes
    if (X is None) != (Y is None):
        raise ValueError("give both X and Y, or neither (then XOR is used)")
    if X is None:
        X, Y = xor()
    X, Y = net.check_data(X, Y)
    losses = np.empty((lrs.size, seeds.size, epochs + 1))
    solved = np.zeros((lrs.size, seeds.size), dtype=bool)
    solved_epoch = np.full((lrs.size, seeds.size), -1)
    solved_at = np.zeros((lrs.size, seeds.size, epochs + 1), dtype=bool)
    outputs = np.empty((lrs.size, seeds.size) + Y.shape)
    with np.errstate(all="ignore"):  # a diverging seed yields NaN only in its own slice
        for i, lr in enumerate(lrs):
            weights, biases = initial_parameters(sizes, "normal", 1.0, seeds)
            optimizer = make_optimizer(name, lr=float(lr), **optimizer_kwargs)
            L, out, first, at = _run_stacked(optimizer, weights, biases, X, Y, net, epochs)
            bad = np.cumsum(~np.isfinite(L), axis=1) > 0
            L[bad] = np.nan  # train() stops at the first non-finite loss
            losses[i] = L
            solved_at[i] = at & ~bad
            outputs[i] = out
            solved[i] = solved_rows(out, Y) & np.isfinite(L[:, -1])
            solved_epoch[i] = np.where(solved[i], first, -1)
    return XorSweep(name, lrs, seeds, epochs, losses, solved, solved_epoch, solved_at, outputs)


def best_lr(sweep: XorSweep) -> int:
    """Index of the best η: the largest fraction solved, ties broken by the smaller median solve epoch."""
    _check_sweep(sweep, "sweep")
    frac = sweep.fraction_solved
    med = np.where(np.isnan(sweep.median_epochs), np.inf, sweep.median_epochs)
    return int(np.lexsort((med, -frac))[0])


def bracketed(scores, best: int, lower_is_better: bool) -> bool:
    """True when grid value ``best`` lies strictly inside the grid and both edge values score strictly worse.

    ``scores`` holds one score per grid value, in grid order (e.g. the share of seeds solved,
    or a median final loss); a non-finite score (a diverged run) counts as the worst. This is
    the book's rule for a tuned setting: its best value never sits at the edge of its grid.
    """
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 1 or scores.size < 3:
        raise ValueError(f"scores must hold one score per grid value, at least 3; got shape {scores.shape}")
    best = whole_number(best, "best", 0)
    if best >= scores.size:
        raise ValueError(f"best must be an index into scores (0 to {scores.size - 1}); got {best!r}")
    if not isinstance(lower_is_better, (bool, np.bool_)):
        raise ValueError(f"lower_is_better must be True or False; got {lower_is_better!r}")
    worst = np.inf if lower_is_better else -np.inf
    s = np.where(np.isfinite(scores), scores, worst)
    if not 0 < best < s.size - 1:
        return False
    if lower_is_better:
        return bool(s[0] > s[best] and s[-1] > s[best])
    return bool(s[0] < s[best] and s[-1] < s[best])


PLATEAU_TOL = 0.05  # "an output sits at c": within 0.05 of c


def plateau_pattern(outputs, Y, tol: float = PLATEAU_TOL):
    """Describe a stuck network's outputs (m, 1) as "k outputs right, the others tied at one value c".

    Returns ``(k, c)`` when k outputs lie within ``tol`` of their targets, all the others
    within ``tol`` of their common mean c, and c within ``tol`` of the mean of their targets
    (the best single value for them under squared error); otherwise None.
    """
    y = as_matrix(Y, "Y")
    try:
        a = np.asarray(outputs, dtype=np.float64)  # NaN (a diverged run) is allowed: it shows no pattern
    except (TypeError, ValueError) as exc:
        raise ValueError(f"outputs must be an array of numbers; got {type(outputs).__name__}") from exc
    if a.shape != y.shape:
        raise ValueError(f"outputs must have the shape of Y {y.shape}; got {a.shape}")
    a, y = a.ravel(), y.ravel()
    tol = positive_number(tol, "tol")
    right = np.abs(a - y) <= tol
    rest = ~right
    if not rest.any():
        return None
    c = float(a[rest].mean())
    if np.all(np.abs(a[rest] - c) <= tol) and abs(c - y[rest].mean()) <= tol:
        return int(right.sum()), c
    return None


def _markdown(rows: list) -> str:
    """A Markdown table from a list of dicts with the same keys (the column heads)."""
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(r[h]) for h in head) + " |" for r in rows]
    return "\n".join(lines)


def xor_sweep_table(sweeps: dict, lang: str) -> str:
    """A Markdown table per η: seeds solved with n and 95% interval, median solve epoch over the solved seeds."""
    from ..book.plotting import label

    _check_sweeps(sweeps)
    rows = []
    for key, sweep in sweeps.items():
        best = best_lr(sweep)
        n = sweep.seeds.size
        for i, lr in enumerate(sweep.lrs):
            med, k = sweep.median_epochs[i], int(sweep.n_solved[i])
            rows.append({label("opt_col_optimizer", lang): label(key, lang),
                         "η": f"{lr:g}",
                         label("opt_col_solved", lang): fraction_text(k, n, lang),
                         label("opt_col_median", lang): "–" if np.isnan(med) else f"{med:.0f} ({k})",
                         label("opt_col_best", lang): "★" if i == best else ""})
    return _markdown(rows)


def xor_curves_figure(sweeps: dict, lang: str):
    """Loss curves at each optimizer's best η: every seed thin, the median thick; one panel each."""
    from ..book.plotting import label, new_figure

    _check_sweeps(sweeps)
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


def solved_vs_epochs_figure(sweeps: dict, lang: str):
    """The share of seeds solved after each epoch, one line per optimizer; ``sweeps`` maps a label key to
    a one-η :class:`XorSweep` (a long run, to show how "failed" depends on the epoch budget)."""
    from ..book.plotting import label, new_figure

    if not sweeps:
        raise ValueError("sweeps must hold at least one XorSweep")
    fig, ax = new_figure(figsize=(6.0, 3.4))
    for k, (key, sweep) in enumerate(sweeps.items()):
        if not isinstance(sweep, XorSweep) or sweep.lrs.size != 1:
            raise ValueError(f"sweeps[{key!r}] must be an XorSweep with a single learning rate")
        epochs = np.arange(1, sweep.epochs + 1)
        ax.plot(epochs, 100 * sweep.solved_at[0, :, 1:].mean(axis=0), color=f"C{k}",
                label=f"{label(key, lang)}, η = {sweep.lrs[0]:g}")
    ax.set_xscale("log")
    ax.set_ylim(0, 100)
    ax.set(xlabel=label("epoch", lang), ylabel=label("opt_solved_pct", lang))
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(label("opt_budget_title", lang).format(seeds=next(iter(sweeps.values())).seeds.size), fontsize=10)
    return fig


# ----- the digits ---------------------------------------------------------------------------------
def digits_curves(optimizers: dict, X_train, labels_train, X_test, labels_test, epochs: int = 30,
                  batch_size: int = 32, hidden: int = 32, seed: int = 0) -> dict:
    """Train the same 64-hidden-10 softmax network with each optimizer.

    ``optimizers`` maps a name to an Optimizer. Returns, per name, a dict with
    ``loss`` (epochs + 1,) the training loss from :func:`train` and ``test_accuracy``
    (epochs + 1,) measured after each epoch (entry 0 before training).
    """
    from .. import digits
    from ..mlp import MLP

    if not isinstance(optimizers, dict) or not optimizers:
        raise ValueError("optimizers must map at least one name to an optimizer")
    X_train = as_matrix(X_train, "X_train")
    X_test = as_matrix(X_test, "X_test", n_cols=X_train.shape[1])
    for X_, labels_, name_ in ((X_train, labels_train, "labels_train"), (X_test, labels_test, "labels_test")):
        if digits.check_labels(labels_, name_).size != X_.shape[0]:
            raise ValueError(f"{name_} must have one entry per row of X_{name_[7:]}")
    epochs = non_negative_int(epochs, "epochs")
    hidden = whole_number(hidden, "hidden", 1)
    seed = check_seed(seed)
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


def diverged(loss) -> np.ndarray:
    """Whether a training run diverged: its final loss is not finite or above its loss before training.

    ``loss`` has shape (..., epochs + 1) as from :func:`train`; the result has shape (...,).
    """
    loss = np.asarray(loss, dtype=np.float64)
    if loss.ndim == 0 or loss.shape[-1] == 0:
        raise ValueError(f"loss must have shape (..., epochs + 1) as train returns it; got {loss.shape}")
    with np.errstate(invalid="ignore"):
        return ~np.isfinite(loss[..., -1]) | (loss[..., -1] > loss[..., 0])


def best_digits_lr(runs: list) -> int:
    """Index of the best η of one optimizer's digits runs: the lowest median final training loss over the seeds.

    A diverged seed counts as an infinite loss, so an η at which a seed diverges is never
    preferred to one at which none does (unless every η diverges).
    """
    if not isinstance(runs, (list, tuple)) or not runs or not all(isinstance(r, dict) and "loss" in r for r in runs):
        raise ValueError("runs must be a non-empty list of dicts with a 'loss' array, as digits_sweep makes them")
    return int(np.argmin(_median_final_losses(runs)))


def _median_final_losses(runs: list) -> np.ndarray:
    return np.array([np.median(np.where(diverged(r["loss"]), np.inf, r["loss"][:, -1])) for r in runs])


def digits_sweep(grids: dict, X_train, labels_train, X_test, labels_test, epochs: int = 10, seeds=(0, 1, 2),
                 **kwargs):
    """Every optimizer at every η of its grid on the digits, for every seed; ``grids`` maps a label key to (name, lrs).

    Returns ``(runs, best)``: ``runs[key]`` lists one dict per η with ``name``, ``lr``, ``seeds``
    and the arrays ``loss`` and ``test_accuracy`` of shape (n_seeds, epochs + 1) (from
    :func:`digits_curves`); ``best[key]`` is the entry of the best η by
    :func:`best_digits_lr` (the training loss decides: the test set plays no part in tuning).
    """
    if not isinstance(grids, dict) or not grids:
        raise ValueError("grids must map at least one label key to (optimizer name, learning rates)")
    seeds = _seeds(seeds)
    epochs = non_negative_int(epochs, "epochs")
    runs, best = {}, {}
    for key, spec in grids.items():
        if not isinstance(spec, tuple) or len(spec) != 2:
            raise ValueError(f"grids[{key!r}] must be a pair (optimizer name, learning rates)")
        name, lrs = spec
        choice(name, "optimizer", tuple(OPTIMIZERS))
        lrs = [float(lr) for lr in per_network(lrs, f"grids[{key!r}] learning rates", "positive")]
        runs[key] = []
        for lr in lrs:
            per_seed = [digits_curves({name: make_optimizer(name, lr=lr)}, X_train, labels_train, X_test,
                                      labels_test, epochs=epochs, seed=int(seed), **kwargs)[name]
                        for seed in seeds]
            runs[key].append({"name": name, "lr": lr, "seeds": seeds,
                              "loss": np.array([c["loss"] for c in per_seed]),
                              "test_accuracy": np.array([c["test_accuracy"] for c in per_seed])})
        best[key] = runs[key][best_digits_lr(runs[key])]
    return runs, best


def _median_range(values, fmt: str) -> str:
    values = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(values)):
        return "–"
    return f"{format(np.median(values), fmt)} ({format(values.min(), fmt)}–{format(values.max(), fmt)})"


def digits_table(runs: dict, best: dict, lang: str) -> str:
    """A Markdown table per optimizer and η: final training loss and test accuracy, median (range) over the seeds."""
    from ..book.plotting import label

    if not isinstance(runs, dict) or not isinstance(best, dict) or set(best) - set(runs):
        raise ValueError("runs and best must be the two dicts digits_sweep returns")
    rows = []
    for key, entries in runs.items():
        for c in entries:
            loss, acc = c["loss"][:, -1], c["test_accuracy"][:, -1]
            gone = diverged(c["loss"])
            rows.append({label("opt_col_optimizer", lang): label(key, lang),
                         "η": f"{c['lr']:g}",
                         label("opt_train_loss_seeds", lang): (label("opt_diverged", lang).format(k=int(gone.sum()),
                                                                                                  n=gone.size)
                                                               if gone.any() else _median_range(loss, ".4f")),
                         label("opt_test_acc_seeds", lang): _median_range(100 * acc, ".1f"),
                         label("opt_col_best", lang): "★" if c is best[key] else ""})
    return _markdown(rows)


def digits_figure(best: dict, lang: str):
    """Two panels: training loss (log scale) and test accuracy per epoch at each optimizer's best η.

    The line is the median over the seeds, the band their range.
    """
    from ..book.plotting import label, new_figure

    if not isinstance(best, dict) or not best:
        raise ValueError("best must hold at least one optimizer's results")
    fig, (left, right) = new_figure(2, figsize=(9.0, 3.6))
    for k, (key, c) in enumerate(best.items()):
        name = f"{label(key, lang)}, η = {c['lr']:g}"
        epochs = np.arange(c["loss"].shape[-1])
        for ax, values in ((left, c["loss"]), (right, 100 * c["test_accuracy"])):
            ax.plot(epochs, np.median(values, axis=0), color=f"C{k}", label=name)
            ax.fill_between(epochs, values.min(axis=0), values.max(axis=0), color=f"C{k}", alpha=0.2, lw=0)
    left.set_yscale("log")
    left.set(xlabel=label("epoch", lang), ylabel=label("opt_train_loss", lang))
    right.set(xlabel=label("epoch", lang), ylabel=label("dg_accuracy_pct", lang))
    lowest = min(np.nanmin(100 * c["test_accuracy"][:, 1:]) for c in best.values())
    right.set_ylim(max(0.0, min(lowest, 90.0) - 2.0), 100.0)  # epoch 0 (chance level) is off the scale
    left.legend(fontsize=8)
    fig.suptitle(label("opt_digits_title", lang).format(seeds=len(next(iter(best.values()))["seeds"])))
    return fig
