"""Every mistake a reader can make gets a ValueError that names the argument."""
import numpy as np
import pytest

import backprop as bp

X, Y = bp.xor()


@pytest.fixture
def net():
    return bp.MLP([2, 3, 1])


@pytest.mark.parametrize("bad_X, message", [
    (np.zeros((4, 3)), r"X must have 2 columns"),
    (np.zeros(2), r"X must be a 2-D array.*reshape"),
    (np.zeros((0, 2)), r"X must hold at least one sample"),
    ([["a", "b"]], r"X must be an array of numbers"),
])
def test_bad_X(net, bad_X, message):
    with pytest.raises(ValueError, match=message):
        net.forward(bad_X)


@pytest.mark.parametrize("bad_Y, message", [
    (np.zeros((3, 1)), r"Y must have 4 rows"),
    (np.zeros((4, 2)), r"Y must have 1 columns"),
    (np.zeros(4), r"Y must be a 2-D array.*reshape\(-1, 1\)"),
])
@pytest.mark.parametrize("method", ["loss", "gradients"])
def test_bad_Y(net, bad_Y, message, method):
    with pytest.raises(ValueError, match=message):
        getattr(net, method)(X, bad_Y)


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_values(net, value):
    bad = X.copy()
    bad[2, 1] = value
    with pytest.raises(ValueError, match=r"X must contain only finite numbers.*index \(2, 1\)"):
        net.loss(bad, Y)
    with pytest.raises(ValueError, match=r"Y must contain only finite numbers"):
        net.fit(X, np.where(Y == 1, value, Y), lr=0.1, epochs=1)


@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf, "fast", None])
def test_bad_learning_rate(net, lr):
    with pytest.raises(ValueError, match=r"lr must be"):
        net.fit(X, Y, lr=lr, epochs=1)


@pytest.mark.parametrize("epochs", [-1, 2.5, "10"])
def test_bad_epochs(net, epochs):
    with pytest.raises(ValueError, match=r"epochs must be"):
        net.fit(X, Y, lr=0.1, epochs=epochs)


@pytest.mark.parametrize("kwargs, message", [
    ({"activation": "softmax"}, r"unknown activation 'softmax'"),
    ({"output_activation": "step"}, r"unknown output_activation 'step'"),
    ({"loss": "hinge"}, r"unknown loss 'hinge'"),
    ({"init": "orthogonal"}, r"unknown init 'orthogonal'"),
    ({"scale": 0}, r"scale must be"),
    ({"seed": 1.5}, r"seed must be"),
    ({"loss": "bce", "activation": "tanh"}, r"loss 'bce' needs outputs in \(0, 1\)"),
])
def test_bad_names_and_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bp.MLP([2, 3, 1], **kwargs)


@pytest.mark.parametrize("sizes, message", [
    ([2], r"sizes must list at least two"),
    ([], r"sizes must list at least two"),
    ([2, 0, 1], r"sizes\[1\] is 0"),
    ([2, 2.5, 1], r"sizes\[1\] is 2.5"),
    ("21", r"sizes must list"),
])
def test_bad_sizes(sizes, message):
    with pytest.raises(ValueError, match=message):
        bp.MLP(sizes)


def test_bce_targets_must_be_probabilities():
    net = bp.MLP([2, 1], loss="bce")
    with pytest.raises(ValueError, match=r"Y must lie in \[0, 1\]"):
        net.loss(X, 2 * Y)
