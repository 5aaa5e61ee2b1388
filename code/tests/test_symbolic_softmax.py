"""Softmax with categorical cross-entropy (chapter 11): SymPy against the stated formulas."""
import numpy as np
import pytest
import sympy as sp

import backprop as bp
from backprop import symbolic
from backprop.symbolic import softmax as sym


@pytest.mark.parametrize("K", [2, 3, 4])
def test_ce_delta_is_a_minus_y_for_every_class(K):
    for j in range(1, K + 1):
        d = sym.ce_delta(K, j)
        assert isinstance(d, symbolic.Derivation)
        assert d.holds, (K, j, d.difference)


@pytest.mark.parametrize("K", [2, 3])
def test_softmax_jacobian_entry_by_entry(K):
    for i in range(1, K + 1):
        for j in range(1, K + 1):
            assert sym.softmax_jacobian(K, i, j).holds, (i, j)


def test_chain_rule_route_gives_the_same_delta():
    assert all(sym.ce_delta_by_chain(3, j).holds for j in (1, 2, 3))


def test_without_normalized_targets_the_formula_fails_by_a_times_excess():
    d = sym.ce_delta(3, 2, normalized=False)
    assert not d.holds
    z, y = sym.symbols(3)
    a2 = sym.softmax(z)[1]
    assert sp.simplify(d.difference - a2 * (sum(y) - 1)) == 0


def test_wrong_formulas_are_caught():
    z, y = sym.symbols(3)
    a = sym.softmax(z)
    yn = y[:-1] + [1 - sum(y[:-1])]
    direct = sp.diff(sym.cross_entropy(a, yn), z[0])
    # a classic slip: multiplying by the diagonal σ′-like factor a(1 − a)
    assert not sym.compare(direct, (a[0] - y[0]) * a[0] * (1 - a[0])).holds
    assert not sym.compare(direct, y[0] - a[0]).holds               # sign flipped
    # Jacobian off the diagonal written as if softmax were elementwise
    assert not sym.compare(sp.diff(a[0], z[1]), sp.Integer(0)).holds
    assert not sym.compare(sp.diff(a[0], z[1]), a[0] * (1 - a[1])).holds


def test_stated_formulas_are_not_sympy_derivatives():
    d = sym.ce_delta(3, 1)
    assert not d.formula.has(sp.Derivative)
    assert d.direct != d.formula          # the check compares two different expressions


def test_jacobian_formula_is_diag_minus_outer():
    J = sym.jacobian_formula(3)
    a = sp.Matrix([sp.Symbol(f"a_{k}", positive=True) for k in (1, 2, 3)])
    assert sp.simplify(J - (sp.diag(*a) - a * a.T)) == sp.zeros(3, 3)


def test_delta_function_matches_the_package_and_finite_differences():
    rng = np.random.default_rng(0)
    m, K = 6, 4
    z = rng.normal(size=(m, K))
    y = np.eye(K)[rng.integers(0, K, m)]
    delta = sym.ce_delta_function(K)(z, y)
    package = bp.output_delta(bp.get_loss("ce"), bp.get_output_activation("softmax"), z, bp.softmax(z), y)
    assert np.allclose(delta, m * package, atol=1e-12)
    eps = 1e-6
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric[idx] = m * (bp.ce_from_logits(up, y) - bp.ce_from_logits(down, y)) / (2 * eps)
    assert np.allclose(delta, numeric, atol=1e-6)


@pytest.mark.parametrize("K", [1, 7, 2.5, True, "3", None])
def test_bad_number_of_classes(K):
    with pytest.raises(ValueError, match="K"):
        sym.ce_delta(K)


@pytest.mark.parametrize("j", [0, 4, -1, 1.0, True])
def test_bad_class_number(j):
    with pytest.raises(ValueError, match="class number"):
        sym.ce_delta(3, j)
    with pytest.raises(ValueError, match="class number"):
        sym.softmax_jacobian(3, 1, j)


def test_delta_function_rejects_bad_shapes():
    f = sym.ce_delta_function(3)
    with pytest.raises(ValueError, match="shape"):
        f(np.zeros((2, 3)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="shape"):
        f(np.zeros(3), np.zeros(3))
