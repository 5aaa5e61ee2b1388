// explorers/valley.js: chapter 10's valley f(θ) = ½(λ₁θ₁² + λ₂θ₂²). The paths of backprop.optimizers'
// SGD, Momentum and Adam, same arithmetic: they equal quadratic_path (tests/test_explorer_valley.py).
(function (root) {
  "use strict";
  const bp = root.backpropBook = root.backpropBook || {};
  bp.explorers = bp.explorers || {};

  // f(θ), in quadratic_loss's order
  const loss = (lams, p) => 0.5 * (lams[0] * (p[0] * p[0]) + lams[1] * (p[1] * p[1]));

  // θ_0 … θ_steps of one optimizer o: {name: "sgd" | "momentum" | "adam", lr, beta, beta1, beta2, eps}.
  function path(o, lams, start, steps) {
    const th = [start[0], start[1]], out = [[th[0], th[1]]];
    const v = [0, 0], m = [0, 0], s = [0, 0];
    for (let t = 1; t <= steps; t++) {
      let c1 = 0, c2 = 0;
      if (o.name === "adam") { c1 = 1 - o.beta1 ** t; c2 = 1 - o.beta2 ** t; }
      for (let i = 0; i < 2; i++) {
        const g = lams[i] * th[i];
        let d;
        if (o.name === "sgd") d = o.lr * g;
        else if (o.name === "momentum") { v[i] = t === 1 ? g : o.beta * v[i] + g; d = o.lr * v[i]; }
        else {
          m[i] = o.beta1 * m[i] + (1 - o.beta1) * g;
          s[i] = o.beta2 * s[i] + (1 - o.beta2) * g * g;
          d = o.lr * (m[i] / c1) / (Math.sqrt(s[i] / c2) + o.eps);
        }
        th[i] -= d;
      }
      out.push([th[0], th[1]]);
    }
    return out;
  }

  // The chapter's limits (its SymPy derivations): η < 2/λmax, and η < 2(1 + β)/λmax for momentum.
  const limits = (lams, beta) => {
    const top = Math.max(lams[0], lams[1]);
    return {sgd: 2 / top, momentum: 2 * (1 + beta) / top};
  };

  // The slowest direction's factor per step: max over λ of |1 − ηλ| (sgd) or of the largest |r|,
  // r² − (1 + β − ηλ) r + β = 0 (momentum).
  function factor(name, eta, beta, lams) {
    let worst = 0;
    for (const lam of lams) {
      let r;
      if (name === "sgd") r = Math.abs(1 - eta * lam);
      else {
        const b = 1 + beta - eta * lam, disc = b * b - 4 * beta;
        r = disc < 0 ? Math.sqrt(beta) : (Math.abs(b) + Math.sqrt(disc)) / 2;
      }
      worst = Math.max(worst, r);
    }
    return worst;
  }

  // Everything the explorer draws. c: {lams, start, steps, lr, beta, adamLr, beta1, beta2, eps}.
  function compute(c) {
    const runs = {sgd: {name: "sgd", lr: c.lr}, momentum: {name: "momentum", lr: c.lr, beta: c.beta},
                  adam: {name: "adam", lr: c.adamLr, beta1: c.beta1, beta2: c.beta2, eps: c.eps}};
    const out = {limits: limits(c.lams, c.beta), runs: {}};
    for (const [key, o] of Object.entries(runs)) {
      const p = path(o, c.lams, c.start, c.steps), f = p.map((q) => loss(c.lams, q));
      const k = f.findIndex((x) => !Number.isFinite(x)), last = f[f.length - 1];
      out.runs[key] = {path: p, loss: f, overflowAt: k,
                       state: k >= 0 ? "overflow" : last > f[0] ? "rose" : "ok"};   // the book's diverged()
    }
    return out;
  }

  bp.explorers.valley = {compute, path, loss, limits, factor};

  if (!root.bpExplorers) return;
  root.bpExplorers.register("valley", (el, ui) => {
    const c = ui.config, t = ui.t, fmt = ui.fmt, keys = ["sgd", "momentum", "adam"];
    const slider = (key, o) => ui.slider(Object.assign({key, label: t(key)}, o));
    const eta = slider("eta", {values: c.lrs, value: c.lr});
    const beta = slider("beta", {min: 0, max: 0.99, step: 0.01, value: c.beta});
    const adamEta = slider("adam_eta", {values: c.adamLrs, value: c.adamLr});
    const beta1 = slider("beta1", {min: 0, max: 0.99, step: 0.01, value: c.beta1});
    const beta2 = slider("beta2", {values: c.beta2s, value: c.beta2, format: String});
    const steps = slider("steps", {min: 1, max: c.maxSteps, step: 1, value: c.steps, format: String});
    const status = ui.status();
    const width = Math.max(280, Math.min(720, el.clientWidth - 28)), half = width >= 560 ? (width - 10) >> 1 : width;
    const canvas = (key, w, h) => ui.canvas({key, width: w, height: h, label: t(key + "_label")});
    const valley = canvas("valley", width, Math.round(Math.max(280, width * 0.42)));
    const lossC = canvas("loss", half, 250), rateC = canvas("rate", half, 250);
    ui.row(lossC, rateC);
    const fill = (tpl, o) => tpl.replace(/\{(\w+)\}/g, (_, k) => o[k]);

    // canvas pixels along lines through the data points pts, for placing a legend
    const along = (f, pts) => {
      const out = [];
      pts.forEach(([x, y], i) => {
        if (!i || !Number.isFinite(x + y + pts[i - 1][0] + pts[i - 1][1])) return;
        const [x0, y0] = pts[i - 1];
        for (let u = 0; u < 1; u += 0.125) out.push([f.x(x0 + u * (x - x0)), f.y(y0 + u * (y - y0))]);
      });
      return out;
    };
    // a legend in the corner of a plot's box that the fewest of the pixels px fall in
    const legend = (canvas, box, items, px, col) => {
      const ctx = canvas.getContext("2d");
      ctx.font = "12px system-ui, sans-serif";
      const w = Math.max(...items.map(([s]) => ctx.measureText(s).width)) + 36, h = 16 * items.length + 6;
      const inside = ([x, y]) => px.filter(([u, v]) => u >= x && u <= x + w && v >= y && v <= y + h).length;
      const xs = [box.right - w - 6, box.left + 6], ys = [box.top + 6, box.bottom - h - 6];
      const [x, y] = [0, 1, 2, 3].map((i) => [xs[i & 1], ys[i >> 1]]).reduce((a, q) => (inside(q) < inside(a) ? q : a));
      ctx.fillStyle = col.background; ctx.globalAlpha = 0.85; ctx.fillRect(x, y, w, h); ctx.globalAlpha = 1;
      ctx.textAlign = "left"; ctx.textBaseline = "middle"; ctx.lineWidth = 2;
      items.forEach(([s, color], i) => {
        const yy = y + 11 + 16 * i;
        ctx.strokeStyle = color; ctx.beginPath(); ctx.moveTo(x + 5, yy); ctx.lineTo(x + 27, yy); ctx.stroke();
        ctx.fillStyle = col.text; ctx.fillText(s, x + 32, yy);
      });
      ctx.lineWidth = 1;
    };

    // contours: ellipses at levels geometric from f_max/10⁴ to f_max, as in valley_figure
    const X = 1.1 * Math.max(Math.abs(c.start[0]), 1), Y = 1.6 * Math.max(Math.abs(c.start[1]), 0.5);
    const fmax = loss(c.lams, [X, Y]), ellipses = [];
    for (let j = 0; j < 12; j++) {
      const r = (lam) => Math.sqrt(2 * fmax * 1e-4 * 1e4 ** (j / 11) / lam), xs = [], ys = [];
      for (let i = 0; i <= 96; i++) {
        xs.push(r(c.lams[0]) * Math.cos(Math.PI * i / 48)); ys.push(r(c.lams[1]) * Math.sin(Math.PI * i / 48));
      }
      ellipses.push({x: xs, y: ys, width: 1});
    }
    const etas = [], lo = Math.log10(c.lrs[0]), hi = Math.log10(c.lrs[c.lrs.length - 1]);
    for (let i = 0; i <= 240; i++) etas.push(10 ** (lo + (hi - lo) * i / 240));

    ui.onUpdate(() => {
      const s = {lams: c.lams, start: c.start, steps: steps.value, lr: eta.value, beta: beta.value,
                 adamLr: adamEta.value, beta1: beta1.value, beta2: beta2.value, eps: c.eps};
      const r = compute(s), col = ui.colors(), color = {sgd: col.series[0], momentum: col.series[1], adam: col.series[2]};
      const items = keys.map((k) => [t(k), color[k]]), lim = r.limits;

      // the valley; a diverging path is drawn up to its first point outside the view, to show where it went
      const paths = keys.map((k) => {
        const run = r.runs[k], out = run.path.findIndex((q) => !(Math.abs(q[0]) <= X && Math.abs(q[1]) <= Y));
        return out < 0 || run.state === "ok" ? run.path : run.path.slice(0, out + 1);
      });
      const grey = col.dark ? "#555b66" : "#c4c4c4", dots = s.steps <= 100 && width >= 500;
      const v = ui.plot(valley, {series: ellipses.map((e) => Object.assign({color: grey}, e)).concat(paths.map((p, i) =>
                                   ({x: p.map((q) => q[0]), y: p.map((q) => q[1]), color: color[keys[i]], points: dots}))),
                                 xmin: -X, xmax: X, ymin: -Y, ymax: Y, xlabel: "θ₁", ylabel: "θ₂", title: t("valley_title")});
      const ctx = valley.getContext("2d");
      ctx.fillStyle = col.text; ctx.fillRect(v.x(c.start[0]) - 5, v.y(c.start[1]) - 5, 10, 10);
      ctx.font = "18px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillStyle = "#d62728"; ctx.fillText("★", v.x(0), v.y(0));
      legend(valley, v.box, items, [].concat(...paths.map((p) => along(v, p)), [[v.x(c.start[0]), v.y(c.start[1])]]), col);

      // the loss after each step; a dashed line where a run overflowed
      const finite = [].concat(...keys.map((k) => r.runs[k].loss)).filter((x) => Number.isFinite(x) && x > 0);
      const ymin = 10 ** Math.floor(Math.log10(Math.max(Math.min(...finite), r.runs.sgd.loss[0] * 1e-18)));
      const ymax = 10 ** Math.min(308, Math.ceil(Math.log10(Math.max(...finite))));
      const curves = keys.map((k) => r.runs[k].loss.map((y, i) => [i, y]));
      const lp = ui.plot(lossC, {series: keys.map((k) => ({y: r.runs[k].loss, color: color[k]})),
                                 logy: true, xmin: 0, xmax: s.steps, ymin, ymax: Math.max(ymax, 10 * ymin),
                                 xlabel: t("step"), ylabel: t("loss"), title: t("loss_title"),
                                 vlines: keys.filter((k) => r.runs[k].overflowAt >= 0).map((k, i) =>
                                   ({x: r.runs[k].overflowAt, color: color[k], label: i ? "" : t("diverged_mark")}))});
      legend(lossC, lp.box, items, [].concat(...curves.map((q) => along(lp, q.filter(([, y]) => y > 0)))), col);

      // the per-step factor against η and the limits, labelled at the top of their lines, and the
      // reader's η, labelled at the bottom of its line: the factors stay above 0.8, so the two ends never meet
      const rates = ["sgd", "momentum"].map((k) => etas.map((e) => [e, Math.min(factor(k, e, s.beta, c.lams), 9)]));
      const rp = ui.plot(rateC, {series: rates.map((q, i) => ({x: etas, y: q.map((a) => a[1]), color: color[keys[i]]})),
                                 logx: true, xmin: etas[0], xmax: etas[etas.length - 1], ymin: 0, ymax: 1.6,
                                 xlabel: t("eta_log"), ylabel: t("factor"), title: t("rate_title"),
                                 hlines: [{y: 1, color: col.muted}],
                                 vlines: [{x: lim.sgd, color: color.sgd}, {x: lim.momentum, color: color.momentum},
                                          {x: s.lr, color: col.text}]});
      const rc = rateC.getContext("2d"), taken = [].concat(...rates.map((q) => along(rp, q)));
      rc.font = "12px system-ui, sans-serif"; rc.textBaseline = "bottom";
      [[s.lr, col.text, t("you") + " = " + fmt(s.lr), rp.box.bottom - 4],
       [lim.sgd, color.sgd, t("gd_limit"), rp.box.top + 16],
       [lim.momentum, color.momentum, t("mom_limit"), rp.box.top + 31]].forEach(([x, cl, txt, y0]) => {
        const w = rc.measureText(txt).width, right = rp.x(x) + w + 4 > rp.box.right;
        const x0 = right ? rp.x(x) - 3 - w : rp.x(x) + 3;
        rc.fillStyle = cl; rc.textAlign = "left"; rc.fillText(txt, x0, y0);
        for (let u = 0; u <= w; u += 6) taken.push([x0 + u, y0 - 6]);
      });
      legend(rateC, rp.box, items.slice(0, 2), taken, col);

      // the status, in words
      const side = (x, limit) => t(x < limit ? "below" : x === limit ? "at" : "above");
      const name = {sgd: t("sgd"), momentum: t("momentum"), adam: fill(t("adam_name"), {eta: fmt(s.adamLr)})};
      const n = s.steps === 1 ? t("one_step") : fill(t("n_steps"), {steps: s.steps});
      const words = keys.map((k) => {
        const run = r.runs[k], w = fill(t("status_" + run.state), {name: name[k], f: fmt(run.loss[s.steps]),
                                                                 f0: fmt(run.loss[0]), n, k: run.overflowAt});
        return w[0].toUpperCase() + w.slice(1);
      });
      words.unshift(fill(t("status_eta"), {eta: fmt(s.lr), gd_side: side(s.lr, lim.sgd), gd: fmt(lim.sgd),
                                           mom_side: side(s.lr, lim.momentum), mom: fmt(lim.momentum), beta: fmt(s.beta)}));
      status.textContent = words.join(ui.lang === "zh" ? "" : " ");
    });
  });
})(typeof window !== "undefined" ? window : this);
