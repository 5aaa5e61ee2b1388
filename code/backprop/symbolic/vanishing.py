"""SymPy facts behind vanishing gradients (chapter 8).

* σ′(z) = σ(z)(1 − σ(z)) is at most 1/4, reached only at z = 0, because
  1/4 − σ(1 − σ) = (σ − 1/2)² ≥ 0; tanh′ = 1 − tanh² is at most 1.
* In a chain with one sigmoid unit per layer, z^l = w^l σ(z^{l−1}) + b^l, BP2
  unrolls into a product: δ^1 = δ^L · Π_{l=2}^{L} w^l σ′(z^{l−1}), so
  |δ^1| ≤ |δ^L| · Π |w^l| / 4^{L−1}.

σ′ in a stated formula is always written σ(z)(1 − σ(z)), never as SymPy's own
derivative, so a formula cannot hold by construction.
"""

from __future__ import annotations

from typing import NamedTuple

import sympy as sp
from sympy.calculus.util import maximum

from .._checks import whole_number
from . import Derivation, check, sigmoid
from .deltas import compare, sigma_prime


def sigmoid_prime_max() -> Derivation:
    """max over real z of σ′(z), found by SymPy, against the book's value 1/4."""
    z = sp.Symbol("z", real=True)
    return check(maximum(sp.diff(sigmoid(z), z), z, sp.S.Reals), sp.Rational(1, 4))


def sigmoid_prime_argmax() -> list:
    """The solutions of σ″(z) = 0 over the reals: the only stationary point of σ′ is z = 0."""
    z = sp.Symbol("z", real=True)
    return sp.solve(sp.diff(sigmoid(z), z, 2), z)


def sigmoid_prime_gap() -> Derivation:
    """1/4 − σ(z)(1 − σ(z)) equals (σ(z) − 1/2)², a square, so σ′ ≤ 1/4 for every z."""
    z = sp.Symbol("z", real=True)
    s = sigmoid(z)
    return check(sp.Rational(1, 4) - sp.diff(s, z), (s - sp.Rational(1, 2)) ** 2)


def tanh_prime_max() -> Derivation:
    """max over real z of tanh′(z) = 1 − tanh²(z), found by SymPy, against the value 1."""
    z = sp.Symbol("z", real=True)
    return check(maximum(sp.diff(sp.tanh(z), z), z, sp.S.Reals), sp.Integer(1))


class Chain(NamedTuple):
    """A chain of L one-unit sigmoid layers, as SymPy expressions in z^1.

    ``w[l]`` and ``b[l]`` are the symbols w^l, b^l for l = 2 … L (index 0, 1 unused);
    ``z[l]`` is z^l as an expression in the free symbol ``z[1]``; ``y`` is the
    target and ``loss`` = ½ (σ(z^L) − y)².
    """

    w: list
    b: list
    z: list
    y: sp.Symbol
    loss: sp.Expr


def chain(n_layers: int = 3) -> Chain:
    """The chain z^1 → σ → z^2 = w^2 σ(z^1) + b^2 → … → a^L = σ(z^L), with squared error."""
    L = whole_number(n_layers, "n_layers (2 to 6: SymPy slows down beyond)", 2, 6)
    w = [None, None] + [sp.Symbol(f"w^{{{l}}}", real=True) for l in range(2, L + 1)]
    b = [None, None] + [sp.Symbol(f"b^{{{l}}}", real=True) for l in range(2, L + 1)]
    z = [None, sp.Symbol("z^{1}", real=True)]
    for l in range(2, L + 1):
        z.append(w[l] * sigmoid(z[l - 1]) + b[l])
    y = sp.Symbol("y", real=True)
    return Chain(w, b, z, y, (sigmoid(z[L]) - y) ** 2 / 2)


def chain_delta_formula(c: Chain, with_sigma_prime: bool = True) -> sp.Expr:
    """δ^L · Π_{l=2}^{L} w^l σ′(z^{l−1}), with δ^L = (σ(z^L) − y) σ′(z^L) (BP1, BP2 unrolled)."""
    if not isinstance(c, Chain):
        raise ValueError(f"c must be a Chain (from chain()); got {type(c).__name__}")
    if not isinstance(with_sigma_prime, bool):
        raise ValueError(f"with_sigma_prime must be True or False; got {with_sigma_prime!r}")
    L = len(c.z) - 1
    formula = (sigmoid(c.z[L]) - c.y) * sigma_prime(c.z[L])
    for l in range(2, L + 1):
        formula *= c.w[l] * (sigma_prime(c.z[l - 1]) if with_sigma_prime else 1)
    return formula


def chain_delta(n_layers: int = 3) -> Derivation:
    """δ^1 = ∂L/∂z^1 of a one-unit-per-layer sigmoid chain equals δ^L Π_{l=2}^{L} w^l σ′(z^{l−1})."""
    c = chain(n_layers)
    return compare(sp.diff(c.loss, c.z[1]), chain_delta_formula(c))
