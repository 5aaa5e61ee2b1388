"""Softmax outputs with the categorical cross-entropy: values, δ^L and the pairing rules."""

import numpy as np
import pytest

import backprop as bp


def _batch(m=6, n_in=5, k=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n_in))
    Y = np.eye(k)[rng.integers(0, k, m)]
    return X, Y


def test_softmax_rows_sum_to_one_and_survive_large_inputs():
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]])
    a = bp.softmax(z)
    assert np.allclose(a.sum(axis=1), 1.0)
    assert np.all(np.isfinite(a))
    assert np.allclose(a[0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    assert np.allclose(bp.softmax(z + 7.0), a)  # shift invariance


def test_softmax_refuses_a_vector():
    with pytest.raises(ValueError, match="2-D"):
        bp.softmax(np.zeros(3))


def test_ce_from_logits_equals_ce_of_softmax_and_stays_finite():
    X, Y = _batch()
    z = np.random.default_rng(1).normal(size=Y.shape)
    assert bp.ce_from_logits(z, Y) == pytest.approx(bp.ce(bp.softmax(z), Y))
    big = np.array([[1000.0, -1000.0]])
    assert np.isfinite(bp.ce_from_logits(big, np.array([[0.0, 1.0]])))
    assert bp.ce_from_logits(big, np.array([[0.0, 1.0]])) == pytest.approx(2000.0)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_softmax_ce_network_passes_the_gradient_check(activation):
    X, Y = _batch()
    net = bp.MLP([5, 4, 3], activation=activation, output_activation="softmax", loss="ce", seed=3)
    assert max(bp.gradient_check(net, X, Y).values()) < 1e-6


def test_output_delta_is_a_minus_y_over_m():
    X, Y = _batch()
    net = bp.MLP([5, 3], output_activation="softmax", loss="ce", seed=0)
    zs, acts = net.forward_trace(X)
    delta = bp.output_delta(net.loss_fn, net.output_activation, zs[-1], acts[-1], Y)
    assert np.allclose(delta, (acts[-1] - Y) / X.shape[0])


def test_pairing_rules():
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        bp.MLP([2, 3], activation="softmax")
    with pytest.raises(ValueError, match="go together"):
        bp.MLP([2, 3], output_activation="softmax")           # softmax with MSE
    with pytest.raises(ValueError, match="go together"):
        bp.MLP([2, 3], output_activation="sigmoid", loss="ce")
    with pytest.raises(ValueError, match="at least 2 units"):
        bp.MLP([2, 1], output_activation="softmax", loss="ce")
    with pytest.raises(ValueError, match="softmax is not elementwise"):
        bp.get_output_activation("softmax").prime(np.zeros((1, 2)))
    with pytest.raises(ValueError, match="go together"):
        bp.output_delta(bp.get_loss("mse"), bp.get_output_activation("softmax"),
                        np.zeros((1, 2)), np.full((1, 2), 0.5), np.array([[1.0, 0.0]]))


def test_targets_must_be_probability_rows():
    X, Y = _batch()
    net = bp.MLP([5, 3], output_activation="softmax", loss="ce")
    with pytest.raises(ValueError, match="probability vector"):
        net.loss(X, 2 * Y)
    with pytest.raises(ValueError, match="probability vector"):
        net.gradients(X, Y - 0.5)


def test_batched_trainer_refuses_ce():
    from backprop.vectorized import train_many
    X, Y = bp.xor()
    with pytest.raises(ValueError, match="unknown loss 'ce'"):
        train_many([2, 2, 1], X, Y, 0.5, 3, loss="ce")
