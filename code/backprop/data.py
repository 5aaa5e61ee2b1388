"""The small data sets of the book: truth tables of logic gates.

Each function returns ``(X, Y)`` as float64 arrays: ``X`` of shape (4, 2) holds
the four input pairs as rows, ``Y`` of shape (4, 1) the target for each row.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_matrix, number_in

_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)


def _gate(outputs):
    return _INPUTS.copy(), np.array(outputs, dtype=np.float64).reshape(4, 1)


def xor():
    """XOR: 1 when exactly one input is 1. No single neuron can compute it."""
    return _gate([0, 1, 1, 0])


def and_gate():
    """AND: 1 only when both inputs are 1."""
    return _gate([0, 0, 0, 1])


def or_gate():
    """OR: 1 when at least one input is 1."""
    return _gate([0, 1, 1, 1])


# The book's one definition of "solved", used by every chapter and every trainer:
# every output lies on the correct side of 0.5 by at least this margin, that is,
# within 0.5 − SOLVED_MARGIN = 0.3 of its 0/1 target. An output of 0.529 for a
# target of 1 is on the right side, but only just: it does not count.
SOLVED_MARGIN = 0.2


def solved_rows(outputs, Y, margin: float = SOLVED_MARGIN) -> np.ndarray:
    """``solved`` for a stack of networks: outputs (..., m, n_out), Y (m, n_out) → shape (...,).

    ``Y`` must be finite 0/1-style targets in [0, 1]; ``outputs`` may hold NaN or ±inf
    (a diverged network), which is never on the right side of 0.5.
    """
    Y = as_matrix(Y, "Y")
    if ((Y < 0) | (Y > 1)).any():
        raise ValueError(f"Y must hold targets in [0, 1]; found values from {Y.min():g} to {Y.max():g}")
    try:
        outputs = np.asarray(outputs, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"outputs must be an array of numbers; got {type(outputs).__name__}") from exc
    if outputs.ndim < 2 or outputs.shape[-2:] != Y.shape:
        raise ValueError(f"outputs must have shape {Y.shape} (one row per row of Y), or (..., {Y.shape[0]}, "
                         f"{Y.shape[1]}) for a stack of networks; got {outputs.shape}")
    margin = number_in(margin, "margin", 0.0, 0.5, high_open=True)
    right_side = np.where(Y > 0.5, outputs >= 0.5 + margin, outputs <= 0.5 - margin)
    return np.all(right_side, axis=(-2, -1))


def solved(outputs, Y, margin: float = SOLVED_MARGIN) -> bool:
    """True when every output is on the correct side of 0.5 by at least ``margin``.

    With the default margin 0.2: ≥ 0.7 where the target is 1, ≤ 0.3 where it is 0.
    ``outputs`` and ``Y`` have shape (m, n_out); anything else is refused (with one output
    unit, outputs (m, 1) against Y (m,) would otherwise be compared entry by entry as (m, m)).
    """
    result = solved_rows(outputs, Y, margin)
    if np.ndim(result) != 0:
        raise ValueError(f"outputs must have the shape of Y, one network's (m, n_out); got {np.shape(outputs)} "
                         "(solved_rows takes a stack of networks)")
    return bool(result)
