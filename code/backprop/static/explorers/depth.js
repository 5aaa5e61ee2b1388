// backprop/static/explorers/depth.js: chapter 8's gradient norms per layer, live.
//
// The network is ch08_vanishing.deep_net(activation, depth, width, init, seed=seed): 2 inputs,
// `depth` hidden layers of `width` units, one sigmoid output with cross-entropy, its parameters
// drawn as MLP draws them. The data are the chapter's xor_blobs(m=200, noise=0.2, seed=0); numpy
// draws their corners with rng.integers, which the engine does not port, so the page ships them
// (config.X: the float64 bytes of X, little-endian, base64; config.Y: the labels as "0"/"1").
// One backpropBook.trace gives δ^l (BP1, BP2) and ∂ℒ/∂W^l (BP4); compute returns their Frobenius
// norms, as layer_gradient_norms does, and the chapter's bound applied from the output down,
// B^L = ‖δ^L‖, B^l = B^{l+1} ‖W^{l+1}‖₂ max|σ′|, as delta_bounds does
// (tests/test_explorer_depth.py).
(function (root) {
  "use strict";
  const bp = root.backpropBook = root.backpropBook || {};
  bp.explorers = bp.explorers || {};
  const ACTIVATIONS = ["sigmoid", "tanh", "relu"], INITS = ["normal", "xavier", "he"];
  const MAX_SLOPE = {sigmoid: 0.25, tanh: 1.0, relu: 1.0};   // ch08_vanishing.MAX_SLOPE

  // The shipped data: X (m × 2 rows) from base64 float64s, Y (m × 1 rows) from a string of 0/1.
  function data(xBase64, yBits) {
    const bytes = Uint8Array.from(atob(xBase64), (ch) => ch.charCodeAt(0));
    const view = new DataView(bytes.buffer), m = yBits.length;
    if (bytes.length !== 16 * m) throw new Error(`config: X holds ${bytes.length / 16} points, Y ${m}`);
    const X = Array.from({length: m}, (_, i) => [view.getFloat64(16 * i, true), view.getFloat64(16 * i + 8, true)]);
    const Y = Array.from(yBits, (c) => [c === "1" ? 1.0 : 0.0]);
    return {X, Y};
  }

  const frobenius = (rows) => {
    let s = 0.0;
    for (const r of rows) for (let j = 0; j < r.length; j++) s += r[j] * r[j];
    return Math.sqrt(s);
  };

  // ‖W‖₂, the largest singular value: the square root of the largest eigenvalue of the smaller
  // Gram matrix (W Wᵀ or Wᵀ W), found by cyclic Jacobi rotations (accurate to a few ulps).
  function spectralNorm(W) {
    const r = W.length, c = W[0].length, n = Math.min(r, c), G = new Float64Array(n * n);
    for (let p = 0; p < n; p++) {
      for (let q = p; q < n; q++) {
        let s = 0.0;
        if (r <= c) for (let k = 0; k < c; k++) s += W[p][k] * W[q][k];
        else for (let k = 0; k < r; k++) s += W[k][p] * W[k][q];
        G[p * n + q] = s; G[q * n + p] = s;
      }
    }
    for (let sweep = 0; sweep < 60; sweep++) {
      let off = 0.0, diag = 0.0;
      for (let p = 0; p < n; p++) {
        diag += G[p * n + p] * G[p * n + p];
        for (let q = p + 1; q < n; q++) off += G[p * n + q] * G[p * n + q];
      }
      if (off <= 1e-36 * diag) break;
      for (let p = 0; p < n; p++) {
        for (let q = p + 1; q < n; q++) {
          const apq = G[p * n + q];
          if (apq === 0) continue;
          const theta = (G[q * n + q] - G[p * n + p]) / (2 * apq);
          const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
          for (let k = 0; k < n; k++) {          // columns p and q
            const gp = G[k * n + p], gq = G[k * n + q];
            G[k * n + p] = cs * gp - sn * gq; G[k * n + q] = sn * gp + cs * gq;
          }
          for (let k = 0; k < n; k++) {          // rows p and q
            const gp = G[p * n + k], gq = G[q * n + k];
            G[p * n + k] = cs * gp - sn * gq; G[q * n + k] = sn * gp + cs * gq;
          }
        }
      }
    }
    let top = 0.0;
    for (let p = 0; p < n; p++) top = Math.max(top, G[p * n + p]);
    return Math.sqrt(top);
  }

  function check(o) {
    const whole = (v, name, lo, hi) => {
      if (!Number.isSafeInteger(v) || v < lo || v > hi) throw new Error(`${name} must be a whole number from ${lo} to ${hi}; got ${v}`);
      return v;
    };
    if (!ACTIVATIONS.includes(o.activation)) throw new Error(`activation must be "sigmoid", "tanh" or "relu"; got ${o.activation}`);
    if (!INITS.includes(o.init)) throw new Error(`init must be "normal", "xavier" or "he"; got ${o.init}`);
    if (!Array.isArray(o.X) || !Array.isArray(o.Y)) throw new Error("X and Y must be arrays of rows (data(...) gives them)");
    return {activation: o.activation, init: o.init, depth: whole(o.depth, "depth", 1, 60),
            width: whole(o.width == null ? 16 : o.width, "width", 1, 64), seed: whole(o.seed, "seed", 0, 2 ** 32 - 1)};
  }

  // layer_gradient_norms(deep_net(activation, depth, width, init, seed=seed), X, Y) and
  // delta_bounds of the same network, l = 1…L (L = depth + 1), with the averages per layer.
  function compute(options) {
    const {activation, init, depth, width, seed} = check(options);
    const sizes = [2].concat(new Array(depth).fill(width), [1]);
    const t = bp.trace({sizes, activation, outputActivation: "sigmoid", loss: "bce", init, scale: 1.0, seed,
                        X: options.X, Y: options.Y});
    const L = depth + 1, slope = MAX_SLOPE[activation];
    const gradW = t.gradWeights.map(frobenius), delta = t.deltas.map(frobenius);
    const stretch = t.weights.map((W, l) => (l === 0 ? NaN : spectralNorm(W)));   // ‖W^l‖₂ for l ≥ 2
    const bound = new Array(L);
    bound[L - 1] = delta[L - 1];
    for (let l = L - 2; l >= 0; l--) bound[l] = bound[l + 1] * stretch[l + 1] * slope;
    // geometric means over l = 1…L−1 of ‖δ^l‖/‖δ^{l+1}‖ and of its bound ‖W^{l+1}‖₂ max|σ′|
    let logMeasured = 0, logBound = 0;
    for (let l = 0; l < L - 1; l++) { logMeasured += Math.log(delta[l] / delta[l + 1]); logBound += Math.log(stretch[l + 1] * slope); }
    let zeroFrom = 0;                         // the layer nearest the output with δ^l = 0 (0: none)
    for (let l = L - 1; l >= 0 && !zeroFrom; l--) if (delta[l] === 0) zeroFrom = l + 1;
    return {activation, init, depth, width, seed, layers: L, maxSlope: slope, gradW, delta, bound,
            stretch: stretch.slice(1), ratio: gradW[0] / gradW[L - 1],
            perLayer: Math.exp(logMeasured / (L - 1)), perLayerBound: Math.exp(logBound / (L - 1)), zeroFrom};
  }

  bp.explorers.depth = {compute, data, spectralNorm};

  // ----- the explorer ---------------------------------------------------------------------------
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

  // In words: first layer against the output layer (a factor of 10 either way counts as level,
  // the chapter's "small factor"), then the average factor per layer against its bound.
  function status(ui, p) {
    const f = (x) => ui.fmt(x, 2), L = p.layers;
    const head = fill(ui.t("status_setting"), {act: ui.t("act_" + p.activation), init: ui.t("init_" + p.init),
                                                layers: fill(ui.t(p.depth === 1 ? "one_layer" : "layers"), {depth: p.depth}),
                                                seed: p.seed});
    const gap = ui.lang === "zh" ? "" : " ";   // Chinese sentences follow each other without a space
    if (p.zeroFrom) {
      return head + gap + fill(ui.t("status_zero"), {k: p.zeroFrom, last: f(p.gradW[L - 1])});
    }
    const verdict = p.ratio < 0.1 ? "verdict_vanish" : p.ratio > 10 ? "verdict_grow" : "verdict_level";
    return [head,
      fill(ui.t("status_ratio"), {first: f(p.gradW[0]), last: f(p.gradW[L - 1]), ratio: f(p.ratio), L}),
      ui.t(verdict),
      fill(ui.t("status_factor"), {f: f(p.perLayer), g: f(p.perLayerBound), s: p.maxSlope === 0.25 ? "1/4" : "1"}),
    ].join(gap);
  }

  function explorer(root, ui) {
    const cfg = ui.config, {X, Y} = data(cfg.X, cfg.Y);
    const activation = ui.select({key: "activation", label: ui.t("activation"), value: cfg.activation || "sigmoid",
      options: ACTIVATIONS.map((a) => [a, ui.t("act_" + a)])});
    const init = ui.select({key: "init", label: ui.t("init"), value: cfg.init || "xavier",
      options: INITS.map((i) => [i, ui.t("init_" + i)])});
    const depth = ui.slider({key: "depth", label: ui.t("depth"), min: 1, max: cfg.maxDepth || 20, step: 1,
      value: cfg.depth || 10, format: (v) => String(v)});
    const seed = ui.slider({key: "seed", label: ui.t("seed"), min: 0, max: cfg.maxSeed || 99, step: 1,
      value: cfg.seed || 0, format: (v) => String(v)});
    const line = ui.status();
    const width = Math.max(280, Math.min(640, (root.clientWidth || 640) - 30));
    const canvas = ui.canvas({key: "norms", label: ui.t("plot_label"), width, height: width < 420 ? 300 : 340});

    ui.onUpdate(() => {
      const p = compute({activation: activation.value, init: init.value, depth: depth.value, seed: seed.value,
                         width: cfg.width || 16, X, Y});
      const layers = p.gradW.map((_, l) => l + 1), c = ui.colors();
      // the measured norms set the range; a bound far above them (tanh, ReLU) leaves through the top
      const measured = p.gradW.concat(p.delta).filter((v) => v > 0);
      const lo = Math.min(...measured), top = Math.max(...measured);
      const hi = Math.max(top, Math.min(Math.max(...p.bound), 1e3 * top));
      ui.plot(canvas, {
        title: ui.t("title"), xlabel: ui.t("layer"), ylabel: ui.t("norm_axis"), logy: true, integerX: true,
        xmin: 0.5, xmax: Math.max(p.layers, 5) + 0.5,   // at least 5 wide: whole-number ticks
        ymin: 10 ** Math.floor(Math.log10(lo)), ymax: 10 ** (Math.ceil(Math.log10(hi)) + 1),
        series: [{x: layers, y: p.gradW, color: c.series[0], points: true, label: ui.t("grad_w")},
                 {x: layers, y: p.delta, color: c.series[2], points: true, label: ui.t("delta")},
                 {x: layers, y: p.bound, color: c.series[1], dash: true, label: ui.t("bound")}]});
      line.textContent = status(ui, p);
    });
  }
  if (root.bpExplorers) root.bpExplorers.register("depth", explorer);
})(typeof window !== "undefined" ? window : this);
