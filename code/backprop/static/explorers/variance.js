// backprop/static/explorers/variance.js: chapter 9's signal variance through a deep network, live.
//
// A square network of `depth` layers of `width` units, drawn as ch09_initialization.deep_network
// draws it (MLP's parameters from default_rng(seed)); inputs x and a unit-variance error δ^L from
// default_rng(seed + 1), x first. One backpropBook.trace with deltaOut gives z^l forwards and δ^l
// backwards (BP2); the statistics are variance_profile's (tests/test_explorer_variance.py):
// Var(z^l), the one-layer prediction n Var(w) E[(a^{l−1})²] + Var(b), Var(δ^l), its prediction
// n Var(w) Var(δ^{l+1}) E[σ′(z^l)²], and the fraction of slopes σ′(z^l) below 0.01.
(function (root) {
  "use strict";
  const bp = root.backpropBook = root.backpropBook || {};
  bp.explorers = bp.explorers || {};
  const SATURATED_SLOPE = 0.01;   // ch09_initialization.SATURATED_SLOPE

  // The standard normals of default_rng(seed), drawn once and kept: every width and depth reads
  // its parameters from the start of the same stream.
  const streams = new Map();
  function normals(seed, count) {
    let s = streams.get(seed);
    if (!s) { s = {gen: new bp.Generator(seed), buf: new Float64Array(0), n: 0}; streams.set(seed, s); }
    if (s.n < count) {
      const buf = new Float64Array(Math.max(count, 2 * s.buf.length));
      buf.set(s.buf.subarray(0, s.n));
      for (let i = s.n; i < count; i++) buf[i] = s.gen.standardNormal();
      s.buf = buf; s.n = count;
    }
    return s.buf;
  }

  // init_std(init, n, n, 1.0): the weights' standard deviation before the scale.
  const baseStd = (init, n) => (init === "normal" ? 1.0 : init === "xavier" ? 1.0 * Math.sqrt(2.0 / (n + n)) : 1.0 * Math.sqrt(2.0 / n));
  const ACTIVATIONS = ["tanh", "relu", "identity"];

  // Sums over all entries of an array of rows, row by row (numpy adds pairwise, so the last
  // digits may differ; the test allows 1e-10).
  function moments(rows) {               // [Σv, Σv², count]
    let s = 0, s2 = 0, k = 0;
    for (const r of rows) for (let j = 0; j < r.length; j++) { const v = r[j]; s += v; s2 += v * v; k++; }
    return [s, s2, k];
  }
  function variance(rows) {              // numpy's var: the mean of (v − mean)²
    const [s, , k] = moments(rows), mu = s / k;
    let d = 0;
    for (const r of rows) for (let j = 0; j < r.length; j++) { const e = r[j] - mu; d += e * e; }
    return d / k;
  }
  // the mean of σ′(z)² and the fraction of σ′(z) below SATURATED_SLOPE, over the entries of z^l
  function slopes(activation, zs, as) {
    let s2 = 0, low = 0, k = 0;
    for (let i = 0; i < zs.length; i++) {
      const z = zs[i], a = as[i];
      for (let j = 0; j < z.length; j++) {
        const d = activation === "tanh" ? 1.0 - a[j] * a[j] : activation === "relu" ? (z[j] > 0 ? 1.0 : 0.0) : 1.0;
        s2 += d * d; if (d < SATURATED_SLOPE) low++; k++;
      }
    }
    return [s2 / k, low / k];
  }
  // the geometric mean of ratios[i], i.e. the average factor per step
  const perStep = (ratios) => Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);

  function check(o) {
    const whole = (v, name, lo, hi) => {
      if (!Number.isSafeInteger(v) || v < lo || v > hi) throw new Error(`${name} must be a whole number from ${lo} to ${hi}; got ${v}`);
      return v;
    };
    if (!ACTIVATIONS.includes(o.activation)) throw new Error(`activation must be "tanh", "relu" or "identity"; got ${o.activation}`);
    if (!["normal", "xavier", "he"].includes(o.init)) throw new Error(`init must be "normal", "xavier" or "he"; got ${o.init}`);
    if (!(typeof o.scale === "number" && o.scale > 0 && Number.isFinite(o.scale))) throw new Error(`scale must be a number > 0; got ${o.scale}`);
    return {activation: o.activation, init: o.init, scale: o.scale, width: whole(o.width, "width", 1, 400),
            depth: whole(o.depth, "depth", 2, 60), nSamples: whole(o.nSamples == null ? 256 : o.nSamples, "nSamples", 2, 4096),
            seed: whole(o.seed == null ? 0 : o.seed, "seed", 0, 2 ** 32 - 1)};
  }

  // variance_profile(activation, init, width, depth, nSamples, seed, scale=scale), with the
  // average factors per layer: measured (forward_factor, backward_factor) and the one-layer
  // predictions' (the geometric mean of predicted / measured of the layer before).
  function compute(options) {
    const {activation, init, scale, width: n, depth: L, nSamples: m, seed} = check(options);
    const std = baseStd(init, n) * scale, perLayer = init === "normal" ? n * n + n : n * n;
    const z = normals(seed, L * perLayer), weights = [], biases = [];
    for (let l = 0; l < L; l++) {
      const at = l * perLayer, W = [], b = [];
      for (let j = 0; j < n; j++) {
        const row = new Array(n);
        for (let k = 0; k < n; k++) row[k] = std * z[at + j * n + k];
        W.push(row);
        b.push(init === "normal" ? scale * z[at + n * n + j] : 0.0);
      }
      weights.push(W); biases.push(b);
    }
    const data = normals(seed + 1, 2 * m * n);
    const block = (at) => Array.from({length: m}, (_, i) => Array.from(data.subarray(at + i * n, at + (i + 1) * n)));
    const t = bp.trace({sizes: new Array(L + 1).fill(n), activation, X: block(0), weights, biases, deltaOut: block(m * n)});
    const varW = (scale * baseStd(init, n)) * (scale * baseStd(init, n)), varB = init === "normal" ? scale * scale : 0.0;
    const varZ = t.zs.map(variance), varDelta = t.deltas.map(variance);
    const slope = t.zs.map((zl, l) => slopes(activation, zl, t.activations[l + 1]));
    const saturated = slope.map((s) => s[1]);
    const predictedVarZ = t.activations.slice(0, L).map((a) => { const [, s2, k] = moments(a); return n * varW * (s2 / k) + varB; });
    const predictedVarDelta = varDelta.map((_, l) => (l === L - 1 ? 1.0 : n * varW * varDelta[l + 1] * slope[l][0]));
    const forward = [], backward = [];
    for (let l = 1; l < L; l++) { forward.push(predictedVarZ[l] / varZ[l - 1]); backward.push(predictedVarDelta[l - 1] / varDelta[l]); }
    return {
      activation, init, scale, width: n, depth: L, nSamples: m, seed, varW, varB,
      varZ, predictedVarZ, varDelta, predictedVarDelta, saturated,
      forwardFactor: (varZ[L - 1] / varZ[0]) ** (1 / Math.max(L - 1, 1)),
      backwardFactor: (varDelta[0] / varDelta[L - 1]) ** (1 / Math.max(L - 1, 1)),
      predictedForwardFactor: perStep(forward), predictedBackwardFactor: perStep(backward),
      gain: n * varW,   // n·v_w, the factor of the chapter's rule for a unit that passes its input on
    };
  }

  bp.explorers.variance = {compute, normals};

  // ----- the explorer ---------------------------------------------------------------------------
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

  // In words: how far a variance moves between two layers (within a factor of 2 counts as level).
  function moves(ui, from, to) {
    const r = to / from;
    if (!(r >= 0 && Number.isFinite(r))) return ui.t("moves_lost");
    if (r === 0) return ui.t("moves_zero");
    if (r >= 0.5 && r <= 2) return ui.t("moves_level");
    return fill(ui.t(r > 1 ? "moves_up" : "moves_down"), {x: ui.fmt(r > 1 ? r : 1 / r, 2)});
  }

  function status(ui, p) {
    // three significant digits, trailing zeros kept for the factors (×1.00, not ×1)
    const f = (x) => (x >= 1e-3 && x < 1e5 ? x.toPrecision(3) : ui.fmt(x, 3)), L = p.depth, last = L - 1;
    const parts = [
      fill(ui.t("status_forward"), {L, moves: moves(ui, p.varZ[0], p.varZ[last]), first: f(p.varZ[0]), last: f(p.varZ[last]),
                                    f: f(p.forwardFactor), p: f(p.predictedForwardFactor)}),
      fill(ui.t("status_backward"), {L, moves: moves(ui, p.varDelta[last], p.varDelta[0]), first: f(p.varDelta[last]),
                                     last: f(p.varDelta[0]), f: f(p.backwardFactor), p: f(p.predictedBackwardFactor)}),
      fill(ui.t("rule_" + p.activation), {g: f(p.gain), h: f(p.gain / 2)}),
    ];
    if (p.activation === "tanh" && p.saturated[last] >= 0.1) {
      parts.push(fill(ui.t("status_saturated"), {L, pct: Math.round(100 * p.saturated[last]) + "%"}));
    }
    return parts.join("\n");
  }

  // The legend in the corner of the plot that holds the fewest of the points.
  function legend(canvas, f, items, points, c) {
    const ctx = canvas.getContext("2d"), b = f.box;
    ctx.font = "12px system-ui, sans-serif";
    const w = Math.max(...items.map(([t]) => ctx.measureText(t).width)) + 40, h = 16 * items.length + 6;
    const corners = [[b.left + 4, b.top + 4], [b.right - w - 4, b.top + 4], [b.left + 4, b.bottom - h - 4], [b.right - w - 4, b.bottom - h - 4]];
    const inside = ([x, y]) => points.filter(([u, v]) => u >= x - 6 && u <= x + w + 6 && v >= y - 6 && v <= y + h + 6).length;
    const [x, y] = corners.reduce((best, k) => (inside(k) < inside(best) ? k : best));
    ctx.globalAlpha = 0.85; ctx.fillStyle = c.background; ctx.fillRect(x, y, w, h); ctx.globalAlpha = 1;
    ctx.textAlign = "left"; ctx.textBaseline = "middle"; ctx.lineWidth = 2;
    items.forEach(([text, color, dash], i) => {
      const yy = y + 11 + 16 * i;
      ctx.strokeStyle = color; ctx.setLineDash(dash ? [6, 4] : []);
      ctx.beginPath(); ctx.moveTo(x + 4, yy); ctx.lineTo(x + 28, yy); ctx.stroke();
      ctx.setLineDash([]); ctx.fillStyle = c.text; ctx.fillText(text, x + 34, yy);
    });
    ctx.lineWidth = 1;
  }

  function explorer(root, ui) {
    const cfg = ui.config;
    const activation = ui.select({key: "activation", label: ui.t("activation"), value: cfg.activation || "relu",
      options: ACTIVATIONS.map((a) => [a, ui.t("act_" + a)])});
    const init = ui.select({key: "init", label: ui.t("init"), value: cfg.init || "he",
      options: ["normal", "xavier", "he"].map((i) => [i, ui.t("init_" + i)])});
    const scale = ui.slider({key: "scale", label: ui.t("scale"), values: cfg.scales || [0.5, 1, 2], value: cfg.scale || 1,
      format: (v) => "× " + ui.fmt(v, 2)});
    const depth = ui.slider({key: "depth", label: ui.t("depth"), min: 2, max: cfg.max_depth || 30, step: 1, value: cfg.depth || 20,
      format: (v) => String(v)});
    const width = ui.slider({key: "width", label: ui.t("width"), values: cfg.widths || [10, 20, 50], value: cfg.width || 20,
      format: (v) => String(v)});
    const line = ui.status();
    line.style.whiteSpace = "pre-line";   // one line each: forward, backward, the rule
    const size = {width: 340, height: 250};
    const fwd = ui.canvas(Object.assign({key: "forward", label: ui.t("forward_title")}, size));
    const bwd = ui.canvas(Object.assign({key: "backward", label: ui.t("backward_title")}, size));
    ui.row(fwd, bwd);

    ui.onUpdate(() => {
      const p = compute({activation: activation.value, init: init.value, scale: scale.value, depth: depth.value,
                         width: width.value, nSamples: cfg.n_samples || 64, seed: cfg.seed || 0});
      const layers = p.varZ.map((_, l) => l + 1), c = ui.colors();
      const draw = (canvas, title, measured, predicted, color) => {
        const f = ui.plot(canvas, {title, xlabel: ui.t("layer"), ylabel: ui.t("variance_axis"), logy: true, integerX: true, xmin: 1,
          xmax: p.depth, series: [{x: layers, y: measured, color, points: true}, {x: layers, y: predicted, color: c.series[1], dash: true}]});
        legend(canvas, f, [[ui.t("measured"), color, false], [ui.t("predicted"), c.series[1], true]],
               layers.map((l, i) => [f.x(l), f.y(measured[i])]), c);
      };
      draw(fwd, ui.t("forward_title"), p.varZ, p.predictedVarZ, c.series[0]);
      draw(bwd, ui.t("backward_title"), p.varDelta, p.predictedVarDelta, c.series[2]);
      line.textContent = status(ui, p);
    });
  }
  if (root.bpExplorers) root.bpExplorers.register("variance", explorer);
})(typeof window !== "undefined" ? window : this);
