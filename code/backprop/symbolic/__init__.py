"""SymPy derivations that the chapters run and the tests check.

Each derivation returns a :class:`Derivation`: the derivative SymPy computes
directly from the definition, the closed form the book states, and their
difference after simplification. The book's claim holds when that difference
is 0. This subpackage is the only part of ``backprop`` that imports SymPy.

One module per topic: ``activations`` (σ′, tanh′, tanh = 2σ(2z) − 1), ``losses`` (δ^L for each
loss), ``deltas`` (the four backpropagation equations).
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


# These need check and sigmoid above.
from .activations import sigmoid_prime, tanh_as_sigmoid, tanh_prime, tanh_prime_via_sigmoid  # noqa: E402
