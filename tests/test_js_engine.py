"""The JavaScript engine (code/backprop/static/engine.js) in Chromium, against the Python package.

No built book is needed: the script is injected into a blank page, and every request the page
would make is aborted and recorded (there must be none). Checked:

* numpy's ``default_rng(seed).standard_normal`` draws, bit for bit;
* the starting parameters of ``MLP(sizes, init=..., scale=..., seed=...)``, bit for bit;
* the losses of ``MLP.fit`` epoch by epoch over 5,000 epochs (≤ 1e-10 relative), diverging runs
  included (the first non-finite loss at the same epoch), and the outputs at the end;
* momentum and Adam against ``backprop.optimizers.train`` with ``batch_size=None``;
* the speed of 2-4-1 × 5,000 epochs (printed, not asserted).

Run with ``.venv/bin/python -m pytest -m "" tests/test_js_engine.py -q -s`` (``-s`` shows the figures).
"""
from __future__ import annotations

import contextlib
import itertools
import struct
from pathlib import Path

import numpy as np
import pytest

import backprop
from backprop.book.explorers import script
from backprop.data import xor
from backprop.optimizers import Adam, Momentum, train as train_with
from browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

EPOCHS = 5000
RTOL = 1e-10


@contextlib.contextmanager
def engine_page():
    """A blank Chromium page with engine.js injected; yields (page, requests, errors)."""
    from playwright import sync_api

    requests, errors = [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context().new_page()
            page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
            page.on("pageerror", lambda exc: errors.append(str(exc)))

            def block(route):  # the engine needs nothing from anywhere
                requests.append(route.request.url)
                route.abort()

            page.route("**/*", block)
            page.add_script_tag(content=script("engine.js"))  # as the book serves it
            assert page.evaluate("typeof window.backpropBook.train") == "function"
            yield page, requests, errors
        finally:
            browser.close()


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("playwright.sync_api")
    with engine_page() as (page, requests, errors):
        yield page
        assert not requests, f"the page made requests: {requests}"
        assert not errors, f"console errors: {errors}"


# Each float as the 16 hex digits of its IEEE-754 bits: equal strings are equal doubles.
HEX_JS = """const hex = (v) => { const d = new DataView(new ArrayBuffer(8)); d.setFloat64(0, v);
                          return d.getBigUint64(0).toString(16).padStart(16, "0"); };"""


def hexes(values):
    return [struct.pack(">d", float(v)).hex() for v in np.ravel(values)]


def test_standard_normals_are_numpys_bit_for_bit(engine):
    seeds = [0, 1, 2, 12345, 2**31 - 1]
    got = engine.evaluate(f"""(seeds) => {{ {HEX_JS}
        return seeds.map((s) => new backpropBook.Generator(s).standardNormals(1000).map(hex)); }}""", seeds)
    for seed, draws in zip(seeds, got):
        assert draws == hexes(np.random.default_rng(seed).standard_normal(1000)), f"seed {seed}"


def init_cases():
    scales = (1.0, 0.5, 2.5, 0.1, 1.7)
    cases = [([2, h, 1], init, scales[seed % len(scales)], seed)
             for init in backprop.INITS for h in (1, 2, 4, 8, 16) for seed in range(100)]
    deeper = ([2, 8, 8, 1], [3, 16, 4, 2], [1, 1], [2, 5, 3, 1], [4, 12, 12, 12, 3])
    cases += [(sizes, init, scale, seed) for sizes in deeper for init in backprop.INITS
              for scale, seed in ((1.0, 0), (0.3, 42), (3.0, 99))]
    return cases


def test_initial_parameters_are_mlps_bit_for_bit(engine):
    cases = init_cases()
    got = engine.evaluate(f"""(cases) => {{ {HEX_JS}
        return cases.map(([sizes, init, scale, seed]) => {{
            const p = backpropBook.initialParameters(sizes, init, scale, seed);
            return [p.weights.map((W) => W.flat().map(hex)), p.biases.map((b) => b.map(hex))]; }}); }}""",
                          [list(c) for c in cases])
    for (sizes, init, scale, seed), (weights, biases) in zip(cases, got):
        net = backprop.MLP(sizes, init=init, scale=scale, seed=seed)
        assert weights == [hexes(W) for W in net.weights], (sizes, init, scale, seed)
        assert biases == [hexes(b) for b in net.biases], (sizes, init, scale, seed)


def training_settings():
    """66 settings over the controls' ranges: 35 at learning rates up to 10, 27 from 15 to 50 (12 of
    which diverge), 2 deeper networks and 2 on 3-bit parity."""
    combos = [(a, o, loss) for a in ("sigmoid", "tanh", "relu")
              for o, loss in (("sigmoid", "mse"), ("sigmoid", "bce"), ("identity", "mse"))]
    widths = (1, 2, 3, 4, 6, 8, 12, 16)
    grid = list(itertools.product(combos, backprop.INITS))
    out = []
    for i, ((act, out_act, loss), init) in enumerate(grid):
        out.append(dict(sizes=[2, widths[i % 8], 1], activation=act, outputActivation=out_act, loss=loss,
                        init=init, scale=(1.0, 0.5, 2.0)[i % 3], seed=(7 * i) % 100,
                        lr=(0.05, 0.3, 1.0, 2.5, 5.0, 10.0)[i % 6]))
    for i, ((act, out_act, loss), init) in enumerate(grid):
        out.append(dict(sizes=[2, widths[(i + 3) % 8], 1], activation=act, outputActivation=out_act, loss=loss,
                        init=init, scale=(1.0, 2.0, 0.7)[i % 3], seed=(13 * i + 5) % 100,
                        lr=(15.0, 25.0, 35.0, 50.0)[i % 4]))
    for i, width in enumerate((5, 7, 9, 10, 11, 13, 14, 15)):  # the widths not used above
        (act, out_act, loss), init = grid[(5 * i + 2) % len(grid)]
        out.append(dict(sizes=[2, width, 1], activation=act, outputActivation=out_act, loss=loss, init=init,
                        scale=(1.0, 1.5)[i % 2], seed=(31 * i + 9) % 100, lr=(0.2, 0.8, 2.0, 4.0)[i % 4]))
    # deeper networks, and a data set other than XOR (3-bit parity, 8 rows)
    parity_X = [[a, b, c] for a in (0, 1) for b in (0, 1) for c in (0, 1)]
    parity_Y = [[float((a + b + c) % 2)] for a, b, c in parity_X]
    out.append(dict(sizes=[2, 8, 8, 1], activation="tanh", outputActivation="sigmoid", loss="bce", init="xavier",
                    scale=1.0, seed=3, lr=0.5))
    out.append(dict(sizes=[2, 4, 4, 4, 1], activation="relu", outputActivation="identity", loss="mse", init="he",
                    scale=1.0, seed=11, lr=0.1))
    out.append(dict(sizes=[3, 6, 1], activation="sigmoid", outputActivation="sigmoid", loss="mse", init="normal",
                    scale=1.0, seed=8, lr=4.0, X=parity_X, Y=parity_Y))
    out.append(dict(sizes=[3, 16, 2], activation="tanh", outputActivation="sigmoid", loss="bce", init="he",
                    scale=1.0, seed=21, lr=1.0, X=parity_X, Y=[[y[0], 1 - y[0]] for y in parity_Y]))
    return out


def python_run(s, optimizer=None, nudge=False):
    """MLP.fit (or optimizers.train) on setting ``s``; ``nudge`` first moves every weight by one part in 2**52."""
    net = backprop.MLP(s["sizes"], s["activation"], s["outputActivation"], s["loss"], s["init"], s["scale"], s["seed"])
    if nudge:
        for W in net.weights:
            W *= 1 + 2.0**-52
    X, Y = (np.array(s["X"], float), np.array(s["Y"], float)) if "X" in s else xor()
    if optimizer is None:
        losses = net.fit(X, Y, s["lr"], EPOCHS)
    else:
        losses = train_with(net, X, Y, optimizer, EPOCHS)  # batch_size=None: full batch
    with np.errstate(all="ignore"):
        return losses, net.forward(X)


def first_non_finite(losses):
    bad = np.flatnonzero(~np.isfinite(losses))
    return int(bad[0]) if bad.size else None


def relative_error(js, py):
    """Largest |js − py| / |py| over the entries finite in both (0 where they are equal)."""
    js, py = np.asarray(js, float), np.asarray(py, float)
    both = np.isfinite(js) & np.isfinite(py)
    with np.errstate(all="ignore"):
        rel = np.where(js[both] == py[both], 0.0, np.abs(js[both] - py[both]) / np.abs(py[both]))
    return float(rel.max()) if rel.size else 0.0


def compare(js, py_losses, py_out, label, strict=True):
    """The relative errors (losses, outputs) of a JS run against Python's, after the checks every run must pass:
    the same number of losses, the first non-finite one at the same epoch, NaN at the same epochs.
    ``strict``: both errors must be <= RTOL."""
    losses = np.array([np.nan if v is None else v for v in js["losses"]], float)
    assert losses.shape == (EPOCHS,)
    assert first_non_finite(losses) == first_non_finite(py_losses), label
    assert np.array_equal(np.isnan(losses), np.isnan(py_losses)), label
    loss_err = relative_error(losses, py_losses)
    outputs = np.array(js["outputs"], float)
    assert np.array_equal(np.isfinite(outputs), np.isfinite(py_out)), label
    out_err = relative_error(outputs, py_out)
    if strict:
        assert loss_err <= RTOL and out_err <= RTOL, (label, loss_err, out_err)
    return loss_err, out_err


def run_in_page(engine, settings):
    return engine.evaluate(f"""(settings) => settings.map((s) => {{
        const r = backpropBook.train(Object.assign({{epochs: {EPOCHS}}}, s));
        return {{losses: r.losses, outputs: r.outputs}}; }})""", settings)


def test_training_equals_mlp_fit(engine):
    """Every run diverges (or not) at the same epoch as MLP.fit, and its losses and outputs agree within 1e-10,
    unless the run is ill-conditioned; at least 50 runs agree within 1e-10.

    Ill-conditioned runs (chaotic ones at large learning rates, losses that fall to the round-off
    floor near 1e-31, outputs that cancel to ~1e-6) amplify any difference of rounding: BLAS's fused
    multiply-adds, the last bit of exp and tanh. For such a run Python itself, started from weights
    nudged by one part in 2**52, moves away from its own losses; the JavaScript must stay within
    1000 times that spread of Python's own.
    """
    settings = training_settings()
    results = run_in_page(engine, settings)
    within, ill, diverged = [], [], []
    for i, (s, js) in enumerate(zip(settings, results)):
        py_losses, py_out = python_run(s)
        loss_err, out_err = compare(js, py_losses, py_out, (i, s), strict=False)
        if loss_err <= RTOL and out_err <= RTOL:
            within.append((loss_err, out_err))
        else:
            spread = relative_error(python_run(s, nudge=True)[0], py_losses)
            assert loss_err <= 1000 * spread, (i, s, loss_err, out_err, spread)
            ill.append(f"#{i} {s['sizes']} {s['activation']}/{s['outputActivation']}/{s['loss']}/{s['init']} "
                       f"lr={s['lr']:g}: JS vs Python {loss_err:.1e} (outputs {out_err:.1e}); "
                       f"Python vs Python nudged {spread:.1e}")
        if first_non_finite(py_losses) is not None:
            diverged.append(f"#{i} lr={s['lr']:g} epoch {first_non_finite(py_losses)}")
    assert len(within) >= 50 and diverged
    print(f"\nJS engine vs MLP.fit, {len(settings)} settings x {EPOCHS} epochs; {len(within)} within {RTOL:g}: "
          f"max relative error {max(e for e, _ in within):.2e} (losses), {max(e for _, e in within):.2e} (outputs)")
    print("diverged at the same epoch in both: " + ", ".join(diverged))
    print("ill-conditioned:\n  " + "\n  ".join(ill))


def test_momentum_and_adam_equal_optimizers_train(engine):
    base = dict(sizes=[2, 4, 1], activation="sigmoid", outputActivation="sigmoid", loss="mse", init="normal",
                scale=1.0, seed=0)
    cases = [("momentum", dict(lr=0.5), lambda: Momentum(0.5)),
             ("momentum", dict(lr=0.1, beta=0.95, seed=7, sizes=[2, 8, 1], activation="tanh", loss="bce"),
              lambda: Momentum(0.1, beta=0.95)),
             ("momentum", dict(lr=3.0, activation="relu", outputActivation="identity", init="he", seed=4),
              lambda: Momentum(3.0)),
             ("adam", dict(lr=0.01), lambda: Adam(0.01)),
             ("adam", dict(lr=0.05, beta1=0.8, beta2=0.99, eps=1e-7, seed=12, sizes=[2, 3, 1], activation="tanh",
                           init="xavier"), lambda: Adam(0.05, beta1=0.8, beta2=0.99, eps=1e-7)),
             ("adam", dict(lr=0.02, activation="relu", outputActivation="sigmoid", loss="bce", init="he", seed=31,
                           sizes=[2, 16, 1]), lambda: Adam(0.02))]
    settings = [dict(base, optimizer=name, **extra) for name, extra, _ in cases]
    results = run_in_page(engine, settings)
    worst = 0.0
    for s, (_, _, make), js in zip(settings, cases, results):
        py_losses, py_out = python_run(s, make())
        assert py_losses.shape == (EPOCHS + 1,)  # train: the loss before training, then after each epoch
        worst = max(worst, *compare(js, py_losses[:EPOCHS], py_out, s))
    print(f"\nJS momentum and Adam vs optimizers.train: max relative error {worst:.2e}")


def test_bad_settings_are_refused_by_name(engine):
    bad = {"activation": dict(activation="softsign", lr=1, epochs=1),
           "lr": dict(lr=-1, epochs=1),
           "sizes": dict(sizes=[2], lr=1, epochs=1),
           "outputActivation": dict(outputActivation="identity", loss="bce", lr=1, epochs=1),
           "epochs": dict(lr=1, epochs=2.5),
           "seed": dict(lr=1, epochs=1, seed=-3),
           "X": dict(lr=1, epochs=1, X=[[0, 0, 0]], Y=[[0]]),
           "learningRate": dict(learningRate=1, lr=1, epochs=1)}
    messages = engine.evaluate("""(bad) => Object.fromEntries(Object.entries(bad).map(([k, s]) => {
        try { backpropBook.train(s); return [k, null]; } catch (e) { return [k, e.message]; } }))""", bad)
    for field, message in messages.items():
        assert message is not None and field in message, (field, message)


def median_training_ms(page, runs=20, epochs=EPOCHS):
    """The median in-page time of training 2-4-1 on XOR for ``epochs`` epochs (after a warm-up)."""
    return page.evaluate("""([runs, epochs]) => {
        for (let i = 0; i < 5; i++) backpropBook.train({lr: 1 + i, epochs});
        const times = [];
        for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            backpropBook.train({sizes: [2, 4, 1], lr: 0.5 + 0.1 * i, seed: i, epochs});
            times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        return times[Math.floor(runs / 2)]; }""", [runs, epochs])


def test_speed(engine):
    print(f"\nJS engine, 2-4-1 x {EPOCHS} epochs in headless Chromium: median "
          f"{median_training_ms(engine):.1f} ms over 20 runs (target <= 15 ms)")


TRACE_SETTINGS = [dict(sizes=[2, 2, 1], activation="sigmoid", loss="mse", init="normal", seed=0),
                  dict(sizes=[2, 5, 3, 1], activation="tanh", outputActivation="sigmoid", loss="bce",
                       init="xavier", seed=7, scale=2.0),
                  dict(sizes=[3, 6, 6, 6, 2], activation="relu", outputActivation="identity", loss="mse",
                       init="he", seed=11, X=[[0.5, -1, 2], [1, 1, 0], [-0.3, 0.2, 0.9]],
                       Y=[[1, 0], [0, 1], [0.5, 0.5]])]


@pytest.mark.parametrize("setting", TRACE_SETTINGS, ids=lambda s: "-".join(map(str, s["sizes"])))
def test_trace_equals_mlps_forward_trace_deltas_and_backward(engine, setting):
    """``backpropBook.trace`` keeps what MLP.forward_trace, MLP.deltas and MLP.backward return."""
    js = engine.evaluate("(s) => backpropBook.trace(s)", setting)
    X = np.array(setting.get("X", xor()[0]), dtype=float)
    Y = np.array(setting.get("Y", xor()[1]), dtype=float)
    net = backprop.MLP(setting["sizes"], activation=setting["activation"],
                       output_activation=setting.get("outputActivation"), loss=setting["loss"],
                       init=setting["init"], scale=setting.get("scale", 1.0), seed=setting["seed"])
    zs, acts = net.forward_trace(X)
    deltas = net.deltas(zs, acts, Y)
    dWs, dbs = net.backward(zs, acts, Y)
    close = dict(rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(js["loss"], net.loss_from_output(zs[-1], acts[-1], Y), **close)
    for name, ours, theirs in [("zs", js["zs"], zs), ("activations", js["activations"], acts),
                               ("deltas", js["deltas"], deltas), ("gradWeights", js["gradWeights"], dWs),
                               ("gradBiases", js["gradBiases"], dbs)]:
        assert len(ours) == len(theirs), name
        for l, (a, b) in enumerate(zip(ours, theirs)):
            np.testing.assert_allclose(np.array(a), b, **close, err_msg=f"{name}[{l}]")
    # the same again from explicit parameters, and with a given output error instead of BP1
    delta_out = np.linspace(-1, 1, Y.size).reshape(Y.shape)
    again = engine.evaluate("""([s, w, b, d]) => backpropBook.trace(Object.assign({}, s,
        {weights: w, biases: b, deltaOut: d, Y: null}))""",
        [setting, [W.tolist() for W in net.weights], [b.tolist() for b in net.biases], delta_out.tolist()])
    for l, (a, b) in enumerate(zip(again["deltas"], net.deltas(zs, acts, None, delta_out=delta_out))):
        np.testing.assert_allclose(np.array(a), b, **close, err_msg=f"deltas[{l}] from delta_out")


def test_trace_refuses_bad_parameters_by_name(engine):
    bad = {"weights": dict(weights=[[[1, 2]]], biases=[[0]]),
           "biases": dict(sizes=[2, 2, 1], weights=[[[1, 2], [3, 4]], [[1, 2]]], biases=[[0, 0]]),
           "layer 1": dict(sizes=[2, 3, 1], weights=[[[1, 2], [3, 4]], [[1, 2, 3]]], biases=[[0, 0, 0], [0]]),
           "deltaOut": dict(X=[[0, 0]], deltaOut=[[1, 2]]),
           "Y": dict(X=[[0, 0]], Y=None, deltaOut=None)}
    messages = engine.evaluate("""(bad) => Object.fromEntries(Object.entries(bad).map(([k, s]) => {
        try { backpropBook.trace(s); return [k, null]; } catch (e) { return [k, e.message]; } }))""", bad)
    for field, message in messages.items():
        assert message is not None and field in message, (field, message)


def test_forward_equals_mlps_forward_trace(engine):
    """``backpropBook.forward``: the forward pass alone, flat per layer, as MLP.forward_trace computes it."""
    for setting in TRACE_SETTINGS:
        X = np.array(setting.get("X", xor()[0]), dtype=float)
        net = backprop.MLP(setting["sizes"], activation=setting["activation"],
                           output_activation=setting.get("outputActivation"), loss=setting["loss"],
                           init=setting["init"], scale=setting.get("scale", 1.0), seed=setting["seed"])
        js = engine.evaluate("""([s, w, b, X]) => { const f = backpropBook.forward({sizes: s.sizes,
            activation: s.activation, outputActivation: s.outputActivation, weights: w, biases: b, X});
            return {zs: f.zs.map((a) => Array.from(a)), activations: f.activations.map((a) => Array.from(a))}; }""",
            [setting, [W.tolist() for W in net.weights], [b.tolist() for b in net.biases], X.tolist()])
        zs, acts = net.forward_trace(X)
        for ours, theirs in zip(js["zs"] + js["activations"], zs + acts):
            np.testing.assert_allclose(ours, np.ravel(theirs), rtol=1e-12, atol=1e-15)
    message = engine.evaluate("""() => { try { backpropBook.forward({sizes: [2, 2, 1], X: [[0, 0]]}); }
                                         catch (e) { return e.message; } }""")
    assert "weights" in message


def test_output_history_holds_the_outputs_after_each_number_of_steps(engine):
    """``train({..., outputHistory: true})``: block e is a^L after e steps (what train with epochs = e ends with)."""
    setting = dict(sizes=[2, 3, 1], lr=2.0, seed=4, activation="tanh", outputActivation="sigmoid", loss="bce")
    got = engine.evaluate("""(s) => { const r = backpropBook.train(Object.assign({epochs: 300, outputHistory: true}, s));
        const blocks = [0, 1, 17, 299, 300].map((e) => Array.from(r.outputHistory.subarray(4 * e, 4 * e + 4)));
        const direct = [0, 1, 17, 299, 300].map((e) => backpropBook.train(Object.assign({epochs: e}, s)).outputs.flat());
        return {blocks, direct, length: r.outputHistory.length}; }""", setting)
    assert got["length"] == 301 * 4
    assert got["blocks"] == got["direct"]
    diverging = engine.evaluate("""() => { const r = backpropBook.train({sizes: [2, 4, 1], activation: "relu",
        outputActivation: "identity", lr: 50, epochs: 200, outputHistory: true});
        const first = r.losses.findIndex((v) => !Number.isFinite(v));
        return {first, after: Array.from(r.outputHistory.subarray(4 * (first + 1))).every(Number.isNaN)}; }""")
    assert diverging["first"] > 0 and diverging["after"]
