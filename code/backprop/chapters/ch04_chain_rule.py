"""Every number of one forward and backward pass, and what gradients cost.

Chapter 4 draws the chain rule on a one-neuron graph (:func:`neuron_graph`) and on
a graph where one value feeds two paths (:func:`fork_graph`), counts the
multiply-adds of backpropagation and of finite differences (:func:`multiply_adds`)
and times both (:func:`gradient_costs`); chapter 5 names each quantity of a small
network (:func:`quantities`) so that the prose can glue it into a table, and shows
them live in the HTML book (:func:`live_explorer`, on :func:`example_network`). Arrays
hold one sample per row, as in ``MLP``. ℒ is the loss (for one sample, ℒ = ℓ).
The figures (:func:`neuron_graph_figure`, :func:`fork_graph_figure`,
:func:`cost_figure`) import matplotlib only when called.
"""

from __future__ import annotations

import copy
import numbers
import time

import numpy as np

from .._checks import as_matrix, non_negative_int
from ..activations import sigmoid, sigmoid_prime
from ..gradcheck import numerical_gradients
from ..mlp import MLP


def _finite_numbers(**values):
    for name, v in values.items():
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not np.isfinite(v):
            raise ValueError(f"{name} must be one finite number; got {v!r}")


def _central_difference(f, value: float, eps: float) -> float:
    """(f(v + ε) − f(v − ε)) / 2ε: the derivative of f at v without the chain rule."""
    return (f(value + eps) - f(value - eps)) / (2 * eps)


def neuron_graph(w: float, x: float, b: float, y: float) -> dict:
    """Forward values and backward derivatives of ℒ = ½(σ(w x + b) − y)² on its graph u = w x, z = u + b, a = σ(z).

    Keys ``x, w, b, y, u, z, a, L`` are forward values (``L`` is ℒ); ``dL_da, dL_dz, dL_du, dL_dw,
    dL_db, dL_dx`` are ∂ℒ/∂(node), each the previous one times a local derivative.
    """
    _finite_numbers(w=w, x=x, b=b, y=y)
    u = w * x
    z = u + b
    a = float(sigmoid(z))
    g = {"x": x, "w": w, "b": b, "y": y, "u": u, "z": z, "a": a, "L": 0.5 * (a - y) ** 2}
    g["dL_da"] = a - y                              # local derivative of ½(a − y)²
    g["dL_dz"] = g["dL_da"] * float(sigmoid_prime(z))  # ∂a/∂z = σ′(z)
    g["dL_du"] = g["dL_dz"] * 1.0                   # ∂z/∂u = 1
    g["dL_db"] = g["dL_dz"] * 1.0                   # ∂z/∂b = 1
    g["dL_dw"] = g["dL_du"] * x                     # ∂u/∂w = x
    g["dL_dx"] = g["dL_du"] * w                     # ∂u/∂x = w
    return {k: float(v) for k, v in g.items()}


def neuron_graph_numerical(w: float, x: float, b: float, y: float, eps: float = 1e-6) -> dict:
    """∂ℒ/∂w, ∂ℒ/∂b, ∂ℒ/∂x of ℒ = ½(σ(w x + b) − y)² by central differences (keys as in :func:`neuron_graph`).

    An independent check of the graph's backward values: no chain rule is used.
    """
    _finite_numbers(w=w, x=x, b=b, y=y)
    loss = lambda w_, x_, b_: 0.5 * (float(sigmoid(w_ * x_ + b_)) - y) ** 2  # noqa: E731
    return {"dL_dw": _central_difference(lambda v: loss(v, x, b), w, eps),
            "dL_db": _central_difference(lambda v: loss(w, x, v), b, eps),
            "dL_dx": _central_difference(lambda v: loss(w, v, b), x, eps)}


def fork_graph(h: float, v1: float, v2: float, y1: float, y2: float, eps: float = 1e-6) -> dict:
    """One value feeding two paths: p = v₁ h, q = v₂ h, ℒ = ½(p − y₁)² + ½(q − y₂)².

    This is BP2's situation without the σ′: h is a hidden unit's activation and
    p, q the weighted inputs of two units of the next layer. Keys: the forward
    values ``h, v1, v2, y1, y2, p, q, L``; the backward values ``dL_dp = p − y₁``
    and ``dL_dq = q − y₂``; the two path products ``path_p = ∂ℒ/∂p · v₁`` and
    ``path_q = ∂ℒ/∂q · v₂``; their sum ``dL_dh`` (the multivariable chain rule);
    and ``numerical``, ∂ℒ/∂h by a central difference, which uses no chain rule.
    """
    _finite_numbers(h=h, v1=v1, v2=v2, y1=y1, y2=y2)
    loss = lambda h_: 0.5 * (v1 * h_ - y1) ** 2 + 0.5 * (v2 * h_ - y2) ** 2  # noqa: E731
    g = {"h": h, "v1": v1, "v2": v2, "y1": y1, "y2": y2, "p": v1 * h, "q": v2 * h, "L": loss(h)}
    g["dL_dp"] = g["p"] - y1                        # local derivative of ½(p − y₁)²
    g["dL_dq"] = g["q"] - y2
    g["path_p"] = g["dL_dp"] * v1                   # ∂p/∂h = v₁
    g["path_q"] = g["dL_dq"] * v2                   # ∂q/∂h = v₂
    g["dL_dh"] = g["path_p"] + g["path_q"]          # paths that meet add up
    g["numerical"] = _central_difference(loss, h, eps)
    return {k: float(v) for k, v in g.items()}


def quantities(net, x, y) -> dict:
    """Every number of one sample's pass, by name: ``z1_2`` is z^1_2, ``dW2_11`` is ∂ℒ/∂w^2_{11}.

    ``x`` holds n_in numbers and ``y`` n_out numbers (one sample). Keys, with
    units counted from 1: ``z{l}_{j}``, ``a{l}_{j}``, ``L``, ``delta{l}_{j}``,
    ``dW{l}_{jk}``, ``db{l}_{j}``, in the order of a forward then a backward pass.
    """
    X = as_matrix(np.asarray(x, dtype=float).reshape(1, -1), "x", n_cols=net.sizes[0])
    Y = as_matrix(np.asarray(y, dtype=float).reshape(1, -1), "y", n_cols=net.sizes[-1])
    zs, activations = net.forward_trace(X)
    q = {}
    for l in range(1, net.n_layers + 1):
        q |= {f"z{l}_{j + 1}": v for j, v in enumerate(zs[l - 1][0])}
        q |= {f"a{l}_{j + 1}": v for j, v in enumerate(activations[l][0])}
    q["L"] = net.loss(X, Y)
    dWs, dbs = net.gradients(X, Y)
    ds = net.deltas(zs, activations, Y)  # BP1 and BP2
    for l in range(net.n_layers, 0, -1):
        q |= {f"delta{l}_{j + 1}": v for j, v in enumerate(ds[l - 1][0])}
        q |= {f"dW{l}_{j + 1}{k + 1}": dWs[l - 1][j, k] for j, k in np.ndindex(dWs[l - 1].shape)}
        q |= {f"db{l}_{j + 1}": v for j, v in enumerate(dbs[l - 1])}
    return {k: float(v) for k, v in q.items()}


def one_step(net, x, y, lr) -> dict:
    """What one gradient step θ ← θ − η∇ℒ (``MLP.step``, on a copy of ``net``) does to one sample's loss.

    ``x`` holds n_in numbers and ``y`` n_out numbers; ``lr`` is η. Keys: ``before`` and ``after``,
    ℒ before and after the step; ``fall`` = before − after (negative if the loss rose); ``estimate``,
    the first-order estimate η‖∇ℒ‖² of the fall, summed over every weight and bias.
    """
    X = as_matrix(np.asarray(x, dtype=float).reshape(1, -1), "x", n_cols=net.sizes[0])
    Y = as_matrix(np.asarray(y, dtype=float).reshape(1, -1), "y", n_cols=net.sizes[-1])
    dWs, dbs = net.gradients(X, Y)
    stepped = copy.deepcopy(net)
    stepped.step(dWs, dbs, lr)
    before, after = net.loss(X, Y), stepped.loss(X, Y)
    return {"before": before, "after": after, "fall": before - after,
            "estimate": lr * float(sum((g ** 2).sum() for g in dWs + dbs))}


def n_parameters(net) -> int:
    """The number of weights and biases of ``net``."""
    return int(sum(W.size + b.size for W, b in zip(net.weights, net.biases)))


def count_loss_calls(net, X, Y, eps: float = 1e-6) -> int:
    """How many forward passes (calls of ``net.loss``) the central-difference gradient makes."""
    calls = 0
    original = net.loss

    def counting_loss(X_, Y_):
        nonlocal calls
        calls += 1
        return original(X_, Y_)

    net.loss = counting_loss  # an instance attribute shadows the method for this count only
    try:
        numerical_gradients(net, X, Y, eps)
    finally:
        del net.loss
    return calls


def multiply_adds(net, m: int) -> dict:
    """Exact multiply-add counts of the matrix products for a batch of m samples.

    ``forward``: Z^l = A^{l−1}(W^l)ᵀ, m·n_{l−1}·n_l per layer. ``backprop``: the forward
    pass plus the backward pass of ``MLP.backward``, which per layer does BP4,
    (Δ^l)ᵀA^{l−1} (m·n_l·n_{l−1}), and, except at layer 1, BP2, Δ^l W^l (the same
    count). ``numerical``: 2P forward passes for P parameters (central differences).
    Elementwise work (σ, σ′, ⊙, biases) is left out of all three.
    """
    m = non_negative_int(m, "m")
    layer = [m * n_prev * n for n_prev, n in zip(net.sizes[:-1], net.sizes[1:])]
    forward = sum(layer)
    backward = sum(layer) + sum(layer[1:])       # BP4 at every layer, BP2 below the output
    return {"forward": forward, "backprop": forward + backward,
            "numerical": 2 * n_parameters(net) * forward}


def _times(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return np.array(times)


def gradient_costs(nets, X, Y, repeats: int = 3) -> list:
    """Wall-clock seconds of a forward pass, a backprop gradient and a finite-difference gradient, per net.

    ``nets`` is a list of ``MLP`` sharing the input and output sizes of ``X`` (m, n_in) and
    ``Y`` (m, n_out). Returns one dict per net with ``n_params``; ``forward``, ``backprop``,
    ``numerical``, the median seconds of ``repeats`` runs, and ``forward_range``,
    ``backprop_range``, ``numerical_range``, their (fastest, slowest); ``loss_calls``, the
    forward passes the finite differences made (counted); and ``multiply_adds``
    (:func:`multiply_adds`). Timings depend on the machine; the counts do not.
    """
    repeats = non_negative_int(repeats, "repeats")
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    X = np.asarray(X, dtype=np.float64)
    rows = []
    for net in nets:
        row = {"n_params": n_parameters(net)}
        for key, fn in (("forward", lambda: net.forward(X)), ("backprop", lambda: net.gradients(X, Y)),
                        ("numerical", lambda: numerical_gradients(net, X, Y))):
            t = _times(fn, repeats)
            row[key] = float(np.median(t))
            row[f"{key}_range"] = (float(t.min()), float(t.max()))
        row["loss_calls"] = count_loss_calls(net, X, Y)
        row["multiply_adds"] = multiply_adds(net, X.shape[0])
        rows.append(row)
    return rows


# ----- figures ----------------------------------------------------------------------
def neuron_graph_figure(g: dict, lang: str):
    """The graph x, w → u = w·x → z = u + b → a = σ(z) → ℒ = ½(a − y)², with forward values and ∂ℒ/∂(node).

    ``g`` is the dict of :func:`neuron_graph`.
    """
    from ..book.plotting import new_figure

    fig, ax = new_figure(figsize=(9.0, 3.4))
    pos = {"x": (0, 1.1), "w": (0, -1.1), "u": (2, 0), "b": (2, -1.9), "z": (4, 0), "a": (6, 0), "L": (8, 0)}
    names = {"x": "x", "w": "w", "u": "u = w·x", "b": "b", "z": "z = u + b", "a": "a = σ(z)", "L": "ℒ = ½(a − y)²"}
    forward = {k: g[k] for k in ("x", "w", "b", "u", "z", "a", "L")}
    backward = {"w": g["dL_dw"], "x": g["dL_dx"], "u": g["dL_du"], "b": g["dL_db"], "z": g["dL_dz"], "a": g["dL_da"]}
    edges = [("x", "u", "w"), ("w", "u", "x"), ("u", "z", "1"), ("b", "z", "1"), ("z", "a", "σ′(z)"), ("a", "L", "a − y")]
    for src, dst, local in edges:
        (x0, y0), (x1, y1) = pos[src], pos[dst]
        ax.annotate("", xy=(x1 - 0.55, y1), xytext=(x0 + 0.45, y0),
                    arrowprops=dict(arrowstyle="->", color="0.4", lw=1.2))
        ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.22, local, ha="center", fontsize=9, color="tab:purple")
    for key, (px, py) in pos.items():
        ax.text(px, py, names[key], ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round,pad=0.35", fc="white", ec="0.3"))
        if key in forward:
            ax.text(px, py + 0.55, f"{forward[key]:.4f}", ha="center", color="tab:green", fontsize=9)
        if key in backward:
            ax.text(px, py - 0.6, f"{backward[key]:.4f}", ha="center", color="tab:red", fontsize=9)
    _graph_frame(ax, (-0.8, 9.3), (-2.5, 2.0), "graph_title", lang)
    return fig


def _graph_frame(ax, xlim, ylim, title_key: str, lang: str) -> None:
    """The colour legend (forward, backward, local derivative), limits, no axes, and the title of a graph."""
    from ..book.labels import label

    for color, key in (("tab:green", "graph_forward"), ("tab:red", "graph_backward"), ("tab:purple", "graph_local")):
        ax.plot([], [], "s", color=color, label=label(key, lang))
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.axis("off")
    ax.set_title(label(title_key, lang))


def fork_graph_figure(g: dict, lang: str):
    """The graph h → p = v₁h, q = v₂h → ℒ = ½(p − y₁)² + ½(q − y₂)²: one value, two paths, and their sum at h.

    ``g`` is the dict of :func:`fork_graph`; colours as in :func:`neuron_graph_figure`.
    """
    from ..book.plotting import new_figure

    fig, ax = new_figure(figsize=(9.0, 3.6))
    pos = {"h": (0, 0), "p": (3.4, 1.1), "q": (3.4, -1.1), "L": (7.2, 0)}
    names = {"h": "h", "p": "p = v₁·h", "q": "q = v₂·h", "L": "ℒ = ½(p − y₁)² + ½(q − y₂)²"}
    edges = [("h", "p", f"v₁ = {g['v1']:g}"), ("h", "q", f"v₂ = {g['v2']:g}"),
             ("p", "L", "p − y₁"), ("q", "L", "q − y₂")]
    for src, dst, local in edges:
        (x0, y0), (x1, y1) = pos[src], pos[dst]
        shrink_in = 1.7 if dst == "L" else 0.7
        ax.annotate("", xy=(x1 - shrink_in, y1 + 0.35 * (y0 - y1) / 1.1 * (dst == "L")),
                    xytext=(x0 + 0.45, y0), arrowprops=dict(arrowstyle="->", color="0.4", lw=1.2))
        ax.text((x0 + x1) / 2 - 0.2, (y0 + y1) / 2 + (0.3 if y0 + y1 >= 0 else -0.45), local,
                ha="center", fontsize=9, color="tab:purple")
    for key, (px, py) in pos.items():
        ax.text(px, py, names[key], ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round,pad=0.35", fc="white", ec="0.3"))
        ax.text(px, py + 0.5, f"{g[key]:.4f}", ha="center", color="tab:green", fontsize=9)
    for key in ("p", "q"):
        px, py = pos[key]
        ax.text(px, py - 0.55, f"{g['dL_d' + key]:.4f}", ha="center", color="tab:red", fontsize=9)
    ax.text(0, -0.6, f"{g['path_p']:.4f} + {g['path_q']:.4f}\n= {g['dL_dh']:.4f}", ha="center", va="top",
            color="tab:red", fontsize=9)
    _graph_frame(ax, (-1.0, 9.8), (-2.0, 2.0), "fork_title", lang)
    return fig


def cost_figure(rows, lang: str):
    """Left: multiply-adds of a forward pass, of backprop and of finite differences against the parameter count (counted).

    Right: the same three as measured seconds, median with the range (fastest, slowest) as bars.
    ``rows`` is the list of :func:`gradient_costs`.
    """
    from ..book.plotting import label, new_figure

    fig, (left, right) = new_figure(2, figsize=(9.5, 4.0))
    n = [r["n_params"] for r in rows]
    for key, name, marker in (("forward", "cost_forward", "o"), ("backprop", "cost_backprop", "s"),
                              ("numerical", "cost_numerical", "^")):
        left.loglog(n, [r["multiply_adds"][key] for r in rows], marker=marker, label=label(name, lang))
        median = np.array([r[key] for r in rows])
        low, high = np.array([r[f"{key}_range"] for r in rows]).T
        right.errorbar(n, median, yerr=[median - low, high - median], marker=marker, capsize=3)
        right.set_xscale("log")
        right.set_yscale("log")
    left.set_ylabel(label("multiply_adds", lang))
    right.set_ylabel(label("seconds", lang))
    for ax, title in ((left, "cost_counted"), (right, "cost_timed")):
        ax.set_xlabel(label("n_params", lang))
        ax.set_title(label(title, lang))
    left.legend(fontsize=8)
    fig.suptitle(label("cost_title", lang))
    return fig


# ----- chapter 5's live explorer ------------------------------------------------------------------
# Matt Mazur's 2-2-1 example (chapter 5): W¹, b¹, W², b², the input x, the target y, and η.
EXAMPLE_221 = {"weights": [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45]]], "biases": [[0.35, 0.35], [0.60]],
               "x": [0.05, 0.10], "y": 0.99, "lr": 0.5}
PASS_LRS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)  # the η slider's values
PASS_LIMIT = 100.0   # the largest |value| of a weight, bias, input or target (LIMIT in pass.js)

PASS_TEXT = {
    "en": {
        "layer1": "Layer 1 (hidden): weights and biases", "layer2": "Layer 2 (output): weights and bias",
        "sample": "Sample: input and target", "target": "target y", "step_group": "One gradient step",
        "eta": "learning rate η", "reset": "Back to the chapter's numbers",
        "prev": "◀ previous quantity", "next": "next quantity ▶", "step_of": "Quantity {k} of {n}",
        "caption": "Every number of one forward and one backward pass, next to its equation",
        "col_quantity": "quantity", "col_formula": "formula", "col_value": "value",
        "forward": "Forward pass", "backward": "Backward pass, in the order of the algorithm",
        "step": "One step of gradient descent", "after": "ℒ after one step", "change": "change of ℒ",
        "predicted": "first-order estimate",
        "net_label": "The 2-2-1 network: weights on the arrows, biases above the units, activations inside, "
                     "errors δ below; the quantity of the highlighted table row is marked",
        "net_legend": "inside: a (or x) · above: b · below: error δ",
        "plot_label": "How much the loss falls along the gradient step θ − s∇ℒ, against the step size s, "
                      "with the first-order estimate s‖∇ℒ‖² and the point of one step s = η",
        "plot_title": "the fall of ℒ after a step of size s", "xlabel": "step size s",
        "ylabel": "ℒ(θ) − ℒ(θ − s∇ℒ)", "curve": "fall of ℒ", "tangent": "first order: s‖∇ℒ‖²",
        "one_step": "one step, s = η",
        "status_down": "One gradient step with η = {eta} lowers the loss from {before} to {after}, by {change} "
                       "(the first-order estimate η‖∇ℒ‖² is {predicted}).",
        "status_up": "One gradient step with η = {eta} raises the loss from {before} to {after}, by {change}: "
                     "the step overshoots (the first-order estimate was a fall of {predicted}).",
        "status_same": "One gradient step with η = {eta} leaves the loss at {before}: the gradient is too small "
                       "to change it in float64.",
        "status_zero": "The gradient is 0, so one gradient step with η = {eta} leaves the loss at {before}.",
        "invalid": "{name} must be a number from −{limit} to {limit}.",
    },
    "zh": {
        "layer1": "第 1 层（隐藏层）：权重和偏置", "layer2": "第 2 层（输出层）：权重和偏置",
        "sample": "样本：输入和目标值", "target": "目标值 y", "step_group": "梯度下降走一步",
        "eta": "学习率 η", "reset": "恢复本章的数值",
        "prev": "◀ 上一个量", "next": "下一个量 ▶", "step_of": "第 {k} 个量（共 {n} 个）",
        "caption": "一次前向传播和一次反向传播中的每个数，旁边是它的方程",
        "col_quantity": "量", "col_formula": "公式", "col_value": "数值",
        "forward": "前向传播", "backward": "反向传播（按算法的顺序）",
        "step": "梯度下降走一步", "after": "走一步后的 ℒ", "change": "ℒ 的变化",
        "predicted": "一阶估计",
        "net_label": "2-2-1 网络：箭头上是权重，单元上方是偏置，圈内是激活值，圈下是误差项 δ；"
                     "表中高亮的那一行对应的量也在图中标出",
        "net_legend": "圈内：a（或 x）· 上方：b · 下方：误差项 δ",
        "plot_label": "沿梯度方向 θ − s∇ℒ 走步长 s 时损失下降多少，以及一阶估计 s‖∇ℒ‖² 和走一步（s = η）的点",
        "plot_title": "走步长 s 之后 ℒ 的降幅", "xlabel": "步长 s",
        "ylabel": "ℒ(θ) − ℒ(θ − s∇ℒ)", "curve": "ℒ 的降幅", "tangent": "一阶估计：s‖∇ℒ‖²",
        "one_step": "走一步，s = η",
        "status_down": "学习率 η = {eta} 的一步梯度下降把损失从 {before} 降到 {after}，降了 {change}"
                       "（一阶估计 η‖∇ℒ‖² 为 {predicted}）。",
        "status_up": "学习率 η = {eta} 的一步梯度下降把损失从 {before} 升到 {after}，升了 {change}："
                     "这一步迈过了头（一阶估计本应下降 {predicted}）。",
        "status_same": "学习率 η = {eta} 的一步梯度下降没有改变损失，仍是 {before}：梯度太小，"
                       "在 float64 中改变不了它。",
        "status_zero": "梯度为 0，所以学习率 η = {eta} 的一步梯度下降不改变损失，仍是 {before}。",
        "invalid": "{name} 必须是 −{limit} 到 {limit} 之间的数。",
    },
}


def example_network():
    """Chapter 5's 2-2-1 sigmoid network with Mazur's parameters (:data:`EXAMPLE_221`)."""
    net = MLP([2, 2, 1])
    for W, b, W0, b0 in zip(net.weights, net.biases, EXAMPLE_221["weights"], EXAMPLE_221["biases"]):
        W[:], b[:] = W0, b0
    return net


def live_explorer(lang: str, net=None, x=None, y=None, lr: float | None = None):
    """Chapter 5's live step-through of one pass for the HTML book (``static/explorers/pass.js``).

    The reader edits the nine parameters of a 2-2-1 sigmoid network with the squared error, the
    input x (2 numbers), the target y (1 number) and η; the browser shows every number of
    :func:`quantities` next to its equation and the loss after one step ``net.step`` (tested equal
    in tests/test_explorer_pass.py). Left out, each start value is chapter 5's (:data:`EXAMPLE_221`);
    every value must lie in [−100, 100] and ``lr`` must be one of :data:`PASS_LRS`.
    """
    from ..book.explorers import explorer_block
    from ..book.labels import check_lang

    lang = check_lang(lang)
    net = example_network() if net is None else net
    if not isinstance(net, MLP) or net.sizes != [2, 2, 1] or net.activation.name != "sigmoid" \
            or net.output_activation.name != "sigmoid" or net.loss_fn.name != "mse":
        raise ValueError(f"net must be a 2-2-1 MLP with sigmoid units and loss 'mse'; got {net!r}")
    x = as_matrix(np.asarray(EXAMPLE_221["x"] if x is None else x, dtype=float).reshape(1, -1), "x", n_cols=2)[0]
    y = as_matrix(np.asarray(EXAMPLE_221["y"] if y is None else y, dtype=float).reshape(1, -1), "y", n_cols=1)[0]
    values = {"net": np.concatenate([a.ravel() for a in net.weights + net.biases]), "x": x, "y": y}
    for name, v in values.items():
        if np.abs(v).max() > PASS_LIMIT:
            raise ValueError(f"{name}: every value must lie in [−{PASS_LIMIT:g}, {PASS_LIMIT:g}] (the explorer's "
                             f"inputs); got {v.tolist()}")
    lr = EXAMPLE_221["lr"] if lr is None else lr
    if lr not in PASS_LRS:
        raise ValueError(f"lr must be one of the slider's values {PASS_LRS}; got {lr!r}")
    config = {"weights": [W.tolist() for W in net.weights], "biases": [b.tolist() for b in net.biases],
              "x": x.tolist(), "y": float(y[0]), "lr": float(lr), "lrs": list(PASS_LRS)}
    return explorer_block("pass", lang, PASS_TEXT[lang], config)
