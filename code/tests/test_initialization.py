"""Tests of backprop.chapters.ch09_initialization and backprop.symbolic.initialization (chapter 9)."""

import numpy as np
import pytest
import sympy as sp
from sympy.stats import E as expect
from sympy.stats import Normal

import backprop as bp
from backprop.chapters import ch09_initialization as init
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
    assert set(s) == {"n_solved", "n", "solved", "median_epochs", "diverged"}
    assert s["n"] == 3 and s["solved"] == s["n_solved"] / 3
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
    panels = {"2-3-1, ReLU": results["relu"], "2-3-1, tanh": results["relu"]}
    for lang in ("en", "zh"):
        fig = init.solved_by_epoch_figure(panels, lang)
        assert len(fig.axes) == 2
    with pytest.raises(ValueError):
        init.solved_by_epoch_figure({}, "en")


def test_scheme_table_gives_intervals_and_marks_few_runs():
    X, Y = bp.xor()
    results = init.xor_by_scheme([2, 4, 1], "tanh", 5, 300, 0.5, X, Y, schemes=("he",))
    k = int(results["he"].solved.sum())
    table = init.scheme_table({"2-4-1": results}, "en")
    assert f"({k}/5; 95% CI" in table
    assert ("†" in table) == (k > 0)  # fewer than FEW_RUNS solved seeds: the median is marked
    assert "置信区间" in init.scheme_table({"2-4-1": results}, "zh")


def test_solved_by_epoch_ends_at_the_fraction_solved():
    X, Y = bp.xor()
    r = init.xor_by_scheme([2, 4, 1], "tanh", 6, 200, 0.5, X, Y, schemes=("xavier",))["xavier"]
    curve = init.solved_by_epoch(r, np.arange(201))
    assert np.all(np.diff(curve) >= 0)
    assert curve[-1] == r.solved.mean()
    assert curve[0] == 0.0 or r.solved_epoch.min() == 0


def test_dead_layer_and_initial_output_range():
    X, Y = bp.xor()
    r = init.xor_by_scheme([2, 3, 3, 1], "relu", 2, 3, 0.1, X, Y, schemes=("he",))["he"]
    r.weights[1][0][:] = 0.0  # kill the second hidden layer of network 0: z = b = 0 everywhere
    r.biases[1][0][:] = -1.0
    assert init.dead_layer(r, 0, X) == 2
    ranges = init.initial_output_range([2, 16, 16, 16, 1], "tanh", "small", range(3), X)
    assert ranges.shape == (3,)
    assert np.all(ranges < np.median(init.initial_output_range([2, 16, 16, 16, 1], "tanh", "he", range(3), X)))


def test_uniform_form_and_scikit_learn():
    u = sym.uniform_variance()
    assert u.holds and sp.simplify(u.difference) == 0
    a = init.uniform_bound(64, 32)
    assert np.isclose(a**2 / 3, bp.init_std("xavier", 64, 32) ** 2)
    for act, factor in (("tanh", 6.0), ("relu", 6.0), ("logistic", 2.0)):
        W, b = init.sklearn_initial_parameters(act, 64, 32, seed=1)
        bound = init.uniform_bound(64, 32, factor)
        assert W.shape == (64, 32) and b.shape == (32,)
        assert np.abs(W).max() <= bound and np.abs(W).max() > 0.98 * bound
        assert np.abs(b).max() <= bound
    with pytest.raises(ValueError, match="factor"):
        init.uniform_bound(3, 4, 0)


def test_variance_profile_counts_saturated_slopes():
    normal = init.variance_profile("tanh", "normal", width=50, depth=4)
    small = init.variance_profile("tanh", "small", width=50, depth=4)
    assert normal.saturated.shape == (4,)
    assert np.all(normal.saturated > 0.5) and np.all(small.saturated == 0)
