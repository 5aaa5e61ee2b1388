"""Every mistake a reader can make gets a ValueError that names the argument."""
import numpy as np
import pytest

import backprop as bp

X, Y = bp.xor()


@pytest.fixture
def net():
    return bp.MLP([2, 3, 1])


@pytest.mark.parametrize("bad_X, message", [
    (np.zeros((4, 3)), r"X must have 2 columns"),
    (np.zeros(2), r"X must be a 2-D array.*reshape"),
    (np.zeros((0, 2)), r"X must hold at least one sample"),
    ([["a", "b"]], r"X must be an array of numbers"),
])
def test_bad_X(net, bad_X, message):
    with pytest.raises(ValueError, match=message):
        net.forward(bad_X)


@pytest.mark.parametrize("bad_Y, message", [
    (np.zeros((3, 1)), r"Y must have 4 rows"),
    (np.zeros((4, 2)), r"Y must have 1 columns"),
    (np.zeros(4), r"Y must be a 2-D array.*reshape\(-1, 1\)"),
])
@pytest.mark.parametrize("method", ["loss", "gradients"])
def test_bad_Y(net, bad_Y, message, method):
    with pytest.raises(ValueError, match=message):
        getattr(net, method)(X, bad_Y)


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_values(net, value):
    bad = X.copy()
    bad[2, 1] = value
    with pytest.raises(ValueError, match=r"X must contain only finite numbers.*index \(2, 1\)"):
        net.loss(bad, Y)
    with pytest.raises(ValueError, match=r"Y must contain only finite numbers"):
        net.fit(X, np.where(Y == 1, value, Y), lr=0.1, epochs=1)


@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf, "fast", None])
def test_bad_learning_rate(net, lr):
    with pytest.raises(ValueError, match=r"lr must be"):
        net.fit(X, Y, lr=lr, epochs=1)


@pytest.mark.parametrize("epochs", [-1, 2.5, "10"])
def test_bad_epochs(net, epochs):
    with pytest.raises(ValueError, match=r"epochs must be"):
        net.fit(X, Y, lr=0.1, epochs=epochs)


@pytest.mark.parametrize("kwargs, message", [
    ({"activation": "softmax"}, r"unknown activation 'softmax'"),
    ({"output_activation": "step"}, r"unknown output_activation 'step'"),
    ({"loss": "hinge"}, r"unknown loss 'hinge'"),
    ({"init": "orthogonal"}, r"unknown init 'orthogonal'"),
    ({"scale": 0}, r"scale must be"),
    ({"seed": 1.5}, r"seed must be"),
    ({"loss": "bce", "activation": "tanh"}, r"loss 'bce' needs outputs in \(0, 1\)"),
])
def test_bad_names_and_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bp.MLP([2, 3, 1], **kwargs)


@pytest.mark.parametrize("sizes, message", [
    ([2], r"sizes must list at least two"),
    ([], r"sizes must list at least two"),
    ([2, 0, 1], r"sizes\[1\] is 0"),
    ([2, 2.5, 1], r"sizes\[1\] is 2.5"),
    ("21", r"sizes must list"),
])
def test_bad_sizes(sizes, message):
    with pytest.raises(ValueError, match=message):
        bp.MLP(sizes)


def test_bce_targets_must_be_probabilities():
    net = bp.MLP([2, 1], loss="bce")
    with pytest.raises(ValueError, match=r"Y must lie in \[0, 1\]"):
        net.loss(X, 2 * Y)


# ----- the cases of issue 11: each was silent or failed deep inside numpy ----------------------
def test_mse_refuses_outputs_and_targets_of_different_shapes():
    a = np.full((3, 1), 0.5)
    with pytest.raises(ValueError, match=r"y must be a 2-D array"):
        bp.mse(a, np.zeros(3))          # would broadcast to a (3, 3) table of differences
    with pytest.raises(ValueError, match=r"a and y must have the same shape"):
        bp.mse(a, np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"a must be a 2-D array"):
        bp.mse_grad(np.zeros(3), np.zeros((3, 1)))


@pytest.mark.parametrize("loss", [bp.bce, bp.bce_grad, bp.ce, bp.ce_grad])
def test_cross_entropies_refuse_outputs_outside_0_1(loss):
    with pytest.raises(ValueError, match=r"a must lie in \[0, 1\]"):
        loss(np.array([[1.5], [0.5]]), np.array([[1.0], [0.0]]))


def test_solved_refuses_shapes_it_would_broadcast():
    outputs = np.array([[0.1], [0.9], [0.9], [0.1]])
    with pytest.raises(ValueError, match=r"Y must be a 2-D array"):
        bp.solved(outputs, Y.ravel())
    with pytest.raises(ValueError, match=r"outputs must have shape \(4, 1\)"):
        bp.solved(outputs.ravel(), Y)
    with pytest.raises(ValueError, match=r"outputs must have the shape of Y"):
        bp.solved(np.stack([outputs, outputs]), Y)   # a stack is for solved_rows
    with pytest.raises(ValueError, match=r"margin must lie in \[0, 0.5\)"):
        bp.solved(outputs, Y, margin=0.5)
    with pytest.raises(ValueError, match=r"Y must hold targets in \[0, 1\]"):
        bp.solved(outputs, 2 * Y)
    assert bp.solved(outputs, Y)


def test_solved_rows_checks_its_arguments_but_accepts_diverged_outputs():
    from backprop.data import solved_rows

    stack = np.stack([np.array([[0.1], [0.9], [0.9], [0.1]]), np.full((4, 1), np.nan)])
    assert solved_rows(stack, Y).tolist() == [True, False]
    with pytest.raises(ValueError, match=r"outputs must have shape"):
        solved_rows(stack[..., 0], Y)
    with pytest.raises(ValueError, match=r"margin must be a finite number"):
        solved_rows(stack, Y, margin="wide")


def test_optimizer_step_refuses_plain_floats():
    with pytest.raises(ValueError, match=r"params\[0\] must be a float64 numpy array"):
        bp.SGD(0.1).step([1.0], [0.5])
    with pytest.raises(ValueError, match=r"2 parameter arrays but 1 gradients"):
        bp.SGD(0.1).step([np.zeros(2), np.zeros(2)], [np.zeros(2)])


def test_mlp_step_refuses_short_or_misshapen_gradient_lists(net):
    dWs, dbs = net.gradients(X, Y)
    with pytest.raises(ValueError, match=r"dWs must hold one array per layer \(2\); got 1"):
        net.step(dWs[:1], dbs, 0.1)
    with pytest.raises(ValueError, match=r"dbs must hold one array per layer"):
        net.step(dWs, dbs[:1], 0.1)
    with pytest.raises(ValueError, match=r"dWs\[0\] must have shape \(3, 2\)"):
        net.step([dWs[0].T, dWs[1]], dbs, 0.1)


@pytest.mark.parametrize("kwargs, message", [
    ({"scale": -1}, r"scale must be a finite number > 0"),
    ({"scale": 0}, r"scale must be"),
    ({"n_in": 0}, r"n_in must be a whole number >= 1"),
    ({"n_out": 0}, r"n_out must be a whole number >= 1"),
    ({"n_in": 2.5}, r"n_in must be"),
    ({"scheme": "orthogonal"}, r"unknown init 'orthogonal'"),
])
def test_init_std_checks_its_arguments(kwargs, message):
    args = {"scheme": "xavier", "n_in": 2, "n_out": 3, "scale": 1.0} | kwargs
    with pytest.raises(ValueError, match=message):
        bp.init_std(**args)


@pytest.mark.parametrize("eps", [0, 0.0, -1e-6, np.nan, "small"])
def test_gradient_check_refuses_a_step_that_is_not_positive(net, eps):
    with pytest.raises(ValueError, match=r"eps must be"):
        bp.gradient_check(net, X, Y, eps=eps)
    with pytest.raises(ValueError, match=r"eps must be"):
        bp.numerical_gradients(net, X, Y, eps=eps)


def test_gradient_check_checks_net_and_data(net):
    with pytest.raises(ValueError, match=r"net must be a backprop.MLP"):
        bp.gradient_check("net", X, Y)
    with pytest.raises(ValueError, match=r"X must have 2 columns"):
        bp.gradient_check(net, X[:, :1], Y)
    with pytest.raises(ValueError, match=r"Y must be a 2-D array"):
        bp.numerical_gradients(net, X, Y.ravel())


def test_relative_errors_check_what_they_compare():
    with pytest.raises(ValueError, match=r"a and b must have the same shape"):
        bp.relative_error(np.ones(1), np.ones(3))       # would broadcast silently
    with pytest.raises(ValueError, match=r"a and b must hold the same number of arrays"):
        bp.relative_error([np.ones(2)], [np.ones(2), np.ones(2)])
    with pytest.raises(ValueError, match=r"b must contain only finite numbers"):
        bp.relative_error(np.ones(2), np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match=r"gradients must be a pair"):
        bp.relative_errors([np.ones(2)], ([np.ones(2)], [np.ones(2)]))


def test_live_fields_refuse_settings_outside_the_controls():
    from backprop.chapters.ch07_explorer import live_fields

    with pytest.raises(ValueError, match=r"seed must be a whole number"):
        live_fields(seed=1.7, epochs=10)
    with pytest.raises(ValueError, match=r"hidden must be a whole number"):
        live_fields(hidden="4", epochs=10)
    with pytest.raises(ValueError, match=r"lr must lie in \[0.01, 50.0\]"):
        live_fields(lr=60.0, epochs=10)
    with pytest.raises(ValueError, match=r"n must be a whole number"):
        live_fields(epochs=10, n=1)


def test_network_name_refuses_a_string():
    from backprop.chapters.ch09_initialization import network_name

    with pytest.raises(ValueError, match=r"sizes must list at least two layer sizes.*got '231'"):
        network_name("231")
    with pytest.raises(ValueError, match=r"sizes\[1\] is 2.5"):
        network_name([2, 2.5, 1])
    assert network_name([2, 16, 16, 16, 1]) == "2-16×3-1"


def test_mlp_negative_seed_names_seed():
    with pytest.raises(ValueError, match=r"seed must be a whole number >= 0; got -1"):
        bp.MLP([2, 3, 1], seed=-1)


def test_train_refuses_a_net_that_is_not_an_mlp():
    with pytest.raises(ValueError, match=r"net must be a backprop.MLP; got str"):
        bp.train("x", X, Y, bp.SGD(0.1), 1)
    with pytest.raises(ValueError, match=r"optimizer must be"):
        bp.train(bp.MLP([2, 3, 1]), X, Y, "sgd", 1)


@pytest.mark.parametrize("call", ["train_seeds", "solved_by_budget", "tune_lr"])
def test_chapter_6_helpers_refuse_a_loss_the_engine_cannot_train(call):
    from backprop.chapters import ch06_xor as ch06

    calls = {"train_seeds": lambda: ch06.train_seeds([2, 2, 1], [0], 1.0, 10, loss="ce"),
             "solved_by_budget": lambda: ch06.solved_by_budget([2, 2, 1], [0], 1.0, [10], loss="ce"),
             "tune_lr": lambda: ch06.tune_lr([2, 2, 1], [0.5, 1.0, 2.0], range(3), 10, loss="ce")}
    with pytest.raises(ValueError, match=r"unknown loss 'ce'; expected one of 'mse', 'bce'"):
        calls[call]()


# ----- the other public functions of the package, one bad argument each -------------------------
def _ch06():
    from backprop.chapters import ch06_xor
    return ch06_xor


def _ch10():
    from backprop.chapters import ch10_optimizers
    return ch10_optimizers


def _digits():
    from backprop import digits
    return digits


def _claims():
    from backprop.book import claims
    return claims


def _glue():
    from backprop.book import glue
    return glue


def _symbolic(name):
    import importlib
    return importlib.import_module(f"backprop.symbolic.{name}")


@pytest.mark.parametrize("call, message", [
    # data, digits
    (lambda: _digits().one_hot([0, 1], n_classes=True), r"n_classes must be a whole number >= 2"),
    (lambda: _digits().train_test_split(np.zeros((4, 2)), [0, 1, 0, 1], 0.5, seed=-1), r"seed must be"),
    (lambda: _digits().train_test_split(np.zeros((2, 2)), [0, np.nan], 0.5), r"labels must hold whole class"),
    (lambda: _digits().train_test_split(np.zeros((2, 2)), ["a", "b"], 0.5), r"labels must hold whole class"),
    (lambda: _digits().train_test_split(np.zeros((4, 2)), [0, 1, 0, 1], "half"), r"test_fraction must be"),
    (lambda: _digits().predict("net", np.zeros((1, 2))), r"net must be a backprop.MLP"),
    (lambda: _digits().confusion_matrix([0], [0], n_classes=2.5), r"n_classes must be a whole number"),
    (lambda: _digits().check_labels([0], n_classes=0), r"n_classes must be a whole number >= 1"),
    # book/claims, book/glue, book/labels, book/stored
    (lambda: _claims().about("9", 10), r"value must be one finite number"),
    (lambda: _claims().about(9.0, np.nan), r"target must be one finite number"),
    (lambda: _claims().about(9.0, 10, rel=-0.1), r"rel must lie in"),
    (lambda: _claims().wilson_interval(3, 10, z=0), r"z must be a finite number > 0"),
    (lambda: _claims().wilson_interval(2.0, 10), r"successes must be a whole number"),
    (lambda: _claims().fraction_text(1, 2, lang=None), r"unknown lang None"),
    (lambda: _glue().glue("", 1.0), r"name must be a non-empty string"),
    (lambda: _glue().glue("x", 1.0, display="yes"), r"display must be True or False"),
    (lambda: _glue().format_plain("0.5", ".2q"), r"spec '.2q' cannot format"),
    (lambda: _glue().format_plain(0.5, ".2f"), r"plain must be a string"),
    (lambda: _glue().glued(3), r"name must be a non-empty string"),
    (lambda: __import__("backprop.book.labels").book.labels.label("loss", "de"),
     r"unknown language 'de': lang must be one of"),
    (lambda: __import__("backprop.book.labels").book.labels.label(["loss"], "en"), r"unknown label"),
    (lambda: __import__("backprop.book.stored").book.stored.convergence_map(
        "../elsewhere", [2, 2, 1], [1.0], [1.0], 1, 10, X, Y), r"name must be a file name"),
    (lambda: __import__("backprop.book.stored").book.stored.convergence_map(
        "ch07_map_221", [2, 2, 1], [1.0], [1.0], 1, 10, X, Y.ravel()), r"Y must be a 2-D array"),
    (lambda: __import__("backprop.book.stored").book.stored.convergence_map(
        "ch07_map_221", [2, 2, 1], [1.0], [1.0], 0, 10, X, Y), r"n_seeds must be"),
    (lambda: __import__("backprop.book.stored").book.stored.convergence_map(
        "ch07_map_221", [2, 2, 1], [1.0], [1.0], 1, 10, X, Y, recompute="yes"), r"recompute must be"),
    # chapter 1
    (lambda: __import__("backprop.chapters.ch01_neuron").chapters.ch01_neuron.lone_neuron_losses(X, Y.ravel()),
     r"Y must be a 2-D array"),
    (lambda: __import__("backprop.chapters.ch01_neuron").chapters.ch01_neuron.lone_neuron_losses(X[:, :1], Y),
     r"X must have 2 columns"),
    # chapter 6
    (lambda: _ch06().gate_of(["a", "b", "c", "d"]), r"values must be 4 finite numbers"),
    (lambda: _ch06().near([0.07], value=0), r"value must be a finite number > 0"),
    (lambda: _ch06().near([0.07], 1 / 16, rel="x"), r"rel must be a finite number"),
    (lambda: _ch06().hover_span(np.ones((2, 2)), 1.0), r"curve must be one loss curve"),
    (lambda: _ch06().tied_inputs(bp.MLP([2, 2, 1]), X, Y.ravel()), r"Y must be a 2-D array"),
    (lambda: _ch06().tied_inputs(bp.MLP([2, 2, 1]), margin=0.7), r"margin must lie in"),
    (lambda: _ch06().tune_lr([2, 2, 1], [0.5, 1.0, 2.0], range(3), 0), r"epochs must be a whole number >= 1"),
    (lambda: _ch06().tune_lr([2, 2, 1], [0.5, 1.0, 2.0], [0, 1, 2.5], 10), r"seeds\[2\] is 2.5"),
    (lambda: _ch06().outputs_without(bp.MLP([2, 4, 1]), X, [1.5]), r"units must be whole numbers >= 1"),
    (lambda: _ch06().solved_by_budget([2, 2, 1], [0], 1.0, "100"), r"budgets must be a sequence"),
    (lambda: _ch06().solved_by_budget([2, 2, 1], [0], 0.0, [100]), r"lr must be"),
    (lambda: _ch06().train_seeds("221", [0], 1.0, 10), r"sizes must list"),
    (lambda: _ch06().hidden_units_figure(bp.MLP([2, 2, 1]), X, Y.ravel(), "en"), r"Y must be a 2-D array"),
    (lambda: _ch06().hidden_units_figure(bp.MLP([2, 2, 1]), X, Y, "fr"), r"lang must be one of"),
    (lambda: _ch06().final_loss_histogram(None, ["x"], ["a"], "en"), r"final_losses must be an array of numbers"),
    (lambda: _ch06().solved_by_budget_plot(None, {"counts": [1]}, "en"), r"curve must be a BudgetCurve"),
    (lambda: __import__("backprop.chapters.ch01_neuron").chapters.ch01_neuron.activation_figure("en", (6, -6)),
     r"z_range must be two finite numbers"),
    # chapter 7
    (lambda: __import__("backprop.chapters.ch07_explorer").chapters.ch07_explorer.convergence_heatmaps(
        [{}], ["a"], "en"), r"maps must be ConvergenceMap results"),
    (lambda: __import__("backprop.chapters.ch07_explorer").chapters.ch07_explorer.live_explorer("fr"),
     r"lang must be one of"),
    # chapter 10
    (lambda: _ch10().bracketed([1.0, 2.0, 3.0], 1, "yes"), r"lower_is_better must be True or False"),
    (lambda: _ch10().bracketed([1.0, 2.0, 3.0], 1.0, True), r"best must be a whole number"),
    (lambda: _ch10().plateau_pattern([[0.5]] * 4, Y, tol=0), r"tol must be"),
    (lambda: _ch10().plateau_pattern(np.full(4, 0.5), Y), r"outputs must have the shape of Y"),
    (lambda: _ch10().diverged(1.0), r"loss must have shape"),
    (lambda: _ch10().best_digits_lr([]), r"runs must be a non-empty list"),
    (lambda: _ch10().best_lr("sweep"), r"sweep must be an XorSweep"),
    (lambda: _ch10().xor_sweep_table({"opt_sgd": None}, "en"), r"sweeps\['opt_sgd'\] must be an XorSweep"),
    (lambda: _ch10().xor_sweep("sgd", [0.1], X=X), r"give both X and Y"),
    (lambda: _ch10().valley_figure({"opt_sgd": np.zeros(3)}, "en"), r"paths\['opt_sgd'\] must be a path"),
    (lambda: _ch10().digits_curves({"x": bp.SGD(0.1)}, np.zeros((2, 64)), [0, 1], np.zeros((2, 64)), [0, 1],
                                   epochs="2"), r"epochs must be"),
    (lambda: _ch10().digits_curves({"x": bp.SGD(0.1)}, np.zeros((2, 64)), [0, 1], np.zeros((2, 63)), [0, 1]),
     r"X_test must have 64 columns"),
    (lambda: _ch10().digits_curves({"x": bp.SGD(0.1)}, np.zeros((2, 64)), [0], np.zeros((2, 64)), [0, 1]),
     r"labels_train must have one entry per row of X_train"),
    (lambda: _ch10().digits_sweep({"k": ("sgd", [0.1, -1])}, np.zeros((2, 64)), [0, 1], np.zeros((2, 64)),
                                  [0, 1]), r"learning rates must be finite numbers > 0"),
    # symbolic
    (lambda: __import__("backprop.symbolic").symbolic.check("x", 1), r"direct must be a SymPy expression"),
    (lambda: _symbolic("deltas").compare(1, "y"), r"formula must be a SymPy expression"),
    (lambda: _symbolic("deltas").bp2_formula((2, 2, 1), 1), r"net must be a SymbolicNetwork"),
    (lambda: _symbolic("deltas").symbolic_gradients(_symbolic("deltas").SymbolicNetwork(), [1.0]),
     r"values must be a dict"),
    (lambda: _symbolic("deltas").SymbolicNetwork((2, 2, 1)).numbers(bp.MLP([2, 2, 1]), [0, np.inf], [0]),
     r"x must contain only finite numbers"),
    (lambda: _symbolic("softmax").cross_entropy(*_symbolic("softmax").symbols(3)[:1] * 1,
                                                _symbolic("softmax").symbols(2)[1]), r"a and y must hold"),
    (lambda: _symbolic("softmax").softmax("z"), r"z must be a list of SymPy expressions"),
    (lambda: _symbolic("softmax").ce_delta(3, 1, normalized=1), r"normalized must be True or False"),
    (lambda: _symbolic("vanishing").chain_delta_formula("chain"), r"c must be a Chain"),
    (lambda: _symbolic("initialization").expectation(1, {}), r"moments must map"),
    (lambda: _symbolic("initialization").variance_of_weighted_sum(0), r"n must be a whole number >= 1"),
    (lambda: _symbolic("optimizers").adam_unrolled_mean(0), r"steps must be a whole number >= 1"),
    (lambda: _symbolic("optimizers").tied_output_loss([1, 0], m=1), r"m \(at least the number of tied"),
    (lambda: _symbolic("optimizers").tied_output_loss("10"), r"tied_targets must list"),
])
def test_public_functions_name_the_bad_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("kw, message", [
    ({"lrs": np.array([1.0, np.nan, 2.0])}, r"lrs must be finite numbers > 0"),
    ({"lrs": np.array([1.0, 0.0])}, r"lrs must be finite numbers > 0"),
    ({"scales": np.array([1, -2])}, r"scales must be finite numbers > 0"),
    ({"seeds": np.array([0, -1])}, r"seeds must be whole numbers >= 0"),
    ({"seeds": np.array([0.0, 1.7])}, r"seeds must be whole numbers >= 0"),
    ({"seeds": np.array([True, False])}, r"seeds must be whole numbers >= 0"),
])
def test_per_network_arrays_are_checked_entry_by_entry(kw, message):
    X, Y = bp.xor()
    args = {"lrs": 1.0, "scales": 1.0, "seeds": 0}
    args.update(kw)
    with pytest.raises(ValueError, match=message):
        bp.train_many([2, 2, 1], X, Y, args["lrs"], 3, args["scales"], args["seeds"])
