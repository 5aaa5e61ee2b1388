"""The book's plotting style: one place that picks fonts and sizes.

Besides the style (:func:`use_book_style`, :func:`new_figure`, and :func:`label`
re-exported from :mod:`backprop.book.labels`) it holds only the figure helpers
that several chapters draw: :func:`plot_decision_boundary` (chapters 1, 2 and 6),
:func:`network_diagram` (chapters 2 and 5) and :func:`plot_loss_curves` (chapters 6
and 11). A figure that serves one chapter lives in that chapter's module in
:mod:`backprop.chapters`, which imports this one, never the other way round.

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
    # Add the font files the cache does not know through the public FontManager.addfont
    # (it also clears findfont's cache of failed look-ups); the cache file is left alone.
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                pass  # a file FreeType cannot read: matplotlib's own scan skips it too
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


# ----- figures that several chapters draw ------------------------------------------
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
