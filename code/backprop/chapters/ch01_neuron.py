"""Chapter 1's study of a lone neuron: how well can one sigmoid neuron fit a truth table?

A single sigmoid neuron with two inputs has three parameters, w₁, w₂ and b, few
enough to try every point of a grid. :func:`lone_neuron_losses` gives the mean
squared error of the neuron at each point, the same loss ``MLP.loss`` computes,
so chapter 1 can show that on XOR no grid point beats the constant answer 0.5.
:func:`activation_figure` draws the activations and their slopes; it imports
matplotlib only when called.
"""

from __future__ import annotations

import numpy as np

from .._checks import as_matrix, positive_number, whole_number
from ..activations import sigmoid


def lone_neuron_losses(X, Y, limit: float = 10.0, points: int = 81):
    """The loss ℒ = 1/(2m) Σ_i (σ(w₁x₁ + w₂x₂ + b) − y_i)² on a grid of (w₁, w₂, b).

    Each of w₁, w₂ and b takes ``points`` equally spaced values from −``limit``
    to ``limit``; an odd ``points`` puts 0 on the grid. ``X`` has shape (m, 2),
    ``Y`` shape (m, 1). Returns an array of shape (points, points, points),
    indexed [w₁, w₂, b].
    """
    X = as_matrix(X, "X", n_cols=2)
    Y = as_matrix(Y, "Y", n_cols=1, n_rows=X.shape[0])
    points = whole_number(points, "points", minimum=2)
    limit = positive_number(limit, "limit")
    grid = np.linspace(-limit, limit, points)
    w1, w2, b = np.meshgrid(grid, grid, grid, indexing="ij")
    z = w1[..., None] * X[:, 0] + w2[..., None] * X[:, 1] + b[..., None]   # z for each sample: (..., m)
    return np.sum((sigmoid(z) - Y[:, 0]) ** 2, axis=-1) / (2 * X.shape[0])


def activation_figure(lang: str, z_range=(-6.0, 6.0)):
    """Two panels: σ, tanh and ReLU on the left, their derivatives σ′(z) on the right."""
    from ..book.labels import check_lang
    from ..book.plotting import label, new_figure
    from ..activations import ACTIVATIONS

    check_lang(lang)
    try:
        low, high = (float(v) for v in z_range)
    except (TypeError, ValueError):
        low = high = np.nan
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"z_range must be two finite numbers (low, high) with low < high; got {z_range!r}")
    z = np.linspace(low, high, 601)
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
