"""Chapter 1's study of a lone neuron: how well can one sigmoid neuron fit a truth table?

A single sigmoid neuron with two inputs has three parameters, w₁, w₂ and b, few
enough to try every point of a grid. :func:`lone_neuron_losses` gives the mean
squared error of the neuron at each point, the same loss ``MLP.loss`` computes,
so chapter 1 can show that on XOR no grid point beats the constant answer 0.5.
"""

from __future__ import annotations

import numpy as np

from .._checks import positive_number, whole_number
from ..activations import sigmoid


def lone_neuron_losses(X, Y, limit: float = 10.0, points: int = 81):
    """The loss ℒ = 1/(2m) Σ_i (σ(w₁x₁ + w₂x₂ + b) − y_i)² on a grid of (w₁, w₂, b).

    Each of w₁, w₂ and b takes ``points`` equally spaced values from −``limit``
    to ``limit``; an odd ``points`` puts 0 on the grid. ``X`` has shape (m, 2),
    ``Y`` shape (m, 1). Returns an array of shape (points, points, points),
    indexed [w₁, w₂, b].
    """
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2 or Y.shape != (X.shape[0], 1):
        raise ValueError(f"X must have shape (m, 2) and Y shape (m, 1); got {X.shape} and {Y.shape}")
    points = whole_number(points, "points", minimum=2)
    limit = positive_number(limit, "limit")
    grid = np.linspace(-limit, limit, points)
    w1, w2, b = np.meshgrid(grid, grid, grid, indexing="ij")
    z = w1[..., None] * X[:, 0] + w2[..., None] * X[:, 1] + b[..., None]   # z for each sample: (..., m)
    return np.sum((sigmoid(z) - Y[:, 0]) ** 2, axis=-1) / (2 * X.shape[0])
