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


def tanh_as_sigmoid() -> Derivation:
    """tanh(z) = 2σ(2z) − 1: tanh is the sigmoid stretched to (−1, 1) (chapter 1, exercise 3).

    ``direct`` is tanh written with exponentials, ``formula`` the sigmoid form.
    """
    z = sp.Symbol("z", real=True)
    return check(sp.tanh(z).rewrite(sp.exp), 2 * sigmoid(2 * z) - 1)


def tanh_prime_via_sigmoid() -> Derivation:
    """d/dz [2σ(2z) − 1] = 1 − tanh²(z): tanh′ from σ′ (chapter 1, exercise 3)."""
    z = sp.Symbol("z", real=True)
    return check(sp.diff(2 * sigmoid(2 * z) - 1, z), 1 - sp.tanh(z) ** 2)
