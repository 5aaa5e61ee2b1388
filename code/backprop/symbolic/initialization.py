"""SymPy derivations of the variance argument behind Xavier and He initialization (chapter 9).

The argument has three steps. (1) For independent weights w_i with mean 0 and
independent inputs x_i, the weighted input z = Σ_{i=1}^{n} w_i x_i has
Var(z) = n Var(w) E[x²]; for zero-mean inputs E[x²] = Var(x). (2) Keeping
Var(z) the same from layer to layer needs n_in Var(w) = 1 forwards, and the same
argument for δ in BP2 needs n_out Var(w) = 1 backwards; Glorot and Bengio take
Var(w) = 2 / (n_in + n_out). (3) A ReLU passes on E[relu(z)²] = Var(z)/2 of a
symmetric z, so He et al. double the variance: Var(w) = 2 / n_in.
"""

from __future__ import annotations

import sympy as sp
from sympy.stats import E, Normal, P, Uniform, variance

from .._checks import whole_number
from . import Derivation, check, expression

__all__ = ["expectation", "glorot_variance", "he_variance", "relu_second_moment",
           "relu_slope_moment", "uniform_variance", "variance_conditions", "variance_of_weighted_sum"]


def expectation(expr, moments: dict) -> sp.Expr:
    """E[expr] of a polynomial in independent random symbols, from their moments.

    ``moments[v][k]`` is E[v^k]. Independence is what lets E of a product of
    different variables factor into the product of their moments.
    """
    if not isinstance(moments, dict) or not moments:
        raise ValueError("moments must map at least one random symbol v to its moments {k: E[v^k]}")
    for v, given in moments.items():
        if not isinstance(v, sp.Symbol) or not isinstance(given, dict):
            raise ValueError(f"moments must map SymPy symbols to dicts {{k: E[v^k]}}; got {v!r}: {given!r}")
    expr = sp.expand(expression(expr, "expr"))
    variables = list(moments)
    poly = sp.Poly(expr, *variables)
    total = sp.Integer(0)
    for powers, coeff in poly.terms():
        term = coeff
        for v, k in zip(variables, powers):
            if k == 0:
                continue
            if k not in moments[v]:
                raise ValueError(f"the moment E[{v}^{k}] is needed but not given")
            term *= moments[v][k]
        total += term
    return sp.simplify(total)


def variance_of_weighted_sum(n: int = 4) -> Derivation:
    """Var(Σ_{i=1}^{n} w_i x_i) = n Var(w) E[x²] for independent w_i (mean 0) and x_i (mean μ).

    With v_w = Var(w) and v_x = Var(x): E[x²] = v_x + μ², which is v_x for zero-mean inputs.
    """
    n = whole_number(n, "n")
    v_w, v_x = sp.symbols("v_w v_x", positive=True)
    mu = sp.Symbol("mu", real=True)
    w = sp.symbols(f"w1:{n + 1}", real=True)
    x = sp.symbols(f"x1:{n + 1}", real=True)
    moments = {**{wi: {1: 0, 2: v_w} for wi in w}, **{xi: {1: mu, 2: v_x + mu**2} for xi in x}}
    z = sum(wi * xi for wi, xi in zip(w, x))
    var_z = expectation(z**2, moments) - expectation(z, moments) ** 2
    return check(var_z, n * v_w * (v_x + mu**2))


def variance_conditions():
    """The two conditions on v = Var(w) that keep variances constant, solved for v.

    Forward: Var(z^l) = n_in v Var(a^{l−1}) stays put when n_in v = 1.
    Backward (BP2, σ′ ≈ 1): Var(δ^{l−1}) = n_out v Var(δ^l) stays put when n_out v = 1.
    Returns (v_forward, v_backward) = (1/n_in, 1/n_out).
    """
    n_in, n_out, v = sp.symbols("n_in n_out v", positive=True)
    (v_forward,) = sp.solve(sp.Eq(n_in * v, 1), v)
    (v_backward,) = sp.solve(sp.Eq(n_out * v, 1), v)
    return v_forward, v_backward


def glorot_variance() -> Derivation:
    """Glorot's compromise: Var(w) = 2 / (n_in + n_out), the harmonic mean of 1/n_in and 1/n_out.

    The harmonic mean is the v whose average gain (n_in + n_out)/2 · v equals 1.
    """
    n_in, n_out = sp.symbols("n_in n_out", positive=True)
    v_forward, v_backward = variance_conditions()
    harmonic = 2 / (1 / v_forward + 1 / v_backward)
    return check(sp.simplify(harmonic), 2 / (n_in + n_out))


def uniform_variance() -> Derivation:
    """Glorot and Bengio's uniform form: Var(U[−a, a]) with a = sqrt(6 / (n_in + n_out)) is 2 / (n_in + n_out).

    sympy.stats computes the variance from the uniform density; the stated value is
    equation (glorot), so the uniform and the normal form share one variance.
    """
    n_in, n_out = sp.symbols("n_in n_out", positive=True)
    a = sp.sqrt(6 / (n_in + n_out))
    return check(sp.simplify(variance(Uniform("w", -a, a))), 2 / (n_in + n_out))


def relu_second_moment() -> Derivation:
    """E[relu(z)²] = s²/2 for z ~ N(0, s²), computed by sympy.stats from the normal density."""
    s = sp.Symbol("s", positive=True)
    z = Normal("z", 0, s)
    direct = E(sp.Piecewise((z**2, z > 0), (0, True)))
    return check(sp.simplify(direct), s**2 / 2)


def relu_slope_moment() -> Derivation:
    """E[relu′(z)²] = P(z > 0) = 1/2 for z ~ N(0, s²): BP2 through a ReLU halves Var(δ) too."""
    s = sp.Symbol("s", positive=True)
    z = Normal("z", 0, s)
    return check(sp.simplify(P(z > 0)), sp.Rational(1, 2))


def he_variance() -> Derivation:
    """He: Var(z^l) = n_in v E[relu(z^{l−1})²] = n_in v s²/2 equals s² when v = 2 / n_in."""
    n_in, v = sp.symbols("n_in v", positive=True)
    s = sp.Symbol("s", positive=True)
    second_moment = relu_second_moment().direct  # s²/2, from the density
    (solution,) = sp.solve(sp.Eq(n_in * v * second_moment, s**2), v)
    return check(solution, 2 / n_in)
