"""Chapter 8's live explorer (code/backprop/static/explorers/depth.js) in Chromium, against the package.

The scripts as served (``backprop.book.explorers.script``) are injected into a blank page, every
request is aborted and recorded (there must be none), and console errors are collected. Checked:

* the data the block ships decode to exactly the chapter's ``xor_blobs(200, 0.2, 0)``;
* the per-layer norms ‖∂ℒ/∂W^l‖ and ‖δ^l‖ equal ``ch08_vanishing.layer_gradient_norms`` of
  ``deep_net(activation, depth, 16, init, seed=seed)``, and the bound it draws equals
  ``ch08_vanishing.delta_bounds`` (<= 1e-10 relative), for 18 settings across every activation,
  init scheme, depths 1 to 20 and seeds 0 to 99; the measured ‖δ^l‖ never exceeds its bound;
* its ‖W‖₂ equals ``numpy.linalg.norm(W, 2)`` for square, wide, tall and one-row matrices;
* the whole explorer (ui.js), in both languages: moving every control to another value changes
  the status and the canvas; one control move (recompute and redraw) takes <= 30 ms median.

Run with ``.venv/bin/python -m pytest -m "" tests/test_explorer_depth.py -q -s`` (``-s`` prints the figures).
"""
from __future__ import annotations

import numpy as np
import pytest

from backprop.book.explorers import standalone_page
from backprop.chapters import ch08_vanishing as V
from browser import explorer_page

pytestmark = pytest.mark.browser

RTOL = 1e-10


@pytest.fixture(scope="module")
def page(browser):
    with explorer_page(browser, "depth") as page:
        assert page.evaluate("typeof window.backpropBook.explorers.depth.compute") == "function"
        yield page


def shipped_data():
    import html
    import json
    import re

    block = V.live_explorer("en").html
    cfg = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', block).group(1)))
    return cfg["X"], cfg["Y"]


def test_the_shipped_data_are_the_chapters_xor_blobs(page):
    X, Y = V.xor_blobs(m=200, noise=0.2, seed=0)
    got = page.evaluate("([x, y]) => backpropBook.explorers.depth.data(x, y)", list(shipped_data()))
    assert np.array_equal(np.array(got["X"]), X)      # bit for bit
    assert np.array_equal(np.array(got["Y"]), Y)


def settings():
    """18 settings: every (activation, init) pair twice, over depths 1–20 and seeds 0–99."""
    depths, seeds = (1, 20, 10, 3, 15, 7, 2, 12, 5), (0, 99, 7, 42, 1, 63, 18, 4, 88)
    out, k = [], 0
    for activation in V.HIDDEN_ACTIVATIONS:
        for init in ("normal", "xavier", "he"):
            for _ in range(2):
                out.append(dict(activation=activation, init=init, depth=depths[k % len(depths)],
                                seed=seeds[(3 * k + 1) % len(seeds)]))
                k += 1
    return out


def relative(js, py):
    js, py = np.asarray(js, dtype=float), np.asarray(py, dtype=float)
    assert js.shape == py.shape
    with np.errstate(all="ignore"):
        return float(np.max(np.where(js == py, 0.0, np.abs(js - py) / np.abs(py))))


def test_norms_equal_layer_gradient_norms(page):
    X, Y = V.xor_blobs(m=200, noise=0.2, seed=0)
    cases = settings()
    got = page.evaluate("""([cases, X, Y]) => cases.map((c) =>
        backpropBook.explorers.depth.compute(Object.assign({X, Y, width: 16}, c)))""", [cases, X.tolist(), Y.tolist()])
    worst, ratios = 0.0, []
    for s, js in zip(cases, got):
        net = V.deep_net(s["activation"], s["depth"], 16, s["init"], seed=s["seed"])
        grad_W, delta = V.layer_gradient_norms(net, X, Y)
        bound = V.delta_bounds(net, X, Y)
        assert js["layers"] == s["depth"] + 1
        err = max(relative(js["gradW"], grad_W), relative(js["delta"], delta), relative(js["bound"], bound),
                  relative(js["ratio"], grad_W[0] / grad_W[-1]))
        assert err <= RTOL, (s, err)
        worst = max(worst, err)
        assert np.all(np.array(js["delta"]) <= np.array(js["bound"]) * (1 + 1e-12)), s   # the chapter's bound holds
        assert js["zeroFrom"] == 0 and all(v > 0 for v in js["gradW"]), s
        ratios.append(js["ratio"])
    # the settings reach all three verdicts of the status line
    assert min(ratios) < 0.1 and max(ratios) > 10 and any(0.1 <= r <= 10 for r in ratios), ratios
    print(f"\ndepth.js vs layer_gradient_norms and delta_bounds: {len(cases)} settings, "
          f"max relative error {worst:.1e}; first/last ratios from {min(ratios):.1e} to {max(ratios):.1e}")


def test_spectral_norm_equals_numpy(page):
    rng = np.random.default_rng(3)
    mats = [rng.standard_normal(shape) for shape in [(16, 16), (16, 2), (1, 16), (2, 16), (5, 9), (1, 1)]]
    mats.append(np.diag([3.0, 3.0, 1.0]))                        # a repeated top singular value
    mats += [W for W in V.deep_net("relu", 20, 16, "he", seed=5).weights]
    got = page.evaluate("(ms) => ms.map((W) => backpropBook.explorers.depth.spectralNorm(W))", [m.tolist() for m in mats])
    for W, js in zip(mats, got):
        assert relative(js, np.linalg.norm(W, 2)) <= 1e-13, W.shape


def test_bad_settings_name_the_argument(page):
    messages = page.evaluate("""() => [{activation: "step"}, {init: "zeros"}, {depth: 0}, {seed: -1}, {X: null}].map((bad) => {
        try { backpropBook.explorers.depth.compute(Object.assign(
                  {activation: "sigmoid", init: "xavier", depth: 3, seed: 0, X: [[0, 0]], Y: [[0]]}, bad)); return ""; }
        catch (e) { return e.message; } })""")
    for message, name in zip(messages, ["activation", "init", "depth", "seed", "X"]):
        assert message.startswith(name), message


SNAPSHOT_JS = """() => ({status: document.querySelector("[role=status]").textContent,
    canvases: [...document.querySelectorAll(".bp-live canvas")].map((c) => c.toDataURL())})"""
# Move one control to value v, the way ui.js listens: "input" for a range, "change" for a select.
MOVE_JS = """([key, v]) => { const c = document.querySelector(`[data-key="${key}"]`);
    c.value = String(v); c.dispatchEvent(new Event(c.tagName === "SELECT" ? "change" : "input")); }"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_changes_status_and_canvas_and_is_fast(browser, lang):
    with explorer_page(browser, "depth", standalone_page(V.live_explorer(lang))) as page:
        page.wait_for_function("+(document.querySelector('.bp-live').dataset.renders || 0) >= 1")
        page.evaluate("() => { window.requestAnimationFrame = (f) => { f(); return 0; }; }")
        first = page.evaluate(SNAPSHOT_JS)["status"]
        assert "1/4" in first and ("vanishes" in first or "消失" in first), first   # the chapter's first figure
        moves = [("activation", "tanh", "sigmoid"), ("activation", "relu", "sigmoid"), ("init", "normal", "xavier"),
                 ("init", "he", "xavier"), ("depth", 1, 10), ("depth", 20, 10), ("seed", 99, 0), ("seed", 1, 0)]
        for key, other, start in moves:
            before = page.evaluate(SNAPSHOT_JS)
            page.evaluate(MOVE_JS, [key, other])
            after = page.evaluate(SNAPSHOT_JS)
            assert after["status"] != before["status"], key
            assert after["canvases"] != before["canvases"], key
            assert after["status"] and not any(w in after["status"] for w in ("NaN", "undefined", "—")), after
            page.evaluate(MOVE_JS, [key, start])
        assert page.evaluate(SNAPSHOT_JS)["status"] == first
        ms = page.evaluate("""() => { const steps = [["depth", 20], ["activation", "relu"], ["seed", 37], ["init", "he"],
                                                     ["depth", 3], ["activation", "tanh"], ["seed", 5], ["init", "normal"]];
            const times = [];
            for (let i = 0; i < 48; i++) {
                const [key, v] = steps[i % steps.length], c = document.querySelector(`[data-key="${key}"]`);
                c.value = String(i % 16 < 8 ? v : c.tagName === "SELECT" ? c.options[0].value : +c.min + 2);
                const t0 = performance.now();
                c.dispatchEvent(new Event(c.tagName === "SELECT" ? "change" : "input"));
                times.push(performance.now() - t0);
            }
            times.sort((a, b) => a - b);
            return times[24]; }""")
        print(f"\ndepth explorer ({lang}): one control move, recompute and redraw, median {ms:.1f} ms over 48")
        assert ms <= 30
