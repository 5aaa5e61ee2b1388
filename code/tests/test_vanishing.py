"""Per-layer gradient norms, saturation and training records of chapter 8 (backprop.chapters.ch08_vanishing)."""
import matplotlib
import numpy as np
import pytest

import backprop as bp
from backprop.chapters import ch08_vanishing as V

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def data():
    return V.xor_blobs(m=60, seed=1)


def test_xor_blobs_shapes_and_labels():
    X, Y = V.xor_blobs(m=50, noise=0.05, seed=3)
    assert X.shape == (50, 2) and Y.shape == (50, 1)
    corners = (X > 0).astype(int)                      # small noise keeps each point in its quadrant
    assert np.array_equal(Y[:, 0], corners[:, 0] ^ corners[:, 1])
    assert np.array_equal(V.xor_blobs(m=50, seed=3)[0], V.xor_blobs(m=50, seed=3)[0])


@pytest.mark.parametrize("act", V.HIDDEN_ACTIVATIONS)
def test_deltas_give_the_gradients_of_the_network(act, data):
    X, Y = data
    net = V.deep_net(act, depth=4, width=5, seed=2)
    ds, activations = V.deltas(net, X, Y)
    dWs, dbs = net.gradients(X, Y)
    assert [d.shape for d in ds] == [(60, n) for n in net.sizes[1:]]
    for d, a, dW, db in zip(ds, activations, dWs, dbs):
        np.testing.assert_allclose(d.T @ a, dW, rtol=1e-12, atol=1e-15)   # BP4
        np.testing.assert_allclose(d.sum(axis=0), db, rtol=1e-12, atol=1e-15)  # BP3


def test_gradient_norms_match_gradient_check(data):
    X, Y = data
    net = V.deep_net("tanh", depth=3, width=3, seed=0)
    grad_W, delta = V.layer_gradient_norms(net, X, Y)
    numeric, _ = bp.numerical_gradients(net, X, Y)
    np.testing.assert_allclose(grad_W, [np.linalg.norm(g) for g in numeric], rtol=1e-5)
    assert grad_W.shape == delta.shape == (4,)


def test_sigmoid_gradients_vanish_and_relu_tanh_do_not(data):
    X, Y = data
    profiles = V.norm_profiles(X, Y, seeds=range(3), depth=8, width=12)
    assert profiles["xavier", "sigmoid"].shape == (3, 9)
    for init in ("xavier", "he"):
        sig = V.geometric_mean(profiles[init, "sigmoid"])
        assert sig[0] < 1e-4 * sig[-1]                       # many decades from the output to layer 1
        assert np.all(np.diff(np.log(sig)) > 0)              # smaller at every step backwards
        for act in ("tanh", "relu"):
            other = V.geometric_mean(profiles[init, act])
            assert other[0] > 0.1 * other[-1]


def test_bp2_bound_holds_layer_by_layer(data):
    X, Y = data
    net = V.deep_net("sigmoid", depth=6, width=7, seed=4)
    ds, _ = V.deltas(net, X, Y)
    for l in range(len(ds) - 1):                     # ‖δ^l‖ ≤ ‖δ^{l+1}‖ ‖W^{l+1}‖₂ max σ′
        bound = np.linalg.norm(ds[l + 1]) * np.linalg.norm(net.weights[l + 1], 2) / 4
        assert np.linalg.norm(ds[l]) <= bound * (1 + 1e-12)


def test_saturation_grows_with_the_weight_scale(data):
    X, _ = data
    small = V.saturation_profile(V.deep_net("sigmoid", init="normal", scale=0.3), X)
    large = V.saturation_profile(V.deep_net("sigmoid", init="normal", scale=4.0), X)
    assert np.all(small[0] <= 0.25) and np.all(small[0] > large[0])
    assert small[1].max() == 0 and large[1].mean() > 0.2
    assert small[0].shape == (10,)


def test_train_with_history_records_each_step(data):
    X, Y = data
    net = V.deep_net("relu", depth=3, width=4, seed=0)
    twin = V.deep_net("relu", depth=3, width=4, seed=0)
    h = V.train_with_history(net, X, Y, lr=0.1, epochs=20)
    losses = twin.fit(X, Y, lr=0.1, epochs=20)
    np.testing.assert_allclose(h.losses, losses)
    for W, W2 in zip(net.weights, twin.weights):
        np.testing.assert_allclose(W, W2)
    assert h.steps.shape == (20, 4) and h.moved.shape == (4,) and (h.moved > 0).all()


def test_deep_sigmoid_stack_barely_moves_its_first_layer(data):
    X, Y = data
    h = V.train_with_history(V.deep_net("sigmoid", depth=8, width=8), X, Y, lr=0.05, epochs=200)
    assert h.moved[0] < 1e-3 * h.moved[-1]


def test_input_spread_collapses_in_a_sigmoid_stack(data):
    X, _ = data
    spread = V.input_spread(V.deep_net("sigmoid", depth=8, width=8), X)
    assert spread.shape == (10,)
    np.testing.assert_allclose(spread[0], X.std(axis=0).mean())
    assert spread[-2] < 1e-3 * spread[1]


def test_final_losses_match_fit_and_the_constant_answer(data):
    X, Y = data
    lrs = [0.05, 0.5]
    losses = V.final_losses(X, Y, "tanh", lrs, [0, 3], depth=2, width=4, epochs=20)
    assert losses.shape == (2, 2)
    net = V.deep_net("tanh", depth=2, width=4, seed=3)
    net.fit(X, Y, 0.5, 20)
    np.testing.assert_allclose(losses[1, 1], net.loss(X, Y), rtol=1e-10)
    ybar = Y.mean()
    expected = -ybar * np.log(ybar) - (1 - ybar) * np.log(1 - ybar)
    assert np.isclose(V.constant_answer_loss(Y), expected)
    # no constant answer does better than the mean label
    for c in (0.3, ybar + 0.01, 0.6):
        assert -(Y * np.log(c) + (1 - Y) * np.log(1 - c)).mean() >= V.constant_answer_loss(Y) - 1e-12


def test_dead_units_get_no_gradient(data):
    X, Y = data
    net = V.deep_net("relu", depth=6, width=8, seed=0)
    counts, masks = V.dead_units(net, X), V.dead_units(net, X, per_unit=True)
    assert counts.shape == (6,) and counts.sum() == sum(m.sum() for m in masks)
    zs, _ = net.forward_trace(X)
    for z, m in zip(zs[:-1], masks):
        assert np.all(z[:, m] <= 0) and not np.any(np.all(z[:, ~m] <= 0, axis=0))
    ds, _ = V.deltas(net, X, Y)
    assert all(np.all(d[:, m] == 0) for d, m in zip(ds[:-1], masks))


def test_geometric_mean():
    np.testing.assert_allclose(V.geometric_mean([[1.0, 100.0], [100.0, 1.0]]), [10.0, 10.0])


@pytest.mark.parametrize("call, match", [
    (lambda: V.deep_net("softsign"), "activation"),
    (lambda: V.deep_net("relu", depth=0), "depth"),
    (lambda: V.deep_net("relu", width=2.5), "width"),
    (lambda: V.deep_net("relu", init="orthogonal"), "init"),
    (lambda: V.xor_blobs(m=2), "m"),
    (lambda: V.xor_blobs(noise=-1.0), "noise"),
    (lambda: V.deltas("net", [[0.0, 0.0]], [[1.0]]), "MLP"),
    (lambda: V.deltas(V.deep_net("relu"), [[0.0, 0.0, 0.0]], [[1.0]]), "columns"),
    (lambda: V.layer_gradient_norms(V.deep_net("relu"), [[0.0, 0.0]], [[2.0]]), "Y must lie"),
    (lambda: V.saturation_profile(V.deep_net("relu"), [[0.0, 0.0]], threshold=0), "threshold"),
    (lambda: V.train_with_history(V.deep_net("relu"), [[0.0, 0.0]], [[1.0]], lr=-1, epochs=3), "lr"),
    (lambda: V.train_with_history(V.deep_net("relu"), [[0.0, 0.0]], [[1.0]], lr=0.1, epochs=-3), "epochs"),
    (lambda: V.norm_profiles([[0.0, 0.0]], [[1.0]], seeds=[]), "seeds"),
    (lambda: V.geometric_mean([1.0, 0.0]), "positive"),
    (lambda: V.final_losses([[0.0, 0.0]], [[1.0]], "softsign", [0.1], [0]), "activation"),
    (lambda: V.final_losses([[0.0, 0.0]], [[1.0]], "relu", [0.1], []), "seeds"),
    (lambda: V.constant_answer_loss([[1.0], [1.0]]), "both labels"),
    (lambda: V.dead_units("net", [[0.0, 0.0]]), "MLP"),
])
def test_bad_input_raises_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_figures_in_both_languages(data):
    X, Y = data
    profiles = V.norm_profiles(X, Y, seeds=range(2), depth=3, width=4)
    sat = {s: V.saturation_profile(V.deep_net("sigmoid", depth=3, init="normal", scale=s), X) for s in (1, 2)}
    hist = {a: V.train_with_history(V.deep_net(a, depth=3, width=4), X, Y, 0.05, 5) for a in ("sigmoid", "relu")}
    for lang in ("en", "zh"):
        for fig in (V.gradient_norms_figure(profiles, lang), V.saturation_figure(sat, lang),
                    V.training_figure(hist, lang)):
            assert fig.axes
            matplotlib.pyplot.close(fig)
    with pytest.raises(ValueError, match="show_steps"):
        V.training_figure(hist, "en", show_steps="tanh")
    with pytest.raises(ValueError, match="language"):
        V.gradient_norms_figure(profiles, "fr")
