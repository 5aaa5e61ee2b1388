"""The 8×8 handwritten digits that ship inside scikit-learn, and what a classifier needs around them.

The data set (1,797 images of the digits 0–9, each 8×8 pixels with grey levels
0–16) is a copy of the UCI "Optical Recognition of Handwritten Digits" test set
(Alpaydin & Kaynak 1998). scikit-learn installs it with the package, so nothing
is downloaded. Images are rows of 64 numbers, as everywhere in this book.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_matrix, number_in, seed as check_seed, whole_number
from .mlp import MLP

N_CLASSES = 10


def load_digits():
    """All 1,797 images and their labels: ``X`` (1797, 64) with grey levels scaled to [0, 1], ``labels`` (1797,) ints 0–9."""
    from sklearn.datasets import load_digits as _load  # the data file is inside the installed package

    bunch = _load()
    return bunch.data.astype(np.float64) / 16.0, bunch.target.astype(np.int64)


def check_labels(labels, name: str = "labels", n_classes: int | None = N_CLASSES) -> np.ndarray:
    """``labels`` as a 1-D int array of class numbers 0…n_classes − 1; a ValueError naming ``name`` otherwise.

    ``n_classes=None`` sets no upper bound (any whole numbers >= 0).
    """
    if not isinstance(name, str):
        raise ValueError(f"name must be the argument's name as a string; got {name!r}")
    if n_classes is not None:
        n_classes = whole_number(n_classes, "n_classes", 1)
    arr = np.asarray(labels)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of class numbers; got shape {arr.shape}")
    if not np.issubdtype(arr.dtype, np.integer):
        classes = "whole class numbers >= 0" if n_classes is None else f"whole class numbers 0…{n_classes - 1}"
        if (arr.dtype == bool or not np.issubdtype(arr.dtype, np.floating) or not np.all(np.isfinite(arr))
                or np.any(arr != np.round(arr))):
            raise ValueError(f"{name} must hold {classes}")
        arr = arr.astype(np.int64)
    if arr.min() < 0 or (n_classes is not None and arr.max() >= n_classes):
        bound = ">= 0" if n_classes is None else f"in 0…{n_classes - 1}"
        raise ValueError(f"{name} must lie {bound}; found {int(arr.min())}…{int(arr.max())}")
    return arr


def one_hot(labels, n_classes: int = N_CLASSES) -> np.ndarray:
    """Targets Y (m, n_classes) with Y[i, labels[i]] = 1 and zeros elsewhere, for a softmax output."""
    n_classes = whole_number(n_classes, "n_classes", 2)
    labels = check_labels(labels, n_classes=n_classes)
    Y = np.zeros((labels.size, n_classes))
    Y[np.arange(labels.size), labels] = 1.0
    return Y


def train_test_split(X, labels, test_fraction: float = 0.25, seed: int = 0):
    """A stratified split: each class keeps its share in both parts.

    Returns ``(X_train, X_test, labels_train, labels_test)``. Within each class
    the rows are shuffled by ``numpy.random.default_rng(seed)`` and the first
    round(test_fraction · n_class) go to the test set.
    """
    X = as_matrix(X, "X")
    labels = check_labels(labels, "labels", n_classes=None)
    if labels.size != X.shape[0]:
        raise ValueError(f"labels must have one entry per row of X: {labels.size} labels, {X.shape[0]} rows")
    test_fraction = number_in(test_fraction, "test_fraction", 0.0, 1.0, low_open=True, high_open=True)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    test = np.zeros(labels.size, dtype=bool)
    for k in np.unique(labels):
        rows = rng.permutation(np.flatnonzero(labels == k))
        test[rows[: int(round(test_fraction * rows.size))]] = True
    return X[~test], X[test], labels[~test], labels[test]


def predict(net, X) -> np.ndarray:
    """The predicted class of each row of X: the index of the largest output, shape (m,)."""
    if not isinstance(net, MLP):
        raise ValueError(f"net must be a backprop.MLP; got {type(net).__name__}")
    return np.argmax(net.forward(X), axis=1)


def accuracy(predicted, labels) -> float:
    """The fraction of samples whose predicted class equals the label."""
    predicted, labels = check_labels(predicted, "predicted", None), check_labels(labels, "labels", None)
    if predicted.shape != labels.shape:
        raise ValueError(f"predicted and labels must have the same length; got {predicted.size} and {labels.size}")
    return float(np.mean(predicted == labels))


def confusion_matrix(labels, predicted, n_classes: int = N_CLASSES) -> np.ndarray:
    """C (n_classes, n_classes) of counts: C[i, j] = how many samples of class i were predicted as j."""
    n_classes = whole_number(n_classes, "n_classes", 1)
    labels = check_labels(labels, "labels", n_classes)
    predicted = check_labels(predicted, "predicted", n_classes)
    if predicted.shape != labels.shape:
        raise ValueError(f"predicted and labels must have the same length; got {predicted.size} and {labels.size}")
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (labels, predicted), 1)
    return C
