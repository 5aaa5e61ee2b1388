"""The digits data (shipped inside scikit-learn), the split, accuracy and the confusion matrix."""

import numpy as np
import pytest

from backprop import digits as D


@pytest.fixture(scope="module")
def data():
    return D.load_digits()


def test_load_digits_shapes_and_ranges(data):
    X, labels = data
    assert X.shape == (1797, 64) and labels.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    assert set(np.unique(labels)) == set(range(10))


def test_split_is_stratified_disjoint_and_reproducible(data):
    X, labels = data
    a = D.train_test_split(X, labels, 0.25, seed=0)
    b = D.train_test_split(X, labels, 0.25, seed=0)
    c = D.train_test_split(X, labels, 0.25, seed=1)
    for u, v in zip(a, b):
        assert np.array_equal(u, v)
    assert not np.array_equal(a[1], c[1])
    X_tr, X_te, l_tr, l_te = a
    assert len(l_tr) + len(l_te) == 1797
    assert abs(len(l_te) - 0.25 * 1797) < 10
    share = np.bincount(l_te, minlength=10) / np.bincount(labels, minlength=10)
    assert np.all(np.abs(share - 0.25) < 0.02)
    rows = {r.tobytes() for r in X_te}
    assert sum(r.tobytes() in rows for r in X_tr) <= 2  # a few images occur twice in the data set


def test_one_hot():
    Y = D.one_hot([2, 0, 1], n_classes=3)
    assert np.array_equal(Y, [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert D.one_hot(np.array([9.0])).shape == (1, 10)


def test_accuracy_and_confusion_matrix():
    labels = np.array([0, 0, 1, 2, 2, 2])
    pred = np.array([0, 1, 1, 2, 0, 2])
    assert D.accuracy(pred, labels) == pytest.approx(4 / 6)
    C = D.confusion_matrix(labels, pred, n_classes=3)
    assert np.array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.sum() == labels.size and np.trace(C) == 4


def test_predict_takes_the_largest_output():
    import backprop as bp
    net = bp.MLP([2, 3], activation="identity", output_activation="softmax", loss="ce")
    net.weights[0][:] = [[1, 0], [0, 1], [0, 0]]
    net.biases[0][:] = 0
    assert np.array_equal(D.predict(net, np.array([[2.0, 1.0], [0.0, 3.0], [-1.0, -1.0]])), [0, 1, 2])


@pytest.mark.parametrize("call, match", [
    (lambda: D.one_hot([0, 10]), "0…9"),
    (lambda: D.one_hot([0.5]), "whole class numbers"),
    (lambda: D.one_hot([[0, 1]]), "1-D"),
    (lambda: D.one_hot([0], n_classes=1), "n_classes"),
    (lambda: D.accuracy([0, 1], [0]), "same length"),
    (lambda: D.confusion_matrix([0, 1], [0, -1]), "0…9"),
    (lambda: D.train_test_split(np.zeros((4, 2)), [0, 1, 0, 1], test_fraction=1.0), "test_fraction"),
    (lambda: D.train_test_split(np.zeros((4, 2)), [0, 1, 0], 0.5), "one entry per row"),
    (lambda: D.train_test_split(np.full((2, 2), np.nan), [0, 1], 0.5), "finite"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
