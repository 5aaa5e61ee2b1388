// The book's no-kernel explorer: sliders over precomputed XOR runs (see static_explorer.py).
// Self-contained on purpose: no library, no request; the data sits in the same <div>.
function bpExplorer(root) {
  "use strict";
  const D = JSON.parse(root.querySelector(".bp-explorer-data").textContent);
  const T = D.text, nS = D.scales.length, nK = D.seeds.length, n = D.grid;
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const controls = el("div", {class: "bp-explorer-controls"});
  const slider = (name, values, start, fmt) => {
    const wrap = el("label", {class: "bp-explorer-control"});
    const input = el("input", {type: "range", min: 0, max: values.length - 1, step: 1, value: start,
                               "data-name": name});
    const shown = el("output", {}, fmt(values[start]));
    wrap.append(el("span", {}, T["explorer_" + name] + " "), input, shown);
    input.addEventListener("input", () => { shown.textContent = fmt(values[+input.value]); draw(); });
    controls.append(wrap);
    return input;
  };
  const lr = slider("lr", D.lrs, Math.floor(D.lrs.length / 2), v => v.toPrecision(2));
  const sc = slider("scale", D.scales, Math.floor(nS / 2), v => v.toPrecision(2));
  const sd = slider("seed", D.seeds, 0, v => String(v));
  const status = el("p", {class: "bp-explorer-status", role: "status"});
  const canvases = el("div", {class: "bp-explorer-plots"});
  const lossCanvas = el("canvas", {width: 420, height: 300, "aria-label": T.explorer_loss_title});
  const fieldCanvas = el("canvas", {width: 300, height: 300, "aria-label": T.explorer_boundary_title});
  canvases.append(lossCanvas, fieldCanvas);
  root.append(controls, status, canvases);

  function color(v) {  // 0 → blue, 0.5 → white, 1 → red, as in the book's figures
    const t = Math.max(0, Math.min(1, v));
    const c = t < 0.5 ? [33 + (255 - 33) * 2 * t, 102 + (255 - 102) * 2 * t, 172 + (255 - 172) * 2 * t]
                      : [255 - (255 - 178) * (2 * t - 1), 255 - 255 * (2 * t - 1), 255 - (255 - 43) * (2 * t - 1)];
    return `rgb(${c.map(Math.round).join(",")})`;
  }

  function drawLoss(ctx, curve) {
    const W = ctx.canvas.width, H = ctx.canvas.height, L = 50, B = 40, R = 10, Tp = 24;
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
    const ys = curve.filter(v => v !== null);
    let lo = Math.min(-3, ...ys), hi = Math.max(0, ...ys);
    lo = Math.floor(lo); hi = Math.ceil(hi);
    const xE = e => L + (W - L - R) * Math.log10(e) / Math.log10(D.epochs);
    const yV = v => Tp + (H - Tp - B) * (hi - v) / (hi - lo);
    ctx.strokeStyle = "#999"; ctx.fillStyle = "#333"; ctx.font = "12px sans-serif";
    ctx.beginPath(); ctx.moveTo(L, Tp); ctx.lineTo(L, H - B); ctx.lineTo(W - R, H - B); ctx.stroke();
    for (let p = lo; p <= hi; p++) { ctx.fillText("1e" + p, 8, yV(p) + 4); }
    for (let e = 1; e <= D.epochs; e *= 10) { ctx.fillText(String(e), xE(e) - 6, H - B + 16); }
    ctx.fillText(T.epoch, W / 2, H - 6);
    ctx.fillText(T.explorer_loss_title, L + 6, 14);
    ctx.strokeStyle = "#1f77b4"; ctx.lineWidth = 2; ctx.beginPath();
    let started = false;
    curve.forEach((v, i) => {
      if (v === null) return;
      const x = xE(D.curveEpochs[i]), y = yV(v);
      if (started) ctx.lineTo(x, y); else { ctx.moveTo(x, y); started = true; }
    });
    ctx.stroke(); ctx.lineWidth = 1;
  }

  function drawField(ctx, field, outputs) {
    const W = ctx.canvas.width, H = ctx.canvas.height, cell = W / n;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      ctx.fillStyle = color((+field[i * n + j] + 0.5) / 10);
      ctx.fillRect(j * cell, H - (i + 1) * cell, cell + 1, cell + 1);
    }
    const pts = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]];
    ctx.font = "13px sans-serif";
    pts.forEach(([x1, x2, y], k) => {
      const px = (x1 + 0.5) / 2 * W, py = H - (x2 + 0.5) / 2 * H;
      ctx.beginPath(); ctx.arc(px, py, 8, 0, 2 * Math.PI);
      ctx.fillStyle = y ? "#000" : "#fff"; ctx.fill(); ctx.strokeStyle = "#000"; ctx.stroke();
      ctx.fillStyle = "#000";
      const o = outputs[k];
      ctx.fillText(o === null ? "NaN" : o.toFixed(2), px + 11, py - 9);
    });
    ctx.fillText(T.explorer_boundary_title, 6, 14);
  }

  function draw() {
    const idx = (+lr.value * nS + +sc.value) * nK + +sd.value;
    const curve = D.curves.slice(idx * D.curveEpochs.length, (idx + 1) * D.curveEpochs.length);
    const outputs = D.outputs.slice(idx * 4, idx * 4 + 4);
    const s = D.status[idx];
    const last = curve.filter(v => v !== null).pop();
    const lossText = last === undefined ? "NaN" : Math.pow(10, last).toPrecision(3);
    status.textContent = s === 1 ? T.static_solved.replace("{epoch}", D.solvedEpoch[idx]).replace("{loss}", lossText)
                       : s === 2 ? T.static_diverged : T.static_stuck.replace("{loss}", lossText);
    status.dataset.state = ["stuck", "solved", "diverged"][s];
    drawLoss(lossCanvas.getContext("2d"), curve);
    drawField(fieldCanvas.getContext("2d"), D.fields[idx], outputs);
  }
  draw();
}
