"""Chapter 10's experiments: the valley paths, the stacked XOR sweep against train(), the digits curves."""
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import backprop as bp  # noqa: E402
from backprop import digits  # noqa: E402
from backprop.chapters import ch10_optimizers as S  # noqa: E402
from backprop.book.labels import label  # noqa: E402


def test_quadratic_gradient_is_the_derivative_of_the_loss():
    theta, lams, h = np.array([0.7, -1.3]), (2.0, 5.0), 1e-6
    numeric = [(S.quadratic_loss(theta + h * e, lams) - S.quadratic_loss(theta - h * e, lams)) / (2 * h)
               for e in np.eye(2)]
    assert np.allclose(S.quadratic_grad(theta, lams), numeric, atol=1e-6)


def test_sgd_path_follows_the_closed_form():
    lams, lr, steps = np.array([1.0, 20.0]), 0.09, 12
    path = S.quadratic_path(bp.SGD(lr), (-10.0, 2.0), steps, lams)
    expected = np.array([-10.0, 2.0]) * (1 - lr * lams) ** steps   # θ_t = (1 − ηλ)^t θ_0
    assert path.shape == (steps + 1, 2)
    assert np.allclose(path[-1], expected)


def test_momentum_and_adam_beat_gd_on_the_ill_conditioned_valley():
    lams, start = (1.0, 100.0), (-10.0, 1.0)
    final = {name: S.quadratic_loss(S.quadratic_path(opt, start, 60, lams)[-1], lams)
             for name, opt in [("sgd", bp.SGD(0.019)), ("momentum", bp.Momentum(0.01)), ("adam", bp.Adam(0.5))]}
    assert final["momentum"] < final["sgd"] / 10 and final["adam"] < final["sgd"] / 10


def test_quadratic_path_resets_the_optimizer():
    opt = bp.Momentum(0.01)
    first = S.quadratic_path(opt, (1.0, 1.0), 5)
    assert np.array_equal(first, S.quadratic_path(opt, (1.0, 1.0), 5))


@pytest.mark.parametrize("name, lr, kwargs", [("sgd", 4.0, {}), ("momentum", 0.5, {"beta": 0.8}),
                                              ("adam", 0.1, {})])
def test_stacked_sweep_equals_train_for_every_seed(name, lr, kwargs):
    sweep = S.xor_sweep(name, [lr], seeds=[0, 3, 11], epochs=150, **kwargs)
    X, Y = bp.xor()
    for j, seed in enumerate([0, 3, 11]):
        net = bp.MLP([2, 2, 1], activation="sigmoid", loss="mse", seed=seed)
        losses = bp.train(net, X, Y, bp.make_optimizer(name, lr=lr, **kwargs), 150)
        assert np.allclose(sweep.losses[0, j], losses, rtol=1e-12, atol=1e-15)
        assert sweep.solved[0, j] == bp.solved(net.forward(X), Y)


def test_sweep_summaries_and_best_lr():
    sweep = S.xor_sweep("sgd", [0.01, 8.0], seeds=range(6), epochs=300)
    assert sweep.fraction_solved[0] == 0.0 and np.isnan(sweep.median_epochs[0])
    assert sweep.fraction_solved[1] > 0
    assert S.best_lr(sweep) == 1
    assert np.all(sweep.solved_epoch[sweep.solved] <= 300)
    table = S.xor_sweep_table({"opt_sgd": sweep}, "en").splitlines()
    assert len(table) == 4 and "★" in table[3] and "★" not in table[2]


def test_a_huge_step_is_not_solved_and_warns_nothing():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sweep = S.xor_sweep("sgd", [1e308], seeds=[0, 1], epochs=30)
    assert not sweep.solved.any()


def test_figures_build_in_both_languages():
    paths = {"opt_sgd": S.quadratic_path(bp.SGD(0.05), (-5.0, 1.0), 10)}
    sweeps = {"opt_adam": S.xor_sweep("adam", [0.1], seeds=range(3), epochs=20)}
    for lang in ("en", "zh"):
        figures = {"opt_sgd": S.valley_figure(paths, lang), "opt_adam": S.xor_curves_figure(sweeps, lang)}
        for key, fig in figures.items():
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a glyph missing from the font warns while drawing
                fig.canvas.draw()
            assert label(key, lang) in fig.axes[0].get_title()  # the panel is named in the page's language
            matplotlib.pyplot.close(fig)


def test_digits_curves_shapes_and_learning():
    X, labels = digits.load_digits()
    X_tr, X_te, l_tr, l_te = digits.train_test_split(X[:400], labels[:400])
    curves = S.digits_curves({"opt_adam": bp.Adam(0.01)}, X_tr, l_tr, X_te, l_te, epochs=3, hidden=8)
    c = curves["opt_adam"]
    assert c["loss"].shape == (4,) and c["test_accuracy"].shape == (4,)
    assert c["loss"][-1] < c["loss"][0] and c["test_accuracy"][-1] > c["test_accuracy"][0]


def test_digits_sweep_over_seeds_picks_the_lowest_median_loss():
    X, labels = digits.load_digits()
    X_tr, X_te, l_tr, l_te = digits.train_test_split(X[:400], labels[:400])
    runs, best = S.digits_sweep({"opt_sgd": ("sgd", [0.01, 0.3, 1e3])}, X_tr, l_tr, X_te, l_te, epochs=2,
                                seeds=(0, 1), hidden=8)
    entries = runs["opt_sgd"]
    assert [c["lr"] for c in entries] == [0.01, 0.3, 1e3] and entries[0]["loss"].shape == (2, 3)
    assert best["opt_sgd"] is entries[1] and S.best_digits_lr(entries) == 1
    assert S.diverged(entries[2]["loss"]).all() and not S.diverged(entries[1]["loss"]).any()
    # seed 1 of the sweep is digits_curves with seed=1
    one = S.digits_curves({"x": bp.SGD(0.3)}, X_tr, l_tr, X_te, l_te, epochs=2, hidden=8, seed=1)["x"]
    assert np.array_equal(entries[1]["loss"][1], one["loss"])
    table = S.digits_table(runs, best, "zh").splitlines()
    assert "★" in table[3] and "发散" in table[4]
    fig = S.digits_figure(best, "en")
    assert "2 seeds" in fig.get_suptitle()
    matplotlib.pyplot.close("all")


def test_diverged_flags_a_rise_or_a_nan():
    assert list(S.diverged(np.array([[2.0, 1.0], [2.0, 3.0], [2.0, np.nan]]))) == [False, True, True]


@pytest.mark.parametrize("scores, best, lower, expected", [
    ([3.0, 1.0, 2.0], 1, True, True),
    ([1.0, 2.0, 3.0], 0, True, False),        # best at the edge
    ([1.0, 1.0, 2.0], 1, True, False),        # the edge is as good: not bracketed
    ([np.nan, 1.0, np.inf], 1, True, True),   # diverged runs count as worst
    ([5, 40, 41, 30], 2, False, True),        # shares solved: higher is better
    ([41, 40, 30], 1, False, False),
])
def test_bracketed(scores, best, lower, expected):
    assert S.bracketed(scores, best, lower_is_better=lower) is expected


def test_plateau_pattern_names_the_tied_outputs():
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert S.plateau_pattern([[0.01], [0.98], [0.5], [0.51]], Y) == (2, pytest.approx(0.505))
    k, c = S.plateau_pattern([[0.01], [0.67], [0.66], [0.68]], Y)
    assert k == 1 and c == pytest.approx(2 / 3, abs=0.01)
    assert S.plateau_pattern([[0.01], [0.9], [0.2], [0.6]], Y) is None   # the rest are not tied
    assert S.plateau_pattern([[0.0], [1.0], [1.0], [0.0]], Y) is None    # nothing stuck: solved
    with pytest.raises(ValueError):
        S.plateau_pattern([[0.5]], Y)


def test_sweep_records_solved_after_each_epoch_and_the_outputs():
    sweep = S.xor_sweep("sgd", [8.0], seeds=range(5), epochs=400)
    X, Y = bp.xor()
    assert sweep.solved_at.shape == (1, 5, 401) and sweep.outputs.shape == (1, 5, 4, 1)
    assert np.array_equal(sweep.solved_at[:, :, -1], sweep.solved)
    assert list(sweep.n_solved) == [int(sweep.solved.sum())]
    for j in range(5):
        net = bp.MLP([2, 2, 1], activation="sigmoid", loss="mse", seed=j)
        bp.train(net, X, Y, bp.SGD(8.0), 400)
        assert np.allclose(sweep.outputs[0, j], net.forward(X))
        first = np.flatnonzero(sweep.solved_at[0, j])
        if sweep.solved[0, j]:
            assert first[0] == sweep.solved_epoch[0, j]
    fig = S.solved_vs_epochs_figure({"opt_sgd": sweep}, "zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("call", [
    lambda: S.quadratic_loss([1.0, 2.0, 3.0]),
    lambda: S.quadratic_grad([1.0, 2.0], lams=(1.0, -1.0)),
    lambda: S.quadratic_path("sgd", (0.0, 1.0), 3),
    lambda: S.quadratic_path(bp.SGD(0.1), (0.0, np.nan), 3),
    lambda: S.quadratic_path(bp.SGD(0.1), (0.0, 1.0), -1),
    lambda: S.xor_sweep("rmsprop", [0.1]),
    lambda: S.xor_sweep("sgd", []),
    lambda: S.xor_sweep("sgd", [-0.1]),
    lambda: S.xor_sweep("sgd", [0.1], seeds=[-1]),
    lambda: S.xor_sweep("sgd", [0.1], seeds=[]),
    lambda: S.xor_sweep("sgd", [0.1], epochs=-5),
    lambda: S.valley_figure({}, "en"),
    lambda: S.digits_sweep({}, np.zeros((2, 64)), [0, 1], np.zeros((2, 64)), [0, 1]),
    lambda: S.digits_sweep({"k": "adam"}, np.zeros((2, 64)), [0, 1], np.zeros((2, 64)), [0, 1]),
    lambda: S.xor_curves_figure({}, "en"),
    lambda: S.digits_curves({}, np.zeros((2, 64)), [0, 1], np.zeros((2, 64)), [0, 1]),
    lambda: S.digits_curves({"x": "adam"}, np.zeros((2, 64)), [0, 1], np.zeros((2, 64)), [0, 1]),
    lambda: S.digits_sweep({"k": ("rmsprop", [0.1])}, np.zeros((2, 64)), [0, 1], np.zeros((2, 64)), [0, 1]),
    lambda: S.bracketed([1.0, 2.0], 0, True),
    lambda: S.bracketed([1.0, 2.0, 3.0], 3, True),
    lambda: S.solved_vs_epochs_figure({}, "en"),
])
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()
