import warnings

import numpy as np
import pytest

import backprop as bp
from backprop.activations import ACTIVATIONS

Z = np.linspace(-6, 6, 241) + 0.013  # avoids ReLU's kink at exactly 0


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_central_difference(name):
    act = bp.get_activation(name)
    h = 1e-6
    numeric = (act.f(Z + h) - act.f(Z - h)) / (2 * h)
    np.testing.assert_allclose(act.prime(Z), numeric, rtol=1e-6, atol=1e-8)


def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow RuntimeWarning fails the test
        s = bp.sigmoid(np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0]))
        d = bp.sigmoid_prime(np.array([-1000.0, 1000.0]))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert np.all(np.isfinite(d)) and np.all(d >= 0)


def test_sigmoid_symmetry():
    np.testing.assert_allclose(bp.sigmoid(-Z), 1 - bp.sigmoid(Z), atol=1e-15)


def test_relu_derivative_at_zero_is_zero():
    assert bp.relu_prime(np.array([0.0]))[0] == 0.0


def test_unknown_activation_is_named():
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        bp.get_activation("softmax")
