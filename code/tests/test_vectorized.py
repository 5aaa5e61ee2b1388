"""The batched trainer ends exactly where MLP.fit ends, network by network."""
import itertools
import warnings

import numpy as np
import pytest

import backprop as bp
import backprop.vectorized as vectorized
from backprop.activations import ACTIVATIONS
from backprop.vectorized import Network, backward, convergence_map, fit_one, forward, initial_parameters, train_many

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
    assert np.array_equal(r.losses, curves)  # the same arithmetic: the same bits
    for i, net in enumerate(nets):
        for W, w in zip(r.weights + r.biases, net.weights + net.biases):
            assert np.array_equal(W[i], w)
        out = net.forward(X)
        assert np.array_equal(r.outputs[i], out)
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
    {"lr": 0.5, "scale": 1.0, "seed": 3, "activation": "relu", "output_activation": "sigmoid", "loss": "bce"},
    {"lr": 2.0, "scale": 1.0, "seed": 5, "activation": "sigmoid", "loss": "bce"},
])
@pytest.mark.parametrize("sizes", [[2, 4, 1], [2, 3, 3, 1]])
def test_fit_one_agrees_with_MLP_fit(kw, sizes):
    # fit_one is a specialisation (parameters as [W | b] blocks, another σ formula): the same
    # arithmetic up to rounding, so 1e-12 relative; atol only for values that reach ~0
    kw = dict(kw)
    lr, scale, seed = kw.pop("lr"), kw.pop("scale"), kw.pop("seed")
    net = bp.MLP(sizes, scale=scale, seed=seed, **kw)
    curve = net.fit(X, Y, lr, 1500)
    r = fit_one(sizes, X, Y, lr, 1500, scale, seed, **kw)
    np.testing.assert_allclose(r.losses[0], curve, rtol=1e-12, atol=1e-18)
    for W, w in zip(r.weights + r.biases, net.weights + net.biases):
        np.testing.assert_allclose(W[0], w, rtol=1e-12, atol=1e-15)
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


# ----- the engine's fast pieces compute exactly what the plain formulas compute ------------
def plain_forward(net, weights, biases, X):
    """z = W a + b and a = σ(z) with one np.matmul per layer and fresh arrays: the reference."""
    zs, activations = [], [X]
    for sigma, W, b in zip(net.activations, weights, biases):
        zs.append(np.matmul(activations[-1], W.transpose(0, 2, 1)) + b[:, None, :])
        activations.append(sigma.f(zs[-1]))
    return zs, activations


def plain_backward(net, weights, zs, activations, Y):
    """BP1–BP4 with np.matmul, the Loss object and the Activation objects: the reference."""
    delta = net.loss.output_delta(net.activations[-1], zs[-1], activations[-1], Y)
    dWs, dbs = [None] * len(weights), [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        dbs[layer] = delta.sum(axis=1)
        dWs[layer] = np.matmul(delta.transpose(0, 2, 1), activations[layer])
        if layer > 0:
            sigma = net.activations[layer - 1]
            delta = np.matmul(delta, weights[layer]) * sigma.prime_from_output(zs[layer - 1], activations[layer])
    return dWs, dbs


@pytest.mark.parametrize("m", [4, 9])
@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 1, 1], [2, 4, 1], [2, 8, 1], [2, 4, 4, 1], [3, 5, 2], [1, 3, 1]])
@pytest.mark.parametrize("kw", [{}, {"activation": "tanh", "output_activation": "identity"},
                                {"activation": "relu", "output_activation": "sigmoid", "loss": "bce"}])
def test_forward_and_backward_are_bit_identical_to_the_plain_formulas(sizes, kw, m):
    rng = np.random.default_rng(sum(sizes) + m)
    net = Network.checked(sizes, **kw)
    n = 300
    Xr, Yr = rng.standard_normal((m, sizes[0])), rng.random((m, sizes[-1]))
    weights, biases = initial_parameters(sizes, "normal", rng.uniform(0.1, 5.0, n), np.arange(n))
    zs, activations = forward(net, weights, biases, Xr)
    ref_zs, ref_activations = plain_forward(net, weights, biases, Xr)
    assert all(np.array_equal(a, b) for a, b in zip(zs + activations, ref_zs + ref_activations))
    dWs, dbs = backward(net, weights, zs, activations, Yr)
    ref_dWs, ref_dbs = plain_backward(net, weights, ref_zs, ref_activations, Yr)
    assert all(np.array_equal(a, b) for a, b in zip(dWs + dbs, ref_dWs + ref_dbs))


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_the_engines_sigma_and_sigma_prime_are_those_of_the_activations_module(name):
    # a 1-1-1 network with W = 1, b = 0 has z^1 = x: feed it every kind of number
    rng = np.random.default_rng(0)
    z = np.concatenate([rng.standard_normal(4000) * 10.0 ** rng.integers(-8, 4, 4000),
                        [0.0, -0.0, 1e-300, -1e-300, 700.0, -700.0, 800.0, -800.0, np.inf, -np.inf, np.nan]])
    net = Network.checked([1, 1, 1], name, "identity")
    weights, biases = [np.ones((1, 1, 1))] * 2, [np.zeros((1, 1))] * 2
    with np.errstate(all="ignore"):
        zs, activations = forward(net, weights, biases, z[:, None])
        assert np.array_equal(zs[0][0, :, 0], z, equal_nan=True)
        assert np.array_equal(activations[1][0, :, 0], ACTIVATIONS[name].f(z), equal_nan=True)
        Yz = np.zeros((z.size, 1))
        dWs, dbs = backward(net, weights, zs, activations, Yz)
        ref_dWs, ref_dbs = plain_backward(net, weights, *plain_forward(net, weights, biases, z[:, None]), Yz)
    assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(dWs + dbs, ref_dWs + ref_dbs))


def test_the_split_into_threads_does_not_change_a_bit(monkeypatch):
    lrs, scales, seeds = np.tile([0.5, 3.0, 50.0], 7), np.repeat([0.5, 1.0, 3.0], 7), np.arange(21)
    kw = {"activation": "relu", "output_activation": "identity"}
    monkeypatch.setattr(vectorized, "THREADS", 1)
    whole = train_many([2, 4, 1], X, Y, lrs, 300, scales, seeds, **kw)
    monkeypatch.setattr(vectorized, "THREADS", 3)
    monkeypatch.setattr(vectorized, "MIN_NETS_PER_THREAD", 5)  # 3 threads of 7 networks
    parts = train_many([2, 4, 1], X, Y, lrs, 300, scales, seeds, **kw)
    assert whole.diverged.any() and not whole.diverged.all()
    for field in ("weights", "biases", "losses", "outputs", "solved", "solved_epoch", "diverged", "diverged_epoch"):
        a, b = getattr(whole, field), getattr(parts, field)
        assert all(np.array_equal(u, v, equal_nan=True) for u, v in zip(a, b)) if isinstance(a, list) \
            else np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
