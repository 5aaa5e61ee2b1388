// backprop/static/explorers/xor.js: chapter 7's explorer. A 2-H-1 network learns XOR in the
// reader's browser with backpropBook.train (engine.js, equal to MLP.fit); every control move
// retrains it. It mirrors backprop.chapters.ch07_explorer.XorExplorer: the same settings (and
// the hidden activation, the output unit and the loss), the same plane [−0.35, 1.35]², the same
// statuses and status texts, and "solved at epoch e" as backprop.vectorized.fit_one counts it.
// Tested against the package in tests/test_explorer_xor.py.
(function (root) {
  "use strict";
  const bp = root.backpropBook;
  // backprop.data.xor() and backprop.data.SOLVED_MARGIN: the book's one definition of "solved"
  const XS = [[0, 0], [0, 1], [1, 0], [1, 1]], YS = [0, 1, 1, 0], MARGIN = 0.2;
  const PAD = 0.35;
  const DEFAULTS = {lr: 1, init: "normal", scale: 1, seed: 0, hidden: 4, epochs: 5000,
                    activation: "sigmoid", output: "sigmoid", loss: "mse", n: 100};
  const LRS = [0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20, 30, 50];
  const SCALES = [0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20];
  const EPOCHS = [100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000];
  const ACTS = ["sigmoid", "tanh", "relu"], INITS = ["normal", "xavier", "he"];
  // the output unit and the loss, as one choice (BCE needs a sigmoid output)
  const HEADS = ["sigmoid mse", "sigmoid bce", "identity mse"];
  // play and step show the run at 61 epochs, 0 to the last
  const FRAMES = 60;

  // ----- settings, checked as XorExplorer checks them ------------------------------------------
  function fail(message) { throw new Error(message); }
  function check(settings) {
    const s = Object.assign({}, DEFAULTS, settings || {});
    for (const key of Object.keys(s)) if (!(key in DEFAULTS)) fail(`unknown setting "${key}"`);
    // (a log slider may miss an end by a rounding: 1e-9, as XorExplorer allows)
    for (const [key, lo, hi, w] of [["lr", 0.01, 50], ["scale", 0.01, 20], ["seed", 0, 99, 1], ["hidden", 1, 16, 1],
                                     ["epochs", 0, 20000, 1], ["n", 2, 400, 1]]) {
      const v = s[key];
      if (typeof v !== "number" || !(w ? Number.isInteger(v) : Number.isFinite(v)) || v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) {
        fail(`${key} must be a ${w ? "whole " : ""}number in [${lo}, ${hi}]; got ${v}`);
      }
    }
    for (const [key, list] of [["init", INITS], ["activation", ACTS], ["output and loss", HEADS]]) {
      const v = key === "init" || key === "activation" ? s[key] : `${s.output} ${s.loss}`;
      if (!list.includes(v)) fail(`${key} must be one of ${list.join(", ")}; got ${v}`);
    }
    return s;
  }
  const engineOptions = (s, epochs) => ({sizes: [2, s.hidden, 1], activation: s.activation, outputActivation: s.output,
                                         loss: s.loss, init: s.init, scale: s.scale, seed: s.seed, lr: s.lr, epochs});

  // data.solved_rows for one network: every output on the right side of 0.5 by the margin
  function solved(out) {
    for (let i = 0; i < 4; i++) if (!(YS[i] > 0.5 ? out[i] >= 0.5 + MARGIN : out[i] <= 0.5 - MARGIN)) return false;
    return true;
  }

  // ----- the network over the plane: a¹ of each hidden unit and the output a², as MLP.forward --
  // numpy.linspace(−PAD, 1 + PAD, n); row i of a field lies at x₂ = g[i]
  function grid(n) {
    const lo = -PAD, hi = 1 + PAD, step = (hi - lo) / (n - 1);
    const g = Array.from({length: n}, (_, i) => i * step + lo);
    g[n - 1] = hi;
    return g;
  }
  function forward(points, weights, biases, activation, output) {
    const H = weights[0].length, m = points.length;
    const f = bp.forward({sizes: [2, H, 1], activation, outputActivation: output, weights, biases, X: points});
    const A1 = f.activations[1];
    const hidden = Array.from({length: H}, (_, k) => Float64Array.from({length: m}, (_, p) => A1[p * H + k]));
    return {hidden, z: f.zs[1], out: f.activations[2]};
  }
  function plane(n, weights, biases, activation, output) {
    const g = grid(n), points = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) points.push([g[j], g[i]]);
    return forward(points, weights, biases, activation, output);
  }
  // ℒ after the last step, as Loss.value_from_output: MSE Σ(a − y)²/(2m), BCE Σ(softplus(z) − y z)/m
  function lossOf(f, loss) {
    let s = 0.0;
    for (let i = 0; i < 4; i++) {
      if (loss === "bce") s += bp.softplus(f.z[i]) - YS[i] * f.z[i];
      else { const d = f.out[i] - YS[i]; s += d * d; }
    }
    return loss === "bce" ? s / 4 : s / 8;
  }

  // ----- the first solved epoch, as vectorized.fit_one counts it --------------------------------
  // The first e in 0..last whose outputs after e steps (the engine's outputHistory) are solved, −1 if none.
  function firstSolved(history, last) {
    for (let e = 0; e <= last; e++) if (solved(history.subarray(4 * e, 4 * e + 4))) return e;
    return -1;
  }

  // ----- one run: what the explorer shows for these settings ------------------------------------
  function run(settings) {
    const s = check(settings), E = s.epochs;
    const r = bp.train(Object.assign(engineOptions(s, E), {outputHistory: true}));
    const f = forward(XS, r.weights, r.biases, s.activation, s.output);
    const final = lossOf(f, s.loss);
    const lossAt = (e) => (e < E ? r.losses[e] : final);
    // the first e in 0..E whose loss is not finite: the run diverged there
    let stop = -1;
    for (let e = 0; e <= E; e++) if (!Number.isFinite(lossAt(e))) { stop = e; break; }
    const diverged = stop >= 0;
    const finalOut = r.outputs.map((row) => row[0]);
    const solvedEpoch = firstSolved(r.outputHistory, diverged ? stop - 1 : E);
    let status;
    if (diverged) status = "diverged";
    else if (E === 0) status = "untrained";
    else if (solved(finalOut)) status = "solved";
    else if (final > 1.05 * r.losses[0]) status = "rising";
    else if (Math.abs(final - r.losses[0]) <= 1e-3 * r.losses[0]) status = "stalled";
    else status = "unsolved";
    return Object.assign(picture(s, r, diverged), {settings: s, losses: r.losses, status, solvedEpoch,
                         outputs: diverged ? [NaN, NaN, NaN, NaN] : finalOut, finalLoss: diverged ? NaN : final,
                         divergedEpoch: stop, n: s.n, grid: grid(s.n)});
  }
  // The parameters p over the plane (NaN once the run has diverged, as XorExplorer draws nothing)
  function picture(s, p, gone) {
    const pl = plane(s.n, p.weights, p.biases, s.activation, s.output);
    if (gone) [pl.out, ...pl.hidden].forEach((a) => a.fill(NaN));
    return {weights: p.weights, biases: p.biases, field: pl.out, hidden: pl.hidden};
  }

  // The network after `epoch` steps of the same run (play and step), from its own retraining.
  function view(settings, epoch, result) {
    const s = check(settings);
    if (!(Number.isInteger(epoch) && epoch >= 0 && epoch <= s.epochs)) fail(`epoch must be a whole number in [0, ${s.epochs}]`);
    const r = result || run(s);
    // (epoch 0: the initial parameters)
    const p = bp.train(engineOptions(s, epoch));
    const gone = r.divergedEpoch >= 0 && epoch >= r.divergedEpoch;
    const out = gone ? [NaN, NaN, NaN, NaN] : Array.from(forward(XS, p.weights, p.biases, s.activation, s.output).out);
    return Object.assign(picture(s, p, gone), {epoch, loss: epoch < s.epochs ? r.losses[epoch] : r.finalLoss,
                                               outputs: out, solved: solved(out)});
  }

  // Python's str.format for the book's templates: {name} and {name:.3g}
  function g(x, digits) {
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    if (x === 0) return "0";
    const trim = (t) => (t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, "") : t);
    const [mant, ex] = x.toExponential(digits - 1).split("e"), e = +ex;
    if (e < -4 || e >= digits) return `${trim(mant)}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
    return trim(x.toFixed(digits - 1 - e));
  }
  function format(template, values) {
    return template.replace(/\{(\w+)(?::\.(\d+)g)?\}/g, (_, key, digits) => {
      if (!(key in values)) fail(`no value for {${key}}`);
      return digits ? g(values[key], +digits) : String(values[key]);
    });
  }
  function message(r, text) {
    return format(text["status_" + r.status], {epoch: r.status === "diverged" ? r.divergedEpoch : r.solvedEpoch,
                                                epochs: r.settings.epochs, loss: r.finalLoss, start: r.losses[0]});
  }

  const api = {run, view, message, format, check, grid, LRS, SCALES, EPOCHS, DEFAULTS};
  bp.explorers = bp.explorers || {};
  bp.explorers.xor = api;

  // ----- the page ----------------------------------------------------------------------------------
  if (root.bpExplorers) root.bpExplorers.register("xor", (el, ui) => {
    const t = ui.t, c = check(Object.assign({}, DEFAULTS, ui.config));
    // 5000 → "5,000", as toLocaleString writes it in both languages (whose first call costs the page
    // about 14 ms: it loads the locale's number formats)
    const whole = (v) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    const slider = (key, o) => ui.slider(Object.assign({key, label: t(key), value: c[key], format: String}, o));
    const select = (key, list, prefix, value) => ui.select({key, label: t(key), value: value || c[key],
                                                            options: list.map((k) => [k, t(prefix + k.replace(" ", "_"))])});
    const control = {
      lr: slider("lr", {values: LRS}), init: select("init", INITS, "init_"), scale: slider("scale", {values: SCALES}),
      seed: slider("seed", {min: 0, max: 99, step: 1}), hidden: slider("hidden", {min: 1, max: 16, step: 1}),
      epochs: slider("epochs", {values: EPOCHS, format: whole}), activation: select("activation", ACTS, "act_"),
      head: select("head", HEADS, "head_", `${c.output} ${c.loss}`),
    };
    let result = null, last = "", frame = null, timer = null;
    const playButton = ui.button({key: "play", label: t("play"), onClick: () => (timer ? pause() : play())});
    ui.button({key: "step", label: t("step"), onClick: () => { pause(); frame = frame === null || frame >= FRAMES ? 0 : frame + 1; }});
    function pause() { if (timer) clearTimeout(timer); timer = null; playButton.set(t("play")); }
    function play() {
      if (frame === null || frame >= FRAMES) frame = 0;
      playButton.set(t("pause"));
      const tick = () => {
        if (frame >= FRAMES) { pause(); frame = null; ui.update(); return; }
        frame += 1; ui.update(); timer = setTimeout(tick, 50);
      };
      timer = setTimeout(tick, 50);
    }
    const status = ui.status();
    const lossPlot = ui.canvas({key: "loss", width: 380, height: 270, label: t("loss_aria")});
    const fieldPlot = ui.canvas({key: "field", width: 300, height: 300, label: t("field_aria")});
    ui.row(lossPlot, fieldPlot);
    el.appendChild(ui.el("p", {class: "bp-live-note"}, t("hidden_caption")));
    const units = Array.from({length: 16}, (_, k) => ui.canvas({key: `unit${k + 1}`, width: 84, height: 98,
                                                                 label: format(t("unit_aria"), {k: k + 1})}));
    ui.row(...units);
    const extent = [-PAD, 1 + PAD, -PAD, 1 + PAD];

    ui.onUpdate(() => {
      const s = {};
      for (const key of Object.keys(control)) s[key] = control[key].value;
      [s.output, s.loss] = s.head.split(" ");
      delete s.head;
      const key = JSON.stringify(s);
      if (key !== last) { pause(); frame = null; result = run(s); last = key; }
      const E = result.settings.epochs, epoch = frame === null ? null : Math.round(frame * E / FRAMES);
      const shown = epoch === null ? result : view(s, epoch, result);
      const col = ui.colors();
      // the loss curve (values over 1e12 drawn at 1e12, as XorExplorer does)
      const curve = Array.from(result.losses, (v) => (v > 1e12 ? 1e12 : v));
      const series = epoch === null ? [{y: curve, color: col.series[0]}]
                                    : [{y: curve, color: col.grid}, {y: curve.slice(0, epoch + 1), color: col.series[0]}];
      const vlines = [];
      if (result.solvedEpoch >= 0) vlines.push({x: result.solvedEpoch, label: t("mark_solved"), color: col.series[2]});
      if (result.divergedEpoch >= 0) vlines.push({x: result.divergedEpoch, label: t("mark_diverged"), color: col.series[1]});
      // the epoch shown (the status line names it)
      if (epoch !== null) vlines.push({x: epoch, color: col.text});
      ui.plot(lossPlot, {series, vlines, logy: true, xmin: 0, xmax: Math.max(E, 1), xlabel: t("epoch"),
                         ylabel: t("loss_axis"), title: t("loss_title")});
      const out = shown.outputs;
      const points = XS.map(([x, y], i) => ({x, y, value: YS[i], label: ui.fmt(out[i], 2)}));
      ui.field(fieldPlot, {values: shown.field, n: result.n, extent, vmin: 0, vmax: 1, contour: 0.5, points,
                           xlabel: t("x1"), ylabel: t("x2"), title: t("field_title")});
      const act = result.settings.activation, H = result.settings.hidden;
      const w2 = shown.weights[1][0];
      units.forEach((canvas, k) => {
        canvas.parentNode.style.display = k < H ? "" : "none";
        if (k >= H) return;
        let lo = act === "sigmoid" ? 0 : -1, hi = 1;
        if (act === "relu") { hi = 1e-12; for (const v of shown.hidden[k]) if (v > hi) hi = v; lo = -hi; }
        ui.field(canvas, {values: shown.hidden[k], n: result.n, extent, vmin: lo, vmax: hi, small: true,
                          contour: act === "sigmoid" ? 0.5 : act === "tanh" ? 0 : null,
                          points: XS.map(([x, y], i) => ({x, y, value: YS[i] * (hi - lo) + lo})),
                          title: format(t("unit_title"), {k: k + 1, w: ui.fmt(w2[k], 2)})});
      });
      if (epoch === null) status.textContent = message(result, ui.text);
      else {
        const state = result.divergedEpoch >= 0 && epoch >= result.divergedEpoch ? t("view_diverged")
                      : shown.solved ? t("view_solved") : t("view_unsolved");
        status.textContent = format(t("status_view"), {epoch, epochs: E, loss: shown.loss, state});
      }
    });
  });
})(typeof window !== "undefined" ? window : this);
