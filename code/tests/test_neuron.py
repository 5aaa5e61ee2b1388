import numpy as np
import pytest

import backprop as bp
from backprop.chapters.ch01_neuron import lone_neuron_losses


def test_each_grid_point_is_the_loss_of_that_neuron():
    X, Y = bp.xor()
    losses = lone_neuron_losses(X, Y, limit=4.0, points=5)
    grid = np.linspace(-4.0, 4.0, 5)
    for i, j, k in [(0, 0, 0), (1, 3, 2), (4, 2, 1), (2, 2, 2)]:
        net = bp.MLP([2, 1], activation="sigmoid")
        net.weights[0][:] = [[grid[i], grid[j]]]
        net.biases[0][:] = [grid[k]]
        assert losses[i, j, k] == pytest.approx(net.loss(X, Y), rel=1e-12)


def test_on_xor_the_constant_answer_is_the_grid_minimum():
    X, Y = bp.xor()
    losses = lone_neuron_losses(X, Y)
    assert losses.shape == (81, 81, 81)
    assert losses.min() == pytest.approx(1 / 8, abs=1e-15)
    assert losses[40, 40, 40] == 1 / 8  # w = 0, b = 0: every output is 0.5


def test_and_can_be_fitted_closely():
    X, Y = bp.and_gate()
    assert lone_neuron_losses(X, Y).min() < 1e-3


@pytest.mark.parametrize("kw, message", [
    (dict(points=1), "points"), (dict(points=2.5), "points"), (dict(limit=0.0), "limit"),
    (dict(limit=float("nan")), "limit"),
])
def test_bad_arguments_raise_clear_errors(kw, message):
    X, Y = bp.xor()
    with pytest.raises(ValueError, match=message):
        lone_neuron_losses(X, Y, **kw)


def test_bad_shapes_raise():
    X, Y = bp.xor()
    with pytest.raises(ValueError, match="shape"):
        lone_neuron_losses(X[:, :1], Y)
    with pytest.raises(ValueError, match="shape"):
        lone_neuron_losses(X, Y[:, 0])
