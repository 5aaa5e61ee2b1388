// backprop/static/explorers/pass.js: chapter 5's 2-2-1 sigmoid network, one forward and one backward pass, live.
//
// The reader edits the nine parameters, the input x, the target y and the learning rate η.
// backpropBook.trace gives every z, a, δ and gradient (MLP.forward_trace, MLP.deltas, MLP.backward);
// more traces at θ − s∇ℒ give the loss along the gradient step, s = η being one step of MLP.step.
// tests/test_explorer_pass.py compares compute() with ch04_chain_rule.quantities and MLP.
(function (root) {
  "use strict";
  const bp = root.backpropBook = root.backpropBook || {};
  bp.explorers = bp.explorers || {};
  const LIMIT = 100;   // every weight, bias, input and target the controls accept lies in [−LIMIT, LIMIT]
  const HALF = 20;     // the loss along the step at s = η·i/HALF, i = 0 … 2·HALF (s = η exactly at i = HALF)

  // z, a, ℒ, δ, ∂ℒ/∂W and ∂ℒ/∂b of the sample (x, y) at the parameters (weights, biases).
  const pass = (weights, biases, x, y) => bp.trace({sizes: [2, 2, 1], activation: "sigmoid", loss: "mse",
                                                    X: [x], Y: [[y]], weights, biases});

  // Every number the explorer shows. `q` has the keys of ch04_chain_rule.quantities (z1_2 is z¹₂,
  // dW2_11 is ∂ℒ/∂w²₁₁); `slopes` σ′(z) = a(1 − a) per unit; `lossAfter` ℒ after one step
  // θ ← θ − η∇ℒ (MLP.step); `gradNormSq` ‖∇ℒ‖² over the nine parameters, W¹, W², b¹, b² in turn;
  // `predictedDrop` η‖∇ℒ‖²; `steps`, `losses`: ℒ(θ − s∇ℒ) for s from 0 to 2η.
  function compute(o) {
    const lr = o.lr;
    if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0) throw new Error(`lr must be a finite number > 0; got ${lr}`);
    const t = pass(o.weights, o.biases, o.x, o.y), q = {}, slopes = {};
    t.zs.forEach((Z, l) => Z[0].forEach((z, j) => {
      const a = t.activations[l + 1][0][j], key = `${l + 1}_${j + 1}`;
      q["z" + key] = z; q["a" + key] = a; slopes[key] = a * (1.0 - a);
    }));
    q.L = t.loss;
    t.deltas.forEach((D, l) => D[0].forEach((d, j) => { q[`delta${l + 1}_${j + 1}`] = d; }));
    t.gradWeights.forEach((G, l) => G.forEach((r, j) => r.forEach((g, k) => { q[`dW${l + 1}_${j + 1}${k + 1}`] = g; })));
    t.gradBiases.forEach((g, l) => g.forEach((v, j) => { q[`db${l + 1}_${j + 1}`] = v; }));
    let gradNormSq = 0;
    for (const g of t.gradWeights.concat(t.gradBiases.map((b) => [b]))) {
      let s = 0;
      for (const r of g) for (const v of r) s += v * v;
      gradNormSq += s;
    }
    const at = (s) => pass(t.weights.map((W, l) => W.map((r, j) => r.map((w, k) => w - s * t.gradWeights[l][j][k]))),
                           t.biases.map((b, l) => b.map((v, j) => v - s * t.gradBiases[l][j])), o.x, o.y).loss;
    const steps = [], losses = [];
    for (let i = 0; i <= 2 * HALF; i++) { steps.push(lr * (i / HALF)); losses.push(at(steps[i])); }
    return {q, slopes, lossAfter: losses[HALF], gradNormSq, predictedDrop: lr * gradNormSq, steps, losses};
  }

  bp.explorers.pass = {compute, LIMIT};

  // ----- the explorer ---------------------------------------------------------------------------
  const SUP = ["", "¹", "²"], SUB = ["", "₁", "₂"];
  const sym = (n, l, j, k) => n + SUP[l] + SUB[j] + (k ? SUB[k] : "");   // sym("w", 2, 1, 2) = w²₁₂
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);
  const CSS = `.bp-pass-table{border-collapse:collapse;margin:.4em 0;font-size:.92em}
.bp-pass-table th,.bp-pass-table td{padding:.2em .6em;text-align:left;border-bottom:1px solid var(--pst-color-border,#ddd);vertical-align:top}
.bp-pass-table td:last-child{text-align:right;white-space:nowrap}
.bp-pass-table tbody th[colspan]{font-weight:600;padding-top:.6em}
.bp-pass-table tr[data-row]{cursor:pointer}
.bp-pass fieldset{border:0;margin:0 0 .2em;padding:0;min-width:0;flex:1 1 100%;display:flex;flex-wrap:wrap;gap:0 1.2em}
.bp-pass legend{font-weight:600;padding:0;float:left;width:100%}
.bp-pass .bp-live-control input[type=number]{width:5.5em}
.bp-pass-nav{display:flex;flex-wrap:wrap;gap:.2em 1em;align-items:center}
.bp-pass-break{flex-basis:100%;height:0}
.bp-pass-formula,.bp-pass-table tbody th[scope=row]{white-space:nowrap}
.bp-pass-table tbody:last-child th[scope=row]{white-space:normal}
@media (max-width:560px){.bp-pass-table{font-size:.8em}.bp-pass-table th,.bp-pass-table td{padding:.2em .3em}.bp-pass-table td .bp-pass-formula{white-space:normal}}`;

  function explorer(el, ui) {
    const T = ui.t, cfg = ui.config, F = (x, d = 4) => ui.fmt(x, d).replace(/-/g, "−");
    const P = (x) => (x < 0 ? `(${F(x)})` : F(x));   // a factor: negative numbers in parentheses
    if (!document.getElementById("bp-pass-style")) document.head.appendChild(ui.el("style", {id: "bp-pass-style"}, CSS));
    el.classList.add("bp-pass");
    const controls = el.querySelector(".bp-live-controls"), inputs = [];   // ui.js's row of controls
    const group = (legend) => {
      const f = ui.el("fieldset");
      f.appendChild(ui.el("legend", {}, legend));
      controls.appendChild(f);
      return f;
    };
    const number = (f, key, label, value, step) => {
      const c = ui.number({key, label, value, step, min: -LIMIT, max: LIMIT});
      f.appendChild(c.element.parentNode);
      inputs.push({key, label, value, c});
    };
    for (const l of [1, 2]) {
      const f = group(T("layer" + l));
      for (let j = 1; j <= (l === 1 ? 2 : 1); j++) {
        for (const k of [1, 2]) number(f, `w${l}_${j}${k}`, sym("w", l, j, k), cfg.weights[l - 1][j - 1][k - 1], 0.05);
        number(f, `b${l}_${j}`, sym("b", l, j), cfg.biases[l - 1][j - 1], 0.05);
        f.appendChild(ui.el("span", {class: "bp-pass-break"}));   // one unit per line
      }
    }
    const sample = group(T("sample"));
    number(sample, "x1", "x₁", cfg.x[0], 0.05);
    number(sample, "x2", "x₂", cfg.x[1], 0.05);
    number(sample, "y", T("target"), cfg.y, 0.01);
    const stepGroup = group(T("step_group"));
    const eta = ui.slider({key: "eta", label: T("eta"), values: cfg.lrs, value: cfg.lr, format: (v) => String(v)});
    const reset = ui.button({key: "reset", label: T("reset"), onClick: () => {
      for (const i of inputs) i.c.set(i.value);
      eta.set(cfg.lr);
    }});
    stepGroup.append(eta.element.parentNode, reset.element.parentNode);

    const status = ui.status();
    const net = ui.canvas({key: "net", width: 360, height: 250, label: T("net_label")});
    const plot = ui.canvas({key: "drop", width: 360, height: 250, label: T("plot_label")});
    ui.row(net, plot);

    // The rows of the table, in the chapter's order: [key, group, equation, quantity, formula, numbers, note].
    const rows = [];
    const add = (key, g, tag, name, formula, numbers, note) => rows.push({key, g, tag, name, formula, numbers, note});
    const V = {};
    for (const j of [1, 2]) {
      add(`z1_${j}`, 0, "", sym("z", 1, j), `${sym("w", 1, j, 1)} x₁ + ${sym("w", 1, j, 2)} x₂ + ${sym("b", 1, j)}`,
          () => `${P(V[`w1_${j}1`])} × ${P(V.x1)} + ${P(V[`w1_${j}2`])} × ${P(V.x2)} + ${P(V[`b1_${j}`])}`);
    }
    for (const j of [1, 2]) add(`a1_${j}`, 0, "", sym("a", 1, j), `σ(${sym("z", 1, j)})`, () => `σ(${F(V[`z1_${j}`])})`);
    add("z2_1", 0, "", "z²₁", "w²₁₁ a¹₁ + w²₁₂ a¹₂ + b²₁",
        () => `${P(V.w2_11)} × ${F(V.a1_1)} + ${P(V.w2_12)} × ${F(V.a1_2)} + ${P(V.b2_1)}`);
    add("a2_1", 0, "", "a²₁", "σ(z²₁)", () => `σ(${F(V.z2_1)})`);
    add("L", 0, "", "ℒ = ℓ", "½(a²₁ − y)²", () => `½(${F(V.a2_1)} − ${P(V.y)})²`);
    const slope = (l, j) => `σ′(${sym("z", l, j)}) = ${sym("a", l, j)}(1 − ${sym("a", l, j)}) = ${F(V.sp[`${l}_${j}`])}`;
    add("delta2_1", 1, "BP1", "δ²₁", "(a²₁ − y) σ′(z²₁)", () => `(${F(V.a2_1)} − ${P(V.y)}) × ${F(V.sp["2_1"])}`, () => slope(2, 1));
    for (const k of [1, 2]) add(`dW2_1${k}`, 1, "BP4", `∂ℒ/∂${sym("w", 2, 1, k)}`, `${sym("a", 1, k)} δ²₁`, () => `${F(V[`a1_${k}`])} × ${P(V.delta2_1)}`);
    add("db2_1", 1, "BP3", "∂ℒ/∂b²₁", "δ²₁");
    for (const j of [1, 2]) {
      add(`delta1_${j}`, 1, "BP2", sym("δ", 1, j), `${sym("w", 2, 1, j)} δ²₁ σ′(${sym("z", 1, j)})`,
          () => `${P(V[`w2_1${j}`])} × ${P(V.delta2_1)} × ${F(V.sp[`1_${j}`])}`, () => slope(1, j));
    }
    for (const j of [1, 2]) {
      for (const k of [1, 2]) {
        add(`dW1_${j}${k}`, 1, "BP4", `∂ℒ/∂${sym("w", 1, j, k)}`, `x${SUB[k]} ${sym("δ", 1, j)}`, () => `${P(V[`x${k}`])} × ${P(V[`delta1_${j}`])}`);
      }
    }
    for (const j of [1, 2]) add(`db1_${j}`, 1, "BP3", `∂ℒ/∂${sym("b", 1, j)}`, sym("δ", 1, j));
    add("after", 2, "", T("after"), "ℒ(θ − η∇ℒ)", () => `ℒ(θ − ${F(V.eta)} ∇ℒ)`);
    add("change", 2, "", T("change"), "ℒ(θ − η∇ℒ) − ℒ(θ)", () => `${F(V.after)} − ${F(V.L)}`);
    add("predicted", 2, "", T("predicted"), "−η‖∇ℒ‖²", () => `−${F(V.eta)} × ${F(V.norm)}`, () => `‖∇ℒ‖² = ${F(V.norm)}`);

    // The step-through: one row at a time, with its numbers put in.
    let focus = 0;
    const nav = ui.el("div", {class: "bp-pass-nav"});
    const move = (by) => () => { focus = (focus + by + rows.length) % rows.length; };
    const prev = ui.button({key: "prev", label: T("prev"), onClick: move(-1)});
    const next = ui.button({key: "next", label: T("next"), onClick: move(1)});
    const explain = ui.el("p", {"aria-live": "polite", style: "margin:.3em 0"});
    nav.append(prev.element.parentNode, next.element.parentNode);
    el.append(nav, explain);

    const table = ui.el("table", {class: "bp-pass-table"});
    table.appendChild(ui.el("caption", {style: "text-align:left;caption-side:top"}, T("caption")));
    const head = table.appendChild(ui.el("thead")).appendChild(ui.el("tr"));
    for (const k of ["col_quantity", "col_formula", "col_value"]) head.appendChild(ui.el("th", {scope: "col"}, T(k)));
    rows.forEach((r, i) => {
      if (i === 0 || rows[i - 1].g !== r.g) {
        const body = table.appendChild(ui.el("tbody"));
        body.appendChild(ui.el("tr")).appendChild(ui.el("th", {scope: "rowgroup", colspan: 3}, T(["forward", "backward", "step"][r.g])));
      }
      r.tr = table.lastChild.appendChild(ui.el("tr", {"data-row": r.key}));
      const cell = ui.el("td");
      cell.append(ui.el("span", {class: "bp-pass-formula"}, r.formula.replace(/′/g, "′\u2060")), " ",
                  ui.el("span", {class: "bp-pass-formula"}, r.tag ? `(${r.tag})` : ""));
      r.tr.append(ui.el("th", {scope: "row"}, r.name), cell);
      r.value = r.tr.appendChild(ui.el("td"));
      r.tr.addEventListener("click", () => { focus = i; ui.update(); });
    });
    const wrap = ui.el("div", {style: "overflow-x:auto;max-width:100%"});
    wrap.appendChild(table);
    el.appendChild(wrap);

    ui.onUpdate(() => {
      const bad = inputs.find((i) => !(Math.abs(i.c.value) <= LIMIT));
      if (bad) { status.textContent = fill(T("invalid"), {name: bad.label, limit: LIMIT}); return; }
      for (const i of inputs) V[i.key] = i.c.value;
      const r = compute({weights: [[[V.w1_11, V.w1_12], [V.w1_21, V.w1_22]], [[V.w2_11, V.w2_12]]],
                         biases: [[V.b1_1, V.b1_2], [V.b2_1]], x: [V.x1, V.x2], y: V.y, lr: eta.value});
      Object.assign(V, r.q, {sp: r.slopes, eta: eta.value, after: r.lossAfter, change: r.lossAfter - r.q.L,
                             predicted: -r.predictedDrop, norm: r.gradNormSq});
      const c = ui.colors(), mark = c.dark ? "#4d4319" : "#fff1b8";
      rows.forEach((row, i) => {
        row.value.textContent = F(V[row.key], 6);
        row.tr.style.background = i === focus ? mark : "";
        if (i === focus) row.tr.setAttribute("aria-current", "step"); else row.tr.removeAttribute("aria-current");
      });
      const row = rows[focus];
      explain.textContent = fill(T("step_of"), {k: focus + 1, n: rows.length}) + (row.tag ? ` (${row.tag})` : "") + ": " +
        `${row.name} = ${row.formula}` + (row.numbers ? ` = ${row.numbers()}` : "") + ` = ${F(V[row.key], 6)}` +
        (row.note ? `; ${row.note()}` : "");
      let d = 6;   // enough digits to tell the two losses apart
      while (d < 15 && V.after !== V.L && F(V.L, d) === F(V.after, d)) d++;
      const values = {eta: String(V.eta), before: F(V.L, d), after: F(V.after, d), change: F(Math.abs(V.change), 3),
                      predicted: F(r.predictedDrop, 3)};
      status.textContent = fill(T(r.gradNormSq === 0 ? "status_zero" : V.change < 0 ? "status_down"
                                  : V.change > 0 ? "status_up" : "status_same"), values);
      drawNet(net, c, row.key);
      // the fall of ℒ in units of 10^e, so that the ticks stay short; room at the top for the legend
      const big = Math.max(...r.losses.map((l) => Math.abs(V.L - l))), e = big > 0 && big < 0.01 ? Math.floor(Math.log10(big)) : 0;
      const unit = 10 ** e, drop = r.losses.map((l) => (V.L - l) / unit), lo = Math.min(0, ...drop), hi = Math.max(0, ...drop);
      const span = hi > lo ? hi - lo : 1;
      const power = String(e).replace("-", "⁻").replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d]);
      ui.plot(plot, {title: T("plot_title"), xlabel: T("xlabel"), ylabel: T("ylabel") + (e ? ` (×10${power})` : ""),
        xmin: 0, xmax: 2 * V.eta, ymin: lo - 0.08 * span, ymax: hi + 0.5 * span, vlines: [{x: V.eta, label: "η"}], series: [
          {x: r.steps, y: drop, color: c.series[0], label: T("curve")},
          {x: [0, 2 * V.eta], y: [0, 2 * V.eta * V.norm / unit], color: c.series[1], dash: true, label: T("tangent")},
          {x: [V.eta], y: [-V.change / unit], color: c.series[3], points: true, label: T("one_step")}]});
    });

    // The network: weights on the arrows, biases above the units, a inside, δ below.
    function drawNet(canvas, c, key) {
      const ctx = canvas.getContext("2d"), R = 23;
      const node = {x1: [42, 62], x2: [42, 178], h1: [182, 62], h2: [182, 178], o: [310, 120]};
      const lit = (k) => {
        if (key.startsWith("dW1_")) return k === `e${key[4]}${key[5]}`;
        if (key.startsWith("dW2_")) return k === `f${key[5]}`;
        return k === (/^(z|a|delta|db)1_/.test(key) ? "h" + key.slice(-1) : "o");
      };
      ctx.fillStyle = c.background; ctx.fillRect(0, 0, 360, 250);
      ctx.font = "11px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      const text = (s, x, y, color) => {   // on a patch of background, readable over the arrows
        const tw = ctx.measureText(s).width + 6;
        ctx.fillStyle = c.background; ctx.fillRect(x - tw / 2, y - 8, tw, 16);
        ctx.fillStyle = color; ctx.fillText(s, x, y);
      };
      const edge = (from, to, w, id, t) => {
        const [x0, y0] = node[from], [x1, y1] = node[to], d = Math.hypot(x1 - x0, y1 - y0);
        const ux = (x1 - x0) / d, uy = (y1 - y0) / d;
        ctx.strokeStyle = lit(id) ? c.series[4] : w < 0 ? c.series[1] : c.series[0];
        ctx.lineWidth = lit(id) ? 5 : 1 + Math.min(3, Math.abs(w) * 2);
        ctx.beginPath(); ctx.moveTo(x0 + R * ux, y0 + R * uy); ctx.lineTo(x1 - R * ux, y1 - R * uy); ctx.stroke();
        text(F(w, 3), x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, c.text);
      };
      for (const j of [1, 2]) for (const k of [1, 2]) edge("x" + k, "h" + j, V[`w1_${j}${k}`], `e${j}${k}`, j === k ? 0.5 : 0.28);
      for (const k of [1, 2]) edge("h" + k, "o", V[`w2_1${k}`], "f" + k, 0.45);
      ctx.lineWidth = 1;
      const unit = (id, value, top, delta) => {
        const [x, y] = node[id];
        ctx.beginPath(); ctx.arc(x, y, R, 0, 2 * Math.PI); ctx.fillStyle = c.background; ctx.fill();
        ctx.strokeStyle = lit(id) ? c.series[4] : c.muted; ctx.lineWidth = lit(id) ? 4 : 1.5; ctx.stroke(); ctx.lineWidth = 1;
        ctx.fillStyle = c.text; ctx.font = "600 12px system-ui, sans-serif"; ctx.fillText(F(value, 3), x, y);
        ctx.font = "11px system-ui, sans-serif"; text(top, x, y - R - 9, c.muted);
        if (delta != null) text(delta, x, y + R + 10, c.series[3]);
      };
      for (const k of [1, 2]) unit("x" + k, V[`x${k}`], "x" + SUB[k]);
      for (const j of [1, 2]) unit("h" + j, V[`a1_${j}`], `${sym("b", 1, j)} = ${F(V[`b1_${j}`], 3)}`, `${sym("δ", 1, j)} = ${F(V[`delta1_${j}`], 3)}`);
      unit("o", V.a2_1, `b²₁ = ${F(V.b2_1, 3)}`, `δ²₁ = ${F(V.delta2_1, 3)}`);
      ctx.fillStyle = c.text; ctx.textAlign = "right";
      ctx.fillText(`y = ${F(V.y, 4)}`, 356, 184); ctx.fillText(`ℒ = ${F(V.L, 4)}`, 356, 200);
      ctx.fillStyle = c.muted; ctx.textAlign = "left";
      ctx.fillText(T("net_legend"), 4, 240);
    }
  }
  if (root.bpExplorers) root.bpExplorers.register("pass", explorer);
})(typeof window !== "undefined" ? window : this);
