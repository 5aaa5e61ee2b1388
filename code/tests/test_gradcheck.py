import numpy as np
from hypothesis import assume, given, settings, strategies as st

import backprop as bp


def test_relative_error_basics():
    assert bp.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert bp.relative_error(np.ones(3), np.ones(3)) == 0.0
    assert bp.relative_error(np.ones(3), -np.ones(3)) == 1.0


def test_checker_catches_a_wrong_gradient():
    X, Y = bp.xor()
    net = bp.MLP([2, 3, 1], seed=1)
    dWs, dbs = net.gradients(X, Y)
    nWs, nbs = bp.numerical_gradients(net, X, Y)
    wrong = [2 * dW for dW in dWs]  # e.g. a forgotten ½ in the MSE
    assert bp.relative_error(wrong + dbs, nWs + nbs) > 0.1


def test_numerical_gradients_leave_parameters_unchanged():
    X, Y = bp.xor()
    net = bp.MLP([2, 2, 1], seed=3)
    before = [W.copy() for W in net.weights] + [b.copy() for b in net.biases]
    bp.numerical_gradients(net, X, Y)
    after = net.weights + net.biases
    assert all(np.array_equal(p, q) for p, q in zip(before, after))


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=5),
    hidden=st.sampled_from(["sigmoid", "tanh", "relu", "identity"]),
    output=st.sampled_from(["sigmoid", "tanh", "relu", "identity"]),
    loss=st.sampled_from(["mse", "bce"]),
    m=st.integers(1, 6),
    seed=st.integers(0, 2**31 - 1),
)
def test_backprop_agrees_with_finite_differences(sizes, hidden, output, loss, m, seed):
    if loss == "bce":
        output = "sigmoid"  # cross-entropy needs outputs in (0, 1)
    rng = np.random.default_rng(seed)
    net = bp.MLP(sizes, activation=hidden, output_activation=output, loss=loss,
                 init="xavier", seed=seed)
    X = rng.normal(size=(m, sizes[0]))
    Y = rng.uniform(0, 1, size=(m, sizes[-1]))
    dWs, dbs = net.gradients(X, Y)
    if hidden == "relu" or output == "relu":
        # Central differences straddling ReLU's kink are wrong there, not backprop:
        # skip draws where some z lies within the step of 0.
        zs, _ = net.forward_trace(X)
        assume(min(np.min(np.abs(z)) for z in zs) > 1e-4)
    nWs, nbs = bp.numerical_gradients(net, X, Y)
    # A central difference carries round-off of about |ℒ|·1e-16/ε ≈ 1e-10 (ε = 1e-6). Where the
    # gradient itself is that small (a dead ReLU network, a saturated output), a relative error
    # compares two round-off noises: there the estimate must agree to 1e-9 absolutely instead.
    gap = max(np.abs(g - n).max() for g, n in zip(dWs + dbs, nWs + nbs))
    assert bp.relative_error(dWs + dbs, nWs + nbs) < 1e-6 or gap < 1e-9


def test_gradient_check_is_per_array_and_sees_a_wrong_hidden_layer():
    X, Y = bp.xor()
    net = bp.MLP([2, 3, 1], seed=1)
    errors = bp.gradient_check(net, X, Y)
    assert list(errors) == ["W1", "b1", "W2", "b2"] and max(errors.values()) < 1e-6
    dWs, dbs = net.gradients(X, Y)
    reference = bp.numerical_gradients(net, X, Y)
    wrong_b1 = [dbs[0] * 1.5, dbs[1]]  # a bug in one hidden-layer bias
    per_array = bp.relative_errors((dWs, wrong_b1), reference)
    assert per_array["b1"] > 0.1
    assert all(per_array[k] < 1e-6 for k in ("W1", "W2", "b2"))
    # one global number over all parameters dilutes the same bug
    assert bp.relative_error(dWs + wrong_b1, reference[0] + reference[1]) < per_array["b1"]


def test_relative_errors_refuses_mismatched_layers():
    import pytest
    X, Y = bp.xor()
    net = bp.MLP([2, 3, 1], seed=1)
    dWs, dbs = net.gradients(X, Y)
    with pytest.raises(ValueError, match="one W and one b"):
        bp.relative_errors((dWs[:1], dbs), (dWs, dbs))
    with pytest.raises(ValueError, match="shapes differ"):
        bp.relative_errors((dWs, dbs), ([dWs[0].T, dWs[1]], dbs))


def test_tolerance_passes_right_gradients_and_fails_a_lost_hidden_layer():
    # Mazur's 2-2-2 network (chapter 5's 2-2-1 example plus his second output unit)
    net = bp.MLP([2, 2, 2])
    net.weights[0][:] = [[0.15, 0.20], [0.25, 0.30]]
    net.biases[0][:] = [0.35, 0.35]
    net.weights[1][:] = [[0.40, 0.45], [0.50, 0.55]]
    net.biases[1][:] = [0.60, 0.60]
    X, Y = np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]])
    assert max(bp.gradient_check(net, X, Y).values()) < bp.gradcheck.TOLERANCE
    assert max(bp.gradient_check(bp.MLP([2, 3, 1], seed=1), *bp.xor()).values()) < bp.gradcheck.TOLERANCE
    (dWs, dbs), reference = net.gradients(X, Y), bp.numerical_gradients(net, X, Y)
    lost = ([0 * dWs[0], dWs[1]], [0 * dbs[0], dbs[1]])
    assert bp.relative_errors(lost, reference)["W1"] > 100 * bp.gradcheck.TOLERANCE
