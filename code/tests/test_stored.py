"""backprop.book.stored: a stored convergence map is the computed one, and a stale copy fails loudly."""
import numpy as np
import pytest

from backprop.book import stored as stored
from backprop.vectorized import convergence_map
from backprop.data import xor

X, Y = xor()
ARGS = ([2, 2, 1], [1.0, 4.0], [0.5, 1.0], 3, 50, X, Y)


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(stored, "STORE", tmp_path)
    monkeypatch.delenv(stored.ENV, raising=False)
    return tmp_path


def same(a, b):
    return all(np.array_equal(getattr(a, k), getattr(b, k), equal_nan=True) for k in vars(a))


def test_the_build_stores_and_a_reader_loads_the_same_map(store, monkeypatch):
    monkeypatch.setenv(stored.ENV, "1")
    built = stored.convergence_map("m", *ARGS)  # no copy yet: computed and stored
    assert (store / "m.npz").exists() and same(built, convergence_map(*ARGS))
    monkeypatch.delenv(stored.ENV)
    loaded = stored.convergence_map("m", *ARGS)
    assert same(loaded, built) and isinstance(loaded.n_seeds, int)
    assert same(stored.convergence_map("m", *ARGS, recompute=True), built)


def test_a_stale_copy_fails_the_build(store, monkeypatch):
    monkeypatch.setenv(stored.ENV, "1")
    stored.convergence_map("m", *ARGS)
    data = dict(np.load(store / "m.npz"))
    data["fraction_solved"] = data["fraction_solved"] + 0.01  # as if the training code had changed
    np.savez(store / "m.npz", **data)
    with pytest.raises(stored.StaleResult, match="differs"):
        stored.convergence_map("m", *ARGS)
    monkeypatch.setenv(stored.ENV, "update")
    stored.convergence_map("m", *ARGS)
    monkeypatch.setenv(stored.ENV, "1")
    stored.convergence_map("m", *ARGS)  # consistent again


def test_loading_with_other_arguments_refuses(store, monkeypatch):
    monkeypatch.setenv(stored.ENV, "1")
    stored.convergence_map("m", *ARGS)
    monkeypatch.delenv(stored.ENV)
    other = list(ARGS)
    other[4] = 60  # another epoch budget
    with pytest.raises(ValueError, match="epochs differs"):
        stored.convergence_map("m", *other)


def test_a_bad_mode_is_refused(store, monkeypatch):
    monkeypatch.setenv(stored.ENV, "yes")
    with pytest.raises(ValueError, match="BACKPROP_RECOMPUTE"):
        stored.convergence_map("m", *ARGS)
