"""SymPy derivations for a softmax output with the categorical cross-entropy (chapter 11).

One sample, K classes, written with explicit symbols z_1 … z_K and y_1 … y_K:

    a_i = e^{z_i} / Σ_k e^{z_k}                        (softmax)
    ℓ   = −Σ_k y_k ln a_k                               (cross-entropy of one sample)

    ∂a_i/∂z_j = a_i (δ_ij − a_j)                        (the softmax Jacobian; δ_ij = 1 if i = j else 0)
    ∂ℓ/∂z_j   = Σ_i (∂ℓ/∂a_i)(∂a_i/∂z_j) = a_j Σ_k y_k − y_j
              = a_j − y_j          when Σ_k y_k = 1     (the δ^L of ``backprop.output_delta``, times m)

Units are numbered from 1, as on the page. In a formula, a_i is always written
out as e^{z_i} / Σ_k e^{z_k}, never as SymPy's own derivative, so a formula
cannot hold by construction.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from .._checks import whole_number
from . import Derivation, expression

MAX_CLASSES = 6  # SymPy stays fast up to here; the algebra is the same for any K


def _classes(K) -> int:
    return whole_number(K, "K (the number of classes)", 2, MAX_CLASSES)


def _unit(j, K: int, name: str = "j") -> int:
    return whole_number(j, f"{name} (a class number)", 1, K)


def symbols(K: int = 3):
    """The column symbols (z, y), each a list of K real SymPy symbols z_1 … z_K, y_1 … y_K."""
    K = _classes(K)
    z = [sp.Symbol(f"z_{k}", real=True) for k in range(1, K + 1)]
    y = [sp.Symbol(f"y_{k}", real=True) for k in range(1, K + 1)]
    return z, y


def _expressions(values, name: str) -> list:
    if isinstance(values, (str, bytes, sp.Basic)) or not hasattr(values, "__iter__"):
        raise ValueError(f"{name} must be a list of SymPy expressions, one per class; got {values!r}")
    values = [expression(v, f"{name}[{i}]") for i, v in enumerate(values)]
    if not values:
        raise ValueError(f"{name} must hold at least one class")
    return values


def softmax(z):
    """a_i = e^{z_i} / Σ_k e^{z_k} for a list of K SymPy expressions z; returns a list of K expressions."""
    z = _expressions(z, "z")
    total = sum(sp.exp(zk) for zk in z)
    return [sp.exp(zi) / total for zi in z]


def cross_entropy(a, y):
    """ℓ = −Σ_k y_k ln a_k, one sample's categorical cross-entropy (SymPy's log is the natural logarithm)."""
    a, y = _expressions(a, "a"), _expressions(y, "y")
    if len(a) != len(y):
        raise ValueError(f"a and y must hold one entry per class each; got {len(a)} and {len(y)}")
    return -sum(yk * sp.log(ak) for yk, ak in zip(y, a))


def compare(direct, formula) -> Derivation:
    """Derivation of direct against formula; the difference is put over one denominator and expanded.

    Every denominator here is a power of Σ_k e^{z_k} > 0, so the difference is
    identically 0 exactly when its expanded numerator is.
    """
    direct, formula = expression(direct, "direct"), expression(formula, "formula")
    difference = sp.together(sp.expand_log(direct - formula, force=True))
    numerator, denominator = difference.as_numer_denom()
    numerator = sp.expand(numerator)
    return Derivation(direct, formula, sp.Integer(0) if numerator == 0 else sp.simplify(numerator / denominator))


def softmax_jacobian(K: int = 3, i: int = 1, j: int = 1) -> Derivation:
    """∂a_i/∂z_j by SymPy against the stated a_i (δ_ij − a_j)."""
    K = _classes(K)
    i, j = _unit(i, K, "i"), _unit(j, K, "j")
    z, _ = symbols(K)
    a = softmax(z)
    kronecker = 1 if i == j else 0
    return compare(sp.diff(a[i - 1], z[j - 1]), a[i - 1] * (kronecker - a[j - 1]))


def jacobian_formula(K: int = 3) -> sp.Matrix:
    """The K×K matrix a_i (δ_ij − a_j) in the symbols a_1 … a_K, for display: diag(a) − a aᵀ."""
    K = _classes(K)
    a = [sp.Symbol(f"a_{k}", positive=True) for k in range(1, K + 1)]
    return sp.Matrix(K, K, lambda r, c: a[r] * ((1 if r == c else 0) - a[c]))


def ce_delta(K: int = 3, j: int = 1, normalized: bool = True) -> Derivation:
    """∂ℓ/∂z_j by SymPy against the stated a_j − y_j.

    With ``normalized=True`` the targets obey Σ_k y_k = 1 (y_K is replaced by
    1 − y_1 − … − y_{K−1}), as a one-hot row does; then the formula holds. With
    ``normalized=False`` the y_k are free and the difference a_j(Σ_k y_k − 1) remains.
    """
    K = _classes(K)
    j = _unit(j, K)
    if not isinstance(normalized, bool):
        raise ValueError(f"normalized must be True or False; got {normalized!r}")
    z, y = symbols(K)
    if normalized:
        y = y[:-1] + [1 - sum(y[:-1])]
    a = softmax(z)
    return compare(sp.diff(cross_entropy(a, y), z[j - 1]), a[j - 1] - y[j - 1])


def ce_delta_by_chain(K: int = 3, j: int = 1) -> Derivation:
    """The chain rule Σ_i (∂ℓ/∂a_i)(∂a_i/∂z_j) with ∂ℓ/∂a_i = −y_i/a_i and the stated Jacobian, against a_j − y_j (Σ y_k = 1)."""
    K = _classes(K)
    j = _unit(j, K)
    z, y = symbols(K)
    y = y[:-1] + [1 - sum(y[:-1])]
    a = softmax(z)
    chain = sum((-y[i] / a[i]) * a[i] * ((1 if i == j - 1 else 0) - a[j - 1]) for i in range(K))
    return compare(chain, a[j - 1] - y[j - 1])


def ce_delta_function(K: int = 3):
    """A numpy function delta(z, y) → (m, K) of SymPy's direct ∂ℓ/∂z (free y), for z, y of shape (m, K)."""
    K = _classes(K)
    z, y = symbols(K)
    loss = cross_entropy(softmax(z), y)
    f = sp.lambdify((z, y), [sp.diff(loss, zj) for zj in z], "numpy")

    def delta(z_values, y_values):
        z_arr = np.asarray(z_values, dtype=np.float64)
        y_arr = np.asarray(y_values, dtype=np.float64)
        if z_arr.ndim != 2 or z_arr.shape[1] != K or z_arr.shape != y_arr.shape:
            raise ValueError(f"z and y must both have shape (m, {K}); got {z_arr.shape} and {y_arr.shape}")
        return np.column_stack(f(z_arr.T, y_arr.T))

    return delta
