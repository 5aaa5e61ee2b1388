"""Initialization experiments of chapter 9: signal variance through depth, and training by scheme.

A *scheme* names how the weights are drawn, as an ``(init, scale)`` pair for
:class:`~backprop.mlp.MLP`:

* ``normal``: every weight and bias from N(0, 1);
* ``small``: half the Xavier standard deviation (a quarter of its variance), biases 0;
* ``xavier``: Var(w) = 2 / (n_in + n_out), biases 0 (Glorot & Bengio 2010);
* ``he``: Var(w) = 2 / n_in, biases 0 (He et al. 2015).

:func:`variance_profile` measures Var(z^l) forwards and Var(δ^l) backwards
(BP2) through a deep square network and sets them next to the one-layer
prediction Var(z^l) = n Var(w) E[(a^{l−1})²] + Var(b). :func:`xor_by_scheme`
trains many networks per scheme with :func:`~backprop.vectorized.train_many`.
The figure functions import matplotlib only when called.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._checks import choice, layer_sizes, positive_number, whole_number
from ..activations import get_activation
from ..vectorized import BatchResult, train_many
from ..mlp import MLP, init_std

__all__ = ["FEW_RUNS", "SATURATED_SLOPE", "SCHEMES", "VarianceProfile", "dead_layer", "deep_network",
           "initial_output_range", "live_explorer", "median_loss_curve", "network_name", "scheme_summary", "scheme_table",
           "sklearn_initial_parameters", "solved_by_epoch", "solved_by_epoch_figure", "uniform_bound",
           "variance_figure", "variance_profile", "variances_summed_in_order", "xor_by_scheme", "xor_curves_figure",
           "EXPLORER", "EXPLORER_SCALES", "EXPLORER_WIDTHS", "EXPLORER_TEXT"]

SCHEMES = {"normal": ("normal", 1.0), "small": ("xavier", 0.5),
           "xavier": ("xavier", 1.0), "he": ("he", 1.0)}

# A unit is *saturated* on a sample when its slope σ′(z) is below this (as in chapter 8).
SATURATED_SLOPE = 0.01
# A median, curve or table cell resting on fewer runs than this is marked.
FEW_RUNS = 10


def _scheme(name: str, scale: float | None = None) -> tuple[str, float]:
    """(init, scale) of the scheme ``name``; a ``scale`` given replaces the scheme's own."""
    init, own = SCHEMES[choice(name, "scheme", tuple(SCHEMES))]
    return init, own if scale is None else positive_number(scale, "scale")


def deep_network(activation: str, scheme: str, width: int = 100, depth: int = 20, seed: int = 0,
                 scale: float | None = None) -> MLP:
    """A square network of ``depth`` layers, each W^l of shape (width, width), drawn by ``scheme``
    (with ``scale`` instead of the scheme's own, if given)."""
    init, scale = _scheme(scheme, scale)
    width, depth = whole_number(width, "width"), whole_number(depth, "depth")
    return MLP([width] * (depth + 1), activation=activation, init=init, scale=scale, seed=seed)


@dataclass(frozen=True)
class VarianceProfile:
    """Per-layer statistics of one deep network at initialization; index l − 1 is layer l.

    ``var_z`` (L,): Var(z^l) over samples and units; ``predicted_var_z`` (L,):
    n Var(W^l) E[(a^{l−1})²] + Var(b^l) from the measured a^{l−1};
    ``var_delta`` (L,): Var(δ^l) when δ^L has variance 1; ``predicted_var_delta`` (L,):
    n Var(W^{l+1}) Var(δ^{l+1}) E[σ′(z^l)²] from the measured δ^{l+1} (equal to 1 at l = L);
    ``saturated`` (L,): the fraction of slopes σ′(z^l) below :data:`SATURATED_SLOPE`.
    """

    activation: str
    scheme: str
    width: int
    var_z: np.ndarray
    predicted_var_z: np.ndarray
    var_delta: np.ndarray
    predicted_var_delta: np.ndarray
    saturated: np.ndarray

    @property
    def depth(self) -> int:
        """L, the number of layers."""
        return len(self.var_z)

    @property
    def forward_factor(self) -> float:
        """The average factor by which Var(z^l) changes per layer, (Var(z^L) / Var(z^1))^{1/(L−1)}."""
        return float((self.var_z[-1] / self.var_z[0]) ** (1 / max(self.depth - 1, 1)))

    @property
    def backward_factor(self) -> float:
        """The average factor by which Var(δ^l) changes per layer going back, (Var(δ^1) / Var(δ^L))^{1/(L−1)}."""
        return float((self.var_delta[0] / self.var_delta[-1]) ** (1 / max(self.depth - 1, 1)))


def variance_profile(activation: str, scheme: str, width: int = 100, depth: int = 20,
                     n_samples: int = 256, seed: int = 0, scale: float | None = None) -> VarianceProfile:
    """Var(z^l) forwards (z^l = W^l a^{l−1} + b^l) and Var(δ^l) backwards (BP2) through a deep network.

    The input x, shape (n_samples, width), has independent N(0, 1) entries; the error at
    the top, δ^L of the same shape, too. The network is :func:`deep_network`; ``scale``, if
    given, replaces the scheme's (the live explorer's init-scale slider: ``("xavier", scale=0.5)``
    is the scheme ``small``).
    """
    net = deep_network(activation, scheme, width, depth, seed, scale)
    n_samples = whole_number(n_samples, "n_samples", 2)
    act = get_activation(activation)
    init, scale = _scheme(scheme, scale)
    var_w = init_std(init, width, width, scale) ** 2
    var_b = scale**2 if init == "normal" else 0.0
    rng = np.random.default_rng(seed + 1)  # the network used seed itself
    x = rng.standard_normal((n_samples, width))
    with np.errstate(over="ignore", invalid="ignore"):
        zs, activations = net.forward_trace(x)
        var_z = np.array([z.var() for z in zs])
        saturated = np.array([np.mean(act.prime(z) < SATURATED_SLOPE) for z in zs])
        predicted_z = np.array([width * var_w * np.mean(a**2) + var_b for a in activations[:-1]])
        delta_top = rng.standard_normal((n_samples, width))  # δ^L: a unit-variance error at the top
        deltas = net.deltas(zs, activations, None, delta_out=delta_top)  # BP2 down to δ^1
        var_delta = np.array([delta.var() for delta in deltas])
        # the one-layer prediction for δ^l, l < L, from δ^{l+1} and σ′(z^l); δ^L itself has variance 1
        predicted_delta = np.array([width * var_w * deltas[layer + 1].var() * np.mean(act.prime(zs[layer]) ** 2)
                                    for layer in range(depth - 1)] + [1.0])
    return VarianceProfile(activation, scheme, width, var_z, predicted_z, var_delta, predicted_delta, saturated)


def variances_summed_in_order(activation: str, scheme: str, width: int = 100, depth: int = 20,
                              n_samples: int = 256, seed: int = 0, scale: float | None = None,
                              reverse: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Var(z^l) and Var(δ^l) of :func:`variance_profile`, with every sum added one term at a time.

    Each weighted sum of z^l = W^l a^{l−1} + b^l and of BP2's δ^{l+1} W^{l+1} is added over k in
    increasing order (as the browser's engine.js adds them), or decreasing with ``reverse``,
    instead of by numpy's matrix product; then b^l is added. Where rounding errors are amplified
    layer after layer (saturated tanh), the order of the additions changes the result.
    """
    if not isinstance(reverse, bool):
        raise ValueError(f"reverse must be True or False; got {reverse!r}")
    net = deep_network(activation, scheme, width, depth, seed, scale)
    n_samples = whole_number(n_samples, "n_samples", 2)
    act = get_activation(activation)
    rng = np.random.default_rng(seed + 1)  # x, then δ^L, as variance_profile draws them
    a = rng.standard_normal((n_samples, width))
    delta = rng.standard_normal((n_samples, width))

    def product(left, column):  # Σ_k left[:, k] · column(k), one k at a time
        total = np.zeros((n_samples, width))
        for k in (range(width - 1, -1, -1) if reverse else range(width)):
            total = total + left[:, k, None] * column(k)
        return total

    zs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for W, b in zip(net.weights, net.biases):
            zs.append(product(a, lambda k: W[:, k]) + b)
            a = act.f(zs[-1])
        var_delta = [delta.var()]
        for layer in range(depth - 1, 0, -1):
            W = net.weights[layer]
            delta = product(delta, lambda k: W[k, :]) * act.prime(zs[layer - 1])  # BP2
            var_delta.insert(0, delta.var())
    return np.array([z.var() for z in zs]), np.array(var_delta)


# ----- the live explorer of the HTML book (static/explorers/variance.js) ---------------------
# The init-scale slider: powers of √2 from 1/16 to 4, so each step doubles Var(w) and the
# per-layer factor n·v_w. The width slider stops at the chapter's 100; the explorer starts
# narrower, and with fewer samples than the chapter's 256, so that a redraw takes a few ms.
EXPLORER_SCALES = tuple(2.0 ** (k / 2) for k in range(-8, 5))
EXPLORER_WIDTHS = (10, 20, 30, 50, 100)
EXPLORER = {"activation": "relu", "init": "he", "scale": 1.0, "depth": 20, "max_depth": 30,
            "width": 20, "n_samples": 64, "seed": 0}

EXPLORER_TEXT = {
    "en": {
        "activation": "activation", "act_tanh": "tanh", "act_relu": "ReLU", "act_identity": "identity (linear)",
        "init": "initialization", "init_normal": "N(0, s²)", "init_xavier": "Xavier (Glorot)", "init_he": "He",
        "scale": "init scale s", "depth": "layers L", "width": "units per layer n",
        "forward_title": "forward: Var(zˡ)", "backward_title": "backward: Var(δˡ)",
        "layer": "layer l", "variance_axis": "variance (log scale)",
        "measured": "measured", "predicted": "one-layer prediction",
        "moves_level": "stays within a factor of 2", "moves_up": "grows {x} times",
        "moves_down": "falls to 1/{x} of it", "moves_zero": "falls to 0", "moves_lost": "is lost (0 or overflow)",
        "status_forward": "Forward, from layer 1 to layer {L}, Var(zˡ) {moves} ({first} → {last}): "
                          "×{f} per layer measured, ×{p} predicted.",
        "status_backward": "Backward, from layer {L} down to layer 1, Var(δˡ) {moves} ({first} → {last}): "
                           "×{f} per layer measured, ×{p} predicted.",
        "rule_tanh": "Rule: n·Var(w) = {g}, the factor per layer of tanh near z = 0.",
        "rule_relu": "Rule: n·Var(w) = {g}, and ReLU keeps half of it: ×{h} per layer.",
        "rule_identity": "Rule: n·Var(w) = {g}, the factor per layer of the identity.",
        "status_saturated": "In layer {L}, {pct} of the slopes tanh′(z) are below 0.01: saturated.",
    },
    "zh": {
        "activation": "激活函数", "act_tanh": "tanh", "act_relu": "ReLU", "act_identity": "恒等函数（线性）",
        "init": "初始化", "init_normal": "N(0, s²)", "init_xavier": "Xavier（Glorot）", "init_he": "He",
        "scale": "初始化尺度 s", "depth": "层数 L", "width": "每层单元数 n",
        "forward_title": "前向：Var(zˡ)", "backward_title": "反向：Var(δˡ)",
        "layer": "层号 l", "variance_axis": "方差（对数刻度）",
        "measured": "实测", "predicted": "单层预测",
        "moves_level": "保持在原来的 1/2 到 2 倍之间", "moves_up": "变为原来的 {x} 倍",
        "moves_down": "变为原来的 1/{x}", "moves_zero": "降为 0", "moves_lost": "无法计算（为 0 或溢出）",
        "status_forward": "前向：从第 1 层到第 {L} 层，Var(zˡ) {moves}（{first} → {last}），"
                          "实测每层 ×{f}，预测每层 ×{p}。",
        "status_backward": "反向：从第 {L} 层回到第 1 层，Var(δˡ) {moves}（{first} → {last}），"
                           "实测每层 ×{f}，预测每层 ×{p}。",
        "rule_tanh": "规则：n·Var(w) = {g}，即 tanh 在 z = 0 附近每层的倍数。",
        "rule_relu": "规则：n·Var(w) = {g}，ReLU 只保留一半：每层 ×{h}。",
        "rule_identity": "规则：n·Var(w) = {g}，即恒等函数每层的倍数。",
        "status_saturated": "第 {L} 层有 {pct} 的斜率 tanh′(z) 小于 0.01，已经饱和。",
    },
}


def live_explorer(lang: str):
    """The live explorer of the variance per layer for the HTML book (``static/explorers/variance.js``).

    The reader picks the activation, the init scheme, the init scale, the depth and the width;
    the browser draws the network and the inputs as :func:`variance_profile` does (the same
    numpy draws) and shows Var(z^l) and Var(δ^l) with their one-layer predictions, equal to
    ``variance_profile(activation, init, width, depth, n_samples, seed, scale=scale)``
    (tests/test_explorer_variance.py). It starts from :data:`EXPLORER`.
    """
    from ..book.explorers import explorer_block
    from ..book.labels import check_lang

    lang = check_lang(lang)
    config = dict(EXPLORER, scales=list(EXPLORER_SCALES), widths=list(EXPLORER_WIDTHS))
    return explorer_block("variance", lang, EXPLORER_TEXT[lang], config)


# ----- the uniform form, and scikit-learn's ----------------------------------------------
def uniform_bound(n_in: int, n_out: int, factor: float = 6.0) -> float:
    """The bound a of U[−a, a] with a = sqrt(factor / (n_in + n_out)); factor 6 gives Glorot's variance.

    Var(U[−a, a]) = a²/3, so factor 6 gives 2 / (n_in + n_out), the variance of equation (glorot).
    """
    n_in, n_out = whole_number(n_in, "n_in"), whole_number(n_out, "n_out")
    if not factor > 0:
        raise ValueError(f"factor must be a positive number; got {factor!r}")
    return float(np.sqrt(factor / (n_in + n_out)))


def sklearn_initial_parameters(activation: str, n_in: int, n_out: int, seed: int = 0):
    """The first layer's weights (n_in, n_out) and biases (n_out,) as scikit-learn's MLPClassifier draws them.

    The classifier is fitted for one iteration with a vanishing learning rate on
    random data, so what it holds afterwards is its initialization.
    """
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    n_in, n_out = whole_number(n_in, "n_in"), whole_number(n_out, "n_out")
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((20, n_in)), np.arange(20) % 2
    clf = MLPClassifier(hidden_layer_sizes=(n_out,), activation=activation, solver="sgd",
                        learning_rate_init=1e-300, momentum=0.0, alpha=0.0, max_iter=1,
                        random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    return clf.coefs_[0], clf.intercepts_[0]


# ----- training by scheme -----------------------------------------------------------------
def network_name(sizes) -> str:
    """'2-16×10-1' for [2, 16, …, 16, 1]: a run of equal hidden layers written once, with a count."""
    sizes = layer_sizes(sizes)  # "231" is refused, not read as [2, 3, 1]
    hidden = sizes[1:-1]
    if len(hidden) > 2 and len(set(hidden)) == 1:
        return f"{sizes[0]}-{hidden[0]}×{len(hidden)}-{sizes[-1]}"
    return "-".join(map(str, sizes))


def xor_by_scheme(sizes, activation: str, n_seeds: int, epochs: int, lr: float, X, Y,
                  schemes=tuple(SCHEMES)) -> dict:
    """Train seeds 0 … n_seeds−1 of ``sizes`` under each scheme; returns {scheme: BatchResult}.

    Hidden layers use ``activation``, the output a sigmoid with the cross-entropy loss,
    so the loss is bounded below and every network sees the same η.
    """
    n_seeds = whole_number(n_seeds, "n_seeds")
    results = {}
    for name in schemes:
        init, scale = _scheme(name)
        results[name] = train_many(sizes, X, Y, lr, epochs, scale, np.arange(n_seeds), init,
                                   activation, "sigmoid", "bce")
    return results


def _check_result(result):
    if not isinstance(result, BatchResult):
        raise ValueError(f"result must be a BatchResult from train_many; got {type(result).__name__}")
    return result


def scheme_summary(result: BatchResult) -> dict:
    """Seeds solved (``bp.solved`` at the last epoch) out of ``n``, their fraction, the median
    epochs to solve over the solved seeds only (NaN if none), and the fraction diverged."""
    _check_result(result)
    epochs = result.solved_epoch[result.solved]
    return {"n_solved": int(result.solved.sum()), "n": int(result.n_nets),
            "solved": float(result.solved.mean()),
            "median_epochs": float(np.median(epochs)) if epochs.size else float("nan"),
            "diverged": float(result.diverged.mean())}


def solved_by_epoch(result: BatchResult, epochs) -> np.ndarray:
    """For each e in ``epochs``: the fraction of networks solved at the end that first got there within e steps.

    At the last epoch this is the fraction solved (``bp.solved``); a network that
    was solved for a while and lost it again does not count. Shape (len(epochs),).
    """
    _check_result(result)
    epochs = np.asarray(epochs)
    first = np.where(result.solved, result.solved_epoch, -1)
    return ((first[None, :] >= 0) & (first[None, :] <= epochs[:, None])).mean(axis=1)


def initial_output_range(sizes, activation: str, scheme: str, seeds, X) -> np.ndarray:
    """For each seed: max − min of the network's output over the rows of X, before any training.

    Hidden layers use ``activation``, the output a sigmoid, as in :func:`xor_by_scheme`.
    A range near 0 means the output hardly depends on the input.
    """
    init, scale = _scheme(scheme)
    return np.array([np.ptp(MLP(sizes, activation, "sigmoid", "bce", init, scale, int(s)).forward(X))
                     for s in seeds])


def dead_layer(result: BatchResult, i: int, X):
    """The first hidden layer l (1-based) of network i in which every unit has z ≤ 0 on every input, or None.

    Through such a layer the output no longer depends on the input, and BP2 passes
    δ = 0 to every layer before it: gradient descent cannot revive it.
    """
    net = _check_result(result).network(i)
    zs, _ = net.forward_trace(X)
    for l, z in enumerate(zs[:-1], start=1):
        if np.all(z <= 0):
            return l
    return None


def median_loss_curve(result: BatchResult) -> np.ndarray:
    """The median loss over the networks that did not diverge, shape (epochs,); NaN if all did."""
    _check_result(result)
    kept = result.losses[~result.diverged]
    if kept.shape[0] == 0:
        return np.full(result.losses.shape[1], np.nan)
    return np.median(kept, axis=0)


def scheme_table(results: dict, lang: str) -> str:
    """A Markdown table, one row per (network, scheme): seeds solved with their 95% interval,
    median epochs to solve over the solved seeds, fraction diverged.

    ``results`` maps a row name (already in ``lang``) to {scheme: BatchResult}.
    """
    from ..book.claims import fraction_text
    from ..book.labels import label

    head = [label("init_col_network", lang), label("init_col_scheme", lang), label("init_col_solved", lang),
            label("init_col_epochs", lang), label("init_col_diverged", lang)]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    marked = False
    for network, by_scheme in results.items():
        for scheme, result in by_scheme.items():
            s = scheme_summary(result)
            epochs = "–" if np.isnan(s["median_epochs"]) else f"{s['median_epochs']:.0f}"
            if 0 < s["n_solved"] < FEW_RUNS:  # a median over few runs is marked
                epochs, marked = epochs + " †", True
            rows.append(f"| {network} | {label('scheme_' + scheme, lang)} | "
                        f"{fraction_text(s['n_solved'], s['n'], lang)} | {epochs} | {s['diverged']:.0%} |")
    note = "\n\n" + label("init_few_runs_note", lang).format(n=FEW_RUNS) if marked else ""
    return "\n".join(rows) + note


# ----- figures --------------------------------------------------------------------------
_STYLE = {"normal": ("C3", "o"), "small": ("C7", "v"), "xavier": ("C0", "s"), "he": ("C2", "^")}


def variance_figure(profiles, lang: str):
    """Rows: Var(z^l) forwards and Var(δ^l) backwards; columns: one per activation; log scale.

    ``profiles`` is a list of :class:`VarianceProfile`.
    """
    from ..book.plotting import label, new_figure

    profiles = list(profiles)
    if not profiles or not all(isinstance(p, VarianceProfile) for p in profiles):
        raise ValueError("profiles must be a non-empty list of VarianceProfile")
    acts = list(dict.fromkeys(p.activation for p in profiles))
    fig, axes = new_figure(len(acts), 2, figsize=(4.6 * len(acts), 6.4), sharex=True, squeeze=False)
    for p in profiles:
        col = acts.index(p.activation)
        color, marker = _STYLE[p.scheme]
        layers = np.arange(1, p.depth + 1)
        for row, values in enumerate((p.var_z, p.var_delta)):
            axes[row, col].semilogy(layers, values, marker=marker, ms=3.5, color=color, lw=1.2,
                                    label=label("scheme_" + p.scheme, lang))
    for col, act in enumerate(acts):
        axes[0, col].set_title(label(act, lang))
        axes[1, col].set_xlabel(label("init_layer", lang))
    axes[0, 0].set_ylabel(label("init_var_z", lang))
    axes[1, 0].set_ylabel(label("init_var_delta", lang))
    axes[0, 0].legend(fontsize=8)
    fig.suptitle(label("init_variance_title", lang).format(width=profiles[0].width))
    return fig


def xor_curves_figure(results: dict, lang: str):
    """One panel per activation: the median loss curve of each scheme on a log scale.

    ``results`` maps an activation name to {scheme: BatchResult}.
    """
    from ..book.plotting import label, new_figure

    fig, axes = new_figure(len(results), figsize=(4.8 * len(results), 3.6), sharey=True, squeeze=False)
    for ax, (act, by_scheme) in zip(axes[0], results.items()):
        for scheme, result in by_scheme.items():
            color, _ = _STYLE[scheme]
            curve = median_loss_curve(result)
            kept = int((~result.diverged).sum())
            name = label("scheme_" + scheme, lang)
            if kept < result.n_nets:  # a median over fewer runs says so; under 10 runs, dotted
                name = label("init_curve_runs", lang).format(name=name, k=kept, n=result.n_nets)
            ax.semilogy(np.arange(curve.size), curve, color=color, lw=1.4,
                        ls=":" if kept < FEW_RUNS else "-", label=name)
        ax.set(title=label(act, lang), xlabel=label("epoch", lang))
        ax.legend(fontsize=8, loc="lower left")  # each panel: its own run counts
    axes[0, 0].set_ylabel(label("init_median_loss", lang))
    axes[0, 0].set_ylim(top=10.0)  # an exploding start (loss ~1e30) would squash every other curve
    sizes = next(iter(next(iter(results.values())).values())).sizes
    fig.suptitle(label("init_curves_title", lang).format(net=network_name(sizes)))
    return fig


def solved_by_epoch_figure(results: dict, lang: str):
    """One panel per (network, activation): the fraction of seeds solved within e epochs, e on a log scale.

    ``results`` maps a panel title (already in ``lang``) to {scheme: BatchResult}.
    """
    from ..book.plotting import label, new_figure

    if not results:
        raise ValueError("results must map at least one panel title to {scheme: BatchResult}")
    n = len(results)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig, axes = new_figure(cols, rows, figsize=(4.6 * cols, 3.0 * rows), sharex=True, sharey=True,
                           squeeze=False)
    for ax, (title, by_scheme) in zip(axes.flat, results.items()):
        for scheme, result in by_scheme.items():
            color, marker = _STYLE[scheme]
            epochs = np.arange(1, result.losses.shape[1] + 1)
            ax.semilogx(epochs, solved_by_epoch(result, epochs), color=color, lw=1.4,
                        label=label("scheme_" + scheme, lang))
        ax.set_title(title, fontsize=10)
        ax.set_ylim(-0.03, 1.03)
    for ax in axes[-1]:
        ax.set_xlabel(label("init_epochs_log", lang))
    for ax in axes[:, 0]:
        ax.set_ylabel(label("init_solved_within", lang))
    axes.flat[0].legend(fontsize=8, loc="upper left")
    fig.suptitle(label("init_solved_title", lang))
    return fig
