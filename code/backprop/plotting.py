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
    from .activations import ACTIVATIONS

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


def plot_decision_boundary(ax, net, X, Y, lang: str, title: str | None = None, resolution: int = 201):
    """Shade the plane by the network's output and mark the 0.5 contour and the data points.

    ``X`` has shape (m, 2) and ``Y`` shape (m, 1); points with target 1 are filled,
    points with target 0 hollow.
    """
    pad = 0.35
    g1 = np.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, resolution)
    g2 = np.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, resolution)
    G1, G2 = np.meshgrid(g1, g2)
    out = net.forward(np.column_stack([G1.ravel(), G2.ravel()]))[:, 0].reshape(G1.shape)
    ax.contourf(G1, G2, out, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.55, extend="both")
    if out.min() < 0.5 < out.max():
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
