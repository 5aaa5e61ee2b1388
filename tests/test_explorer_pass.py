"""Chapter 5's live explorer (code/backprop/static/explorers/pass.js) in Chromium, against the package.

The scripts, as the book serves them, are injected into a blank page (engine.js, then pass.js);
every request is aborted and recorded (there must be none), and console errors are collected.
Checked:

* every number the explorer shows, ``backpropBook.explorers.pass.compute``, equals the package's
  (<= 1e-12 relative): z, a, ℒ, δ and the gradients against ``ch04_chain_rule.quantities``, the
  slopes σ′(z) against ``sigmoid_prime``, the loss after one step against ``MLP.step`` then
  ``MLP.loss``, η‖∇ℒ‖², and the loss along the step ℒ(θ − s∇ℒ) at all 41 step sizes, for
  chapter 5's example and 14 other settings (saturated units, a silent input, the target equal
  to the output, negative targets, every η of the slider);
* the chapter's example gives the chapter's numbers (the loss after one step with η = 0.5 as the
  page's ``fit`` gives it);
* the whole explorer (ui.js), in both languages: the table shows each value; every control moved to
  the other end changes the status and a canvas; the step-through buttons move the highlighted row;
  a value out of range is refused in words; one control move takes <= 30 ms median.

Run with ``.venv/bin/python -m pytest -m "" tests/test_explorer_pass.py -q -s`` (``-s`` prints the figures).
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

import backprop as bp
from backprop.book.explorers import standalone_page
from backprop.chapters import ch04_chain_rule as ch04
from browser import explorer_page

pytestmark = pytest.mark.browser

RTOL = 1e-12


@pytest.fixture(scope="module")
def page(browser):
    with explorer_page(browser, "pass") as page:
        assert page.evaluate("typeof window.backpropBook.explorers.pass.compute") == "function"
        yield page


def network(weights, biases):
    net = bp.MLP([2, 2, 1])
    for W, b, W0, b0 in zip(net.weights, net.biases, weights, biases):
        W[:], b[:] = W0, b0
    return net


def settings():
    """Chapter 5's example and 14 others across the controls' ranges."""
    ex = ch04.EXAMPLE_221
    out = [dict(ex)]
    rng = np.random.default_rng(5)
    for i, lr in enumerate(ch04.PASS_LRS):
        scale = (0.5, 2.0, 8.0, 30.0)[i % 4]          # up to saturated units (|z| in the tens)
        out.append({"weights": [np.round(scale * rng.standard_normal((2, 2)), 3).tolist(),
                                np.round(scale * rng.standard_normal((1, 2)), 3).tolist()],
                    "biases": [np.round(rng.standard_normal(2), 3).tolist(), np.round(rng.standard_normal(1), 3).tolist()],
                    "x": np.round(rng.uniform(-2, 2, 2), 3).tolist(), "y": float(np.round(rng.uniform(-0.5, 1.5), 3)),
                    "lr": lr})
    q = ch04.quantities(ch04.example_network(), ex["x"], [ex["y"]])
    out.append(dict(ex, x=[0.0, 0.1]))                 # a silent input: two gradients exactly 0
    out.append(dict(ex, y=q["a2_1"]))                  # the target equal to the output: every δ is 0
    return out


def python_numbers(s):
    """What the explorer shows, computed by the package: quantities, σ′, ℒ after MLP.step, η‖∇ℒ‖², the curve."""
    net, x, y = network(s["weights"], s["biases"]), np.array(s["x"]), np.array([s["y"]])
    X, Y = x[None], y[None]
    q = ch04.quantities(net, x, y)
    zs, _ = net.forward_trace(X)
    slopes = {f"{l + 1}_{j + 1}": float(bp.sigmoid_prime(z)) for l, Z in enumerate(zs) for j, z in enumerate(Z[0])}
    dWs, dbs = net.gradients(X, Y)

    def after(lr):
        stepped = copy.deepcopy(net)
        stepped.step(dWs, dbs, lr)
        return stepped.loss(X, Y)

    steps = [s["lr"] * (i / 20) for i in range(41)]
    norm = float(sum((g ** 2).sum() for g in dWs + dbs))
    return {"q": q, "slopes": slopes, "lossAfter": after(s["lr"]), "gradNormSq": norm,
            "predictedDrop": s["lr"] * norm, "steps": steps, "losses": [after(lr) if lr > 0 else q["L"] for lr in steps]}


def relative_error(js, py):
    js, py = np.asarray(js, dtype=float), np.asarray(py, dtype=float)
    assert np.all(np.isfinite(js)) and np.all(np.isfinite(py))
    with np.errstate(all="ignore"):
        rel = np.where(js == py, 0.0, np.abs(js - py) / np.abs(py))
    return float(rel.max())


def test_every_number_equals_the_package(page):
    cases = settings()
    got = page.evaluate("(cases) => cases.map((c) => backpropBook.explorers.pass.compute(c))", cases)
    worst, zero_rows, saturated = 0.0, 0, 0
    for s, js in zip(cases, got):
        py = python_numbers(s)
        assert sorted(js["q"]) == sorted(py["q"]), s
        assert sorted(js["slopes"]) == sorted(py["slopes"]), s
        errs = [relative_error([js["q"][k] for k in py["q"]], list(py["q"].values())),
                relative_error([js["slopes"][k] for k in py["slopes"]], list(py["slopes"].values())),
                relative_error(js["steps"], py["steps"]), relative_error(js["losses"], py["losses"])]
        for key in ("lossAfter", "gradNormSq", "predictedDrop"):
            errs.append(relative_error(js[key], py[key]))
        assert max(errs) <= RTOL, (s, errs)
        assert js["losses"][20] == js["lossAfter"]      # s = η is the step
        worst = max(worst, *errs)
        zero_rows += sum(v == 0 for v in py["q"].values())
        saturated += min(py["slopes"].values()) < 1e-4
    assert len(cases) >= 11 and zero_rows >= 2 + 10 and saturated >= 2
    print(f"\npass.js vs quantities / MLP.step: {len(cases)} settings, max relative error {worst:.1e} "
          f"({zero_rows} values exactly 0, {saturated} settings with a saturated unit)")


def test_the_chapters_example(page):
    ex = ch04.EXAMPLE_221
    js = page.evaluate("(c) => backpropBook.explorers.pass.compute(c)", ex)
    net, X1, Y1 = ch04.example_network(), np.array([ex["x"]]), np.array([[ex["y"]]])
    stepped = copy.deepcopy(net)
    before = stepped.fit(X1, Y1, lr=ex["lr"], epochs=1)[0]     # the page's own step
    assert js["q"]["L"] == pytest.approx(before, rel=RTOL)
    assert js["lossAfter"] == pytest.approx(stepped.loss(X1, Y1), rel=RTOL)
    assert js["q"]["a2_1"] == pytest.approx(0.75136507, abs=5e-9)   # Mazur's output, as chapter 5 checks it


def test_bad_input_is_refused(page):
    message = page.evaluate("""() => { try { backpropBook.explorers.pass.compute({weights: [[[0.1, 0.2], [0.3, 0.4]],
        [[0.5, 0.6]]], biases: [[0, 0], [0]], x: [1, 1], y: 0.5, lr: 0}); return ""; } catch (e) { return e.message; } }""")
    assert "lr" in message
    message = page.evaluate("""() => { try { backpropBook.explorers.pass.compute({weights: [[[0.1, 0.2]], [[0.5]]],
        biases: [[0], [0]], x: [1, 1], y: 0.5, lr: 1}); return ""; } catch (e) { return e.message; } }""")
    assert "weights[0]" in message


SNAPSHOT_JS = """() => ({status: document.querySelector("[role=status]").textContent,
    canvases: [...document.querySelectorAll(".bp-live canvas")].map((c) => c.toDataURL()),
    explain: document.querySelector(".bp-pass-nav + p").textContent,
    current: document.querySelector("tr[aria-current]").dataset.row,
    values: Object.fromEntries([...document.querySelectorAll("tr[data-row]")].map((r) => [r.dataset.row, r.lastChild.textContent]))})"""
SET_JS = """([key, v]) => { const i = document.querySelector(`[data-key="${key}"]`);
    i.value = String(v); i.dispatchEvent(new Event("input")); }"""
CLICK_JS = """(key) => document.querySelector(`[data-key="${key}"]`).click()"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_explorer_in_the_page(browser, lang):
    html = standalone_page(ch04.live_explorer(lang))
    with explorer_page(browser, "pass", html, width=1000) as page:
        page.wait_for_function("+(document.querySelector('.bp-live').dataset.renders || 0) >= 1")
        page.evaluate("() => { window.requestAnimationFrame = (f) => { f(); return 0; }; }")
        start = page.evaluate(SNAPSHOT_JS)
        q = ch04.quantities(ch04.example_network(), ch04.EXAMPLE_221["x"], [ch04.EXAMPLE_221["y"]])
        assert start["values"]["delta2_1"] == "−0.0445807" and start["values"]["L"] == "0.0284733"
        assert f"{q['delta2_1']:.6g}".replace("-", "−") == start["values"]["delta2_1"]
        assert len(start["values"]) == 22 and start["current"] == "z1_1"
        assert ("lowers" if lang == "en" else "降到") in start["status"]

        keys = page.evaluate("""() => [...document.querySelectorAll(".bp-live input")].map((i) => [i.dataset.key, i.type])""")
        assert [k for k, t in keys if t == "number"] == ["w1_11", "w1_12", "b1_1", "w1_21", "w1_22", "b1_2",
                                                         "w2_11", "w2_12", "b2_1", "x1", "x2", "y"]
        for key, kind in keys:
            before = page.evaluate(SNAPSHOT_JS)
            other = page.evaluate(f"""() => {{ const i = document.querySelector('[data-key="{key}"]');
                return i.type === "range" ? (+i.value > 0 ? 0 : +i.max) : -(+i.value) - 1; }}""")
            page.evaluate(SET_JS, [key, other])
            after = page.evaluate(SNAPSHOT_JS)
            assert after["status"] != before["status"], key
            assert any(a != b for a, b in zip(after["canvases"], before["canvases"])), key
            assert "NaN" not in after["status"] and "undefined" not in after["status"], key

        page.evaluate(CLICK_JS, "reset")
        assert page.evaluate(SNAPSHOT_JS)["values"] == start["values"]
        for key, moved in (("next", "z1_2"), ("prev", "z1_1"), ("prev", "predicted")):
            before = page.evaluate(SNAPSHOT_JS)
            page.evaluate(CLICK_JS, key)
            after = page.evaluate(SNAPSHOT_JS)
            assert after["current"] == moved and after["explain"] != before["explain"], key
            assert any(a != b for a, b in zip(after["canvases"], before["canvases"])), key
        page.evaluate(CLICK_JS, "next")
        # the target equal to the output (to the 6 digits the table shows): δ²₁ almost vanishes
        page.evaluate(SET_JS, ["y", start["values"]["a2_1"]])
        assert abs(float(page.evaluate(SNAPSHOT_JS)["values"]["delta2_1"].replace("−", "-"))) < 1e-6
        page.evaluate(SET_JS, ["w2_11", 250])
        status = page.evaluate(SNAPSHOT_JS)["status"]
        assert "w²₁₁" in status and "100" in status

        page.evaluate(CLICK_JS, "reset")
        ms = page.evaluate("""() => { const keys = ["w1_11", "w2_12", "x1", "y", "eta"], times = [];
            for (let i = 0; i < 60; i++) {
                const input = document.querySelector(`[data-key="${keys[i % 5]}"]`);
                input.value = String(input.type === "range" ? (i % 2 ? 0 : +input.max) : (i % 2 ? 0.3 : -0.7));
                const t0 = performance.now();
                input.dispatchEvent(new Event("input"));
                times.push(performance.now() - t0);
            }
            times.sort((a, b) => a - b);
            return times[30]; }""")
        print(f"\npass explorer ({lang}): one control move, recompute and redraw, median {ms:.1f} ms over 60")
        assert ms <= 30
