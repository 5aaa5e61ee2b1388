"""The batched trainer ends exactly where MLP.fit ends, network by network."""
import itertools
import warnings

import numpy as np
import pytest

import backprop as bp
from backprop.vectorized import convergence_map, fit_one, initial_parameters, train_many

X, Y = bp.xor()


def fit_each(sizes, lrs, scales, seeds, epochs, **kw):
    nets, curves = [], []
    for lr, scale, seed in zip(lrs, scales, seeds):
        net = bp.MLP(sizes, scale=scale, seed=seed, **kw)
        curves.append(net.fit(X, Y, lr, epochs))
        nets.append(net)
    return nets, np.array(curves)


@pytest.mark.parametrize("init", ["normal", "xavier", "he"])
def test_initial_parameters_are_those_of_MLP(init):
    scales, seeds = [0.5, 1.0, 3.0, 1.0], [0, 0, 5, 12]
    weights, biases = initial_parameters([2, 5, 3, 1], init, scales, seeds)
    for i, (scale, seed) in enumerate(zip(scales, seeds)):
        net = bp.MLP([2, 5, 3, 1], init=init, scale=scale, seed=seed)
        assert all(np.array_equal(W[i], w) for W, w in zip(weights, net.weights))
        assert all(np.array_equal(b[i], c) for b, c in zip(biases, net.biases))


@pytest.mark.parametrize("kw", [
    {},
    {"activation": "tanh", "output_activation": "sigmoid", "loss": "bce"},
    {"activation": "relu", "output_activation": "identity"},
    {"activation": "sigmoid", "init": "xavier"},
])
def test_grid_matches_MLP_fit_network_by_network(kw):
    grid = list(itertools.product([0.1, 1.0, 4.0], [0.5, 1.0, 2.0], [0, 3]))
    lrs, scales, seeds = (list(t) for t in zip(*grid))
    sizes, epochs = [2, 4, 1], 200
    r = train_many(sizes, X, Y, lrs, epochs, scales, seeds, **kw)
    nets, curves = fit_each(sizes, lrs, scales, seeds, epochs, **kw)
    assert r.losses.shape == (len(grid), epochs)
    np.testing.assert_allclose(r.losses, curves, rtol=1e-12, atol=1e-15)
    for i, net in enumerate(nets):
        for W, w in zip(r.weights + r.biases, net.weights + net.biases):
            np.testing.assert_allclose(W[i], w, rtol=1e-12, atol=1e-14)
        out = net.forward(X)
        np.testing.assert_allclose(r.outputs[i], out, rtol=1e-12, atol=1e-14)
        assert r.solved[i] == bp.solved(out, Y)
        np.testing.assert_allclose(r.network(i).forward(X), out)


def test_solved_epoch_is_the_first_epoch_with_every_output_right():
    r = train_many([2, 4, 1], X, Y, [2.0, 0.05], 600, 1.0, [0, 1])
    assert r.solved[0] and not r.solved[1] and r.solved_epoch[1] == -1
    e = int(r.solved_epoch[0])
    net = bp.MLP([2, 4, 1], seed=0)
    net.fit(X, Y, 2.0, e)
    assert bp.solved(net.forward(X), Y)
    net = bp.MLP([2, 4, 1], seed=0)
    net.fit(X, Y, 2.0, e - 1)
    assert not bp.solved(net.forward(X), Y)


def test_diverged_runs_are_flagged_silently_and_do_not_poison_the_others():
    kw = {"activation": "relu", "output_activation": "identity"}
    lrs, scales, seeds = [50.0, 0.05, 20.0, 0.1], [3.0, 1.0, 3.0, 0.5], [1, 2, 1, 3]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning from overflow
        r = train_many([2, 8, 1], X, Y, lrs, 300, scales, seeds, **kw)
    nets, curves = fit_each([2, 8, 1], lrs, scales, seeds, 300, **kw)
    assert list(r.diverged) == [True, False, True, False]
    for i in (0, 2):
        first_nan = int(np.argmax(~np.isfinite(curves[i])))
        assert r.diverged_epoch[i] == first_nan
        assert np.isnan(r.losses[i, first_nan + 1:]).all()
        assert not r.solved[i] and r.solved_epoch[i] == -1
    np.testing.assert_allclose(r.losses, curves, rtol=1e-12, equal_nan=True)
    for i in range(4):
        for W, w in zip(r.weights, nets[i].weights):
            np.testing.assert_allclose(W[i], w, rtol=1e-12, equal_nan=True)


def test_scalars_are_shared_by_all_networks():
    r = train_many([2, 3, 1], X, Y, [0.5, 1.0, 2.0], 10, scales=2.0, seeds=7)
    assert list(r.scales) == [2.0, 2.0, 2.0] and list(r.seeds) == [7, 7, 7] and r.n_nets == 3
    assert train_many([2, 3, 1], X, Y, 1.0, 0).losses.shape == (1, 0)


@pytest.mark.parametrize("kw", [
    {"lr": 0.5, "scale": 1.0, "seed": 0},
    {"lr": 3.0, "scale": 2.0, "seed": 4},
    {"lr": 10.0, "scale": 0.5, "seed": 9, "init": "he"},
    {"lr": 1.0, "scale": 1.0, "seed": 2, "activation": "tanh", "output_activation": "sigmoid", "loss": "bce"},
    {"lr": 0.2, "scale": 1.0, "seed": 1, "activation": "relu", "output_activation": "identity"},
])
@pytest.mark.parametrize("sizes", [[2, 4, 1], [2, 3, 3, 1]])
def test_fit_one_agrees_with_MLP_fit(kw, sizes):
    kw = dict(kw)
    lr, scale, seed = kw.pop("lr"), kw.pop("scale"), kw.pop("seed")
    net = bp.MLP(sizes, scale=scale, seed=seed, **kw)
    curve = net.fit(X, Y, lr, 1500)
    r = fit_one(sizes, X, Y, lr, 1500, scale, seed, **kw)
    np.testing.assert_allclose(r.losses[0], curve, rtol=1e-9, atol=1e-14)
    for W, w in zip(r.weights + r.biases, net.weights + net.biases):
        np.testing.assert_allclose(W[0], w, rtol=1e-8, atol=1e-12)
    assert r.solved[0] == bp.solved(net.forward(X), Y)
    b = train_many(sizes, X, Y, lr, 1500, scale, seed, **kw)
    assert r.solved_epoch[0] == b.solved_epoch[0]


def test_fit_one_reports_divergence_like_MLP_fit():
    kw = {"activation": "relu", "output_activation": "identity"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = fit_one([2, 8, 1], X, Y, 50.0, 300, 3.0, 1, **kw)
    net = bp.MLP([2, 8, 1], scale=3.0, seed=1, **kw)
    curve = net.fit(X, Y, 50.0, 300)
    assert r.diverged[0] and r.diverged_epoch[0] == int(np.argmax(~np.isfinite(curve)))
    np.testing.assert_allclose(r.losses[0], curve, rtol=1e-9, equal_nan=True)
    for W, w in zip(r.weights, net.weights):
        np.testing.assert_allclose(W[0], w, rtol=1e-9, equal_nan=True)


def test_convergence_map_summarizes_train_many():
    lrs, scales = [0.05, 2.0, 8.0], [0.5, 2.0]
    cmap = convergence_map([2, 4, 1], lrs, scales, 4, 400, X, Y, max_nets_per_call=5)
    assert cmap.fraction_solved.shape == cmap.median_epochs.shape == (3, 2)
    for i, lr in enumerate(lrs):
        for j, scale in enumerate(scales):
            r = train_many([2, 4, 1], X, Y, lr, 400, scale, np.arange(4))
            assert cmap.fraction_solved[i, j] == r.solved.mean()
            assert cmap.n_solved[i, j] == r.solved.sum()
            done = r.solved_epoch[r.solved]
            if done.size:
                assert cmap.median_epochs[i, j] == np.median(done)
            else:
                assert np.isnan(cmap.median_epochs[i, j])
    assert np.isnan(cmap.median_epochs[0]).all() and (cmap.fraction_solved[2] > 0).all()


@pytest.mark.parametrize("kw, message", [
    ({"lrs": 0.0}, r"lrs must be finite numbers > 0"),
    ({"lrs": [1.0, -2.0]}, r"lrs must be finite numbers > 0"),
    ({"lrs": [[1.0]]}, r"lrs must be a number or a 1-D sequence"),
    ({"lrs": []}, r"lrs must hold at least one value"),
    ({"scales": [1.0, np.nan]}, r"scales must be finite numbers > 0"),
    ({"seeds": [0, -1]}, r"seeds must be whole numbers >= 0"),
    ({"seeds": [0.5]}, r"seeds must be whole numbers >= 0"),
    ({"lrs": [1.0, 2.0], "seeds": [0, 1, 2]}, r"same length.*lrs has 2, seeds has 3"),
    ({"epochs": -1}, r"epochs must be >= 0"),
    ({"epochs": 2.5}, r"epochs must be a whole number"),
    ({"activation": "softmax"}, r"unknown activation 'softmax'"),
    ({"loss": "hinge"}, r"unknown loss 'hinge'"),
    ({"init": "uniform"}, r"unknown init 'uniform'"),
    ({"loss": "bce", "output_activation": "identity"}, r"loss 'bce' needs outputs in \(0, 1\)"),
    ({"sizes": [2]}, r"sizes must list at least two"),
    ({"sizes": [2, 0, 1]}, r"sizes must be whole numbers >= 1"),
    ({"X": np.zeros((4, 3))}, r"X must have 2 columns"),
    ({"Y": np.zeros(4)}, r"Y must be a 2-D array"),
    ({"Y": np.zeros((3, 1))}, r"Y must have 4 rows"),
])
def test_bad_input_raises_clear_errors(kw, message):
    args = {"sizes": [2, 4, 1], "X": X, "Y": Y, "lrs": 1.0, "epochs": 5}
    args.update(kw)
    with pytest.raises(ValueError, match=message):
        train_many(**args)


def test_bad_input_to_the_other_entry_points():
    with pytest.raises(ValueError, match="fit_one trains one network"):
        fit_one([2, 4, 1], X, Y, [0.1, 0.2], 5)
    with pytest.raises(ValueError, match="lr must be finite numbers > 0"):
        fit_one([2, 4, 1], X, Y, -1.0, 5)
    with pytest.raises(ValueError, match="n_seeds must be a whole number >= 1"):
        convergence_map([2, 4, 1], [1.0], [1.0], 0, 5, X, Y)
    with pytest.raises(ValueError, match="max_nets_per_call"):
        convergence_map([2, 4, 1], [1.0], [1.0], 2, 5, X, Y, max_nets_per_call=0)
    with pytest.raises(ValueError, match="network index"):
        train_many([2, 4, 1], X, Y, 1.0, 1).network(3)
