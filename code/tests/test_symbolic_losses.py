import numpy as np
import pytest
import sympy as sp

import backprop as bp
from backprop import symbolic
from backprop.symbolic import losses as sym

rng = np.random.default_rng(0)
Z = rng.uniform(-4, 4, size=(6, 2))
Y = rng.integers(0, 2, size=(6, 2)).astype(float)


@pytest.mark.parametrize("derive", [sym.mse_output_delta, sym.bce_output_delta])
def test_derivations_hold(derive):
    d = derive()
    assert isinstance(d, symbolic.Derivation)
    assert d.holds


def test_mse_formula_really_contains_sigma_prime():
    # The stated MSE formula must not be a copy of the direct derivative.
    d = sym.mse_output_delta()
    assert d.formula.has(sp.exp)
    assert not symbolic.check(d.direct, sym.sigmoid(sym.z) - sym.y).holds  # MSE δ is not a − y


def test_wrong_bce_delta_is_caught():
    # A classic slip: keeping σ′(z) in the BCE output error.
    a = symbolic.sigmoid(sym.z)
    direct = sp.diff(sym.bce_per_sample(a, sym.y), sym.z)
    assert not symbolic.check(direct, (a - sym.y) * a * (1 - a)).holds


def test_wrong_mse_delta_is_caught():
    # Forgetting the ½ doubles the derivative.
    a = symbolic.sigmoid(sym.z)
    direct = sp.diff((a - sym.y) ** 2, sym.z)
    assert not symbolic.check(direct, (a - sym.y) * a * (1 - a)).holds


@pytest.mark.parametrize("name, derive", [("mse", sym.mse_output_delta), ("bce", sym.bce_output_delta)])
def test_symbolic_delta_is_package_delta_times_m(name, derive):
    delta = sym.per_sample_delta(derive())
    m = Z.shape[0]
    batch = bp.output_delta(bp.get_loss(name), bp.get_activation("sigmoid"), Z, bp.sigmoid(Z), Y)
    np.testing.assert_allclose(delta(Z, Y), m * batch, rtol=1e-10, atol=1e-14)


def test_per_sample_delta_bad_input():
    with pytest.raises(ValueError, match="needs a Derivation"):
        sym.per_sample_delta("a - y")
    with pytest.raises(ValueError, match="only on z and y"):
        sym.per_sample_delta(symbolic.check(sp.Symbol("w") * sym.z, sym.z))
    delta = sym.per_sample_delta(sym.bce_output_delta())
    with pytest.raises(ValueError, match="same shape"):
        delta(np.zeros(3), np.zeros(2))


def test_as_equation_labels_an_expression():
    eq = sym.as_equation(r"\frac{\partial \ell}{\partial z}", sym.bce_output_delta().direct)
    assert sp.latex(eq).startswith(r"\frac{\partial \ell}{\partial z} = ")
    with pytest.raises(ValueError, match="lhs"):
        sym.as_equation("", sym.z)
