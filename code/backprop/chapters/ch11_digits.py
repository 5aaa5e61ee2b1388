"""Chapter 11: the book's MLP on scikit-learn's 8×8 handwritten digits.

A 64-32-10 network (tanh hidden layer, softmax output, cross-entropy) is
trained with Adam on mini-batches (``backprop.optimizers.train``) and checked
on held-out images: accuracy per epoch, the confusion matrix and the
misclassified images. The same architecture and optimizer settings are then
fitted with scikit-learn's ``MLPClassifier`` in the same run, and both are
timed with ``time.perf_counter``. Training runs on one BLAS thread
(``threadpoolctl``): the matrices are tiny, and on a busy machine extra threads
only wait for each other, which would make the timings noisy. Matplotlib and
scikit-learn are imported only inside the functions that need them.
"""

from __future__ import annotations

import time
import warnings
from typing import NamedTuple

import numpy as np

from .. import digits
from .._checks import as_matrix, positive_number, whole_number
from ..book.labels import label
from ..mlp import MLP
from ..optimizers import Adam, train

N_PIXELS = 64  # 8 × 8 grey levels per image
ADAM_LR = 0.03  # Adam's η: the best of chapter 10's grid on these digits (lowest training loss, 3 seeds)


def _images(X, labels, name: str = "X"):
    """Check a batch of images X (m, 64) and its labels (m,)."""
    X = as_matrix(X, name, n_cols=N_PIXELS)
    labels = digits.check_labels(labels)
    if labels.size != X.shape[0]:
        raise ValueError(f"labels must have one entry per row of {name}: {labels.size} labels, {X.shape[0]} rows")
    return X, labels


def _one_blas_thread():
    """A context in which numpy's (and scikit-learn's) BLAS uses a single thread."""
    from threadpoolctl import threadpool_limits  # installed with scikit-learn

    return threadpool_limits(limits=1, user_api="blas")


# ----- the two networks -------------------------------------------------------------
def book_mlp(hidden: int = 32, seed: int = 0) -> MLP:
    """64-hidden-10: tanh, softmax output, cross-entropy, Xavier."""
    sizes = [N_PIXELS, whole_number(hidden, "hidden"), digits.N_CLASSES]
    return MLP(sizes, activation="tanh", output_activation="softmax",
               loss="ce", init="xavier", seed=seed)


def sklearn_mlp(hidden=32, lr=ADAM_LR, batch_size=32, epochs=30, seed=0):
    """MLPClassifier set up like book_mlp trained by train() with Adam(lr)."""
    from sklearn.neural_network import MLPClassifier

    epochs = whole_number(epochs, "epochs")
    return MLPClassifier(
        # one tanh hidden layer; softmax + log-loss for 10 classes
        hidden_layer_sizes=(whole_number(hidden, "hidden"),), activation="tanh",
        # Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, as backprop.Adam
        solver="adam", learning_rate_init=positive_number(lr, "lr"),
        # for Adam, max_iter counts epochs
        batch_size=whole_number(batch_size, "batch_size"), max_iter=epochs,
        alpha=0.0,                         # no L2 penalty, same loss
        tol=0.0, n_iter_no_change=epochs,  # never stop early
        shuffle=True, random_state=seed,
    )


def fit_sklearn(clf, X, labels):
    """Fit ``clf`` on (X, labels), silencing only the ConvergenceWarning that max_iter triggers."""
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # we stop after max_iter on purpose
        clf.fit(X, labels)
    return clf


# ----- training with a record of accuracy ---------------------------------------------
class TrainingRun(NamedTuple):
    """A trained network and its history; index 0 of every array is before training."""

    net: MLP
    losses: np.ndarray          # (epochs + 1,) cross-entropy on the training set
    train_accuracy: np.ndarray  # (epochs + 1,)
    test_accuracy: np.ndarray   # (epochs + 1,)


def train_digits(X_train, labels_train, X_test, labels_test, hidden: int = 32, lr: float = ADAM_LR,
                 epochs: int = 30, batch_size: int = 32, seed: int = 0) -> TrainingRun:
    """Train ``book_mlp`` with Adam on one-hot targets; record train and test accuracy after every epoch."""
    X_train, labels_train = _images(X_train, labels_train, "X_train")
    X_test, labels_test = _images(X_test, labels_test, "X_test")
    epochs = whole_number(epochs, "epochs")
    net = book_mlp(hidden, seed)
    history = [(digits.accuracy(digits.predict(net, X_train), labels_train),
                digits.accuracy(digits.predict(net, X_test), labels_test))]

    def record(epoch, net):  # called by train() after each epoch; the test set is only looked at
        history.append((digits.accuracy(digits.predict(net, X_train), labels_train),
                        digits.accuracy(digits.predict(net, X_test), labels_test)))

    with _one_blas_thread():
        losses = train(net, X_train, digits.one_hot(labels_train), Adam(lr), epochs,
                       batch_size=batch_size, seed=seed, on_epoch=record)
    acc = np.array(history)
    return TrainingRun(net, losses, acc[:, 0], acc[:, 1])


def top_confusions(C, n: int = 3):
    """The n largest off-diagonal entries of a confusion matrix C (K, K): a list of (true, predicted, count)."""
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.shape[0] < 2:
        raise ValueError(f"C must be a square confusion matrix of at least 2 classes; got shape {C.shape}")
    n = whole_number(n, "n")
    off = C.astype(np.int64).copy()
    np.fill_diagonal(off, -1)
    order = np.argsort(-off, axis=None, kind="stable")[:n]
    return [(int(i), int(j), int(off[i, j])) for i, j in zip(*np.unravel_index(order, C.shape)) if off[i, j] > 0]


# ----- the comparison with scikit-learn ------------------------------------------------
class Comparison(NamedTuple):
    """Test accuracy and wall-clock seconds of both implementations, one entry per seed."""

    seeds: tuple
    book_accuracy: np.ndarray
    sklearn_accuracy: np.ndarray
    book_seconds: np.ndarray
    sklearn_seconds: np.ndarray


def timed_book_fit(X_train, labels_train, hidden: int = 32, lr: float = ADAM_LR, epochs: int = 30,
                   batch_size: int | None = 32, seed: int = 0):
    """Build and train ``book_mlp`` with ``Adam(lr)`` on one BLAS thread; returns (net, wall-clock seconds)."""
    X_train, labels_train = _images(X_train, labels_train, "X_train")
    with _one_blas_thread():
        start = time.perf_counter()
        net = book_mlp(hidden, seed)
        train(net, X_train, digits.one_hot(labels_train), Adam(lr), epochs, batch_size=batch_size, seed=seed)
        return net, time.perf_counter() - start


def compare_with_sklearn(X_train, labels_train, X_test, labels_test, seeds=(0, 1, 2), hidden: int = 32,
                         lr: float = ADAM_LR, epochs: int = 30, batch_size: int = 32) -> Comparison:
    """Fit the book's MLP and MLPClassifier with the same settings for each seed, alternating, and time each fit."""
    X_train, labels_train = _images(X_train, labels_train, "X_train")
    X_test, labels_test = _images(X_test, labels_test, "X_test")
    seeds = tuple(whole_number(s, "every seed", minimum=0) for s in (seeds if np.iterable(seeds) else [seeds]))
    if not seeds:
        raise ValueError("seeds must list at least one whole number, e.g. (0, 1, 2)")
    rows = []
    for seed in seeds:
        net, book_seconds = timed_book_fit(X_train, labels_train, hidden, lr, epochs, batch_size, seed)
        with _one_blas_thread():
            start = time.perf_counter()
            clf = fit_sklearn(sklearn_mlp(hidden, lr, batch_size, epochs, seed), X_train, labels_train)
            sklearn_seconds = time.perf_counter() - start

        rows.append((digits.accuracy(digits.predict(net, X_test), labels_test),
                     digits.accuracy(clf.predict(X_test), labels_test), book_seconds, sklearn_seconds))
    cols = np.array(rows).T
    return Comparison(seeds, *cols)


def comparison_table(result: Comparison, lang: str) -> str:
    """A Markdown table: per implementation, test accuracy and seconds (median, min–max over the seeds)."""
    if not isinstance(result, Comparison):
        raise ValueError(f"comparison_table needs the Comparison from compare_with_sklearn; got {type(result).__name__}")
    head = " | ".join(label(k, lang) for k in ("dg_col_impl", "dg_col_accuracy", "dg_col_seconds"))
    rows = [f"| {head} |", "|---|---|---|"]
    for key, acc, sec in (("dg_book_mlp", result.book_accuracy, result.book_seconds),
                          ("dg_sklearn_mlp", result.sklearn_accuracy, result.sklearn_seconds)):
        rows.append(f"| {label(key, lang)} | {100 * np.median(acc):.1f} % "
                    f"({100 * acc.min():.1f}–{100 * acc.max():.1f}) | "
                    f"{np.median(sec):.2f} ({sec.min():.2f}–{sec.max():.2f}) |")
    return "\n".join(rows)


# ----- figures ----------------------------------------------------------------------------
def _show_image(ax, x, title: str):
    ax.imshow(np.asarray(x).reshape(8, 8), cmap="gray_r", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


def samples_figure(X, labels, lang: str, per_class: int = 2):
    """A grid of images, ``per_class`` rows × 10 columns (one column per digit), each titled with its label."""
    from ..book.plotting import new_figure

    X, labels = _images(X, labels)
    per_class = whole_number(per_class, "per_class")
    title = label("dg_samples_title", lang)
    counts = np.bincount(labels, minlength=digits.N_CLASSES)
    if counts.min() < per_class:
        raise ValueError(f"need {per_class} images of every digit; digit {counts.argmin()} has {counts.min()}")
    fig, axes = new_figure(digits.N_CLASSES, per_class, figsize=(8.0, 0.95 * per_class + 0.5), squeeze=False)
    for k in range(digits.N_CLASSES):
        for r, i in enumerate(np.flatnonzero(labels == k)[:per_class]):
            _show_image(axes[r, k], X[i], str(k))
    fig.suptitle(title)
    return fig


def training_figure(run: TrainingRun, lang: str):
    """Two panels: the training loss per epoch (log scale), and train and test accuracy per epoch."""
    from ..book.plotting import new_figure, plot_loss_curves

    if not isinstance(run, TrainingRun):
        raise ValueError(f"training_figure needs the TrainingRun from train_digits; got {type(run).__name__}")
    fig, (left, right) = new_figure(2, figsize=(9.0, 3.4))
    plot_loss_curves(left, run.losses, lang)
    left.set_title(label("dg_loss_title", lang))
    epochs = np.arange(run.losses.size)
    right.plot(epochs, 100 * run.train_accuracy, label=label("dg_train_set", lang), lw=1.5)
    right.plot(epochs, 100 * run.test_accuracy, label=label("dg_test_set", lang), lw=1.5, ls="--")
    right.set_ylim(80, 100.5)
    right.set_xlabel(label("epoch", lang))
    right.set_ylabel(label("dg_accuracy_pct", lang))
    right.set_title(label("dg_accuracy_title", lang))
    right.legend(loc="lower right")
    return fig


def confusion_figure(C, lang: str):
    """Heat map of the confusion matrix C (10, 10): the colour shows the errors (off-diagonal), the numbers all counts."""
    from ..book.plotting import new_figure

    C = np.asarray(C)
    if C.shape != (digits.N_CLASSES, digits.N_CLASSES) or np.any(C < 0):
        raise ValueError(f"C must be a 10×10 matrix of counts; got shape {C.shape}")
    errors = C.astype(float).copy()
    np.fill_diagonal(errors, 0.0)
    fig, ax = new_figure(figsize=(5.6, 5.0))
    image = ax.imshow(errors, cmap="Reds", vmin=0, vmax=max(errors.max(), 1.0))
    for i in range(digits.N_CLASSES):
        for j in range(digits.N_CLASSES):
            if C[i, j]:
                ax.text(j, i, str(int(C[i, j])), ha="center", va="center", fontsize=9,
                        color="0.45" if i == j else ("white" if errors[i, j] > 0.6 * errors.max() else "black"))
    ax.set_xticks(range(digits.N_CLASSES))
    ax.set_yticks(range(digits.N_CLASSES))
    ax.grid(False)
    ax.set_xlabel(label("dg_predicted", lang))
    ax.set_ylabel(label("dg_true", lang))
    ax.set_title(label("dg_confusion_title", lang))
    from matplotlib.ticker import MaxNLocator

    fig.colorbar(image, ax=ax, shrink=0.8, label=label("dg_errors", lang), ticks=MaxNLocator(integer=True))
    return fig


def misclassified_figure(X, labels, predicted, lang: str, max_images: int = 10):
    """The first ``max_images`` images whose prediction is wrong, titled 'label → prediction'."""
    from ..book.plotting import new_figure

    X, labels = _images(X, labels)
    predicted = digits.check_labels(predicted, "predicted")
    if predicted.shape != labels.shape:
        raise ValueError(f"predicted and labels must have the same length; got {predicted.size} and {labels.size}")
    wrong = np.flatnonzero(predicted != labels)[:whole_number(max_images, "max_images")]
    if wrong.size == 0:
        raise ValueError("no image is misclassified: there is nothing to show")
    cols = min(wrong.size, 5)
    rows = -(-wrong.size // cols)
    fig, axes = new_figure(cols, rows, figsize=(1.5 * cols + 0.6, 1.6 * rows + 0.5), squeeze=False)
    for ax in axes.ravel():
        ax.set_axis_off()
    for ax, i in zip(axes.ravel(), wrong):
        ax.set_axis_on()
        _show_image(ax, X[i], f"{labels[i]} → {predicted[i]}")
    fig.suptitle(label("dg_wrong_title", lang))
    return fig
