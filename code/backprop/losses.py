"""Loss functions ℒ(a, y) averaged over a batch, and the output error δ^L.

Arrays hold one sample per row: ``a`` and ``y`` have shape ``(m, n_out)``.

* mean squared error: ℒ = 1/(2m) Σ_i ‖a_i − y_i‖²  (the ½ cancels the 2 of the derivative)
* binary cross-entropy: ℒ = −1/m Σ_i Σ_k [y ln a + (1 − y) ln(1 − a)]
* categorical cross-entropy (after a softmax): ℒ = −1/m Σ_i Σ_k y_ik ln a_ik

The batch δ^L used by the package is the matrix whose row i is ∂ℒ/∂z_i, so it
already carries the 1/m of the average.

Each loss is one :class:`Loss` object (``LOSSES["mse"]``, ``get_loss("bce")``) that
carries everything a network needs from it: the value from the outputs, the value
from the logits z, the output δ (BP1), which output activation it needs and which
targets it accepts. Both engines, :class:`backprop.MLP` and
:mod:`backprop.vectorized`, ask the object; no code elsewhere compares loss names.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ._checks import choice, same_shape
from .activations import Activation

# The sums below run over the last two axes, (samples, units): on one network's (m, n_out)
# arrays that is every entry; on the vectorized engine's (n_nets, m, n_out) arrays it gives
# one loss per network. m is the number of samples, a.shape[-2].


def _mse_sum(a, y):
    return np.sum((a - y) ** 2, axis=(-2, -1)) / (2 * a.shape[-2])


def _bce_logits_sum(z, y):
    softplus = np.logaddexp(0.0, z)  # ln(1 + e^z), finite for every finite z
    return np.sum(softplus - y * z, axis=(-2, -1)) / z.shape[-2]


def _ce_logits_sum(z, y):
    c = z.max(axis=-1, keepdims=True)
    lse = (c + np.log(np.exp(z - c).sum(axis=-1, keepdims=True)))[..., 0]
    return np.sum(lse * y.sum(axis=-1) - np.sum(y * z, axis=-1), axis=-1) / z.shape[-2]


def mse(a, y) -> float:
    """Mean squared error ℒ = 1/(2m) Σ_i ‖a_i − y_i‖²."""
    a, y = same_shape(a, y, "a", "y")
    return float(_mse_sum(a, y))


def mse_grad(a, y):
    """∂ℒ/∂a for the mean squared error: (a − y) / m, shape (m, n_out)."""
    a, y = same_shape(a, y, "a", "y")
    return (a - y) / a.shape[-2]


def bce(a, y) -> float:
    """Binary cross-entropy ℒ = −1/m Σ [y ln a + (1 − y) ln(1 − a)] for a in [0, 1].

    An output of exactly 0 or 1 makes a logarithm infinite; the network therefore
    evaluates this loss from z with :func:`bce_from_logits`, which stays finite.
    """
    a, y = same_shape(a, y, "a", "y", within=(0.0, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y > 0, y * np.log(a), 0.0) + np.where(y < 1, (1 - y) * np.log1p(-a), 0.0)
    return float(-np.sum(terms) / a.shape[-2])


def bce_from_logits(z, y) -> float:
    """The same cross-entropy with a = σ(z), written as 1/m Σ [softplus(z) − y z].

    Because ln σ(z) = −softplus(−z) and ln(1 − σ(z)) = −softplus(z), no
    logarithm of 0 is ever taken, so the loss is finite even at z = ±1000.
    """
    z, y = same_shape(z, y, "z", "y")
    return float(_bce_logits_sum(z, y))


def bce_grad(a, y):
    """∂ℒ/∂a for the cross-entropy: (a − y) / (a (1 − a) m)."""
    a, y = same_shape(a, y, "a", "y", within=(0.0, 1.0))
    return (a - y) / (a * (1 - a) * a.shape[-2])


def ce(a, y) -> float:
    """Categorical cross-entropy ℒ = −1/m Σ_i Σ_k y_ik ln a_ik, for rows a_i that are probabilities."""
    a, y = same_shape(a, y, "a", "y", within=(0.0, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y > 0, y * np.log(a), 0.0)
    return float(-np.sum(terms) / a.shape[-2])


def ce_from_logits(z, y) -> float:
    """The same loss with a = softmax(z): 1/m Σ_i [logsumexp(z_i) − Σ_k y_ik z_ik] (finite for any z)."""
    z, y = same_shape(z, y, "z", "y")
    return float(_ce_logits_sum(z, y))


def ce_grad(a, y):
    """∂ℒ/∂a for the categorical cross-entropy: −y / (a m)."""
    a, y = same_shape(a, y, "a", "y", within=(0.0, 1.0))
    return -y / (a * a.shape[-2])


class Loss(NamedTuple):
    """One loss and everything a network needs from it.

    ``value(a, y)`` and ``grad(a, y)`` are ℒ and ∂ℒ/∂a as functions of the outputs.
    ``from_output(z, a, y)`` is the value a network reports, computed from z where
    that is how it stays finite (the cross-entropies) and from a otherwise; it
    works on stacked arrays too (see :meth:`value_from_output`).
    ``output_activation`` names the output activation the loss requires (``None``: any
    elementwise one), and ``delta_is_a_minus_y`` marks the pairing in which BP1
    simplifies exactly to (a − y)/m.
    """

    name: str
    value: Callable
    grad: Callable
    from_output: Callable
    output_activation: str | None = None
    delta_is_a_minus_y: bool = False
    probability_rows: bool = False  # targets: each row a probability vector (one class per row)

    # ----- the value ---------------------------------------------------------------
    def value_from_output(self, z, a, y):
        """ℒ of the output layer (z, a = σ(z)) against y: from z where it has a finite form, else from a.

        Works on one network's (m, n_out) arrays, giving a 0-d array, and on the vectorized
        engine's stacked (n_nets, m, n_out) arrays, giving one loss per network.
        """
        return self.from_output(z, a, y)

    # ----- BP1 ---------------------------------------------------------------------
    def output_delta(self, activation: Activation, z, a, y):
        """BP1: δ^L = ∂ℒ/∂a ⊙ σ′(z^L), shape like a (one row per sample).

        For cross-entropy after a sigmoid the product simplifies exactly to
        (a − y)/m: σ′(z) = a(1 − a) cancels the denominator of ∂ℒ/∂a. The
        simplified form is used because the unsimplified one divides 0 by 0 once
        an output saturates. The same (a − y)/m is the δ of the categorical
        cross-entropy after a softmax, whose Jacobian is not diagonal.
        """
        self.check_output_activation(activation.name)
        a, y = np.asarray(a), np.asarray(y)
        difference = (a - y) / a.shape[-2]          # ∂ℒ/∂a for MSE; all of δ^L in the simplified pairings
        if self.delta_is_a_minus_y:
            return difference
        return difference * activation.prime_from_output(z, a)

    # ----- what the loss accepts ------------------------------------------------------
    def check_output_activation(self, name: str) -> None:
        """Refuse an output activation this loss cannot be paired with."""
        if self.probability_rows or name == "softmax":
            if not (self.probability_rows and name == "softmax"):
                raise ValueError("loss 'ce' and output_activation 'softmax' go together (classes that sum "
                                 f"to 1); got loss={self.name!r} with output_activation={name!r}")
        elif self.output_activation is not None and name != self.output_activation:
            raise ValueError(f"loss {self.name!r} needs outputs in (0, 1): use output_activation="
                             f"{self.output_activation!r}; got output_activation={name!r}")

    def check_targets(self, Y) -> None:
        """Refuse targets outside what the loss is defined for (Y already a checked float array)."""
        if self.output_activation is None:
            return
        out_of_range = ((Y < 0) | (Y > 1)).any()
        if out_of_range and not self.probability_rows:
            raise ValueError(f"Y must lie in [0, 1] for loss {self.name!r} (targets are probabilities)")
        if self.probability_rows and (out_of_range or not np.allclose(Y.sum(axis=-1), 1.0)):
            raise ValueError(f"for loss {self.name!r} each row of Y must be a probability vector over the "
                             "classes (entries in [0, 1] summing to 1), e.g. one-hot rows from "
                             "backprop.digits.one_hot")


LOSSES = {
    "mse": Loss("mse", mse, mse_grad, lambda z, a, y: _mse_sum(a, y)),
    "bce": Loss("bce", bce, bce_grad, lambda z, a, y: _bce_logits_sum(z, y), "sigmoid", True),
    "ce": Loss("ce", ce, ce_grad, lambda z, a, y: _ce_logits_sum(z, y), "softmax", True, probability_rows=True),
}


def get_loss(name: str) -> Loss:
    """Look up a loss by name; unknown names raise ``ValueError``."""
    if isinstance(name, Loss):
        return name
    return LOSSES[choice(name, "loss", tuple(LOSSES))]


def output_delta(loss: Loss, activation: Activation, z, a, y):
    """BP1 for ``loss`` after ``activation``: the same as ``loss.output_delta(activation, z, a, y)``."""
    return get_loss(loss).output_delta(activation, z, a, y)
