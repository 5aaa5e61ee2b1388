"""Finite-difference gradients: the independent check on backpropagation.

The central difference ∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / 2ε has an error of
order ε², against order ε for the one-sided difference. It costs two forward
passes per parameter, which is exactly why backpropagation is needed.
"""

from __future__ import annotations

import numpy as np


def numerical_gradients(net, X, Y, eps: float = 1e-6):
    """Central-difference estimates of (∂L/∂W^l, ∂L/∂b^l), shaped like ``net.gradients``.

    Each parameter is nudged in place by ±eps (float64) and restored afterwards.
    """
    def estimate(param):
        grad = np.zeros_like(param)
        for idx in np.ndindex(param.shape):
            saved = param[idx]
            param[idx] = saved + eps
            up = net.loss(X, Y)
            param[idx] = saved - eps
            down = net.loss(X, Y)
            param[idx] = saved
            grad[idx] = (up - down) / (2 * eps)
        return grad

    return [estimate(W) for W in net.weights], [estimate(b) for b in net.biases]


def relative_error(a, b) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖) over all entries; 0 when both are zero.

    Lists of arrays (one per layer) are flattened into a single vector first.
    """
    a = np.concatenate([np.ravel(x) for x in _as_list(a)])
    b = np.concatenate([np.ravel(x) for x in _as_list(b)])
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def gradient_check(net, X, Y, eps: float = 1e-6) -> float:
    """Relative error between backpropagation and central differences (all parameters)."""
    dWs, dbs = net.gradients(X, Y)
    nWs, nbs = numerical_gradients(net, X, Y, eps)
    return relative_error(list(dWs) + list(dbs), list(nWs) + list(nbs))


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]
