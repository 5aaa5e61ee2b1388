"""Chapter 11 helpers: training with a record, the scikit-learn comparison, the figures, bad input."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop as bp  # noqa: E402
from backprop import digits  # noqa: E402
from backprop.chapters import ch11_digits as ds  # noqa: E402
from backprop.book.labels import label  # noqa: E402


@pytest.fixture(scope="module")
def split():
    X, labels = digits.load_digits()
    return digits.train_test_split(X, labels, test_fraction=0.25, seed=0)


@pytest.fixture(scope="module")
def run(split):
    X_train, X_test, l_train, l_test = split
    return ds.train_digits(X_train, l_train, X_test, l_test, epochs=5, seed=0)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_book_mlp_is_the_64_32_10_softmax_network():
    net = ds.book_mlp(32, seed=0)
    assert net.sizes == [64, 32, 10]
    assert (net.activation.name, net.output_activation.name, net.loss_fn.name, net.init) == \
        ("tanh", "softmax", "ce", "xavier")


def test_train_digits_records_every_epoch_and_learns(run, split):
    X_train, X_test, l_train, l_test = split
    assert run.losses.shape == run.train_accuracy.shape == run.test_accuracy.shape == (6,)
    untrained = ds.book_mlp(32, seed=0)
    assert run.test_accuracy[0] == digits.accuracy(digits.predict(untrained, X_test), l_test)
    assert run.test_accuracy[-1] == digits.accuracy(digits.predict(run.net, X_test), l_test)
    assert run.losses[-1] < run.losses[0]
    assert run.test_accuracy[-1] > 0.85 and run.train_accuracy[-1] > 0.85


def test_train_digits_is_the_package_trainer(split):
    # The recording hook must not change training: same weights as bp.train alone.
    X_train, X_test, l_train, l_test = split
    recorded = ds.train_digits(X_train, l_train, X_test, l_test, epochs=2, seed=3).net
    plain = ds.book_mlp(32, seed=3)
    bp.train(plain, X_train, digits.one_hot(l_train), bp.Adam(ds.ADAM_LR), 2, batch_size=32, seed=3)
    for W1, W2 in zip(recorded.weights, plain.weights):
        assert np.array_equal(W1, W2)


def test_sklearn_model_matches_the_book_settings_without_warnings(split):
    X_train, X_test, l_train, l_test = split
    clf = ds.sklearn_mlp(hidden=32, lr=0.003, batch_size=32, epochs=2, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")       # the ConvergenceWarning must not escape
        ds.fit_sklearn(clf, X_train, l_train)
    net = ds.book_mlp(32)
    assert [c.T.shape for c in clf.coefs_] == [W.shape for W in net.weights]
    assert clf.out_activation_ == "softmax" and clf.activation == "tanh"
    assert clf.alpha == 0.0 and clf.solver == "adam" and clf.learning_rate_init == 0.003
    assert clf.n_iter_ == 2                  # ran exactly max_iter epochs


def test_compare_with_sklearn_returns_one_entry_per_seed(split):
    X_train, X_test, l_train, l_test = split
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = ds.compare_with_sklearn(X_train, l_train, X_test, l_test, seeds=(0, 1), epochs=2)
    assert result.seeds == (0, 1)
    for arr in (result.book_accuracy, result.sklearn_accuracy, result.book_seconds, result.sklearn_seconds):
        assert arr.shape == (2,)
    assert np.all((result.book_accuracy > 0.5) & (result.book_accuracy <= 1))
    assert np.all((result.sklearn_accuracy > 0.5) & (result.sklearn_accuracy <= 1))
    assert np.all(result.book_seconds > 0) and np.all(result.sklearn_seconds > 0)
    for lang in ("en", "zh"):
        table = ds.comparison_table(result, lang)
        assert label("dg_book_mlp", lang) in table and label("dg_sklearn_mlp", lang) in table
        assert len(table.splitlines()) == 4


def test_timed_book_fit_trains_and_times(split):
    X_train, _, l_train, _ = split
    net, seconds = ds.timed_book_fit(X_train, l_train, epochs=1, batch_size=None)
    assert seconds > 0
    assert not np.array_equal(net.weights[0], ds.book_mlp().weights[0])


def test_top_confusions():
    C = np.diag([5, 5, 5])
    C[0, 2], C[1, 0], C[2, 1] = 4, 1, 2
    assert ds.top_confusions(C, 2) == [(0, 2, 4), (2, 1, 2)]
    assert ds.top_confusions(np.diag([3, 3]), 3) == []


def test_figures(run, split):
    X_train, X_test, l_train, l_test = split
    pred = digits.predict(run.net, X_test)
    for lang in ("en", "zh"):
        fig = ds.samples_figure(X_train, l_train, lang, per_class=2)
        assert len(fig.axes) == 20
        fig = ds.training_figure(run, lang)
        assert len(fig.axes) == 2
        fig = ds.confusion_figure(digits.confusion_matrix(l_test, pred), lang)
        assert fig.axes[0].get_title() == label("dg_confusion_title", lang)
        fig = ds.misclassified_figure(X_test, l_test, pred, lang, max_images=7)
        shown = [ax for ax in fig.axes if ax.axison]
        assert len(shown) == min(7, int(np.sum(pred != l_test)))


def test_bad_input(run, split):
    X_train, X_test, l_train, l_test = split
    with pytest.raises(ValueError, match="hidden"):
        ds.book_mlp(0)
    with pytest.raises(ValueError, match="columns|64"):
        ds.train_digits(X_train[:, :10], l_train, X_test, l_test, epochs=1)
    with pytest.raises(ValueError, match="one entry per row"):
        ds.train_digits(X_train, l_train[:-1], X_test, l_test, epochs=1)
    with pytest.raises(ValueError, match="epochs"):
        ds.train_digits(X_train, l_train, X_test, l_test, epochs=0)
    with pytest.raises(ValueError, match="seeds"):
        ds.compare_with_sklearn(X_train, l_train, X_test, l_test, seeds=())
    with pytest.raises(ValueError, match="seed"):
        ds.compare_with_sklearn(X_train, l_train, X_test, l_test, seeds=(-1,))
    with pytest.raises(ValueError, match="lr"):
        ds.sklearn_mlp(lr=0)
    with pytest.raises(ValueError, match="Comparison"):
        ds.comparison_table({"book": 1}, "en")
    with pytest.raises(ValueError, match="TrainingRun"):
        ds.training_figure(run.losses, "en")
    with pytest.raises(ValueError, match="10×10"):
        ds.confusion_figure(np.eye(3), "en")
    with pytest.raises(ValueError, match="square"):
        ds.top_confusions(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="per_class"):
        ds.samples_figure(X_train, l_train, "en", per_class=0)
    with pytest.raises(ValueError, match="need 500 images"):
        ds.samples_figure(X_train, l_train, "en", per_class=500)
    with pytest.raises(ValueError, match="nothing to show"):
        ds.misclassified_figure(X_test, l_test, l_test, "en")
    with pytest.raises(ValueError, match="same length"):
        ds.misclassified_figure(X_test, l_test, l_test[:-1], "en")
    with pytest.raises(ValueError, match="language"):
        ds.samples_figure(X_train, l_train, "fr")
