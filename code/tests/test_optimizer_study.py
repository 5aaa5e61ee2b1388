"""Chapter 10's experiments: the valley paths, the stacked XOR sweep against train(), the digits curves."""
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import backprop as bp  # noqa: E402
from backprop import digits  # noqa: E402
from backprop import optimizer_study as S  # noqa: E402
from backprop.labels import label  # noqa: E402


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
    S.digits_figure(curves, "zh")
    runs, best = S.digits_sweep({"opt_sgd": ("sgd", [0.01, 0.3])}, X_tr, l_tr, X_te, l_te, epochs=2, hidden=8)
    assert best["opt_sgd"]["optimizer"].lr == 0.3 and len(runs["opt_sgd"]) == 2
    assert "★" in S.digits_table(runs, best, "zh").splitlines()[3]
    matplotlib.pyplot.close("all")


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
])
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()
