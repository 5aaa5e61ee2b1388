"""SymPy facts of chapter 8: σ′ ≤ 1/4, tanh′ ≤ 1, and BP2 unrolled along a chain (backprop.symbolic.vanishing)."""
import numpy as np
import pytest
import sympy as sp

import backprop as bp
from backprop.chapters import ch08_vanishing as V
from backprop.symbolic import vanishing as S
from backprop.symbolic.deltas import compare


def test_sigmoid_prime_is_at_most_a_quarter_at_zero():
    d = S.sigmoid_prime_max()
    assert d.holds and d.direct == sp.Rational(1, 4)
    assert S.sigmoid_prime_argmax() == [0]
    assert S.sigmoid_prime_gap().holds
    assert not S.check(S.sigmoid_prime_max().direct, sp.Rational(1, 2)).holds   # a wrong bound fails


def test_tanh_prime_is_at_most_one():
    d = S.tanh_prime_max()
    assert d.holds and d.direct == 1
    assert not S.check(d.direct, sp.Rational(1, 4)).holds


def test_numpy_slopes_respect_the_symbolic_bounds():
    z = np.linspace(-8, 8, 1601)
    assert bp.sigmoid_prime(z).max() == pytest.approx(float(S.sigmoid_prime_max().direct))
    assert bp.tanh_prime(z).max() == pytest.approx(float(S.tanh_prime_max().direct))


@pytest.mark.parametrize("n_layers", [2, 3, 4, 5])
def test_chain_delta_is_the_product_of_w_sigma_prime(n_layers):
    assert S.chain_delta(n_layers).holds


def test_chain_delta_without_sigma_prime_does_not_hold():
    c = S.chain(3)
    assert not compare(sp.diff(c.loss, c.z[1]), S.chain_delta_formula(c, with_sigma_prime=False)).holds


def test_chain_formula_matches_a_one_unit_mlp():
    net = bp.MLP([1, 1, 1, 1, 1], activation="sigmoid", loss="mse", seed=5)
    x, y = np.array([[0.3]]), np.array([[0.9]])
    ds, _ = V.deltas(net, x, y)
    c = S.chain(4)
    z1 = float(net.forward_trace(x)[0][0][0, 0])
    values = {c.z[1]: z1, c.y: 0.9}
    for l in range(2, 5):
        values[c.w[l]] = float(net.weights[l - 1][0, 0])
        values[c.b[l]] = float(net.biases[l - 1][0])
    exact = float(S.chain_delta_formula(c).subs(values))
    assert ds[0][0, 0] == pytest.approx(exact, rel=1e-10)            # MSE divides by m = 1
    bound = abs(float(ds[-1][0, 0])) * np.prod([abs(values[c.w[l]]) for l in range(2, 5)]) / 4 ** 3
    assert abs(ds[0][0, 0]) <= bound


@pytest.mark.parametrize("bad", [1, 7, 2.0, True, "3"])
def test_chain_refuses_bad_depths(bad):
    with pytest.raises(ValueError, match="n_layers"):
        S.chain(bad)
