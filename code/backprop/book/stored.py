"""Convergence maps stored with the package, so that chapter 7 runs in seconds on one core.

Chapter 7's maps train 25,200 networks: about 30 s on one core, most
of the chapter's run time. The book's build computes them every time (``make book``
sets ``BACKPROP_RECOMPUTE=1``) and checks that they equal the copy stored here,
bit for bit; a reader's kernel (Binder, one core) loads that copy unless it asks
for ``recompute=True``. The stored copy can therefore never drift from the code:
the build that makes the HTML would fail.

``BACKPROP_RECOMPUTE=update`` recomputes and rewrites the stored copy (after a
deliberate change to the training code or the grid).
"""

from __future__ import annotations

import os
import re
from dataclasses import fields
from pathlib import Path

import numpy as np

from .._checks import choice, non_negative_int, per_network, whole_number
from ..initialization import INITS
from ..vectorized import ConvergenceMap, Network, convergence_map as compute_convergence_map

STORE = Path(__file__).resolve().parent.parent / "stored"  # backprop/stored/, next to backprop/book/
ENV = "BACKPROP_RECOMPUTE"


class StaleResult(RuntimeError):
    """The stored copy differs from what the code computes now."""


def convergence_map(name: str, sizes, lrs, scales, n_seeds, epochs, X, Y, init="normal",
                    recompute: bool | None = None) -> ConvergenceMap:
    """``batched.convergence_map(sizes, lrs, scales, n_seeds, epochs, X, Y, init=init)``, stored as ``name``.

    ``recompute=None`` follows ``$BACKPROP_RECOMPUTE`` (set by the book's build): unset,
    the stored copy is loaded; ``1``, the map is computed and compared with the stored
    copy (which is written if there is none); ``update``, computed and stored.
    ``recompute=True`` computes it here and now and returns it, storing nothing.
    Loading checks that the copy was made with exactly these arguments. Every argument is
    checked first, as :func:`backprop.vectorized.convergence_map` checks it, whether the map
    is then loaded or computed.
    """
    _check_arguments(name, sizes, lrs, scales, n_seeds, epochs, X, Y, init, recompute)
    path = STORE / f"{name}.npz"
    mode = os.environ.get(ENV, "") if recompute is None else ("fresh" if recompute else "")
    arguments = _arguments(sizes, lrs, scales, n_seeds, epochs, X, Y, init)
    if mode == "" and path.exists():
        return _load(path, arguments)
    if mode not in ("", "fresh", "1", "update"):
        raise ValueError(f"${ENV} must be unset, 1 or update; got {mode!r}")
    result = compute_convergence_map(sizes, lrs, scales, n_seeds, epochs, X, Y, init=init)
    if mode == "fresh":
        return result
    if mode == "1" and path.exists():
        stored = _load(path, arguments)
        if not all(np.array_equal(getattr(stored, f.name), getattr(result, f.name), equal_nan=True)
                   for f in fields(ConvergenceMap)):
            raise StaleResult(f"the stored {path.name} differs from the map computed now; if the change "
                              f"is intended, rebuild with {ENV}=update and commit the new file")
        return result
    _save(path, result, arguments)
    return result


def _check_arguments(name, sizes, lrs, scales, n_seeds, epochs, X, Y, init, recompute) -> None:
    """ValueError naming the first bad argument; the values themselves are stored as given."""
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", name):
        raise ValueError(f"name must be a file name of letters, digits, '_', '-' and '.' (no folders); got {name!r}")
    net = Network.checked(sizes, "sigmoid", loss="mse")
    per_network(lrs, "lrs", "positive")
    per_network(scales, "scales", "positive")
    whole_number(n_seeds, "n_seeds", 1)
    non_negative_int(epochs, "epochs")
    net.check_data(X, Y)
    choice(init, "init", INITS)
    if recompute is not None and not isinstance(recompute, bool):
        raise ValueError(f"recompute must be None, True or False; got {recompute!r}")


def _arguments(sizes, lrs, scales, n_seeds, epochs, X, Y, init) -> dict:
    return {"arg_sizes": np.asarray(sizes), "arg_lrs": np.asarray(lrs, dtype=np.float64),
            "arg_scales": np.asarray(scales, dtype=np.float64), "arg_n_seeds": np.asarray(n_seeds),
            "arg_epochs": np.asarray(epochs), "arg_X": np.asarray(X, dtype=np.float64),
            "arg_Y": np.asarray(Y, dtype=np.float64), "arg_init": np.asarray(init)}


def _save(path: Path, result: ConvergenceMap, arguments: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arguments, **{f.name: np.asarray(getattr(result, f.name)) for f in fields(result)})


def _load(path: Path, arguments: dict) -> ConvergenceMap:
    with np.load(path) as data:
        for key, value in arguments.items():
            if key not in data or data[key].shape != value.shape or not np.array_equal(data[key], value):
                raise ValueError(f"{path.name} was stored for other arguments ({key[4:]} differs): "
                                 "pass recompute=True, or rebuild the book to store it anew")
        values = {f.name: data[f.name] for f in fields(ConvergenceMap)}
    for name in ("n_seeds", "epochs"):
        values[name] = int(values[name])
    return ConvergenceMap(**values)
