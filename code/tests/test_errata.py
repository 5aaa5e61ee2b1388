"""The errata appendix: each faulty computation still shows its error; the fixes pass."""

import numpy as np
import pytest

import backprop as bp
from backprop.chapters import errata as E
from backprop.symbolic import errata as S

X, Y = bp.xor()


def _numerical(net):
    nW, nb = bp.numerical_gradients(net, X, Y)
    return list(nW), list(nb)


def _flat(gs):
    return np.concatenate([np.ravel(g) for g in gs])


@pytest.fixture(scope="module")
def net_and_numerical():
    net = bp.MLP([2, 3, 1], seed=1)
    return net, _numerical(net)


def test_the_corrected_skeleton_passes_the_gradient_check(net_and_numerical):
    net, (nW, nb) = net_and_numerical
    dW, db = E.backward_variant(net, X, Y)  # mse δ^L, σ′(z) in BP2: the fix of every variant below
    assert bp.relative_error(dW + db, nW + nb) < 1e-6
    assert max(bp.gradient_check(net, X, Y).values()) < 1e-6
    bce_net = bp.MLP([2, 3, 1], loss="bce", seed=1)
    dW, db = E.backward_variant(bce_net, X, Y, output_delta="ce")
    assert bp.relative_error(dW + db, sum(_numerical(bce_net), [])) < 1e-6


def test_000_gradient_is_m_over_2_times_the_printed_loss_gradient(net_and_numerical):
    net, (nW, nb) = net_and_numerical
    dW, db = E.source000_unscaled_gradients(net, X, Y)
    printed = [2 * g for g in nW + nb]  # the printed mean is twice the book's L
    m = X.shape[0]
    assert np.linalg.norm(_flat(dW + db)) / np.linalg.norm(_flat(printed)) == pytest.approx(m / 2, rel=1e-6)
    assert bp.relative_error(dW + db, printed) > 0.1
    # the fix: scale by 2/m and it is the gradient of the printed loss
    assert bp.relative_error([2 / m * g for g in dW + db], printed) < 1e-6
    assert E.printed_loss_000(net, X, Y) == pytest.approx(2 * net.loss(X, Y))


@pytest.mark.parametrize("f, layer_only", [
    (E.source001_sigmoid_prime_on_activation, True),
    (E.source001_crossentropy_delta, False),
    (E.source001_gradients, False),
    (E.source003_prime_of_error, True),
    (E.source003_batch_size_gradients, False),
])
def test_wrong_gradients_fail_the_check(net_and_numerical, f, layer_only):
    net, (nW, nb) = net_and_numerical
    dW, db = f(net, X, Y)
    if layer_only:  # the mistake is in BP2, so it shows in the first layer's block
        assert bp.relative_error([dW[0], db[0]], [nW[0], nb[0]]) > 0.1
    else:
        assert bp.relative_error(dW + db, nW + nb) > 0.1


def test_001_delta_is_right_for_cross_entropy():
    net = bp.MLP([2, 3, 1], loss="bce", seed=1)
    dW, db = E.source001_crossentropy_delta(net, X, Y)
    assert bp.relative_error(dW + db, sum(_numerical(net), [])) < 1e-6


def test_sign_effects(net_and_numerical):
    net, (nW, nb) = net_and_numerical
    dW, _ = E.source001_sigmoid_prime_on_activation(net, X, Y)
    assert (np.sign(dW[0]) != np.sign(nW[0])).any()  # σ′(a) can flip a summed entry
    dW, _ = E.source003_prime_of_error(net, X, Y)
    assert (dW[0] > 0).all() and (nW[0] < 0).any()   # e²(1 − e) ≥ 0 loses the sign


def test_003_transposed_weight_gradient():
    net = bp.MLP([2, 3, 1], seed=1)
    dW, db = E.source003_transposed_weight_gradients(net, X, Y)
    assert [g.shape for g in dW] == [W.T.shape for W in net.weights]
    with pytest.raises(ValueError, match=r"dWs\[0\] must have shape \(3, 2\); got \(2, 3\)"):
        bp.MLP([2, 3, 1], seed=1).step(dW, db, 0.5)
    square = bp.MLP([2, 2, 1], seed=1)  # a square W^1 hides the transpose
    dW, _ = E.source003_transposed_weight_gradients(square, X, Y)
    nW, _ = _numerical(square)
    assert dW[0].shape == nW[0].shape and bp.relative_error(dW[0], nW[0]) > 0.1
    assert bp.relative_error(dW[0].T, nW[0]) < 1e-6  # the fix: δᵀa


def test_003_listing_shapes():
    net = bp.MLP([2, 3, 1], seed=1)
    wrong = E.source003_listing1_weight_gradients(net, X, Y)
    assert all(g.shape != W.shape and g.shape != W.T.shape for g, W in zip(wrong, net.weights))
    shapes = E.source003_listing2_shapes()
    assert shapes["output"] != shapes["expected_output"]
    assert shapes["dW"] == (4, 4) and shapes["dW"] not in shapes["weights"]


def test_003_batchnorm_scalar_statistics():
    Z = np.random.default_rng(0).normal(size=(8, 3)) * [1, 2, 3] + [0, 1, -2]
    scalar, per_unit = E.source003_batchnorm_means(Z)
    assert np.abs(scalar).max() > 0.1 and np.abs(per_unit).max() < 1e-12


def test_ascent_raises_the_loss_descent_lowers_it():
    up = E.train_with_sign(bp.MLP([2, 3, 1], seed=1), X, Y, 2.0, 300, sign=1)
    down = E.train_with_sign(bp.MLP([2, 3, 1], seed=1), X, Y, 2.0, 300, sign=-1)
    assert up[-1] > up[0] and down[-1] < down[0]


def test_snippets_raise_the_stated_errors():
    with pytest.raises(SyntaxError, match="illegal expression for augmented assignment"):
        E.run_snippet(E.TUPLE_AUGMENTED)
    with pytest.raises(NameError, match="layers"):
        E.run_snippet(E.UNDEFINED_NAME)
    with pytest.raises(NameError, match="train_dataset"):
        E.run_snippet(E.UNDEFINED_DATASET)
    with pytest.raises(ValueError, match="mismatch"):
        E.source003_mnist_shape()
    E.run_snippet("W, b = np.ones(2), np.ones(2)\nW -= 0.1 * W\nb -= 0.1 * b\n")  # the fix runs
    assert (np.zeros((2, 28 * 28)) @ np.zeros((128, 784)).T).shape == (2, 128)  # flattened images fit


@pytest.mark.parametrize("f", [S.source002_mse_output_derivative, S.source002_sigmoid_is_tanh,
                               S.source003_error_sign])
def test_symbolic_source_formula_fails_and_fix_holds(f):
    source, correct = f()
    assert not source.holds and correct.holds


def test_002_two_paths_sum_is_twice_the_derivative():
    eq13, through_z, ratio = S.source002_two_paths()
    assert not eq13.holds and through_z.holds
    assert ratio == 2  # computed from separately differentiated terms, not built as a + a


def test_002_output_weight_gradient():
    d = S.source002_output_weight_gradient()
    assert not d["eq17"].holds and not d["eq20"].holds
    assert d["correct"].holds and d["eq20_with_h"].holds


def test_bad_input():
    with pytest.raises(ValueError):
        E.source001_gradients("net", X, Y)
    with pytest.raises(ValueError):
        E.source001_gradients(bp.MLP([2, 3, 1], activation="tanh"), X, Y)
    with pytest.raises(ValueError):
        E.backward_variant(bp.MLP([2, 3, 1]), X, Y, output_delta="mae")
    with pytest.raises(ValueError):
        E.backward_variant(bp.MLP([2, 3, 1]), X, Y, hidden="prime")
    with pytest.raises(ValueError):
        E.source003_transposed_weight_gradients(bp.MLP([2, 3, 1]), X[:, :1], Y)
    with pytest.raises(ValueError):
        E.source000_unscaled_gradients(bp.MLP([2, 3, 1]), X, Y.ravel())
    with pytest.raises(ValueError):
        E.train_with_sign(bp.MLP([2, 3, 1]), X, Y, 0.5, 10, sign=2)
    with pytest.raises(ValueError):
        E.train_with_sign(bp.MLP([2, 3, 1]), X, Y, -0.5, 10)
    with pytest.raises(ValueError):
        E.train_with_sign(bp.MLP([2, 3, 1]), X, Y, 0.5, 0)
    with pytest.raises(ValueError):
        E.run_snippet(42)
    with pytest.raises(ValueError):
        E.source003_listing2_shapes(sizes=(2, 1))
    with pytest.raises(ValueError):
        E.source003_listing2_shapes(m=0)
    with pytest.raises(ValueError):
        E.source003_batchnorm_means([1.0, 2.0])
    with pytest.raises(ValueError):
        E.source003_mnist_shape(m=0)
    with pytest.raises(ValueError):
        E.source003_output_gradient_in_every_layer(bp.MLP([2, 3, 1], activation="tanh"), X, Y)
    with pytest.raises(ValueError):
        E.source002_update_while_backpropagating(bp.MLP([2, 3, 1]), X, Y, lr=-1.0)
    with pytest.raises(ValueError):
        E.source002_update_while_backpropagating(bp.MLP([2, 3, 1]), X[:, :1], Y, lr=0.5)


def test_003_without_bp2_only_the_hidden_layer_is_wrong(net_and_numerical):
    net, (nW, nb) = net_and_numerical
    errors = bp.relative_errors(E.source003_output_gradient_in_every_layer(net, X, Y), (nW, nb))
    assert max(errors["W2"], errors["b2"]) < E.PASSES
    assert min(errors["W1"], errors["b1"]) > E.WRONG


def test_002_updating_while_going_back_drifts_in_proportion_to_lr(net_and_numerical):
    net, (nW, nb) = net_and_numerical
    before = [W.copy() for W in net.weights]
    small = bp.relative_errors(E.source002_update_while_backpropagating(net, X, Y, 0.5), (nW, nb))
    large = bp.relative_errors(E.source002_update_while_backpropagating(net, X, Y, 2.0), (nW, nb))
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))  # net itself untouched
    assert small["W2"] < E.PASSES and small["W1"] > E.PASSES
    assert large["W1"] / small["W1"] == pytest.approx(4, rel=0.2)


def test_003_listing1_update_pairs():
    assert E.source003_listing1_update_pairs(2) == [(2, 2), (1, 1)]
    assert E.source003_listing1_update_pairs(3) == [(3, 3), (1, 2), (2, 1)]
    with pytest.raises(ValueError):
        E.source003_listing1_update_pairs(0)


def test_raised_gives_type_and_message_only():
    assert E.raised(E.run_snippet, E.UNDEFINED_DATASET) == "NameError: name 'train_dataset' is not defined"
    assert E.raised(E.run_snippet, "x = 1\n") is None
    message = E.raised(E.source003_mnist_shape)
    assert message.startswith("ValueError: ") and "/" not in message.split("(n?")[0]


def test_ascent_leaves_two_outputs_on_the_wrong_side():
    net = bp.MLP([2, 3, 1], seed=1)
    E.train_with_sign(net, X, Y, 2.0, 1000, sign=1)
    assert E.outputs_on_wrong_side(net.forward(X), Y) == 2
    with pytest.raises(ValueError):
        E.outputs_on_wrong_side(np.zeros(4), Y)


def test_square_network_step_refuses_the_output_layer_and_changes_nothing():
    square = bp.MLP([2, 2, 1], seed=1)
    dW, db = E.source003_transposed_weight_gradients(square, X, Y)
    before = [W.copy() for W in square.weights] + [b.copy() for b in square.biases]
    assert E.raised(square.step, dW, db, lr=0.5) == "ValueError: dWs[1] must have shape (1, 2); got (2, 1)"
    after = square.weights + square.biases
    assert all(np.array_equal(x, y) for x, y in zip(before, after))


def test_all_square_network_accepts_every_transposed_gradient():
    Y_two = np.hstack([Y, 1 - Y])
    net = bp.MLP([2, 2, 2], seed=1)
    dW, db = E.source003_transposed_weight_gradients(net, X, Y_two)
    nW, _ = bp.numerical_gradients(net, X, Y_two)
    assert all(bp.relative_error(g, n) > E.WRONG for g, n in zip(dW, nW))
    before = [W.copy() for W in net.weights]
    assert E.raised(net.step, dW, db, lr=0.5) is None
    assert not any(np.array_equal(a, b) for a, b in zip(before, net.weights))  # both layers moved


def test_error_table():
    table = E.error_table({"a": {"W1": 0.5, "b1": 1e-9}})
    assert "W1" in table and "5.0e-01" in table
    with pytest.raises(ValueError):
        E.error_table({})
