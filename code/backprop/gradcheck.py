"""Finite-difference gradients: the independent check on backpropagation.

The central difference ∂ℒ/∂θ ≈ (ℒ(θ + ε) − ℒ(θ − ε)) / 2ε has an error of
order ε², against order ε for the one-sided difference. It costs two forward
passes per parameter, which is exactly why backpropagation is needed.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_finite, positive_number
from .mlp import MLP

# The book calls a gradient check passed when every parameter array's relative error
# (gradient_check) is below TOLERANCE: above the round-off of a float64 central
# difference with eps = 1e-6 on the book's small networks, well below the 1e-2 and more
# that a wrong equation gives (a forgotten σ′, a lost layer).
TOLERANCE = 1e-7


def numerical_gradients(net, X, Y, eps: float = 1e-6):
    """Central-difference estimates of (∂ℒ/∂W^l, ∂ℒ/∂b^l), shaped like ``net.gradients``.

    Each parameter is nudged in place by ±eps (float64) and restored afterwards.
    ``net`` is an :class:`backprop.MLP`, X (m, n_in) and Y (m, n_out) a batch it accepts,
    ``eps`` > 0 the step.
    """
    X, Y, eps = _checked(net, X, Y, eps)

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
    a, b = _as_list(a, "a"), _as_list(b, "b")
    if len(a) != len(b):
        raise ValueError(f"a and b must hold the same number of arrays; got {len(a)} and {len(b)}")
    for i, (x, y) in enumerate(zip(a, b)):
        if x.shape != y.shape:
            where = f"a[{i}] and b[{i}]" if len(a) > 1 else "a and b"
            raise ValueError(f"{where} must have the same shape; got {x.shape} and {y.shape}")
    a = np.concatenate([np.ravel(x) for x in a])
    b = np.concatenate([np.ravel(x) for x in b])
    check_finite(a, "a")
    check_finite(b, "b")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def relative_errors(gradients, reference) -> dict[str, float]:
    """The relative error of each parameter array: {'W1': …, 'b1': …, 'W2': …, …}.

    ``gradients`` and ``reference`` are pairs (list of ∂ℒ/∂W^l, list of ∂ℒ/∂b^l), as
    ``net.gradients`` and :func:`numerical_gradients` return them. Per array, not one
    global number: the output layer's gradients are usually the largest, and in a
    single number over all parameters they can hide a wrong hidden layer.
    """
    for name, pair in (("gradients", gradients), ("reference", reference)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise ValueError(f"{name} must be a pair (list of ∂ℒ/∂W^l, list of ∂ℒ/∂b^l), "
                             "as net.gradients(X, Y) returns it")
    (dWs, dbs), (nWs, nbs) = gradients, reference
    if not len(dWs) == len(dbs) == len(nWs) == len(nbs):
        raise ValueError("gradients and reference must hold one W and one b per layer each")
    errors = {}
    for l, (dW, db, nW, nb) in enumerate(zip(dWs, dbs, nWs, nbs), start=1):
        for name, a, b in ((f"W{l}", dW, nW), (f"b{l}", db, nb)):
            if np.shape(a) != np.shape(b):
                raise ValueError(f"{name}: shapes differ, {np.shape(a)} vs {np.shape(b)}")
            errors[name] = relative_error(a, b)
    return errors


def gradient_check(net, X, Y, eps: float = 1e-6) -> dict[str, float]:
    """Relative error between backpropagation and central differences, per parameter array.

    Returns {'W1': …, 'b1': …, …, 'WL': …, 'bL': …}; ``max(result.values())`` is the worst.
    ``net`` is an :class:`backprop.MLP`, X and Y a batch it accepts, ``eps`` > 0.
    """
    X, Y, eps = _checked(net, X, Y, eps)
    return relative_errors(net.gradients(X, Y), numerical_gradients(net, X, Y, eps))


def _checked(net, X, Y, eps):
    if not isinstance(net, MLP):
        raise ValueError(f"net must be a backprop.MLP; got {type(net).__name__}")
    X = net.check_inputs(X)
    return X, net.check_targets(Y, X.shape[0]), positive_number(eps, "eps")


def _as_list(x, name):
    """One array or a list/tuple of arrays (one per layer) as a list of float arrays."""
    items = list(x) if isinstance(x, (list, tuple)) else [x]
    if not items:
        raise ValueError(f"{name} must hold at least one array")
    out = []
    for i, item in enumerate(items):
        try:
            out.append(np.asarray(item, dtype=np.float64))
        except (TypeError, ValueError) as exc:
            label = f"{name}[{i}]" if isinstance(x, (list, tuple)) else name
            raise ValueError(f"{label} must be an array of numbers; got {type(item).__name__}") from exc
    return out
