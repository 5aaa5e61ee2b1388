import warnings

import numpy as np
import pytest

import backprop as bp

rng = np.random.default_rng(0)
A = rng.uniform(0.05, 0.95, size=(5, 3))
Y = rng.integers(0, 2, size=(5, 3)).astype(float)


def test_mse_value():
    assert bp.mse(A, Y) == pytest.approx(np.sum((A - Y) ** 2) / (2 * 5))


@pytest.mark.parametrize("name", ["mse", "bce"])
def test_loss_gradient_matches_finite_differences(name):
    loss = bp.get_loss(name)
    h = 1e-6
    numeric = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        up, down = A.copy(), A.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (loss.value(up, Y) - loss.value(down, Y)) / (2 * h)
    np.testing.assert_allclose(loss.grad(A, Y), numeric, rtol=1e-6)


def test_bce_from_logits_equals_bce():
    z = rng.normal(size=(5, 3))
    assert bp.bce_from_logits(z, Y) == pytest.approx(bp.bce(bp.sigmoid(z), Y), rel=1e-12)


def test_bce_finite_when_output_saturates():
    z = np.array([[1000.0], [-1000.0]])
    y = np.array([[0.0], [1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = bp.bce_from_logits(z, y)
    assert value == pytest.approx(1000.0)


def test_bce_sigmoid_delta_is_a_minus_y():
    z = rng.normal(size=(5, 3))
    a = bp.sigmoid(z)
    delta = bp.output_delta(bp.get_loss("bce"), bp.get_activation("sigmoid"), z, a, Y)
    general = bp.bce_grad(a, Y) * bp.sigmoid_prime(z)
    np.testing.assert_allclose(delta, (a - Y) / 5, rtol=1e-12)
    np.testing.assert_allclose(delta, general, rtol=1e-10)


def test_unknown_loss_is_named():
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        bp.get_loss("hinge")
