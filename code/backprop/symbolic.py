"""SymPy derivations that the chapters run and the tests check.

Each derivation returns a :class:`Derivation`: the derivative SymPy computes
directly from the definition, the closed form the book states, and their
difference after simplification. The book's claim holds when that difference
is 0. This is the only module that imports SymPy.
"""

from __future__ import annotations

from typing import NamedTuple

import sympy as sp


class Derivation(NamedTuple):
    """A derivative computed by SymPy next to the formula the book states."""

    direct: sp.Expr      # differentiated by SymPy from the definition
    formula: sp.Expr     # what the book writes
    difference: sp.Expr  # simplify(direct − formula)

    @property
    def holds(self) -> bool:
        """True when the stated formula equals the direct derivative identically."""
        return self.difference == 0


def check(direct, formula) -> Derivation:
    """Compare a direct derivative with a stated formula."""
    return Derivation(direct, formula, sp.simplify(direct - formula))


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{−z}) as a SymPy expression."""
    return 1 / (1 + sp.exp(-z))


def sigmoid_prime() -> Derivation:
    """σ′(z) = σ(z)(1 − σ(z)), derived from σ(z) = 1/(1 + e^{−z})."""
    z = sp.Symbol("z", real=True)
    s = sigmoid(z)
    return check(sp.diff(s, z), s * (1 - s))


def tanh_prime() -> Derivation:
    """tanh′(z) = 1 − tanh²(z)."""
    z = sp.Symbol("z", real=True)
    return check(sp.diff(sp.tanh(z), z), 1 - sp.tanh(z) ** 2)
