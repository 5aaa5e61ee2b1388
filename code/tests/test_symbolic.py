import numpy as np
import sympy as sp

import backprop as bp
from backprop import symbolic


def test_sigmoid_prime_derivation_holds_and_matches_numpy():
    d = symbolic.sigmoid_prime()
    assert d.holds
    (z,) = d.direct.free_symbols
    f = sp.lambdify(z, d.direct, "numpy")
    grid = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(f(grid), bp.sigmoid_prime(grid), rtol=1e-12)


def test_tanh_prime_derivation_holds():
    assert symbolic.tanh_prime().holds


def test_a_wrong_formula_is_caught():
    # A classic slip: writing σ′ as σ(z)(1 + σ(z)).
    z = sp.Symbol("z", real=True)
    s = symbolic.sigmoid(z)
    assert not symbolic.check(sp.diff(s, z), s * (1 + s)).holds


def test_tanh_is_a_stretched_sigmoid_and_its_derivative_follows():
    assert symbolic.tanh_as_sigmoid().holds
    assert symbolic.tanh_prime_via_sigmoid().holds
    z = sp.Symbol("z", real=True)
    # A slip the identity must not accept: σ(2z) without the stretch to (−1, 1).
    assert not symbolic.check(sp.tanh(z).rewrite(sp.exp), symbolic.sigmoid(2 * z)).holds
