import numpy as np
import pytest

import backprop as bp


def test_shapes_follow_pytorch_linear():
    net = bp.MLP([3, 5, 2])
    assert [W.shape for W in net.weights] == [(5, 3), (2, 5)]
    assert [b.shape for b in net.biases] == [(5,), (2,)]
    assert net.forward(np.zeros((7, 3))).shape == (7, 2)


def test_forward_is_z_equals_W_a_plus_b():
    net = bp.MLP([2, 2, 1], activation="identity")
    net.weights[0][:] = [[1, 2], [3, 4]]
    net.biases[0][:] = [0.5, -0.5]
    net.weights[1][:] = [[1, -1]]
    net.biases[1][:] = [2]
    x = np.array([[1.0, 1.0]])
    # hidden = [3.5, 6.5], output = 3.5 - 6.5 + 2
    assert net.forward(x)[0, 0] == pytest.approx(-1.0)


def test_seed_fixes_the_network_and_output_activation_defaults():
    a, b = bp.MLP([2, 4, 1], seed=7), bp.MLP([2, 4, 1], seed=7)
    assert all(np.array_equal(p, q) for p, q in zip(a.weights + a.biases, b.weights + b.biases))
    assert bp.MLP([2, 1], activation="tanh").output_activation.name == "tanh"
    assert bp.MLP([2, 1], activation="tanh", output_activation="sigmoid").output_activation.name == "sigmoid"


@pytest.mark.parametrize("init", ["xavier", "he"])
def test_init_scales(init):
    net = bp.MLP([400, 300, 1], init=init, seed=0)
    expected = np.sqrt(2 / 700) if init == "xavier" else np.sqrt(2 / 400)
    assert net.weights[0].std() == pytest.approx(expected, rel=0.02)
    assert np.all(net.biases[0] == 0)


def test_loss_is_a_float_and_matches_the_formula():
    X, Y = bp.xor()
    net = bp.MLP([2, 3, 1], seed=2)
    value = net.loss(X, Y)
    assert isinstance(value, float)
    assert value == pytest.approx(np.sum((net.forward(X) - Y) ** 2) / 8)


def test_fit_returns_loss_before_each_step():
    X, Y = bp.xor()
    net = bp.MLP([2, 3, 1], seed=2)
    first = net.loss(X, Y)
    losses = net.fit(X, Y, lr=0.5, epochs=3)
    assert losses.shape == (3,) and losses[0] == pytest.approx(first)
    assert net.loss(X, Y) < losses[-1]
    assert net.fit(X, Y, lr=0.5, epochs=0).shape == (0,)


def test_one_step_is_gradient_descent():
    X, Y = bp.xor()
    net = bp.MLP([2, 2, 1], seed=4)
    W0 = [W.copy() for W in net.weights]
    dWs, _ = net.gradients(X, Y)
    net.fit(X, Y, lr=0.1, epochs=1)
    for before, after, dW in zip(W0, net.weights, dWs):
        np.testing.assert_allclose(after, before - 0.1 * dW)


def test_xor_2_4_1_sigmoid_is_learned():
    X, Y = bp.xor()
    net = bp.MLP([2, 4, 1], seed=0)
    losses = net.fit(X, Y, lr=2.0, epochs=5000)
    assert bp.solved(net.forward(X), Y)
    assert losses[-1] < 0.01 < losses[0]


def test_diverging_run_is_reported_not_raised():
    X, Y = bp.xor()
    net = bp.MLP([2, 4, 1], activation="identity", seed=0)
    losses = net.fit(X, Y, lr=50.0, epochs=200)
    assert not np.all(np.isfinite(losses))
    assert np.isfinite(losses[0])


def test_bce_training_stays_finite_when_saturated():
    X, Y = bp.xor()
    net = bp.MLP([2, 1], loss="bce")
    net.weights[0][:] = [[500.0, 500.0]]
    assert np.isfinite(net.loss(X, Y))
    dWs, dbs = net.gradients(X, Y)
    assert all(np.all(np.isfinite(g)) for g in dWs + dbs)
