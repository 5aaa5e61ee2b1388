"""The four backpropagation equations against SymPy differentiating the loss (chapter 4)."""
import numpy as np
import pytest
import sympy as sp

import backprop as bp
from backprop.symbolic import deltas as D


@pytest.mark.parametrize("sizes, j", [((2, 2, 1), 1), ((1, 1, 1), 1), ((2, 3, 2), 2)])
def test_bp1_holds(sizes, j):
    assert D.bp1(sizes, j).holds


@pytest.mark.parametrize("sizes, layer, j", [
    ((1, 2, 2, 1), 1, 1), ((1, 2, 2, 1), 1, 2), ((1, 2, 2, 1), 2, 1), ((2, 3, 2, 1), 1, 3), ((1, 1, 1), 1, 1),
])
def test_bp2_holds_on_chains(sizes, layer, j):
    assert D.bp2(sizes, layer, j).holds


@pytest.mark.parametrize("layer, j", [(1, 1), (1, 2), (2, 1)])
def test_bp3_holds(layer, j):
    assert D.bp3((2, 2, 1), layer, j).holds


@pytest.mark.parametrize("layer, j, k", [(1, 1, 1), (1, 2, 1), (1, 1, 2), (2, 1, 2)])
def test_bp4_holds(layer, j, k):
    assert D.bp4((2, 2, 1), layer, j, k).holds


def test_bp2_without_sigma_prime_does_not_hold():
    net = D.SymbolicNetwork((1, 2, 2, 1))
    wrong = D.bp2_formula(net, 1, with_sigma_prime=False)
    assert not D.compare(net.delta(1)[0], wrong[0]).holds


def test_bp2_with_W_instead_of_its_transpose_does_not_hold():
    net = D.SymbolicNetwork((1, 2, 2, 1))   # W^2 is square, so W δ has the right shape
    wrong = D.bp2_formula(net, 1, transpose=False)
    assert not D.compare(net.delta(1)[0], wrong[0]).holds
    with pytest.raises(sp.ShapeError):      # non-square W^2 (2 × 3): W δ does not even fit
        D.bp2_formula(D.SymbolicNetwork((2, 3, 2, 1)), 1, transpose=False)


def test_wrong_bp1_and_bp4_do_not_hold():
    net = D.SymbolicNetwork((2, 2, 1))
    z = net.z[2][0]
    direct = sp.diff(net.loss_from(2), z)
    assert not D.compare(direct, (D.sigmoid(z) - net.y[0])).holds          # σ′ forgotten
    dw = sp.diff(net.loss(), net.W[1][0, 1])
    delta = net.delta(1)[0].subs(net.z_values(1), simultaneous=True)
    assert not D.compare(dw, net.x[0] * delta).holds                        # a_k swapped for a_j


@pytest.mark.parametrize("sizes, seed", [((2, 2, 1), 0), ((1, 2, 2, 1), 3), ((2, 3, 2), 5)])
def test_symbolic_gradients_equal_the_mlp(sizes, seed):
    net = bp.MLP(list(sizes), seed=seed)
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=sizes[0]), rng.random(sizes[-1])
    sym = D.SymbolicNetwork(sizes)
    values = sym.numbers(net, x, y)
    dWs, dbs = D.symbolic_gradients(sym, values)
    nWs, nbs = net.gradients(x[None, :], y[None, :])
    for s, n in zip(dWs + dbs, nWs + nbs):
        np.testing.assert_allclose(s, n, rtol=0, atol=1e-10)
    ds = D.deltas_at(sym, values)
    for s, n in zip(ds, nbs):                # BP3 with one sample: δ^l = ∂L/∂b^l
        np.testing.assert_allclose(s, n, rtol=0, atol=1e-10)


@pytest.mark.parametrize("call, message", [
    (lambda: D.SymbolicNetwork((2,)), "at least two"),
    (lambda: D.SymbolicNetwork((2, 9, 1)), "from 1 to 4"),
    (lambda: D.SymbolicNetwork(3), "sizes must be a sequence of whole numbers"),
    (lambda: D.bp1((2, 2, 1), j=2), r"j \(a unit of layer 2\) must be a whole number from 1 to 1; got 2"),
    (lambda: D.bp2((1, 2, 1), layer=2), "below L"),
    (lambda: D.bp4((2, 2, 1), 1, 1, k=3), r"k \(a unit of layer 0\) must be a whole number from 1 to 2; got 3"),
    (lambda: D.bp3((2, 2, 1), layer=0), "layer must be a whole number from 1"),
])
def test_bad_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_numbers_refuses_a_mismatched_net():
    sym = D.SymbolicNetwork((2, 2, 1))
    with pytest.raises(ValueError, match="sizes"):
        sym.numbers(bp.MLP([2, 3, 1]), [0, 0], [0])
    with pytest.raises(ValueError, match="sigmoid"):
        sym.numbers(bp.MLP([2, 2, 1], activation="tanh"), [0, 0], [0])
    with pytest.raises(ValueError, match="x must hold 2"):
        sym.numbers(bp.MLP([2, 2, 1]), [0, 0, 0], [0])


@pytest.mark.parametrize("sizes, layer, outcome", [
    ((1, 1, 1), 1, "holds"),            # a 1 × 1 W^2 is its own transpose
    ((1, 2, 2, 1), 1, "wrong"),         # W^2 is 2 × 2: it fits, and the numbers are wrong
    ((1, 2, 2, 1), 2, "shape error"),   # W^3 is 1 × 2
    ((2, 3, 2, 1), 1, "shape error"),
    ((2, 3, 2, 1), 2, "shape error"),
])
def test_bp2_with_W_instead_of_its_transpose_layer_by_layer(sizes, layer, outcome):
    assert D.transpose_slip(sizes, layer) == outcome
