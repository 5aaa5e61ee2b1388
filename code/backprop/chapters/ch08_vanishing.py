"""Vanishing gradients in deep networks (chapter 8).

BP2 carries the error backwards one layer at a time,

    δ^l = (δ^{l+1} W^{l+1}) ⊙ σ′(z^l)        (batch form, one row per sample),

so δ^1 is δ^L multiplied by L − 1 weight matrices and L − 1 factors σ′(z^l).
With the sigmoid every σ′ is at most 1/4, and the product shrinks layer after
layer. This module measures that: per-layer norms of δ^l and ∂ℒ/∂W^l at
initialization, how saturated the units are, and what each layer's weights do
during training. The figure functions import matplotlib only when called;
:func:`live_explorer` is the HTML book's block for ``static/explorers/depth.js``, which computes
:func:`layer_gradient_norms` and :func:`delta_bounds` in the reader's browser.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._checks import choice, non_negative_int, positive_number
from ..activations import ACTIVATIONS
from ..mlp import INITS, MLP
from ..optimizers import SGD, train


HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")

# "Fits the data" in chapter 8: a final cross-entropy below this, about a seventh of the
# constant answer's (≈ 0.69) on the noisy XOR.
FIT_LOSS = 0.1


def _whole(value, name: str, lowest: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < lowest:
        raise ValueError(f"{name} must be a whole number >= {lowest}; got {value!r}")
    return int(value)


def _seeds(seeds) -> list[int]:
    seeds = list(seeds) if not isinstance(seeds, (str, bytes)) and np.iterable(seeds) else None
    if not seeds:
        raise ValueError("seeds must be a non-empty list of whole numbers, e.g. range(5)")
    return [_whole(s, "every seed", lowest=0) for s in seeds]


def xor_blobs(m: int = 200, noise: float = 0.2, seed: int = 0):
    """A noisy XOR in the plane: X of shape (m, 2) around the four corners (±½, ±½), Y of shape (m, 1).

    The label is 1 when exactly one coordinate of the corner is positive, as for XOR.
    """
    m = _whole(m, "m", lowest=4)
    noise = positive_number(noise, "noise")
    seed = _whole(seed, "seed", lowest=0)
    rng = np.random.default_rng(seed)
    corners = rng.integers(0, 2, size=(m, 2))
    X = corners - 0.5 + rng.normal(0.0, noise, size=(m, 2))
    Y = (corners[:, :1] ^ corners[:, 1:]).astype(np.float64)
    return X, Y


def deep_net(activation: str, depth: int = 10, width: int = 16, init: str = "xavier",
             scale: float = 1.0, seed: int = 0) -> MLP:
    """A 2-width-…-width-1 network with ``depth`` hidden layers of ``activation`` and a sigmoid/BCE output.

    The output layer is the same for every hidden activation, so δ^L = (a^L − y)/m
    and only the hidden layers differ between the networks compared.
    """
    choice(activation, "activation", HIDDEN_ACTIVATIONS)
    depth = _whole(depth, "depth")
    width = _whole(width, "width")
    choice(init, "init", INITS)
    return MLP([2] + [width] * depth + [1], activation=activation, output_activation="sigmoid",
               loss="bce", init=init, scale=scale, seed=seed)


def _check_net(net):
    if not isinstance(net, MLP):
        raise ValueError(f"net must be a backprop.MLP; got {type(net).__name__}")
    return net


def deltas(net: MLP, X, Y):
    """BP1 then BP2 (:meth:`backprop.MLP.deltas`): the list [δ^1, …, δ^L], δ^l of shape (m, n_l).

    Also returns the activations [a^0, …, a^L] of the same forward pass.
    """
    _check_net(net)
    zs, activations = net.forward_trace(X)
    return net.deltas(zs, activations, Y), activations


def layer_gradient_norms(net: MLP, X, Y):
    """Frobenius norms per layer: (‖∂ℒ/∂W^l‖ for l = 1…L, ‖δ^l‖ for l = 1…L), two arrays of shape (L,).

    ∂ℒ/∂W^l = (δ^l)ᵀ a^{l−1} (BP4) comes from :meth:`backprop.MLP.backward`, δ^l from
    :meth:`backprop.MLP.deltas`, both on one forward pass.
    """
    _check_net(net)
    zs, activations = net.forward_trace(X)
    Y = net.check_targets(Y, activations[0].shape[0])
    ds = net.deltas(zs, activations, Y)
    dWs, _ = net.backward(zs, activations, Y)
    grad_W = np.array([np.linalg.norm(dW) for dW in dWs])
    delta = np.array([np.linalg.norm(d) for d in ds])
    return grad_W, delta


#: max over z of |σ′(z)|: 1/4 for the sigmoid (SymPy's S.sigmoid_prime_max), 1 for tanh and ReLU.
MAX_SLOPE = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0}


def delta_bounds(net: MLP, X, Y) -> np.ndarray:
    """The chapter's bound on ‖δ^l‖ applied from the output down, shape (L,).

    B^L = ‖δ^L‖ and B^l = B^{l+1} ‖W^{l+1}‖₂ max|σ′| (the layer-wise inequality for one step,
    repeated), so ‖δ^l‖ ≤ B^l for every l. ‖W‖₂ is the largest singular value.
    """
    _check_net(net)
    if net.activation.name not in MAX_SLOPE:
        raise ValueError(f"net must have hidden units in {list(MAX_SLOPE)}; got {net.activation.name!r}")
    ds, _ = deltas(net, X, Y)
    slope = MAX_SLOPE[net.activation.name]
    bounds = np.empty(net.n_layers)
    bounds[-1] = np.linalg.norm(ds[-1])
    for l in range(net.n_layers - 2, -1, -1):  # index l is layer l + 1
        bounds[l] = bounds[l + 1] * np.linalg.norm(net.weights[l + 1], 2) * slope
    return bounds


def first_to_last(X, Y, activation: str, init: str, depth: int, seeds, width: int = 16) -> np.ndarray:
    """‖∂ℒ/∂W¹‖ / ‖∂ℒ/∂Wᴸ‖ at initialization for each seed, shape (len(seeds),).

    The first hidden layer's gradient norm over the output layer's, for
    ``deep_net(activation, depth, width, init, seed=s)``: the ratio the live explorer states.
    """
    seeds = _seeds(seeds)
    norms = [layer_gradient_norms(deep_net(activation, depth, width, init, seed=s), X, Y)[0] for s in seeds]
    return np.array([g[0] / g[-1] for g in norms])


def norm_profiles(X, Y, activations=HIDDEN_ACTIVATIONS, inits=("xavier", "he"), seeds=range(5),
                  depth: int = 10, width: int = 16) -> dict:
    """‖∂ℒ/∂W^l‖ at initialization for every (init, activation): arrays of shape (len(seeds), depth + 1)."""
    seeds = _seeds(seeds)
    profiles = {}
    for init in inits:
        for act in activations:
            profiles[init, act] = np.array([
                layer_gradient_norms(deep_net(act, depth, width, init, seed=s), X, Y)[0] for s in seeds])
    return profiles


def saturation_profile(net: MLP, X, threshold: float = 0.01):
    """Per hidden layer: (mean of σ′(z^l) over units and samples, fraction of σ′(z^l) below ``threshold``).

    Two arrays of shape (L − 1,). A unit is *saturated* on a sample when its slope σ′(z) is tiny.
    """
    _check_net(net)
    threshold = positive_number(threshold, "threshold")
    zs, _ = net.forward_trace(X)
    slopes = [net.activation.prime(z) for z in zs[:-1]]
    return (np.array([s.mean() for s in slopes]), np.array([(s < threshold).mean() for s in slopes]))


class History(NamedTuple):
    """What full-batch gradient descent did to each layer.

    ``losses`` (epochs,): the loss before each step; ``steps`` (epochs, L): the size
    η‖∂ℒ/∂W^l‖ of each layer's weight update; ``moved`` (L,): ‖W^l_end − W^l_start‖ / ‖W^l_start‖.
    """

    losses: np.ndarray
    steps: np.ndarray
    moved: np.ndarray


def train_with_history(net: MLP, X, Y, lr: float, epochs: int) -> History:
    """Gradient descent W ← W − η ∂ℒ/∂W for ``epochs`` steps, recording each layer's step size (in place)."""
    _check_net(net)
    lr = positive_number(lr, "lr")
    epochs = non_negative_int(epochs, "epochs")
    start = [W.copy() for W in net.weights]
    before = [W.copy() for W in net.weights]
    steps = np.empty((epochs, net.n_layers))

    def record(epoch, net):  # the step of each layer, ‖η ∂ℒ/∂W^l‖ = ‖W^l after − W^l before‖
        steps[epoch - 1] = [np.linalg.norm(W - W_prev) for W, W_prev in zip(net.weights, before)]
        before[:] = [W.copy() for W in net.weights]

    losses = train(net, X, Y, SGD(lr), epochs, on_epoch=record)[:-1]  # the loss before each step
    moved = np.array([np.linalg.norm(W - W0) / np.linalg.norm(W0) for W, W0 in zip(net.weights, start)])
    return History(losses, steps, moved)


def final_losses(X, Y, activation: str, lrs, seeds, depth: int = 8, width: int = 8,
                 epochs: int = 1000) -> np.ndarray:
    """The loss after ``epochs`` steps of gradient descent for every (η, seed): shape (len(lrs), len(seeds)).

    Network (i, j) is ``deep_net(activation, depth, width, seed=seeds[j])`` trained
    with ``fit(X, Y, lrs[i], epochs)``; all of them train at once with
    :func:`backprop.vectorized.train_many`. A diverged run gives NaN.
    """
    from ..vectorized import train_many

    choice(activation, "activation", HIDDEN_ACTIVATIONS)
    lrs = np.atleast_1d(np.asarray(lrs, dtype=np.float64))
    seeds = _seeds(seeds)
    depth, width = _whole(depth, "depth"), _whole(width, "width")
    r = train_many([2] + [width] * depth + [1], X, Y, np.repeat(lrs, len(seeds)),
                   non_negative_int(epochs, "epochs") + 1, 1.0, np.tile(seeds, len(lrs)), "xavier",
                   activation, "sigmoid", "bce")
    return r.losses[:, -1].reshape(len(lrs), len(seeds))  # losses[:, e] is the loss after e steps


def constant_answer_loss(Y) -> float:
    """The cross-entropy of answering the mean label ȳ for every point, −ȳ ln ȳ − (1 − ȳ) ln(1 − ȳ).

    No output that ignores the input does better on (X, Y).
    """
    ybar = float(np.mean(Y))
    if not 0 < ybar < 1:
        raise ValueError(f"Y must hold both labels 0 and 1; its mean is {ybar!r}")
    return float(-ybar * np.log(ybar) - (1 - ybar) * np.log(1 - ybar))


def dead_units(net: MLP, X, per_unit: bool = False):
    """ReLU units with z ≤ 0 on every row of X: their slope is 0 there, so BP2 gives them δ = 0.

    Returns the count per hidden layer, shape (L − 1,), or with ``per_unit=True`` a
    list of boolean masks, one of shape (n_l,) per hidden layer.
    """
    _check_net(net)
    zs, _ = net.forward_trace(X)
    masks = [np.all(z <= 0, axis=0) for z in zs[:-1]]
    return masks if per_unit else np.array([int(m.sum()) for m in masks])


def input_spread(net: MLP, X) -> np.ndarray:
    """How much a^l still depends on the input: std of a^l over the samples, averaged over units, for l = 0…L."""
    _check_net(net)
    _, activations = net.forward_trace(X)
    return np.array([a.std(axis=0).mean() for a in activations])


def geometric_mean(rows) -> np.ndarray:
    """exp(mean(log rows)) down the first axis: the typical size of positive numbers spanning decades."""
    rows = np.asarray(rows, dtype=np.float64)
    if rows.size == 0 or not (rows > 0).all():
        raise ValueError("geometric_mean needs a non-empty array of positive numbers")
    return np.exp(np.log(rows).mean(axis=0))


# ----- figures ----------------------------------------------------------------------
def gradient_norms_figure(profiles: dict, lang: str):
    """One panel per init: ‖∂ℒ/∂W^l‖ by layer on a log scale, one thin line per seed and a thick geometric mean."""
    from ..book.plotting import label, new_figure

    inits = list(dict.fromkeys(init for init, _ in profiles))
    fig, axes = new_figure(len(inits), figsize=(9.0, 3.8), sharey=True, squeeze=False)
    for ax, init in zip(axes[0], inits):
        for i, act in enumerate(a for i_, a in profiles if i_ == init):
            rows = profiles[init, act]
            layers = np.arange(1, rows.shape[1] + 1)
            ax.semilogy(layers, rows.T, color=f"C{i}", lw=0.7, alpha=0.4)
            ax.semilogy(layers, geometric_mean(rows), color=f"C{i}", lw=2.2, marker="o", ms=4,
                        label=label(act, lang))
        ax.set_title(label(f"init_{init}", lang))
        ax.set_xlabel(label("vg_layer", lang))
        ax.set_xticks(layers)
    axes[0][0].set_ylabel(label("vg_grad_norm", lang))
    axes[0][0].legend(loc="lower right")
    fig.suptitle(label("vg_norms_title", lang).format(depth=rows.shape[1] - 1, seeds=rows.shape[0]))
    return fig


def saturation_figure(profiles: dict, lang: str, threshold: float = 0.01):
    """Two panels by hidden layer: mean σ′(z^l) against the bound 1/4, and the fraction of saturated slopes.

    ``profiles`` maps an init scale s to the pair returned by :func:`saturation_profile`.
    """
    from ..book.plotting import label, new_figure

    fig, (left, right) = new_figure(2, figsize=(9.0, 3.6))
    for i, (s, (mean_slope, saturated)) in enumerate(profiles.items()):
        layers = np.arange(1, len(mean_slope) + 1)
        name = label("vg_scale", lang).format(s=s)
        left.plot(layers, mean_slope, marker="o", ms=4, color=f"C{i}", label=name)
        right.plot(layers, saturated, marker="o", ms=4, color=f"C{i}", label=name)
    left.axhline(0.25, color="k", ls="--", lw=1, label=label("vg_bound", lang))
    left.set_ylim(0, 0.27)
    right.set_ylim(-0.02, 1.0)
    left.set_ylabel(label("vg_mean_slope", lang))
    right.set_ylabel(label("vg_saturated", lang).format(t=threshold))
    for ax in (left, right):
        ax.set_xlabel(label("vg_hidden_layer", lang))
        ax.set_xticks(layers)
    left.legend(loc="lower left", fontsize=8)
    fig.suptitle(label("vg_saturation_title", lang))
    return fig


def training_figure(histories: dict, lang: str, show_steps: str = "sigmoid"):
    """Top: the loss curves, and how far each layer's weights moved, ‖W^l_end − W^l_start‖ / ‖W^l_start‖.

    Bottom: η‖∂ℒ/∂W^l‖ at every step for the network ``show_steps``, one line per layer.
    """
    from matplotlib import colormaps

    from ..book.plotting import label, new_figure

    if show_steps not in histories:
        raise ValueError(f"show_steps must be one of the networks {list(histories)}; got {show_steps!r}")
    fig, axes = new_figure(2, 2, figsize=(9.0, 6.6))
    loss_ax, moved_ax = axes[0]
    grid = axes[1, 0].get_gridspec()
    for ax in axes[1]:
        ax.remove()
    step_ax = fig.add_subplot(grid[1, :])  # the step sizes get the whole bottom row
    for i, (act, h) in enumerate(histories.items()):
        loss_ax.plot(h.losses, color=f"C{i}", label=label(act, lang))
        layers = np.arange(1, len(h.moved) + 1)
        moved_ax.semilogy(layers, h.moved, color=f"C{i}", marker="o", ms=4, label=label(act, lang))
    loss_ax.set_title(label("loss", lang))
    loss_ax.set_xlabel(label("epoch", lang))
    loss_ax.set_ylim(0, None)
    loss_ax.legend()
    steps = histories[show_steps].steps
    colors = colormaps["viridis"](np.linspace(0, 0.9, steps.shape[1]))
    for l in range(steps.shape[1]):
        step_ax.loglog(np.arange(1, len(steps) + 1), steps[:, l], color=colors[l], lw=1.2,
                       label=label("row_layer", lang).format(l=l + 1))
    step_ax.set_title(label("vg_steps_title", lang).format(act=label(show_steps, lang)))
    step_ax.set_xlabel(label("vg_epoch_log", lang))
    step_ax.legend(loc="upper right", fontsize=8, ncol=3)
    moved_ax.set_title(label("vg_moved_title", lang))
    moved_ax.set_xlabel(label("vg_layer", lang))
    moved_ax.set_xticks(layers)
    moved_ax.legend(loc="lower right", fontsize=8)
    fig.suptitle(label("vg_training_title", lang).format(depth=len(layers) - 1))
    return fig


# ----- the live explorer of the HTML book (static/explorers/depth.js) ---------------------------
#: Where the explorer starts: the chapter's first figure (Xavier weights, 10 hidden layers of 16, seed 0).
LIVE_START = {"activation": "sigmoid", "init": "xavier", "depth": 10, "maxDepth": 20, "seed": 0, "maxSeed": 99,
              "width": 16}

LIVE_TEXT = {
    "en": {
        "activation": "hidden activation", "init": "initialization", "depth": "hidden layers", "seed": "seed",
        "act_sigmoid": "sigmoid", "act_tanh": "tanh", "act_relu": "ReLU",
        "init_normal": "normal N(0, 1)", "init_xavier": "Xavier (Glorot)", "init_he": "He",
        "title": "Gradient norms per layer at initialization",
        "layer": "layer l (1 = first hidden layer, last = output)", "norm_axis": "norm (log scale)",
        "grad_w": "‖∂ℒ/∂Wˡ‖", "delta": "‖δˡ‖", "bound": "bound on ‖δˡ‖",
        "plot_label": "The gradient norm of each layer's weights and the norm of its error δ, on a log scale, "
                      "with the chapter's bound on ‖δ‖ as a dashed line",
        "status_setting": "{act}, {init}, {layers}, seed {seed}:",
        "layers": "{depth} hidden layers", "one_layer": "1 hidden layer",
        "status_ratio": "the first layer's gradient ‖∂ℒ/∂W¹‖ = {first} is {ratio} times the output layer's "
                        "‖∂ℒ/∂Wᴸ‖ = {last};",
        "verdict_vanish": "it vanishes on the way down.",
        "verdict_level": "the two are within a factor of 10 of each other.",
        "verdict_grow": "it grows on the way down (exploding gradients).",
        "status_factor": "Per layer, ‖δˡ‖/‖δˡ⁺¹‖ is {f} on average; the bound allows "
                         "‖Wˡ⁺¹‖₂ · max σ′ = {g} on average (max σ′ = {s}).",
        "status_zero": "no error reaches layer {k} or any layer before it: ‖δ‖ = 0 there, because every "
                       "ReLU unit with z ≤ 0 passes nothing back (‖∂ℒ/∂Wᴸ‖ = {last}).",
    },
    "zh": {
        "activation": "隐藏层激活函数", "init": "初始化", "depth": "隐藏层数", "seed": "随机种子",
        "act_sigmoid": "sigmoid", "act_tanh": "tanh", "act_relu": "ReLU",
        "init_normal": "正态分布 N(0, 1)", "init_xavier": "Xavier（Glorot）", "init_he": "He",
        "title": "初始化时各层的梯度范数",
        "layer": "第 l 层（1 为第一个隐藏层，最后一层为输出层）", "norm_axis": "范数（对数刻度）",
        "grad_w": "‖∂ℒ/∂Wˡ‖", "delta": "‖δˡ‖", "bound": "‖δˡ‖ 的上界",
        "plot_label": "各层权重的梯度范数和误差项 δ 的范数（对数刻度），虚线是本章推出的 ‖δ‖ 的上界",
        "status_setting": "{act}，{init}，{layers}，随机种子 {seed}：",
        "layers": "{depth} 个隐藏层", "one_layer": "1 个隐藏层",
        "status_ratio": "第一层的梯度 ‖∂ℒ/∂W¹‖ = {first}，是输出层 ‖∂ℒ/∂Wᴸ‖ = {last} 的 {ratio} 倍，",
        "verdict_vanish": "梯度在反向传到前面各层的过程中消失了。",
        "verdict_level": "两者之比在 1/10 到 10 之间。",
        "verdict_grow": "梯度越往前越大（梯度爆炸）。",
        "status_factor": "每往前一层，‖δˡ‖/‖δˡ⁺¹‖ 平均为 {f}；上界允许的 ‖Wˡ⁺¹‖₂ · max σ′ 平均为 {g}"
                         "（max σ′ = {s}）。",
        "status_zero": "误差传不到第 {k} 层及其之前的各层：那里 ‖δ‖ = 0，因为 z ≤ 0 的 ReLU 单元不向前一层"
                       "传递任何误差（‖∂ℒ/∂Wᴸ‖ = {last}）。",
    },
}


def live_explorer(lang: str, X=None, Y=None):
    """The HTML book's explorer of the gradient norms per layer (``static/explorers/depth.js``).

    The reader picks the hidden activation, the initialization, the depth (1–20) and the seed;
    the browser builds ``deep_net(activation, depth, 16, init, seed=seed)`` and draws
    :func:`layer_gradient_norms` and :func:`delta_bounds` on (X, Y), by default the chapter's
    ``xor_blobs(200, 0.2, 0)``. The data ship in the block: numpy draws them with
    ``rng.integers``, which the JavaScript engine does not port.
    """
    import base64

    from ..book.explorers import explorer_block
    from ..book.labels import check_lang

    lang = check_lang(lang)
    if X is None and Y is None:
        X, Y = xor_blobs(m=200, noise=0.2, seed=0)
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2 or not np.all(np.isfinite(X)):
        raise ValueError(f"X must be a finite array of shape (m, 2); got shape {X.shape}")
    if Y.shape != (X.shape[0], 1):
        raise ValueError(f"Y must hold one label per row of X, shape ({X.shape[0]}, 1); got shape {Y.shape}")
    if not np.all((Y == 0) | (Y == 1)):
        raise ValueError(f"Y must hold labels 0 and 1 only; got values {np.unique(Y)[:5]}")
    config = dict(LIVE_START, X=base64.b64encode(X.astype("<f8").tobytes()).decode("ascii"),
                  Y="".join("1" if y else "0" for y in Y[:, 0]))
    return explorer_block("depth", lang, LIVE_TEXT[lang], config)
