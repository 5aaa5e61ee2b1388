"""SGD, momentum and Adam: each update rule against a hand-written step, and the training loop."""

import numpy as np
import pytest

import backprop as bp
from backprop.optimizers import Optimizer, make_optimizer


def _quadratic_grads(theta):
    """g of L(θ) = ½ (θ₀² + 10 θ₁²)."""
    return [np.array([1.0, 10.0]) * theta[0]]


def test_sgd_step_is_theta_minus_lr_g():
    theta = [np.array([1.0, 2.0])]
    bp.SGD(0.1).step(theta, [np.array([3.0, -4.0])])
    assert np.allclose(theta[0], [0.7, 2.4])


def test_momentum_accumulates_velocity():
    theta = [np.zeros(1)]
    opt = bp.Momentum(0.1, beta=0.5)
    g = [np.ones(1)]
    for _ in range(3):
        opt.step(theta, g)
    # v = 1, 1.5, 1.75  →  θ = −0.1 (1 + 1.5 + 1.75)
    assert theta[0][0] == pytest.approx(-0.425)


def test_momentum_with_beta_zero_is_sgd():
    a, b = [np.array([1.0, -1.0])], [np.array([1.0, -1.0])]
    m, s = bp.Momentum(0.05, beta=0.0), bp.SGD(0.05)
    for _ in range(5):
        m.step(a, _quadratic_grads(a))
        s.step(b, _quadratic_grads(b))
    assert np.allclose(a[0], b[0])


def test_adam_first_step_has_size_lr_per_coordinate():
    theta = [np.zeros(3)]
    bp.Adam(0.01).step(theta, [np.array([1e-4, -5.0, 300.0])])
    # m̂ = g and ŝ = g² after one step, so the step is η·g/(|g| + ε) ≈ η·sign(g)
    assert np.allclose(theta[0], [-0.01, 0.01, -0.01], rtol=1e-3)


def test_adam_matches_the_written_rule_for_three_steps():
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=4) for _ in range(3)]
    theta = [np.zeros(4)]
    opt = bp.Adam(0.1, beta1=0.8, beta2=0.9, eps=1e-6)
    m = s = np.zeros(4)
    ref = np.zeros(4)
    for t, g in enumerate(grads, start=1):
        opt.step(theta, [g])
        m = 0.8 * m + 0.2 * g
        s = 0.9 * s + 0.1 * g * g
        ref = ref - 0.1 * (m / (1 - 0.8 ** t)) / (np.sqrt(s / (1 - 0.9 ** t)) + 1e-6)
    assert np.allclose(theta[0], ref)


def test_reset_clears_state():
    opt = bp.Momentum(0.1)
    opt.step([np.zeros(2)], [np.ones(2)])
    opt.reset()
    assert opt.t == 0
    opt.step([np.zeros(3)], [np.ones(3)])  # other shapes are fine after a reset


@pytest.mark.parametrize("bad, match", [
    (lambda: bp.SGD(-0.1), "lr"),
    (lambda: bp.SGD(float("nan")), "lr"),
    (lambda: bp.Momentum(0.1, beta=1.0), "beta"),
    (lambda: bp.Adam(beta2=-0.1), "beta2"),
    (lambda: bp.Adam(eps=0), "eps"),
    (lambda: make_optimizer("rmsprop", lr=0.1), "unknown optimizer"),
    (lambda: bp.SGD(0.1).step([np.zeros(2)], [np.zeros(3)]), "shape"),
    (lambda: bp.SGD(0.1).step([np.zeros(2)], []), "gradients"),
])
def test_bad_input_is_refused(bad, match):
    with pytest.raises(ValueError, match=match):
        bad()


def test_state_bound_to_parameters():
    opt = bp.Adam(0.1)
    opt.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="reset"):
        opt.step([np.zeros(2), np.zeros(2)], [np.ones(2), np.ones(2)])


def test_full_batch_sgd_train_equals_mlp_fit():
    X, Y = bp.xor()
    a, b = bp.MLP([2, 3, 1], seed=4), bp.MLP([2, 3, 1], seed=4)
    losses = bp.train(a, X, Y, bp.SGD(0.5), epochs=50)
    fit = b.fit(X, Y, 0.5, 50)
    assert np.allclose(losses[:-1], fit)
    assert losses[-1] == pytest.approx(b.loss(X, Y))
    for Wa, Wb in zip(a.weights, b.weights):
        assert np.allclose(Wa, Wb)


def test_minibatch_training_is_reproducible_and_lowers_the_loss():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    Y = np.eye(2)[(X[:, 0] + X[:, 1] > 0).astype(int)]
    runs = []
    for _ in range(2):
        net = bp.MLP([3, 5, 2], activation="tanh", output_activation="softmax", loss="ce", seed=1)
        runs.append(bp.train(net, X, Y, bp.Adam(0.05), epochs=20, batch_size=8, seed=7))
    assert np.array_equal(runs[0], runs[1])
    assert runs[0][-1] < 0.5 * runs[0][0]
    assert runs[0].shape == (21,)


@pytest.mark.parametrize("name, kwargs", [("sgd", {"lr": 2.0}), ("momentum", {"lr": 1.0}),
                                          ("adam", {"lr": 0.1})])
def test_each_optimizer_solves_xor(name, kwargs):
    X, Y = bp.xor()
    net = bp.MLP([2, 4, 1], activation="tanh", output_activation="sigmoid", loss="bce", seed=0)
    bp.train(net, X, Y, make_optimizer(name, **kwargs), epochs=500)
    assert bp.solved(net.forward(X), Y)


def test_on_epoch_callback_and_divergence():
    X = np.array([[1.0], [2.0]])
    Y = np.array([[1.0], [-1.0]])
    seen = []
    net = bp.MLP([1, 1], activation="identity", seed=0)
    losses = bp.train(net, X, Y, bp.SGD(100.0), epochs=200, on_epoch=lambda e, n: seen.append(e))
    first_nan = int(np.argmax(~np.isfinite(losses)))
    assert first_nan > 0 and np.all(~np.isfinite(losses[first_nan:]))
    assert seen[:3] == [1, 2, 3]


def test_train_refuses_bad_arguments():
    X, Y = bp.xor()
    net = bp.MLP([2, 2, 1])
    with pytest.raises(ValueError, match="optimizer"):
        bp.train(net, X, Y, "adam", 3)
    with pytest.raises(ValueError, match="batch_size"):
        bp.train(net, X, Y, bp.SGD(0.1), 3, batch_size=0)
    with pytest.raises(ValueError, match="epochs"):
        bp.train(net, X, Y, bp.SGD(0.1), -1)
    with pytest.raises(ValueError, match="columns"):
        bp.train(net, X[:, :1], Y, bp.SGD(0.1), 3)
    with pytest.raises(ValueError, match="on_epoch"):
        bp.train(net, X, Y, bp.SGD(0.1), 3, on_epoch=5)
    assert isinstance(make_optimizer("sgd", lr=0.1), Optimizer)
