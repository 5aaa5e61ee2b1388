"""SymPy derivations that the chapters run and the tests check.

Each derivation returns a :class:`Derivation`: the derivative SymPy computes
directly from the definition, the closed form the book states, and their
difference after simplification. The book's claim holds when that difference
is 0. This subpackage is the only part of ``backprop`` that imports SymPy.

One module per topic: ``activations`` (σ′, tanh′, tanh = 2σ(2z) − 1), ``losses`` (δ^L for each
loss), ``deltas`` (the four backpropagation equations).
"""

from __future__ import annotations

import numbers
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


def expression(value, name: str) -> sp.Expr:
    """``value`` as a SymPy expression (a number is one too); a ValueError naming ``name`` otherwise.

    Strings are refused: SymPy would parse them with ``eval``.
    """
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return sp.sympify(value)
    raise ValueError(f"{name} must be a SymPy expression or a number; got {type(value).__name__}")


def check(direct, formula) -> Derivation:
    """Compare a direct derivative with a stated formula."""
    direct, formula = expression(direct, "direct"), expression(formula, "formula")
    return Derivation(direct, formula, sp.simplify(direct - formula))


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{−z}) as a SymPy expression."""
    return 1 / (1 + sp.exp(-z))


# These need check and sigmoid above.
from .activations import sigmoid_prime, tanh_as_sigmoid, tanh_prime, tanh_prime_via_sigmoid  # noqa: E402
