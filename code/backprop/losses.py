"""Loss functions ℒ(a, y) averaged over a batch, and the output error δ^L.

Arrays hold one sample per row: ``a`` and ``y`` have shape ``(m, n_out)``.

* mean squared error: ℒ = 1/(2m) Σ_i ‖a_i − y_i‖²  (the ½ cancels the 2 of the derivative)
* binary cross-entropy: ℒ = −1/m Σ_i Σ_k [y ln a + (1 − y) ln(1 − a)]
* categorical cross-entropy (after a softmax): ℒ = −1/m Σ_i Σ_k y_ik ln a_ik

The batch δ^L used by the package is the matrix whose row i is ∂ℒ/∂z_i, so it
already carries the 1/m of the average.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ._checks import choice
from .activations import Activation


def mse(a, y) -> float:
    """Mean squared error ℒ = 1/(2m) Σ_i ‖a_i − y_i‖²."""
    a, y = np.asarray(a, dtype=np.float64), np.asarray(y, dtype=np.float64)
    m = a.shape[0]
    return float(np.sum((a - y) ** 2) / (2 * m))


def mse_grad(a, y):
    """∂ℒ/∂a for the mean squared error: (a − y) / m, shape (m, n_out)."""
    a, y = np.asarray(a, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return (a - y) / a.shape[0]


def bce(a, y) -> float:
    """Binary cross-entropy ℒ = −1/m Σ [y ln a + (1 − y) ln(1 − a)] for a in (0, 1).

    An output of exactly 0 or 1 makes a logarithm infinite; the network therefore
    evaluates this loss from z with :func:`bce_from_logits`, which stays finite.
    """
    a, y = np.asarray(a, dtype=np.float64), np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y > 0, y * np.log(a), 0.0) + np.where(y < 1, (1 - y) * np.log1p(-a), 0.0)
    return float(-np.sum(terms) / a.shape[0])


def bce_from_logits(z, y) -> float:
    """The same cross-entropy with a = σ(z), written as 1/m Σ [softplus(z) − y z].

    Because ln σ(z) = −softplus(−z) and ln(1 − σ(z)) = −softplus(z), no
    logarithm of 0 is ever taken, so the loss is finite even at z = ±1000.
    """
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    softplus = np.logaddexp(0.0, z)
    return float(np.sum(softplus - y * z) / z.shape[0])


def bce_grad(a, y):
    """∂ℒ/∂a for the cross-entropy: (a − y) / (a (1 − a) m)."""
    a, y = np.asarray(a, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return (a - y) / (a * (1 - a) * a.shape[0])


def ce(a, y) -> float:
    """Categorical cross-entropy ℒ = −1/m Σ_i Σ_k y_ik ln a_ik, for rows a_i that are probabilities."""
    a, y = np.asarray(a, dtype=np.float64), np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y > 0, y * np.log(a), 0.0)
    return float(-np.sum(terms) / a.shape[0])


def ce_from_logits(z, y) -> float:
    """The same loss with a = softmax(z): 1/m Σ_i [logsumexp(z_i) − Σ_k y_ik z_ik] (finite for any z)."""
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    c = z.max(axis=1, keepdims=True)
    lse = (c + np.log(np.exp(z - c).sum(axis=1, keepdims=True)))[:, 0]
    return float(np.sum(lse * y.sum(axis=1) - np.sum(y * z, axis=1)) / z.shape[0])


def ce_grad(a, y):
    """∂ℒ/∂a for the categorical cross-entropy: −y / (a m)."""
    a, y = np.asarray(a, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return -y / (a * a.shape[0])


class Loss(NamedTuple):
    """A loss with its value ℒ(a, y) and its gradient ∂ℒ/∂a."""

    name: str
    value: Callable
    grad: Callable


LOSSES = {
    "mse": Loss("mse", mse, mse_grad),
    "bce": Loss("bce", bce, bce_grad),
    "ce": Loss("ce", ce, ce_grad),
}


def get_loss(name: str) -> Loss:
    """Look up a loss by name; unknown names raise ``ValueError``."""
    return LOSSES[choice(name, "loss", tuple(LOSSES))]


def output_delta(loss: Loss, activation: Activation, z, a, y):
    """BP1: δ^L = ∂ℒ/∂a ⊙ σ′(z^L), shape (m, n_out).

    For cross-entropy after a sigmoid the product simplifies exactly to
    (a − y)/m: σ′(z) = a(1 − a) cancels the denominator of ∂ℒ/∂a. The
    simplified form is used because the unsimplified one divides 0 by 0 once
    an output saturates.

    The same (a − y)/m is the δ of the categorical cross-entropy after a
    softmax, whose Jacobian is not diagonal; that pairing is the only one in
    which the package accepts a softmax.
    """
    if (loss.name, activation.name) in (("bce", "sigmoid"), ("ce", "softmax")):
        return (np.asarray(a) - np.asarray(y)) / np.asarray(a).shape[0]
    if loss.name == "ce" or activation.name == "softmax":
        raise ValueError("loss 'ce' and output_activation 'softmax' go together; "
                         f"got loss={loss.name!r} with output_activation={activation.name!r}")
    return loss.grad(a, y) * activation.prime(z)
