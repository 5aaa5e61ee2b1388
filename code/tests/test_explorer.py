"""The XOR explorer shows a picture for every setting of every control, never an exception."""
import itertools
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop as bp  # noqa: E402
from backprop.chapters.ch07_explorer import RANGES, XorExplorer  # noqa: E402

STATUSES = {"untrained", "solved", "unsolved", "stalled", "rising", "diverged"}
PNG = b"\x89PNG\r\n\x1a\n"


def check_state(ex, state):
    s = state.settings
    assert state.status in STATUSES and state.message
    assert state.losses.shape == (s["epochs"],)
    assert len(state.output_texts) == 4 and state.outputs.shape == (4,)
    if state.status == "diverged":
        assert state.diverged_epoch >= 0 and state.grid is None
        assert all(t == "—" for t in state.output_texts)  # the outputs are marked, not shown
    else:
        assert np.isfinite(state.final_loss)
        assert np.isfinite(state.outputs).all()
        assert state.output_texts == tuple(f"{a:.2f}" for a in state.outputs)
        assert state.grid.shape == (ex.resolution, ex.resolution)
    assert ex.png.startswith(PNG) and ex.image.value == ex.png


@pytest.fixture(scope="module", params=["en", "zh"])
def explorer(request):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return XorExplorer(lang=request.param, epochs=300, cache_size=0)


def test_every_extreme_of_every_control(explorer):
    corners = itertools.product(RANGES["lr"], ["normal", "xavier", "he"], RANGES["scale"], RANGES["seed"],
                                RANGES["hidden"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning, no missing glyph
        for lr, init, scale, seed, hidden in corners:
            state = explorer.set(lr=lr, init=init, scale=scale, seed=seed, hidden=hidden, epochs=300)
            check_state(explorer, state)
        for epochs in RANGES["epochs"]:
            state = explorer.set(lr=50.0, scale=20.0, hidden=16, epochs=epochs)
            check_state(explorer, state)
        assert explorer.set(epochs=0).status == "untrained"
    assert plt.get_fignums() == []  # one figure of its own, nothing left for pyplot to pile up


def test_random_settings_inside_the_ranges(explorer):
    rng = np.random.default_rng(0)
    for _ in range(12):
        settings = {
            "lr": float(np.exp(rng.uniform(np.log(0.01), np.log(50)))),
            "init": str(rng.choice(["normal", "xavier", "he"])),
            "scale": float(np.exp(rng.uniform(np.log(0.01), np.log(20)))),
            "seed": int(rng.integers(0, 100)),
            "hidden": int(rng.integers(1, 17)),
            "epochs": int(rng.integers(0, 30)) * 20,
        }
        check_state(explorer, explorer.set(**settings))


def test_moving_a_widget_retrains_and_redraws_in_place():
    ex = XorExplorer(lang="en", epochs=2000)
    figure, image = ex.figure, ex.image
    before = ex.png
    ex.controls["lr"].value = 8.0  # as a reader's slider would
    assert ex.state.settings["lr"] == pytest.approx(8.0) and ex.png != before
    assert ex.figure is figure and ex.image is image
    assert ex.state.status == "solved" and "solved at epoch" in ex.state.message


def test_the_state_is_what_MLP_fit_gives():
    ex = XorExplorer(lang="en", lr=2.0, init="xavier", scale=1.5, seed=3, hidden=5, epochs=3000)
    net = bp.MLP([2, 5, 1], init="xavier", scale=1.5, seed=3)
    curve = net.fit(*bp.xor(), 2.0, 3000)
    np.testing.assert_allclose(ex.state.losses, curve, rtol=1e-9)
    np.testing.assert_allclose(ex.state.outputs, net.forward(bp.xor()[0])[:, 0], rtol=1e-9)


@pytest.mark.parametrize("lang, word", [("en", "diverged"), ("zh", "发散")])
def test_a_diverging_run_is_shown_as_diverging(lang, word):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex = XorExplorer(lang=lang, activation="relu", output_activation="identity", lr=40.0, scale=5.0,
                         epochs=500)
    assert ex.state.status == "diverged" and word in ex.state.message
    check_state(ex, ex.state)
    check_state(ex, ex.set(lr=0.01, scale=0.5))  # and back to a calm run


def test_messages_in_both_languages():
    en = XorExplorer(lang="en", epochs=0).state.message
    zh = XorExplorer(lang="zh", epochs=0).state.message
    assert en != zh and "0" in en and "尚未训练" in zh


def test_the_cache_returns_the_same_state():
    ex = XorExplorer(lang="en", epochs=200)
    a = ex.set(lr=3.0)
    ex.set(lr=0.5)
    assert ex.set(lr=3.0) is a


@pytest.mark.parametrize("kw, message", [
    ({"lr": 0.001}, r"lr must lie in \[0.01, 50.0\]"),
    ({"lr": 0.0}, r"lr must be a finite number > 0"),
    ({"lr": "fast"}, r"lr must be a positive number"),
    ({"lr": 100.0}, r"lr must lie in"),
    ({"scale": float("nan")}, r"scale must be a finite number"),
    ({"seed": 100}, r"seed must be a whole number from 0 to 99"),
    ({"seed": 1.5}, r"seed must be a whole number from 0 to 99; got 1.5"),
    ({"hidden": 0}, r"hidden must be a whole number from 1 to 16; got 0"),
    ({"hidden": 17}, r"hidden must be a whole number from 1 to 16; got 17"),
    ({"epochs": -5}, r"epochs must be a whole number"),
    ({"init": "orthogonal"}, r"unknown init 'orthogonal'"),
    ({"momentum": 0.9}, r"unknown setting\(s\) \['momentum'\]"),
])
def test_bad_settings_raise_clear_errors(kw, message):
    ex = XorExplorer(lang="en", epochs=50)
    with pytest.raises(ValueError, match=message):
        ex.set(**kw)
    with pytest.raises(ValueError, match=message):
        ex.compute(**kw)


def test_bad_construction():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        XorExplorer(lang="fr")
    with pytest.raises(ValueError, match="unknown activation"):
        XorExplorer(activation="gelu")
    with pytest.raises(ValueError, match="resolution"):
        XorExplorer(resolution=3)


# ----- the HTML book's live explorer (static/explorers/xor.js; its numbers: tests/test_explorer_xor.py) -----
def test_live_explorer_block_has_every_label_in_both_languages():
    from backprop.chapters.ch07_explorer import LIVE_START, TEXT, live_explorer

    assert set(TEXT["en"]) == set(TEXT["zh"])
    assert all(TEXT[lang][key].strip() for lang in TEXT for key in TEXT[lang])
    for lang in ("en", "zh"):
        block = live_explorer(lang)
        assert block.name == "xor" and 'data-bp-explorer="xor"' in block.html
    # the statuses are XorExplorer's own texts, so both explorers say the same thing
    assert TEXT["zh"]["status_solved"] == bp.book.labels.label("status_solved", "zh")
    assert LIVE_START["lr"] == 1.0 and LIVE_START["output"] == "sigmoid"


def test_live_fields_are_the_trained_network_over_the_plane():
    from backprop.chapters.ch07_explorer import live_fields

    out, units = live_fields(hidden=3, epochs=200, n=7)
    assert out.shape == (7, 7) and units.shape == (3, 7, 7)
    g = np.linspace(-0.35, 1.35, 7)
    r = bp.vectorized.fit_one([2, 3, 1], *bp.xor(), 1.0, 200)
    net = bp.MLP([2, 3, 1])
    net.weights, net.biases = [W[0] for W in r.weights], [b[0] for b in r.biases]
    point = np.array([[g[2], g[5]]])                  # column 2 (x₁), row 5 (x₂)
    np.testing.assert_allclose(out[5, 2], net.forward(point)[0, 0], rtol=1e-12)
    diverged_out, diverged_units = live_fields(lr=50.0, activation="relu", output="identity", epochs=200, n=5)
    assert np.isnan(diverged_out).all() and np.isnan(diverged_units).all()
