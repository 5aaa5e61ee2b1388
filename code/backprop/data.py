"""The small data sets of the book: truth tables of logic gates.

Each function returns ``(X, Y)`` as float64 arrays: ``X`` of shape (4, 2) holds
the four input pairs as rows, ``Y`` of shape (4, 1) the target for each row.
"""

from __future__ import annotations

import numpy as np

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


def solved(outputs, Y) -> bool:
    """True when every output lies on the correct side of 0.5."""
    return bool(np.all((np.asarray(outputs) > 0.5) == (np.asarray(Y) > 0.5)))
