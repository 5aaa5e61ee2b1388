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


def non_negative_int(value, name: str) -> int:
    """A whole number >= 0 (epoch counts)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number >= 0; got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0; got {value}")
    return int(value)


def whole_number(value, name: str, minimum: int = 1) -> int:
    """A whole number >= ``minimum`` (sizes, counts, seeds)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r}")
    return int(value)


def choice(value, name: str, options) -> str:
    """One of a fixed set of names, e.g. an activation."""
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"unknown {name} {value!r}; expected one of {listed}")
    return value
