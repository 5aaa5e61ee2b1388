"""The book's plotting style: one place that picks fonts and sizes.

Chinese labels need a CJK font. Matplotlib falls back from one family to the
next character by character only when ``font.family`` lists them in order, so
Latin text and math stay in DejaVu Sans and CJK characters come from Noto Sans
CJK SC (Debian's ``fonts-noto-cjk``, installed by the set-up and by Binder's
``apt.txt``).
"""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

from .labels import label

CJK_FAMILY = "Noto Sans CJK SC"
FAMILIES = ["DejaVu Sans", CJK_FAMILY]


def _has_family(family: str) -> bool:
    try:
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        return True
    except ValueError:
        return False


def cjk_font_available() -> bool:
    """True when matplotlib can find the CJK font.

    A font cache written before the font was installed hides it, so a miss
    triggers one rebuild of the cache before giving up.
    """
    if _has_family(CJK_FAMILY):
        return True
    font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
    return _has_family(CJK_FAMILY)


def use_book_style() -> None:
    """Set the rcParams every figure of the book uses."""
    if not cjk_font_available():
        warnings.warn(
            f"matplotlib cannot find the font {CJK_FAMILY!r}; Chinese labels will show as boxes. "
            "Install it (Debian: apt-get install fonts-noto-cjk) and restart the kernel.",
            stacklevel=2,
        )
    matplotlib.rcParams.update({
        "font.family": FAMILIES,
        "font.size": 11,
        "axes.titlesize": 12,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.figsize": (7.0, 3.6),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "figure.constrained_layout.use": True,
    })


def new_figure(ncols: int = 1, nrows: int = 1, **kwargs):
    """A figure with the book's style applied: ``fig, axes = new_figure(3)``."""
    use_book_style()
    return plt.subplots(nrows, ncols, **kwargs)


def activation_figure(lang: str, z_range=(-6.0, 6.0)):
    """Two panels: σ, tanh and ReLU on the left, their derivatives σ′(z) on the right."""
    from ..activations import ACTIVATIONS

    z = np.linspace(*z_range, 601)
    fig, (left, right) = new_figure(2, figsize=(8.0, 3.4))
    for name in ("sigmoid", "tanh", "relu"):
        act = ACTIVATIONS[name]
        left.plot(z, act.f(z), label=label(name, lang))
        right.plot(z, act.prime(z), label=label(name, lang))
    left.set_title(label("activation", lang))
    right.set_title(label("derivative", lang))
    for ax in (left, right):
        ax.set_xlabel(label("weighted_input_z", lang))
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
    left.set_ylim(-1.3, 2.3)
    right.set_ylim(-0.1, 1.15)
    left.legend(loc="upper left")
    fig.suptitle(label("activations_title", lang))
    return fig


FLAT_OUTPUT = 1e-9  # an output whose range over the plane is below this is drawn as one constant shade


def plot_decision_boundary(ax, net, X, Y, lang: str, title: str | None = None, resolution: int = 201):
    """Shade the plane by the network's output and mark the 0.5 contour and the data points.

    ``X`` has shape (m, 2) and ``Y`` shape (m, 1); points with target 1 are filled,
    points with target 0 hollow. An output flat to within ``FLAT_OUTPUT`` gets no contour.
    """
    pad = 0.35
    g1 = np.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, resolution)
    g2 = np.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, resolution)
    G1, G2 = np.meshgrid(g1, g2)
    out = net.forward(np.column_stack([G1.ravel(), G2.ravel()]))[:, 0].reshape(G1.shape)
    # An output that is flat up to rounding (a neuron stuck at 0.5) has no boundary;
    # plotted as it is, float noise of 1e-16 around 0.5 would draw a false one.
    flat = np.ptp(out) < FLAT_OUTPUT
    if flat:
        out = np.full_like(out, out.mean())
    ax.contourf(G1, G2, out, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.55, extend="both")
    if not flat and out.min() < 0.5 < out.max():
        ax.contour(G1, G2, out, levels=[0.5], colors="k", linewidths=1.5)
    y = np.asarray(Y)[:, 0] > 0.5
    ax.scatter(X[~y, 0], X[~y, 1], s=90, facecolors="white", edgecolors="k", label=label("target_0", lang), zorder=3)
    ax.scatter(X[y, 0], X[y, 1], s=90, color="k", label=label("target_1", lang), zorder=3)
    ax.set_xlabel(label("input_x1", lang))
    ax.set_ylabel(label("input_x2", lang))
    ax.set_aspect("equal")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


# ----- chapter 2, the forward pass ----------------------------------------------
def network_diagram(ax, net, lang: str, x=None):
    """Draw ``net`` as circles and arrows: weights w^l_{jk} on the edges, biases b^l_j under the units.

    With one input sample ``x`` of shape (n_0,), each unit also shows its activation a^l_j.
    """
    label("layer_input", lang)  # an unknown language raises ValueError before anything is drawn
    activations = None
    if x is not None:
        activations = [A[0] for A in net.forward_trace(np.asarray(x, dtype=np.float64).reshape(1, -1))[1]]
    n_layers = len(net.sizes)
    pos = [[(3.2 * l, (n - 1) / 2 - j) for j in range(n)] for l, n in enumerate(net.sizes)]
    for l, (W, b) in enumerate(zip(net.weights, net.biases), start=1):
        for j, (xj, yj) in enumerate(pos[l]):
            for k, (xk, yk) in enumerate(pos[l - 1]):
                ax.annotate("", (xj - 0.33, yj), (xk + 0.33, yk),
                            arrowprops=dict(arrowstyle="->", color="0.45", lw=1.2))
                t = 0.25 if j == k else 0.72  # crossing edges labelled near their ends, apart
                ax.text(xk + t * (xj - xk), yk + t * (yj - yk) + 0.08, f"{W[j, k]:g}",
                        ha="center", va="bottom", fontsize=9, color="C0")
            ax.text(xj, yj - 0.42, f"b = {b[j]:g}", ha="center", va="top", fontsize=9, color="C3")
    for l in range(n_layers):
        for j, (xj, yj) in enumerate(pos[l]):
            ax.add_patch(matplotlib.patches.Circle((xj, yj), 0.3, fc="white", ec="k", lw=1.5, zorder=3))
            if activations is not None:
                ax.text(xj, yj, f"{activations[l][j]:.3f}", ha="center", va="center", fontsize=9, zorder=4)
    names = ["layer_input"] + ["layer_hidden"] * (n_layers - 2) + ["layer_output"]
    top = max(net.sizes) / 2 + 0.3
    for l, name in enumerate(names):
        ax.text(3.2 * l, top, label(name, lang), ha="center", va="bottom", fontsize=10)
    ax.set_xlim(-0.8, 3.2 * (n_layers - 1) + 0.8)
    ax.set_ylim(-max(net.sizes) / 2 - 0.6, top + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


# ----- chapter 3, loss functions ------------------------------------------------
def loss_shape_figure(lang: str):
    """Left: one sample's loss ℓ against a: MSE ½(a − y)² and BCE −[y ln a + (1−y) ln(1−a)].

    Right: |δ| of one sample against z for y = 1, from ``output_delta`` times m.
    """
    from ..activations import get_activation, sigmoid
    from ..losses import get_loss, output_delta

    label("losses_title", lang)  # an unknown language raises ValueError before anything is drawn
    a = np.linspace(0.001, 0.999, 500).reshape(-1, 1)
    fig, (left, right) = new_figure(2, figsize=(9.0, 3.6))
    for name, y, style in (("mse", 1, "-"), ("mse", 0, "--"), ("bce", 1, "-"), ("bce", 0, "--")):
        loss = get_loss(name)
        values = [loss.value(ai.reshape(1, 1), np.full((1, 1), y)) for ai in a]
        left.plot(a[:, 0], values, style, color="C0" if name == "mse" else "C3",
                  label=label(f"{name}_y{y}", lang))
    left.set_ylim(0, 4)
    left.set_xlabel(label("output_a", lang))
    left.set_ylabel(label("loss_per_sample", lang))
    left.legend(loc="upper center", fontsize=9)
    z = np.linspace(-8, 8, 401).reshape(-1, 1)
    y1 = np.ones_like(z)
    for name, color in (("mse", "C0"), ("bce", "C3")):
        delta = output_delta(get_loss(name), get_activation("sigmoid"), z, sigmoid(z), y1) * z.shape[0]
        right.plot(z[:, 0], np.abs(delta[:, 0]), color=color, label=label(name, lang))
    right.set_xlabel(label("weighted_input_z", lang))
    right.set_ylabel(label("abs_delta", lang))
    right.legend(loc="upper right", fontsize=9)
    fig.suptitle(label("losses_title", lang))
    return fig


def forward_shape_table(net, X, lang: str) -> str:
    """A Markdown table of the shape of every W^l, b^l, Z^l = A^{l−1}(W^l)ᵀ + b^l and A^l for the batch X (m, n_0)."""
    zs, activations = net.forward_trace(X)
    head = " | ".join(label(k, lang) for k in ("col_step", "col_array", "col_shape"))
    rows = [f"| {head} |", "|---|---|---|", f"| {label('row_input', lang)} | $A^0 = X$ | {activations[0].shape} |"]
    for l, (W, b, Z, A) in enumerate(zip(net.weights, net.biases, zs, activations[1:]), start=1):
        rows += [f"| {label('row_layer', lang).format(l=l)} | $W^{l}$ | {W.shape} |",
                 f"| | $b^{l}$ | {b.shape} |",
                 f"| | $Z^{l} = A^{l-1} (W^{l})^\\top + b^{l}$ | {Z.shape} |",
                 f"| | $A^{l} = \\sigma(Z^{l})$ | {A.shape} |"]
    return "\n".join(rows)


def plot_loss_curves(ax, curves, lang: str, names=None, colors=None, alpha: float = 1.0):
    """Loss against epoch on a log scale; ``curves`` is one loss curve (epochs,) or several (n, epochs)."""
    curves = np.atleast_2d(np.asarray(curves, dtype=np.float64))
    if curves.ndim != 2 or curves.shape[1] == 0:
        raise ValueError(f"curves must have shape (epochs,) or (n, epochs); got {curves.shape}")
    names = [None] * len(curves) if names is None else list(names)
    colors = [None] * len(curves) if colors is None else list(colors)
    if len(names) != len(curves) or len(colors) != len(curves):
        raise ValueError("names and colors must give one entry per curve")
    for curve, name, color in zip(curves, names, colors):
        ax.semilogy(np.arange(curve.size), curve, label=name, color=color, alpha=alpha, lw=1.2)
    ax.set_xlabel(label("epoch", lang))
    ax.set_ylabel(label("loss", lang))
    if any(n is not None for n in names):
        ax.legend(fontsize=9)
    return ax


def hidden_units_figure(net, X, Y, lang: str, resolution: int = 121):
    """One panel per hidden unit k of a 2-n-1 network: a^1_k over the input plane, its 0.5 contour and its gate."""
    from ..chapters.ch06_xor import hidden_gates

    if net.n_layers != 2 or net.sizes[0] != 2:
        raise ValueError(f"hidden_units_figure needs a 2-n-1 network; got sizes {net.sizes}")
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
    final_losses = [np.asarray(f, dtype=np.float64).ravel() for f in final_losses]
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

    ``curve`` is an ``experiments.BudgetCurve``: points at its budgets (solved at the last
    epoch of that budget), and a thin line of the seeds first solved by each epoch.
    """
    from .claims import wilson_interval

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


def neuron_graph_figure(g: dict, lang: str):
    """The graph x, w → u = w·x → z = u + b → a = σ(z) → ℒ = ½(a − y)², with forward values and ∂ℒ/∂(node).

    ``g`` is the dict of :func:`backprop.trace.neuron_graph`.
    """
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
    for color, key in (("tab:green", "graph_forward"), ("tab:red", "graph_backward"), ("tab:purple", "graph_local")):
        ax.plot([], [], "s", color=color, label=label(key, lang))
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.axis("off")
    ax.set_title(label(title_key, lang))


def fork_graph_figure(g: dict, lang: str):
    """The graph h → p = v₁h, q = v₂h → ℒ = ½(p − y₁)² + ½(q − y₂)²: one value, two paths, and their sum at h.

    ``g`` is the dict of :func:`backprop.trace.fork_graph`; colours as in :func:`neuron_graph_figure`.
    """
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
    ``rows`` is the list of :func:`backprop.trace.gradient_costs`.
    """
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


def convergence_heatmaps(maps, names, lang: str):
    """Heatmaps over learning rate η (rows) × init scale s (columns), one column of panels per map.

    ``maps`` are :class:`backprop.batched.ConvergenceMap` results (``fraction_solved``,
    ``median_epochs`` and ``n_solved``, each of shape (n_lrs, n_scales)); ``names`` titles
    each map's panels. Top row: the fraction of seeds that solved XOR; bottom row: the
    median epochs over the runs that solved. A cell resting on fewer than ``MIN_RUNS``
    runs (seeds in the top row, solved runs in the bottom row) is drawn grey, its number
    in grey; a cell with no solved run shows "—".
    """
    from ..vectorized import MIN_RUNS

    maps, names = list(maps), list(names)
    if not maps or len(maps) != len(names):
        raise ValueError(f"give one name per map and at least one map; got {len(maps)} maps, {len(names)} names")
    fig, axes = new_figure(len(maps), 2, figsize=(5.0 * len(maps) + 1.0, 8.6), squeeze=False)
    for col, (m, name) in enumerate(zip(maps, names)):
        rows = ((m.fraction_solved, np.full(m.fraction_solved.shape, m.n_seeds), "Greens", (0.0, 1.0),
                 "conv_fraction", "{:.2f}"),
                (m.median_epochs, np.asarray(m.n_solved), "viridis_r", (0.0, float(m.epochs)),
                 "conv_median", "{:.0f}"))
        for row, (values, runs, cmap, (lo, hi), key, fmt) in enumerate(rows):
            ax = axes[row, col]
            few = (runs < MIN_RUNS) | ~np.isfinite(values)
            colors = matplotlib.colormaps[cmap].with_extremes(bad="0.88")
            image = ax.imshow(np.ma.masked_where(few, values), origin="lower", aspect="auto", cmap=colors,
                              vmin=lo, vmax=hi)
            for (i, j), v in np.ndenumerate(values):
                dark = not few[i, j] and (v - lo) / (hi - lo) > (0.6 if row == 0 else 0.5)  # dark cell
                color = "0.45" if few[i, j] else "white" if dark else "black"
                ax.text(j, i, "—" if not np.isfinite(v) else fmt.format(v), ha="center", va="center",
                        fontsize=8.5, color=color)
            ax.set_xticks(range(len(m.scales)), [f"{s:.2g}" for s in m.scales])
            ax.set_yticks(range(len(m.lrs)), [f"{v:.3g}" for v in m.lrs])
            ax.set_xlabel(label("conv_scale", lang))
            ax.set_ylabel(label("explorer_lr", lang))
            ax.set_title(f"{name}: {label(key, lang)}")
            ax.grid(False)
            fig.colorbar(image, ax=ax, shrink=0.85)
    fig.suptitle(label("conv_title", lang).format(seeds=maps[0].n_seeds, epochs=maps[0].epochs))
    fig.supxlabel(label("conv_few_runs", lang).format(n=MIN_RUNS), fontsize=9)
    return fig
