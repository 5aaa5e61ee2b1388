"""Tests of backprop.initialization and backprop.symbolic.initialization (chapter 9)."""

import numpy as np
import pytest
import sympy as sp
from sympy.stats import E as expect
from sympy.stats import Normal

import backprop as bp
from backprop import initialization as init
from backprop import symbolic
from backprop.symbolic import initialization as sym


# ----- the symbolic variance argument -----------------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 5])
def test_variance_of_weighted_sum_holds(n):
    d = sym.variance_of_weighted_sum(n)
    assert d.holds
    assert {str(s) for s in d.direct.free_symbols} == {"v_w", "v_x", "mu"}


def test_variance_of_weighted_sum_matches_sympy_stats():
    # An independent oracle: sympy.stats with normal weights and normal, non-centred inputs.
    w = [Normal(f"w{i}", 0, 2) for i in range(2)]
    x = [Normal(f"x{i}", 1, 3) for i in range(2)]
    z = w[0] * x[0] + w[1] * x[1]
    exact = sp.simplify(expect(z**2) - expect(z) ** 2)
    d = sym.variance_of_weighted_sum(2)
    values = {s: {"v_w": 4, "v_x": 9, "mu": 1}[str(s)] for s in d.formula.free_symbols}
    assert exact == d.direct.subs(values) == 2 * 4 * (9 + 1)


def test_a_wrong_variance_formula_is_caught():
    # The slip of forgetting the mean: n Var(w) Var(x) instead of n Var(w) E[x²].
    d = sym.variance_of_weighted_sum(3)
    syms = {str(s): s for s in d.formula.free_symbols}
    wrong = 3 * syms["v_w"] * syms["v_x"]
    assert not symbolic.check(d.direct, wrong).holds


def test_variance_conditions_and_glorot():
    v_forward, v_backward = sym.variance_conditions()
    n_in, n_out = sp.symbols("n_in n_out", positive=True)
    assert sp.simplify(v_forward - 1 / n_in) == 0
    assert sp.simplify(v_backward - 1 / n_out) == 0
    d = sym.glorot_variance()
    assert d.holds
    assert not symbolic.check(d.direct, 1 / (n_in + n_out)).holds


def test_relu_moments_and_he():
    d = sym.relu_second_moment()
    assert d.holds
    (s,) = d.formula.free_symbols
    assert not symbolic.check(d.direct, s**2).holds  # forgetting the half
    assert sym.relu_slope_moment().holds
    he = sym.he_variance()
    assert he.holds
    (n_in,) = he.formula.free_symbols
    assert not symbolic.check(he.direct, 1 / n_in).holds


def test_relu_second_moment_numerically():
    z = np.random.default_rng(0).normal(0.0, 1.7, size=400_000)
    d = sym.relu_second_moment()
    (s,) = d.direct.free_symbols
    assert np.mean(bp.relu(z) ** 2) == pytest.approx(float(d.direct.subs(s, 1.7)), rel=0.01)


def test_symbolic_formulas_match_init_std():
    n_in, n_out = 30, 70
    g = sym.glorot_variance().direct
    values = {s: {"n_in": n_in, "n_out": n_out}[str(s)] for s in g.free_symbols}
    assert float(g.subs(values)) == pytest.approx(bp.init_std("xavier", n_in, n_out) ** 2)
    h = sym.he_variance().direct
    (n,) = h.free_symbols
    assert float(h.subs(n, n_in)) == pytest.approx(bp.init_std("he", n_in, n_out) ** 2)


def test_expectation_needs_the_moments():
    x = sp.Symbol("x")
    with pytest.raises(ValueError, match="moment"):
        sym.expectation(x**3, {x: {1: 0, 2: 1}})
    with pytest.raises(ValueError, match="at least one"):
        sym.expectation(x, {})
    with pytest.raises(ValueError, match="whole number"):
        sym.variance_of_weighted_sum(0)


# ----- the numerical variance profile ------------------------------------------------------
def test_one_layer_prediction_matches_measurement():
    for act in ("tanh", "relu"):
        for scheme in ("xavier", "he", "small"):
            p = init.variance_profile(act, scheme, width=100, depth=8, n_samples=256)
            np.testing.assert_allclose(p.var_z / p.predicted_var_z, 1.0, atol=0.3)
            np.testing.assert_allclose(p.var_delta / p.predicted_var_delta, 1.0, atol=0.3)


def test_he_keeps_relu_variance_and_xavier_halves_it():
    he = init.variance_profile("relu", "he", width=100, depth=20)
    xavier = init.variance_profile("relu", "xavier", width=100, depth=20)
    assert 0.2 < he.var_z[-1] / he.var_z[0] < 5
    assert 0.2 < he.var_delta[0] / he.var_delta[-1] < 5
    per_layer = (xavier.var_z[-1] / xavier.var_z[0]) ** (1 / 19)
    assert per_layer == pytest.approx(0.5, abs=0.1)


def test_normal_explodes_relu_and_small_vanishes():
    assert init.variance_profile("relu", "normal", depth=10).var_z[-1] > 1e10
    assert init.variance_profile("tanh", "small", depth=10).var_z[-1] < 1e-4


def test_variance_profile_bad_input():
    with pytest.raises(ValueError, match="scheme"):
        init.variance_profile("tanh", "lecun")
    with pytest.raises(ValueError, match="activation"):
        init.variance_profile("softplus", "he")
    with pytest.raises(ValueError, match="width"):
        init.variance_profile("tanh", "he", width=0)
    with pytest.raises(ValueError, match="n_samples"):
        init.variance_profile("tanh", "he", n_samples=1)


# ----- training by scheme ------------------------------------------------------------------
def test_xor_by_scheme_agrees_with_mlp_fit():
    X, Y = bp.xor()
    results = init.xor_by_scheme([2, 4, 4, 1], "relu", 3, 30, 0.1, X, Y, schemes=("he",))
    net = bp.MLP([2, 4, 4, 1], "relu", "sigmoid", "bce", "he", 1.0, seed=2)
    losses = net.fit(X, Y, 0.1, 30)
    np.testing.assert_allclose(results["he"].losses[2], losses, rtol=1e-10)
    s = init.scheme_summary(results["he"])
    assert set(s) == {"solved", "median_epochs", "diverged"}
    assert init.median_loss_curve(results["he"]).shape == (30,)


def test_summary_table_and_figures():
    X, Y = bp.xor()
    results = {"relu": init.xor_by_scheme([2, 3, 1], "relu", 2, 5, 0.1, X, Y)}
    table = init.scheme_table({"2-3-1": results["relu"]}, "zh")
    assert table.count("\n") == 2 + len(init.SCHEMES) - 1
    fig = init.xor_curves_figure(results, "en")
    assert len(fig.axes) == 1
    profiles = [init.variance_profile(a, s, width=10, depth=3) for a in ("tanh", "relu") for s in init.SCHEMES]
    assert len(init.variance_figure(profiles, "zh").axes) == 4
    with pytest.raises(ValueError):
        init.variance_figure([], "en")
    with pytest.raises(ValueError):
        init.scheme_summary("not a result")
    with pytest.raises(ValueError, match="n_seeds"):
        init.xor_by_scheme([2, 3, 1], "relu", 0, 5, 0.1, X, Y)
