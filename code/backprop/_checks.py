"""Argument checks shared by the package.

Every public entry point validates what a reader passes in and raises a
``ValueError`` that names the argument and says what was expected, so that a
mistake never surfaces as a broadcasting accident deep inside numpy.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_matrix(value, name: str, n_cols: int | None = None, n_rows: int | None = None) -> np.ndarray:
    """Return ``value`` as a finite float64 array of shape ``(rows, cols)``.

    Samples are rows. A 1-D array is refused rather than guessed at: with one
    output unit, ``Y`` of shape ``(m,)`` minus ``a`` of shape ``(m, 1)`` would
    silently broadcast to ``(m, m)``.
    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of numbers; got {type(value).__name__}") from exc
    if arr.ndim != 2:
        hint = " (use .reshape(-1, 1) for a single column)" if arr.ndim == 1 else ""
        raise ValueError(
            f"{name} must be a 2-D array with one sample per row; got {arr.ndim}-D shape {arr.shape}{hint}"
        )
    if n_cols is not None and arr.shape[1] != n_cols:
        raise ValueError(f"{name} must have {n_cols} columns (one per unit); got shape {arr.shape}")
    if n_rows is not None and arr.shape[0] != n_rows:
        raise ValueError(f"{name} must have {n_rows} rows, one per row of X; got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample; got shape {arr.shape}")
    check_finite(arr, name)
    return arr


def check_finite(arr: np.ndarray, name: str) -> None:
    """Refuse NaN and ±inf, saying how many entries are bad."""
    bad = ~np.isfinite(arr)
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} must contain only finite numbers; found {int(bad.sum())} NaN or infinite "
            f"value(s), the first at index {first}"
        )


def positive_number(value, name: str) -> float:
    """A finite number > 0 (learning rates, scales)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a positive number; got {value!r}")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    return value


def number_in(value, name: str, low: float, high: float, low_open: bool = False,
              high_open: bool = False) -> float:
    """A finite real number in the interval from ``low`` to ``high`` (an end is excluded when ``*_open``).

    E.g. ``number_in(margin, "margin", 0, 0.5, high_open=True)`` for a margin in [0, 0.5).
    """
    interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(float(value)):
        raise ValueError(f"{name} must be a finite number in {interval}; got {value!r}")
    value = float(value)
    if value < low or value > high or (low_open and value == low) or (high_open and value == high):
        raise ValueError(f"{name} must lie in {interval}; got {value!r}")
    return value


def non_negative_int(value, name: str) -> int:
    """A whole number >= 0 (epoch counts)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number >= 0; got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0; got {value}")
    return int(value)


def whole_number(value, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole number >= ``minimum`` (sizes, counts, seeds), and <= ``maximum`` if one is given."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum \
            or (maximum is not None and value > maximum):
        bound = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise ValueError(f"{name} must be a whole number {bound}; got {value!r}")
    return int(value)


def choice(value, name: str, options) -> str:
    """One of a fixed set of names, e.g. an activation."""
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"unknown {name} {value!r}; expected one of {listed}")
    return value


def same_shape(a, y, name_a: str, name_y: str, within: tuple[float, float] | None = None):
    """Two finite float arrays of one shape (samples as rows, ≥ 2-D), e.g. outputs and targets.

    Refuses what numpy would silently broadcast: with one output unit, ``a`` of shape
    (m, 1) against ``y`` of shape (m,) would give an (m, m) table of differences.
    ``within=(lo, hi)`` also refuses entries outside [lo, hi] (probabilities).
    """
    arrays = []
    for value, name in ((a, name_a), (y, name_y)):
        try:
            arr = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be an array of numbers; got {type(value).__name__}") from exc
        if arr.ndim < 2:
            raise ValueError(f"{name} must be a 2-D array with one sample per row; got shape {arr.shape}"
                             + (" (use .reshape(-1, 1) for a single column)" if arr.ndim == 1 else ""))
        check_finite(arr, name)
        if within is not None and ((arr < within[0]) | (arr > within[1])).any():
            raise ValueError(f"{name} must lie in [{within[0]:g}, {within[1]:g}]; "
                             f"found values from {arr.min():g} to {arr.max():g}")
        arrays.append(arr)
    if arrays[0].shape != arrays[1].shape:
        raise ValueError(f"{name_a} and {name_y} must have the same shape; got {arrays[0].shape} "
                         f"and {arrays[1].shape}")
    return arrays[0], arrays[1]


def whole_numbers(values, name: str, minimum: int = 1) -> list[int]:
    """A sequence of whole numbers >= ``minimum`` (layer sizes, seeds)."""
    if isinstance(values, (str, bytes)):
        raise ValueError(f"{name} must be a sequence of whole numbers; got {values!r}")
    try:
        values = list(values)
    except TypeError:
        raise ValueError(f"{name} must be a sequence of whole numbers; got {values!r}") from None
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < minimum:
            raise ValueError(f"{name} must be whole numbers >= {minimum}; {name}[{i}] is {v!r}")
    return [int(v) for v in values]


def layer_sizes(sizes) -> list[int]:
    """The layer sizes of a network, input first: at least two whole numbers >= 1."""
    if isinstance(sizes, (str, bytes)):
        raise ValueError(f"sizes must list at least two layer sizes, input first, e.g. [2, 4, 1]; got {sizes!r}")
    sizes = whole_numbers(sizes, "sizes", 1)
    if len(sizes) < 2:
        raise ValueError("sizes must list at least two layer sizes, input first, e.g. [2, 4, 1]")
    return sizes


def seed(value, name: str = "seed") -> int:
    """A random seed: a whole number >= 0 (numpy's generators refuse negative seeds)."""
    return whole_number(value, name, 0)


def per_network(value, name: str, kind: str) -> np.ndarray:
    """One number, or a 1-D sequence of one number per network, checked.

    ``kind`` is ``'positive'`` (learning rates, scales: finite numbers > 0) or ``'seed'``
    (whole numbers >= 0). A single number comes back as an array of length 1.
    """
    choice(kind, "kind", ("positive", "seed"))
    arr = np.asarray(value, dtype=object)
    if arr.ndim > 1:
        raise ValueError(f"{name} must be a number or a 1-D sequence (one per network); got shape {arr.shape}")
    flat = arr.reshape(-1)
    if flat.size == 0:
        raise ValueError(f"{name} must hold at least one value (one per network)")
    numeric = np.asarray(value)
    if numeric.dtype.kind in "iu" or (kind == "positive" and numeric.dtype.kind == "f"):
        # an array of numbers (thousands of networks): the same checks, without a loop in Python
        numeric = numeric.reshape(-1)
        if kind == "seed" and not (numeric >= 0).all():
            raise ValueError(f"{name} must be whole numbers >= 0; got {numeric[numeric < 0][0]!r}")
        if kind == "positive" and not (np.isfinite(numeric) & (numeric > 0)).all():
            bad = numeric[~(np.isfinite(numeric) & (numeric > 0))][0]
            raise ValueError(f"{name} must be finite numbers > 0; got {bad!r}")
        return numeric.astype(np.int64 if kind == "seed" else np.float64)
    for v in flat:
        if kind == "seed":
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Integral) or v < 0:
                raise ValueError(f"{name} must be whole numbers >= 0; got {v!r}")
        else:
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
                raise ValueError(f"{name} must be positive numbers; got {v!r}")
            if not np.isfinite(float(v)) or float(v) <= 0:
                raise ValueError(f"{name} must be finite numbers > 0; got {v!r}")
    return flat.astype(np.int64 if kind == "seed" else np.float64)


def common_length(**named) -> list[np.ndarray]:
    """Give every per-network array the common length; length-1 arrays (single numbers) repeat."""
    lengths = {name: len(a) for name, a in named.items() if len(a) != 1}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"{', '.join(named)} must have the same length (or be single numbers); {listed}")
    n = max(lengths.values(), default=1)
    return [np.repeat(a, n) if len(a) == 1 else a for a in named.values()]
