"""Chapter 7's live explorer (code/backprop/static/explorers/xor.js) in Chromium, against the package.

The scripts as served (engine.js, ui.js, explorers/xor.js) are injected into a blank page, every
request is aborted and recorded (there must be none), and console errors are collected. For 24
settings across every control's range (η from 0.01 to 50, the three init schemes, scales from
0.01 to 20, seeds, widths 1 to 16, 0 to 20,000 epochs, the three hidden activations, the three
output-and-loss choices), ``backpropBook.explorers.xor.run`` is compared with the Python explorer,
``ch07_explorer.XorExplorer.compute`` (which trains with ``vectorized.fit_one``):

* the status, the first solved epoch and the divergence epoch: equal, exactly; the status line:
  the same text, character for character, in both languages;
* the loss curve and the four outputs: within 1e-10 relative;
* the output over the plane (100 × 100) and each hidden unit's activation: equal to
  ``vectorized.forward`` with the explorer's own final parameters, and to ``ch07_explorer.live_fields``
  (``fit_one``, then ``vectorized.forward``: what the chapter computes of the fields) (1e-10
  relative, or 1e-14 and 1e-10 absolute: the fields are of order 1); the parameters within 1e-10 of
  ``fit_one``'s;
* play and step: the network after e steps equals ``fit_one`` trained for e epochs.

Then the whole explorer (ui.js) on a standalone page: one control move (retrain 2-4-1 for 5,000
epochs and redraw everything) is timed by ui.js (``data-ms``); the median is printed and must be
<= 30 ms (issue 12 §2).

Run with ``.venv/bin/python -m pytest -m "" tests/test_explorer_xor.py -q -s`` (``-s`` prints the figures).
"""
from __future__ import annotations

import statistics

import numpy as np
import pytest

from backprop.book.explorers import standalone_page
from backprop.chapters import ch07_explorer as ch07
from backprop.data import solved, xor
from backprop.vectorized import Network, fit_one, forward
from browser import explorer_page

pytestmark = pytest.mark.browser

RTOL = 1e-10
PAD = 0.35   # XorExplorer's plane: [-0.35, 1.35]²
X, Y = xor()

# lr, init, scale, seed, hidden, epochs, activation, output, loss
SETTINGS = [dict(zip(("lr", "init", "scale", "seed", "hidden", "epochs", "activation", "output", "loss"), row))
            for row in [
                (1.0, "normal", 1.0, 0, 4, 5000, "sigmoid", "sigmoid", "mse"),      # the start
                (1.0, "normal", 1.0, 7, 2, 5000, "sigmoid", "sigmoid", "mse"),
                (0.01, "normal", 1.0, 0, 4, 5000, "sigmoid", "sigmoid", "mse"),     # too slow
                (1.0, "normal", 0.01, 0, 4, 5000, "sigmoid", "sigmoid", "mse"),     # the plateau at 1/8
                (1.0, "normal", 20.0, 0, 4, 5000, "sigmoid", "sigmoid", "mse"),     # saturated at 1/4
                (50.0, "normal", 1.0, 0, 4, 5000, "sigmoid", "sigmoid", "mse"),     # zigzags, solves
                (1.0, "normal", 1.0, 3, 4, 0, "sigmoid", "sigmoid", "mse"),         # untrained
                (0.1, "normal", 1.0, 5, 3, 20000, "sigmoid", "sigmoid", "mse"),
                (2.0, "normal", 1.0, 1, 1, 3000, "sigmoid", "sigmoid", "mse"),      # one hidden unit
                (2.0, "xavier", 1.0, 11, 16, 2000, "sigmoid", "sigmoid", "mse"),
                (5.0, "he", 0.5, 42, 4, 1000, "sigmoid", "sigmoid", "mse"),
                (0.5, "normal", 1.0, 2, 4, 5000, "tanh", "sigmoid", "mse"),
                (1.0, "xavier", 2.0, 9, 6, 3000, "tanh", "sigmoid", "bce"),
                (0.3, "he", 1.0, 4, 8, 2000, "relu", "sigmoid", "mse"),
                (2.0, "normal", 1.0, 6, 8, 1000, "relu", "sigmoid", "bce"),
                (3.0, "normal", 3.0, 8, 4, 2000, "sigmoid", "sigmoid", "bce"),
                (0.1, "normal", 1.0, 0, 4, 5000, "relu", "identity", "mse"),       # its own plateau
                (2.0, "normal", 1.0, 0, 4, 5000, "relu", "identity", "mse"),       # the loss rises
                (50.0, "normal", 1.0, 0, 4, 5000, "relu", "identity", "mse"),      # overflows
                (0.05, "he", 0.3, 99, 5, 10000, "tanh", "identity", "mse"),
                (0.2, "normal", 1.0, 13, 4, 500, "sigmoid", "identity", "mse"),
                (1.0, "normal", 1.0, 3, 2, 5000, "sigmoid", "sigmoid", "mse"),
                (20.0, "normal", 5.0, 21, 12, 2000, "tanh", "sigmoid", "bce"),
                (30.0, "xavier", 0.1, 57, 4, 100, "sigmoid", "sigmoid", "bce"),
            ]]


RUN = """([settings, text]) => {
    const xor = backpropBook.explorers.xor;
    const r = xor.run(settings);
    return {status: r.status, solvedEpoch: r.solvedEpoch, divergedEpoch: r.divergedEpoch,
            losses: Array.from(r.losses), outputs: Array.from(r.outputs), finalLoss: r.finalLoss,
            weights: r.weights, biases: r.biases, grid: r.grid, field: Array.from(r.field),
            hidden: r.hidden.map((h) => Array.from(h)),
            messages: {en: xor.message(r, text.en), zh: xor.message(r, text.zh)}};
}"""


@pytest.fixture(scope="module")
def results(browser):
    with explorer_page(browser, "xor") as page:
        yield [page.evaluate(RUN, [s, ch07.TEXT]) for s in SETTINGS], page


def python_state(s, lang="en"):
    explorer = XOR_EXPLORERS.setdefault((lang, s["activation"], s["output"], s["loss"]), ch07.XorExplorer(
        lang=lang, activation=s["activation"], output_activation=s["output"], loss=s["loss"], resolution=11))
    return explorer.compute(**{k: s[k] for k in ("lr", "init", "scale", "seed", "hidden", "epochs")})


XOR_EXPLORERS = {}


def plane_of(n):
    g = np.linspace(-PAD, 1 + PAD, n)
    G1, G2 = np.meshgrid(g, g)   # row i: x₂ = g[i], as the explorer's fields
    return g, np.column_stack([G1.ravel(), G2.ravel()])


def fields(s, weights, biases):
    """(output over the plane, [each hidden unit's activation]) by vectorized.forward, 100 × 100."""
    net = Network.checked([2, s["hidden"], 1], s["activation"], s["output"], s["loss"])
    with np.errstate(all="ignore"):
        _, acts = forward(net, [np.asarray(W, float)[None] for W in weights],
                          [np.asarray(b, float)[None] for b in biases], plane_of(100)[1])
    return acts[-1][0, :, 0], [acts[1][0, :, k] for k in range(s["hidden"])]


def test_there_are_enough_settings_across_every_control():
    assert len(SETTINGS) >= 20
    assert {s["init"] for s in SETTINGS} == {"normal", "xavier", "he"}
    assert {s["activation"] for s in SETTINGS} == {"sigmoid", "tanh", "relu"}
    assert {(s["output"], s["loss"]) for s in SETTINGS} == {("sigmoid", "mse"), ("sigmoid", "bce"), ("identity", "mse")}
    lrs, scales = [s["lr"] for s in SETTINGS], [s["scale"] for s in SETTINGS]
    assert min(lrs) == 0.01 and max(lrs) == 50 and min(scales) == 0.01 and max(scales) == 20
    assert {1, 16} <= {s["hidden"] for s in SETTINGS} and {0, 20000} <= {s["epochs"] for s in SETTINGS}


@pytest.mark.parametrize("i", range(len(SETTINGS)))
def test_status_and_epochs_equal_the_package(results, i):
    s, js = SETTINGS[i], results[0][i]
    py = python_state(s)
    assert (js["status"], js["solvedEpoch"], js["divergedEpoch"]) == (py.status, py.solved_epoch, py.diverged_epoch), s
    assert js["messages"]["en"] == py.message, s
    assert js["messages"]["zh"] == python_state(s, "zh").message, s
    # (Playwright hands over whole-valued doubles as Python ints: read every number as a float.)
    # atol: a loss near 1e-12 and below is (a − y)² with a − y near 1e-6, where a's last bit already
    # moves the loss by 1e-22; 1e-10 relative would ask for more than float64 holds.
    np.testing.assert_allclose(np.array(js["losses"], dtype=float), py.losses, rtol=RTOL, atol=1e-20, equal_nan=True,
                               err_msg=str(s))
    np.testing.assert_allclose(np.array(js["outputs"], dtype=float), py.outputs, rtol=RTOL, atol=1e-13, equal_nan=True,
                               err_msg=str(s))
    if py.status != "diverged":
        assert js["finalLoss"] == pytest.approx(py.final_loss, rel=RTOL)
        r = fit_one([2, s["hidden"], 1], X, Y, s["lr"], s["epochs"], s["scale"], s["seed"], s["init"],
                    s["activation"], s["output"], s["loss"])
        assert bool(r.solved[0]) == (py.status == "solved") == solved(np.array(js["outputs"])[:, None], Y)
        for got, want in zip(js["weights"] + js["biases"], [W[0] for W in r.weights] + [b[0] for b in r.biases]):
            np.testing.assert_allclose(got, want, rtol=RTOL, atol=1e-13, err_msg=str(s))
    else:
        assert np.isnan(js["finalLoss"]) and np.isnan(np.array(js["field"], dtype=float)).all()
        assert np.isnan(np.array(js["losses"][py.diverged_epoch + 1:], dtype=float)).all()


@pytest.mark.parametrize("i", range(len(SETTINGS)))
def test_fields_are_the_forward_pass_of_the_package(results, i):
    s, js = SETTINGS[i], results[0][i]
    if js["status"] == "diverged":
        return
    g, _ = plane_of(100)
    assert np.array_equal(js["grid"], g)
    out, hidden = fields(s, js["weights"], js["biases"])          # the explorer's parameters
    # atol: tanh and the identity output cross 0 on the plane, where relative errors mean nothing
    np.testing.assert_allclose(js["field"], out, rtol=RTOL, atol=1e-14)
    assert len(js["hidden"]) == s["hidden"]
    for got, want in zip(js["hidden"], hidden):
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=1e-14)
    out, hidden = ch07.live_fields(**s, n=100)                       # the package's own run
    np.testing.assert_allclose(js["field"], out.ravel(), rtol=RTOL, atol=1e-10)
    for got, want in zip(js["hidden"], hidden):
        np.testing.assert_allclose(got, want.ravel(), rtol=RTOL, atol=1e-10)


VIEW = """([settings, epoch]) => {
    const xor = backpropBook.explorers.xor, v = xor.view(settings, epoch);
    return {loss: v.loss, outputs: v.outputs, solved: v.solved, weights: v.weights, biases: v.biases,
            field: Array.from(v.field)};
}"""


@pytest.mark.parametrize("i, epoch", [(0, 0), (0, 1), (0, 1124), (0, 4917), (0, 5000), (5, 333), (12, 1500),
                                      (17, 2500), (18, 3)])
def test_play_and_step_show_the_run_after_e_steps(results, i, epoch):
    s, page = SETTINGS[i], results[1]
    v = page.evaluate(VIEW, [s, epoch])
    py = python_state(s)
    r = fit_one([2, s["hidden"], 1], X, Y, s["lr"], epoch, s["scale"], s["seed"], s["init"],
                s["activation"], s["output"], s["loss"])
    want_loss = py.losses[epoch] if epoch < s["epochs"] else py.final_loss
    if py.diverged_epoch >= 0 and epoch >= py.diverged_epoch:
        assert np.isnan(v["outputs"]).all() and np.isnan(v["field"]).all() and not v["solved"]
        return
    assert v["loss"] == pytest.approx(want_loss, rel=RTOL)
    np.testing.assert_allclose(v["outputs"], r.outputs[0, :, 0], rtol=RTOL, atol=1e-13)
    assert v["solved"] == bool(r.solved[0])
    np.testing.assert_allclose(v["field"], fields(s, [W[0] for W in r.weights], [b[0] for b in r.biases])[0],
                               rtol=RTOL, atol=1e-13)


def test_bad_settings_are_refused_by_name(results):
    page = results[1]
    for bad, word in [({"lr": 0}, "lr"), ({"lr": 60}, "lr"), ({"seed": 1.5}, "seed"), ({"hidden": 17}, "hidden"),
                      ({"epochs": -1}, "epochs"), ({"init": "glorot"}, "init"), ({"activation": "elu"}, "activation"),
                      ({"output": "identity", "loss": "bce"}, "output and loss"), ({"eta": 1}, "eta")]:
        message = page.evaluate("""(s) => { try { backpropBook.explorers.xor.run(s); return ""; }
                                           catch (e) { return e.message; } }""", bad)
        assert word in message, (bad, message)


def test_python_format_of_the_status_numbers(results):
    page = results[1]
    for x in (0.125, 0.25, 1 / 3, 5.6876e-4, 1.23456e-5, 123.4, 1234.5, 1e-10, 2.0, 0.0, 99.96, 0.00012345):
        got = page.evaluate("(x) => backpropBook.explorers.xor.format('{x:.3g}', {x})", x)
        assert got == f"{x:.3g}", x


def test_one_control_move_takes_at_most_30_ms_median(browser):
    """Retrain 2-4-1 for 5,000 epochs and redraw everything, as timed by ui.js (data-ms)."""
    with explorer_page(browser, "xor", standalone_page(ch07.live_explorer("en"))) as page:
        root = page.locator("[data-bp-explorer=xor]")
        handle = root.element_handle()
        page.wait_for_function("el => +(el.dataset.renders || 0) >= 1", arg=handle, timeout=20000)
        times = []
        for seed in list(range(1, 21)) + [0]:
            before = int(root.get_attribute("data-renders"))
            page.evaluate("""([el, seed]) => { const s = el.querySelector('input[data-key=seed]');
                             s.value = String(seed); s.dispatchEvent(new Event('input', {bubbles: true})); }""",
                          [handle, seed])
            page.wait_for_function("([el, n]) => +el.dataset.renders > n", arg=[handle, before])
            times.append(float(root.get_attribute("data-ms")))
        median = statistics.median(times)
        print(f"\nxor explorer, one control move (2-4-1 x 5,000 epochs, retrain and redraw): median {median:.1f} ms, "
              f"max {max(times):.1f} ms over {len(times)} moves")
        assert median <= 30, times
