"""SymPy derivations behind momentum and Adam (chapter 10).

* Gradient descent on f(θ) = ½ λ θ² multiplies θ by (1 − ηλ) each step, so it
  converges exactly when 0 < η < 2/λ.
* Heavy-ball momentum, v ← β v + g, θ ← θ − η v, obeys on the same quadratic the
  recurrence θ_{t+1} = (1 + β − ηλ) θ_t − β θ_{t−1}; its characteristic roots leave
  the unit circle through r = −1, at η = 2(1 + β)/λ.
* With a constant gradient g, v_t = Σ_{k<t} β^k g = g (1 − β^t)/(1 − β) → g/(1 − β):
  momentum's steady step is η g/(1 − β).
* Adam's running mean m_t = β₁ m_{t−1} + (1 − β₁) g_t started at m_0 = 0 equals
  (1 − β₁^t) g for a constant g; dividing by 1 − β₁^t (the bias correction)
  gives back g exactly.
* The loss levels where 2-2-1 XOR runs get stuck: if some outputs are exactly right
  and the other k share one value c, the squared-error loss ℒ = (1/2m) Σ (a − y)² is
  smallest at c = p, the mean of their targets, where it is k p (1 − p) / (2m):
  1/16 for two tied outputs with targets 0 and 1, 1/12 for three with targets 1, 1, 0.
"""

from __future__ import annotations

import sympy as sp

from .._checks import whole_number
from . import Derivation, check

__all__ = ["adam_bias_correction", "adam_unrolled_mean", "gd_stability_bound",
           "momentum_stability_bound", "momentum_steady_state", "momentum_velocity", "tied_output_loss"]

eta, lam, g = sp.symbols("eta lambda g", positive=True)
beta = sp.Symbol("beta", positive=True)
t = sp.Symbol("t", integer=True, positive=True)
k = sp.Symbol("k", integer=True, nonnegative=True)


def _generic_branch(expr):
    """The β ≠ 1 branch of a Piecewise that sympy.summation returns for a geometric series."""
    expr = sp.piecewise_fold(expr)
    return expr.args[-1][0] if isinstance(expr, sp.Piecewise) else expr


def gd_stability_bound() -> Derivation:
    """The largest η for which θ ← θ − η f′(θ) converges on f = ½ λ θ²: direct from |1 − ηλ| < 1, formula 2/λ."""
    theta = sp.Symbol("theta", real=True)
    f = lam * theta**2 / 2
    factor = sp.simplify((theta - eta * sp.diff(f, theta)) / theta)   # 1 − ηλ
    region = sp.solve_univariate_inequality(sp.Abs(factor) < 1, eta, relational=False)
    return check(region.sup, 2 / lam)


def momentum_stability_bound() -> Derivation:
    """The largest η for heavy-ball momentum on f = ½ λ θ²: the root r = −1 of r² − (1 + β − ηλ) r + β, formula 2(1 + β)/λ."""
    r = sp.Symbol("r")
    char_poly = r**2 - (1 + beta - eta * lam) * r + beta
    (eta_max,) = sp.solve(char_poly.subs(r, -1), eta)
    return check(eta_max, 2 * (1 + beta) / lam)


def momentum_velocity() -> Derivation:
    """v_t = Σ_{k=0}^{t−1} β^k g for a constant gradient g, summed by SymPy; formula g (1 − β^t)/(1 − β)."""
    direct = _generic_branch(sp.summation(beta**k * g, (k, 0, t - 1)))
    return check(direct, g * (1 - beta**t) / (1 - beta))


def momentum_steady_state() -> Derivation:
    """The step η v_t as t → ∞ for 0 < β < 1 and a constant gradient: formula η g/(1 − β)."""
    b = sp.Symbol("b", positive=True)  # β written as 1/(1 + b) with b > 0, so that 0 < β < 1 is built in
    v_t = g * (1 - (1 / (1 + b))**t) / (1 - 1 / (1 + b))
    direct = sp.limit(eta * v_t, t, sp.oo)
    return check(sp.simplify(direct.subs(b, 1 / beta - 1)), eta * g / (1 - beta))


def adam_unrolled_mean(steps: int = 5) -> Derivation:
    """m_t from the recursion m ← β₁ m + (1 − β₁) g with m_0 = 0, run ``steps`` times on a constant g; formula (1 − β₁^t) g."""
    steps = whole_number(steps, "steps")
    beta1 = sp.Symbol("beta_1", positive=True)
    m = sp.Integer(0)
    for _ in range(steps):
        m = beta1 * m + (1 - beta1) * g
    return check(m, (1 - beta1**steps) * g)


def adam_bias_correction() -> Derivation:
    """m̂_t = m_t / (1 − β₁^t) for a constant g, with m_t = (1 − β₁) Σ_{k=0}^{t−1} β₁^k g summed by SymPy; formula g."""
    beta1 = sp.Symbol("beta_1", positive=True)
    m_t = (1 - beta1) * sp.summation(beta1**k * g, (k, 0, t - 1))
    return check(sp.simplify(_generic_branch(m_t / (1 - beta1**t))), g)


def tied_output_loss(tied_targets, m: int = 4) -> Derivation:
    """The lowest ℒ = (1/2m) Σ (a − y)² when the outputs for ``tied_targets`` share one value c and all
    other outputs are exact: minimised over c by SymPy (dℒ/dc = 0); formula k p (1 − p)/(2m), p their mean.
    """
    if isinstance(tied_targets, (str, bytes)) or not hasattr(tied_targets, "__iter__"):
        raise ValueError(f"tied_targets must list 0/1 targets, at least one; got {tied_targets!r}")
    targets = list(tied_targets)
    if not targets or any(isinstance(y, bool) or y not in (0, 1) for y in targets):
        raise ValueError(f"tied_targets must list 0/1 targets, at least one; got {tied_targets!r}")
    targets = [sp.Integer(int(y)) for y in targets]
    m = whole_number(m, "m (at least the number of tied outputs)", len(targets))
    c = sp.Symbol("c", real=True)
    loss = sum((c - y)**2 for y in targets) / (2 * m)
    (c_best,) = sp.solve(sp.diff(loss, c), c)
    p_mean = sp.Rational(sum(targets), len(targets))
    return check(loss.subs(c, c_best), len(targets) * p_mean * (1 - p_mean) / (2 * m))
