"""SymPy derivations of the activation functions' derivatives (chapter 1)."""

from __future__ import annotations

import sympy as sp

from . import Derivation, check, sigmoid


def sigmoid_prime() -> Derivation:
    """σ′(z) = σ(z)(1 − σ(z)), derived from σ(z) = 1/(1 + e^{−z})."""
    z = sp.Symbol("z", real=True)
    s = sigmoid(z)
    return check(sp.diff(s, z), s * (1 - s))


def tanh_prime() -> Derivation:
    """tanh′(z) = 1 − tanh²(z)."""
    z = sp.Symbol("z", real=True)
    return check(sp.diff(sp.tanh(z), z), 1 - sp.tanh(z) ** 2)
