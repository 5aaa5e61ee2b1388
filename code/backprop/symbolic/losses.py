"""SymPy derivations of the output error δ^L for each loss at a sigmoid output (chapter 3).

Everything here is per sample and per output unit: one target y, one weighted
input z, and a = σ(z). The package's batch δ^L (``backprop.output_delta``)
is the matrix of these numbers divided by m, because the batch loss averages
over the m samples.

* MSE, ℓ = ½ (a − y)²:                    δ = ∂ℓ/∂z = (a − y) σ′(z)
* BCE, ℓ = −[y ln a + (1 − y) ln(1 − a)]:  δ = ∂ℓ/∂z = a − y

ℓ is one sample's loss; the batch loss is ℒ = (1/m) Σ_i ℓ_i (``backprop.mse``,
``backprop.bce``). :func:`as_equation` labels an expression for display, e.g.
∂ℓ/∂z = …, so that a page shows the book's symbols.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from . import Derivation, check, sigmoid

z = sp.Symbol("z", real=True)
y = sp.Symbol("y", real=True)


def as_equation(lhs: str, expr) -> sp.Eq:
    """``lhs = expr`` for display; ``lhs`` is LaTeX such as r"\\frac{\\partial \\ell}{\\partial z}"."""
    if not isinstance(lhs, str) or not lhs.strip():
        raise ValueError(f"lhs must be the left-hand side as a LaTeX string; got {lhs!r}")
    return sp.Eq(sp.Symbol(lhs), expr, evaluate=False)


def mse_per_sample(a, y):
    """ℓ = ½ (a − y)², one sample's loss: ℒ = 1/(2m) Σ ‖a − y‖² = (1/m) Σ ℓ_i."""
    return sp.Rational(1, 2) * (a - y) ** 2


def bce_per_sample(a, y):
    """ℓ = −[y ln a + (1 − y) ln(1 − a)], one sample's binary cross-entropy (SymPy's log is ln)."""
    return -(y * sp.log(a) + (1 - y) * sp.log(1 - a))


def mse_output_delta() -> Derivation:
    """BP1 for MSE at a sigmoid output: ∂ℓ/∂z = (a − y) σ′(z), with a = σ(z)."""
    a = sigmoid(z)
    return check(sp.diff(mse_per_sample(a, y), z), (a - y) * a * (1 - a))  # σ′(z) = a(1 − a)


def bce_output_delta() -> Derivation:
    """BP1 for BCE at a sigmoid output: ∂ℓ/∂z = a − y; σ′(z) cancels."""
    a = sigmoid(z)
    return check(sp.diff(bce_per_sample(a, y), z), a - y)


def per_sample_delta(derivation: Derivation):
    """A numpy function delta(z, y) of the derivation's direct derivative; z, y any equal shapes."""
    if not isinstance(derivation, Derivation):
        raise ValueError(f"per_sample_delta needs a Derivation; got {type(derivation).__name__}")
    extra = derivation.direct.free_symbols - {z, y}
    if extra:
        raise ValueError(f"the derivation must depend only on z and y; it also uses {sorted(map(str, extra))}")
    f = sp.lambdify((z, y), derivation.direct, "numpy")

    def delta(z_values, y_values):
        z_arr = np.asarray(z_values, dtype=np.float64)
        y_arr = np.asarray(y_values, dtype=np.float64)
        if z_arr.shape != y_arr.shape:
            raise ValueError(f"z and y must have the same shape; got {z_arr.shape} and {y_arr.shape}")
        return np.asarray(f(z_arr, y_arr), dtype=np.float64) + np.zeros_like(z_arr)

    return delta
