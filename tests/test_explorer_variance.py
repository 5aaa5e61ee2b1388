"""Chapter 9's live explorer (code/backprop/static/explorers/variance.js) in Chromium, against the package.

The script is injected into a blank page (after engine.js), every request is aborted and recorded
(there must be none), and console errors are collected. Checked:

* ``backpropBook.explorers.variance.compute`` equals ``ch09_initialization.variance_profile`` with
  the same activation, init, scale, width, depth, samples and seed: Var(z^l), its one-layer
  prediction, Var(δ^l), its prediction (<= 1e-10 relative), the fraction of saturated slopes
  (exactly), and the average factors per layer, for 24 settings across every control's range,
  the chapter's own (width 100, 256 samples) among them;
* where tanh saturates and the backward pass amplifies rounding (N(0, s²) and large scales), the
  explorer differs from the package by no more than numpy differs from itself when only the order
  of its sums changes (``variances_summed_in_order``, engine.js's order): that difference is the
  problem's, not the port's;
* the whole explorer (ui.js), in both languages: moving every control to the other end of its
  range changes the status and a canvas; one control move (recompute and redraw) takes <= 30 ms
  median at the explorer's starting width (printed, with the time at every width).

Run with ``.venv/bin/python -m pytest -m "" tests/test_explorer_variance.py -q -s`` (``-s`` prints the figures).
"""
from __future__ import annotations

import numpy as np
import pytest

from backprop.book.explorers import standalone_page
from backprop.chapters import ch09_initialization as ini
from browser import explorer_page

browser_test = pytest.mark.browser  # the tests that open Chromium; the others need only the package

RTOL = 1e-10
S = ini.EXPLORER_SCALES
N = ini.EXPLORER["n_samples"]


@pytest.fixture(scope="module")
def page(browser):
    with explorer_page(browser, "variance") as p:
        yield p


def setting(activation, init, scale, width, depth, n_samples=N, seed=0):
    return dict(activation=activation, init=init, scale=scale, width=width, depth=depth, nSamples=n_samples, seed=seed)


# 24 settings: every activation, init and width, scales from the slider's lowest (1/16) to its
# highest (4), depths 2 to 30, the chapter's 20-layer profiles (width 100, 256 samples) and another seed.
SETTINGS = [
    setting("relu", "he", 1.0, 100, 20, 256), setting("relu", "xavier", 1.0, 100, 20, 256),
    setting("relu", "normal", 1.0, 100, 20, 256), setting("relu", "xavier", 0.5, 100, 20, 256),
    setting("tanh", "xavier", 1.0, 100, 20, 256), setting("tanh", "he", 1.0, 100, 20, 256),
    setting("tanh", "xavier", 0.5, 100, 20, 256),
    setting("relu", "he", 1.0, 20, 20), setting("relu", "he", S[0], 10, 30), setting("relu", "he", S[-1], 30, 2),
    setting("relu", "normal", S[0], 20, 25), setting("relu", "normal", S[-1], 50, 10),
    setting("tanh", "he", S[0], 20, 30), setting("tanh", "xavier", S[9], 30, 15), setting("tanh", "normal", S[0], 10, 20),
    setting("tanh", "normal", S[2], 50, 12), setting("tanh", "he", S[9], 10, 3),
    setting("identity", "xavier", 1.0, 20, 20), setting("identity", "he", S[-1], 10, 30),
    setting("identity", "normal", 1.0, 30, 25), setting("identity", "normal", S[0], 100, 8),
    setting("identity", "xavier", S[3], 50, 2),
    setting("relu", "xavier", S[6], 20, 20, seed=7), setting("tanh", "xavier", 1.0, 20, 20, seed=3),
]


def profile(s):
    return ini.variance_profile(s["activation"], s["init"], s["width"], s["depth"], s["nSamples"], s["seed"],
                                scale=s["scale"])


def per_step(predicted, measured_before):
    """The geometric mean of predicted / measured-before, the explorer's predicted factor per layer."""
    return float(np.exp(np.mean(np.log(np.asarray(predicted) / np.asarray(measured_before)))))


def compute(page, settings):
    return page.evaluate("(ss) => ss.map((s) => backpropBook.explorers.variance.compute(s))", settings)


@browser_test
def test_profiles_equal_variance_profile(page):
    assert len(SETTINGS) >= 12
    for s, js in zip(SETTINGS, compute(page, SETTINGS)):
        p = profile(s)
        for key, py in (("varZ", p.var_z), ("predictedVarZ", p.predicted_var_z), ("varDelta", p.var_delta),
                        ("predictedVarDelta", p.predicted_var_delta)):
            np.testing.assert_allclose(np.array(js[key], dtype=float), py, rtol=RTOL, atol=0, err_msg=f"{key} {s}")
        assert js["saturated"] == list(p.saturated), s
        assert js["forwardFactor"] == pytest.approx(p.forward_factor, rel=RTOL), s
        assert js["backwardFactor"] == pytest.approx(p.backward_factor, rel=RTOL), s
        assert js["predictedForwardFactor"] == pytest.approx(per_step(p.predicted_var_z[1:], p.var_z[:-1]), rel=RTOL)
        assert js["predictedBackwardFactor"] == pytest.approx(per_step(p.predicted_var_delta[:-1], p.var_delta[1:]),
                                                              rel=RTOL)
        init, width = s["init"], s["width"]
        assert js["gain"] == pytest.approx(width * ini.init_std(init, width, width, s["scale"]) ** 2, rel=1e-15)


@browser_test
def test_the_small_scheme_is_xavier_at_half_scale(page):
    """The chapter's "too small" scheme is the Xavier option with the scale slider at 0.5."""
    assert 0.5 in S and 1.0 in S
    (js,) = compute(page, [setting("relu", "xavier", 0.5, 100, 20, 256)])
    np.testing.assert_allclose(js["varZ"], ini.variance_profile("relu", "small", 100, 20, 256).var_z, rtol=RTOL)


# tanh under N(0, s²) or a large scale: saturated units, a backward gain of 2 to 7 per layer.
CHAOTIC = [setting("tanh", "normal", 1.0, 100, 20, 256), setting("tanh", "normal", S[10], 20, 20),
           setting("tanh", "normal", S[-1], 20, 20), setting("tanh", "he", S[-1], 10, 30)]


@browser_test
def test_where_rounding_is_amplified_the_port_differs_no_more_than_numpy_from_itself(page):
    for s, js in zip(CHAOTIC, compute(page, CHAOTIC)):
        p = profile(s)
        reordered = ini.variances_summed_in_order(s["activation"], s["init"], s["width"], s["depth"],
                                                  s["nSamples"], s["seed"], s["scale"])  # as engine.js adds
        for key, py, other in (("varZ", p.var_z, reordered[0]), ("varDelta", p.var_delta, reordered[1])):
            port = np.max(np.abs(np.asarray(js[key]) / py - 1))
            numpy_itself = np.max(np.abs(other / py - 1))
            print(f"\n{s['init']} s={s['scale']:.3g} n={s['width']} L={s['depth']} {key}: explorer "
                  f"{port:.1e}, numpy reordered {numpy_itself:.1e} from variance_profile", end="")
            assert port <= max(3 * numpy_itself, RTOL), (key, s)
        assert js["backwardFactor"] > 2  # the gain that amplifies the rounding


def test_a_given_scale_replaces_the_schemes_own():
    small, half = ini.variance_profile("relu", "small", 30, 6, 32), ini.variance_profile("relu", "xavier", 30, 6, 32, scale=0.5)
    for a, b in ((small.var_z, half.var_z), (small.var_delta, half.var_delta), (small.predicted_var_z, half.predicted_var_z)):
        assert np.array_equal(a, b)
    net = ini.deep_network("tanh", "he", 5, 3, scale=2.0)
    assert (net.init, net.scale) == ("he", 2.0)
    with pytest.raises(ValueError, match="scale"):
        ini.variance_profile("relu", "he", 10, 3, scale=0.0)


def test_sums_in_either_order_agree_where_nothing_amplifies_rounding():
    p = ini.variance_profile("relu", "he", 20, 10, 32, seed=4, scale=1.5)
    for reverse in (False, True):
        var_z, var_delta = ini.variances_summed_in_order("relu", "he", 20, 10, 32, 4, 1.5, reverse)
        np.testing.assert_allclose(var_z, p.var_z, rtol=1e-12)
        np.testing.assert_allclose(var_delta, p.var_delta, rtol=1e-12)
    with pytest.raises(ValueError, match="reverse"):
        ini.variances_summed_in_order("relu", "he", 20, 10, reverse="yes")


def test_the_explorer_starts_at_the_chapters_settings():
    block = ini.live_explorer("en")
    assert block.name == "variance" and 'data-bp-explorer="variance"' in block.html
    cfg = ini.EXPLORER
    assert cfg["scale"] in S and cfg["width"] in ini.EXPLORER_WIDTHS and 2 <= cfg["depth"] <= cfg["max_depth"]
    assert max(ini.EXPLORER_WIDTHS) == 100  # the chapter's width is on the slider
    assert set(ini.EXPLORER_TEXT["en"]) == set(ini.EXPLORER_TEXT["zh"])
    with pytest.raises(ValueError, match="lang"):
        ini.live_explorer("fr")


SNAPSHOT_JS = """() => ({status: document.querySelector("[role=status]").textContent,
    canvases: [...document.querySelectorAll(".bp-live canvas")].map((c) => c.toDataURL())})"""
MOVE_JS = """([key, value]) => { const input = document.querySelector(`[data-key="${key}"]`);
    input.value = String(value); input.dispatchEvent(new Event(input.tagName === "SELECT" ? "change" : "input")); }"""


@browser_test
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_changes_status_and_a_canvas_and_is_fast(browser, lang):
    html = standalone_page(ini.live_explorer(lang))
    with explorer_page(browser, "variance", html) as page:
        page.wait_for_function("+(document.querySelector('.bp-live').dataset.renders || 0) >= 1")
        page.evaluate("() => { window.requestAnimationFrame = (f) => { f(); return 0; }; }")
        ranges = page.evaluate("""() => [...document.querySelectorAll(".bp-live input[type=range]")]
            .map((i) => [i.dataset.key, +i.min, +i.max, +i.value])""")
        selects = page.evaluate("""() => [...document.querySelectorAll(".bp-live select")]
            .map((s) => [s.dataset.key, [...s.options].map((o) => o.value), s.value])""")
        assert sorted(k for k, *_ in ranges) == ["depth", "scale", "width"]
        assert sorted(k for k, *_ in selects) == ["activation", "init"]
        moves = [(key, lo if value - lo > hi - value else hi, value) for key, lo, hi, value in ranges]
        moves += [(key, option, value) for key, options, value in selects for option in options if option != value]
        for key, other, value in moves:
            before = page.evaluate(SNAPSHOT_JS)
            page.evaluate(MOVE_JS, [key, other])
            after = page.evaluate(SNAPSHOT_JS)
            assert after["status"] != before["status"], (key, other)
            assert any(a != b for a, b in zip(after["canvases"], before["canvases"])), (key, other)
            assert after["status"] and not any(w in after["status"] for w in ("NaN", "undefined", "—")), (key, other)
            page.evaluate(MOVE_JS, [key, value])
        # the speed of one control move at the starting width: every other control, to either end
        ms = page.evaluate("""() => { const root = document.querySelector(".bp-live"), times = [];
            const moves = [["scale", 0], ["scale", 12], ["depth", 2], ["depth", 30], ["activation", "tanh"],
                           ["activation", "identity"], ["init", "normal"], ["init", "xavier"]];
            for (let i = 0; i < 48; i++) {
                const [key, value] = moves[i % moves.length], input = document.querySelector(`[data-key="${key}"]`);
                input.value = String(value);
                input.dispatchEvent(new Event(input.tagName === "SELECT" ? "change" : "input"));
                times.push(+root.dataset.ms);
            }
            times.sort((a, b) => a - b);
            return times[24]; }""")
        by_width = page.evaluate("""(widths) => { const root = document.querySelector(".bp-live"), out = {};
            const width = document.querySelector('[data-key="width"]'), depth = document.querySelector('[data-key="depth"]');
            depth.value = "20"; depth.dispatchEvent(new Event("input"));
            widths.forEach((w, i) => { width.value = String(i); width.dispatchEvent(new Event("input"));
                const t = []; for (const s of [6, 7, 8, 7, 6]) { const sc = document.querySelector('[data-key="scale"]');
                    sc.value = String(s); sc.dispatchEvent(new Event("input")); t.push(+root.dataset.ms); }
                t.sort((a, b) => a - b); out[w] = t[2]; });
            return out; }""", list(ini.EXPLORER_WIDTHS))
        print(f"\nvariance explorer ({lang}): one control move, recompute and redraw, median {ms:.1f} ms over 48 "
              f"at width {ini.EXPLORER['width']}; at depth 20 by width: "
              + ", ".join(f"{w}: {t:.0f} ms" for w, t in by_width.items()))
        assert ms <= 30
