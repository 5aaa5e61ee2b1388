"""Chapter 10's live explorer (code/backprop/static/explorers/valley.js) in Chromium, against the package.

The script is injected into a blank page (after engine.js), every request is aborted and recorded
(there must be none), and console errors are collected. Checked:

* the paths of gradient descent, momentum and Adam equal ``ch10_optimizers.quadratic_path`` with
  ``backprop.optimizers`` SGD, Momentum and Adam, point by point (<= 1e-10 relative), for 40 settings
  across the sliders' ranges, diverging ones included: the loss first overflows at the same step,
  and the explorer's verdict (converging, diverging, overflowed) is the chapter's ``diverged``;
* the stability limits it marks are the chapter's SymPy results 2/λ and 2(1 + β)/λ at λ = λmax;
* the per-step factor it plots is the largest |root| of the chapter's recurrences (numpy.roots),
  and crosses 1 at those limits;
* the whole explorer (ui.js), in both languages: moving every control to the other end of its range
  changes the status and a canvas; one control move (recompute and redraw) takes <= 30 ms median.

Run with ``.venv/bin/python -m pytest -m "" tests/test_explorer_valley.py -q -s`` (``-s`` prints the figures).
"""
from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import backprop
from backprop.book.explorers import standalone_page
from backprop.chapters import ch10_optimizers as ch10
from backprop.optimizers import SGD, Adam, Momentum
from backprop.symbolic import optimizers as sym
from browser import explorer_page

pytestmark = pytest.mark.browser

STATIC = Path(backprop.__file__).resolve().parent / "static"
RTOL = 1e-10


@pytest.fixture(scope="module")
def page(browser):
    with explorer_page(browser, "valley") as page:
        assert page.evaluate("typeof window.backpropBook.explorers.valley.compute") == "function"
        yield page


START, LAMS = (-10.0, 1.0), ch10.QUADRATIC_LAMBDAS


def settings():
    """40 settings over the sliders: every η of gradient descent and momentum (with β from 0 to 0.99),
    every η of Adam (with β₁ from 0 to 0.99 and every β₂), 1 to 300 steps."""
    betas = (0.0, 0.5, 0.9, 0.99, 0.3, 0.95)
    beta1s = (0.0, 0.9, 0.99, 0.5)
    steps = (60, 300, 1, 150, 17)
    out = []
    for i, lr in enumerate(ch10.VALLEY_LRS):
        adam_lr = ch10.VALLEY_ADAM_LRS[i % len(ch10.VALLEY_ADAM_LRS)]
        for j in range(2):
            k = 2 * i + j
            out.append(dict(lams=list(LAMS), start=list(START), steps=steps[k % len(steps)], lr=lr,
                            beta=betas[k % len(betas)], adamLr=adam_lr if j == 0 else ch10.VALLEY_ADAM_LRS[-1 - i % 11],
                            beta1=beta1s[k % len(beta1s)], beta2=ch10.VALLEY_BETA2S[k % len(ch10.VALLEY_BETA2S)],
                            eps=1e-8))
    out.append(dict(out[0], lams=[3.0, 0.5], start=[2.0, -4.0], steps=80))  # other curvatures and start
    return out


def python_paths(s):
    optimizers = {"sgd": SGD(s["lr"]), "momentum": Momentum(s["lr"], s["beta"]),
                  "adam": Adam(s["adamLr"], s["beta1"], s["beta2"], s["eps"])}
    return {k: ch10.quadratic_path(o, s["start"], s["steps"], s["lams"]) for k, o in optimizers.items()}


def first_non_finite(values):
    bad = np.flatnonzero(~np.isfinite(values))
    return int(bad[0]) if bad.size else -1


def relative_error(js, py):
    both = np.isfinite(js) & np.isfinite(py)
    with np.errstate(all="ignore"):
        rel = np.where(js[both] == py[both], 0.0, np.abs(js[both] - py[both]) / np.abs(py[both]))
    return float(rel.max()) if rel.size else 0.0


def test_paths_equal_quadratic_path(page):
    cases = settings()
    got = page.evaluate("(cases) => cases.map((c) => backpropBook.explorers.valley.compute(c))", cases)
    worst, overflowed, rose = 0.0, [], []
    for s, js in zip(cases, got):
        for key, py in python_paths(s).items():
            run = js["runs"][key]
            path = np.array(run["path"], dtype=float)
            assert path.shape == py.shape, (s, key)
            assert np.array_equal(np.isfinite(path), np.isfinite(py)), (s, key)
            assert np.array_equal(np.isnan(path), np.isnan(py)), (s, key)
            with np.errstate(all="ignore"):
                f = ch10.quadratic_loss(py, s["lams"])
            assert run["overflowAt"] == first_non_finite(f), (s, key)
            assert first_non_finite(path[:, 0] + path[:, 1]) == first_non_finite(py[:, 0] + py[:, 1]), (s, key)
            err = max(relative_error(path, py), relative_error(np.array(run["loss"], float), f))
            assert err <= RTOL, (s, key, err)
            worst = max(worst, err)
            assert (run["state"] != "ok") == bool(ch10.diverged(f)), (s, key)
            if run["state"] == "overflow":
                overflowed.append(f"{key} η={s['lr'] if key != 'adam' else s['adamLr']:g} step {run['overflowAt']}")
            elif run["state"] == "rose":
                rose.append(key)
    assert len(cases) >= 12 and len(overflowed) >= 3 and len(rose) >= 3
    print(f"\nvalley.js vs quadratic_path: {len(cases)} settings x 3 optimizers, max relative error {worst:.1e}; "
          f"overflowed at the same step: {', '.join(overflowed)}; {len(rose)} more diverge without overflow")


def test_limits_are_the_chapters_sympy_results(page):
    d_gd, d_mom = sym.gd_stability_bound(), sym.momentum_stability_bound()
    assert d_gd.holds and d_mom.holds
    gd = sp.lambdify(sym.lam, d_gd.direct)
    mom = sp.lambdify((sym.lam, sym.beta), d_mom.direct)
    betas = [0.0, 0.1, 0.5, 0.9, 0.95, 0.99]
    for lams in (list(LAMS), [7.0, 2.0]):
        got = page.evaluate("([lams, betas]) => betas.map((b) => backpropBook.explorers.valley.limits(lams, b))",
                            [lams, betas])
        for beta, js in zip(betas, got):
            assert js["sgd"] == pytest.approx(gd(max(lams)), rel=1e-15)
            assert js["momentum"] == pytest.approx(mom(max(lams), beta), rel=1e-15)


def test_factor_is_the_largest_root_and_crosses_one_at_the_limits(page):
    etas = list(np.geomspace(1e-3, 0.5, 60))
    betas = [0.0, 0.5, 0.9, 0.99]
    got = page.evaluate("""([etas, betas, lams]) => betas.map((b) => ["sgd", "momentum"].map((k) =>
        etas.map((e) => backpropBook.explorers.valley.factor(k, e, b, lams))))""", [etas, betas, list(LAMS)])
    for beta, (gd, mom) in zip(betas, got):
        gd_np = [max(abs(1 - e * lam) for lam in LAMS) for e in etas]
        mom_np = [max(np.abs(np.roots([1, -(1 + beta - e * lam), beta])).max() for lam in LAMS) for e in etas]
        np.testing.assert_allclose(gd, gd_np, rtol=1e-12)
        np.testing.assert_allclose(mom, mom_np, rtol=1e-6)  # np.roots goes through an eigenvalue solver
        etas_ = np.array(etas)
        assert np.array_equal(np.array(gd) < 1, etas_ < 2 / max(LAMS))
        assert np.array_equal(np.array(mom) < 1, etas_ < 2 * (1 + beta) / max(LAMS)), beta


# Move a control: a range input to value v (synchronously redrawn: requestAnimationFrame runs at once).
MOVE_JS = """([key, v]) => { const i = document.querySelector(`[data-key="${key}"]`);
    i.value = String(v); i.dispatchEvent(new Event("input")); }"""
SNAPSHOT_JS = """() => ({status: document.querySelector("[role=status]").textContent,
    canvases: [...document.querySelectorAll(".bp-live canvas")].map((c) => c.toDataURL())})"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_changes_status_and_a_canvas_and_is_fast(browser, lang):
    html = standalone_page(ch10.live_explorer(lang))
    with explorer_page(browser, "valley", html) as page:
        page.wait_for_function("+(document.querySelector('.bp-live').dataset.renders || 0) >= 1")
        page.evaluate("() => { window.requestAnimationFrame = (f) => { f(); return 0; }; }")
        controls = page.evaluate("""() => [...document.querySelectorAll(".bp-live input[type=range]")]
            .map((i) => [i.dataset.key, +i.min, +i.max, +i.value])""")
        assert sorted(k for k, *_ in controls) == ["adam_eta", "beta", "beta1", "beta2", "eta", "steps"]
        for key, lo, hi, value in controls:
            before = page.evaluate(SNAPSHOT_JS)
            page.evaluate(MOVE_JS, [key, lo if value - lo > hi - value else hi])
            after = page.evaluate(SNAPSHOT_JS)
            assert after["status"] != before["status"], key
            assert any(a != b for a, b in zip(after["canvases"], before["canvases"])), key
            assert after["status"] and "NaN" not in after["status"] and "undefined" not in after["status"], key
            page.evaluate(MOVE_JS, [key, value])
        status = page.evaluate(SNAPSHOT_JS)["status"]
        assert status and not any(w in status for w in ("diverg", "发散"))  # the chapter's start: all converge
        ms = page.evaluate("""() => { const keys = ["eta", "beta", "adam_eta", "beta1", "beta2", "steps"];
            const times = [], canvases = document.querySelectorAll(".bp-live canvas");
            for (let i = 0; i < 60; i++) {
                const input = document.querySelector(`[data-key="${keys[i % 6]}"]`);
                input.value = String(i % 2 ? +input.min : +input.max);
                const t0 = performance.now();
                input.dispatchEvent(new Event("input"));
                for (const c of canvases) c.getContext("2d").getImageData(0, 0, 1, 1);  // finish the drawing
                times.push(performance.now() - t0);
            }
            times.sort((a, b) => a - b);
            return times[30]; }""")
        print(f"\nvalley explorer ({lang}): one control move, recompute and redraw, median {ms:.1f} ms over 60")
        assert ms <= 30


def test_labels_cover_the_script_in_both_languages():
    import re

    used = set(re.findall(r'\bt\("(\w+)"\)', (STATIC / "explorers" / "valley.js").read_text(encoding="utf-8")))
    used |= {f"{k}_label" for k in ("valley", "loss", "rate")} | {f"status_{s}" for s in ("ok", "rose", "overflow")}
    used |= {"eta", "beta", "adam_eta", "beta1", "beta2", "steps", "sgd", "momentum", "adam"}
    assert set(ch10.VALLEY_TEXT["en"]) == set(ch10.VALLEY_TEXT["zh"])
    assert used <= set(ch10.VALLEY_TEXT["en"]), used - set(ch10.VALLEY_TEXT["en"])


@pytest.mark.parametrize("bad", [dict(lang="fr"), dict(lr=0.011), dict(adam_lr=0.4), dict(beta=0.995),
                                 dict(beta=True), dict(steps=0), dict(steps=301), dict(start=(1.0,)),
                                 dict(lams=(1.0, -1.0))], ids=lambda b: next(iter(b)))
def test_live_explorer_refuses_bad_settings_by_name(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        ch10.live_explorer(**dict(dict(lang="en"), **bad))
