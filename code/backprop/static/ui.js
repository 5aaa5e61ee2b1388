// backprop/static/ui.js: what every live explorer of the book shares (controls, plots, colours).
//
// A page holds <div class="bp-live" data-bp-explorer="NAME" data-lang="en|zh" data-text='{...}'
// data-config='{...}'>fallback</div>; explorers/NAME.js registers NAME with
// bpExplorers.register(NAME, (root, ui) => {...}). When the page has loaded, each such div is
// emptied and its explorer built with the helpers below. No library, no request.
(function (root) {
  "use strict";
  const registry = {};
  const NS = "bp-live";
  const CSS = `
.${NS}{margin:1em 0;padding:.8em;border:1px solid var(--pst-color-border,#ccc);border-radius:6px;max-width:100%;box-sizing:border-box;overflow:hidden;background:var(--pst-color-background,#fff);color:var(--pst-color-text-base,#222)}
div.output:has(> .${NS}){background:transparent!important;color:inherit!important;padding:0!important}
.${NS}-controls{display:flex;flex-wrap:wrap;gap:.3em 1.4em;margin-bottom:.4em}
.${NS}-control{display:flex;align-items:center;gap:.5em;min-height:44px;max-width:100%;flex-wrap:wrap}
.${NS}-control input[type=range]{width:10em;max-width:60vw;height:28px;margin:0}
.${NS}-control select,.${NS}-control button,.${NS}-control input[type=number]{min-height:36px;font:inherit;color:inherit;background:var(--pst-color-surface,transparent);border:1px solid var(--pst-color-border,#aaa);border-radius:4px;padding:0 .5em}
.${NS}-control input[type=number]{width:6.5em}
.${NS}-control output{min-width:3.5em;font-variant-numeric:tabular-nums}
.${NS}-status{font-weight:600;margin:.3em 0 .6em}
.${NS}-row{display:flex;flex-wrap:wrap;gap:.6em;align-items:flex-start}
.${NS} figure{margin:0;max-width:100%}
.${NS} canvas{display:block;max-width:100%;height:auto}
.${NS} table{font-variant-numeric:tabular-nums}`;

  function addStyle() {
    if (document.getElementById(NS + "-style")) return;
    const style = document.createElement("style");
    style.id = NS + "-style";
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v != null) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  function dark() {
    const theme = document.documentElement.dataset.theme;
    if (theme === "dark") return true;
    if (theme === "light") return false;
    return !!(root.matchMedia && root.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  // The theme's colours, with light fallbacks; six series colours readable on both backgrounds.
  function colors() {
    const d = dark();
    return {
      dark: d,
      text: d ? "#e6e6e6" : "#222222",
      muted: d ? "#a8a8a8" : "#666666",
      grid: d ? "#3c3c3c" : "#e3e3e3",
      background: d ? "#14181e" : "#ffffff",
      series: d ? ["#6cb4ff", "#ff9e5e", "#7ddc7d", "#f07fa8", "#c6a3ff", "#e8d26a"]
                : ["#1f5fa8", "#d2561e", "#2a8a2a", "#b8336a", "#6a4bb0", "#8a7300"],
    };
  }

  // Numbers as the book prints them: 3 significant digits, "—" for NaN.
  function fmt(x, digits = 3) {
    if (typeof x !== "number" || Number.isNaN(x)) return "—";
    if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
    if (x === 0) return "0";
    const a = Math.abs(x);
    const s = a >= 1e5 || a < 1e-3 ? x.toExponential(digits - 1).replace("e+", "e") : String(+x.toPrecision(digits));
    return s.replace(/-/g, "−");
  }

  // ----- axes -----------------------------------------------------------------------------------
  function niceTicks(lo, hi, count, whole) {
    if (!(hi > lo)) return [lo];
    const raw = Math.max((hi - lo) / Math.max(1, count), whole ? 1 : 0), p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) || 10 * p;
    const ticks = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return ticks;
  }
  function logTicks(lo, hi) {   // lo, hi: log10 of the range
    const a = Math.floor(lo), b = Math.ceil(hi), every = Math.max(1, Math.ceil((b - a) / 6)), ticks = [];
    for (let k = a; k <= b; k += every) if (k >= lo - 1e-9 && k <= hi + 1e-9) ticks.push(k);
    return ticks;
  }
  const logLabel = (k) => (k === 0 ? "1" : k === 1 ? "10" : "10" + String(k).replace("-", "⁻").replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d]));

  // A frame with ticks and labels; returns {x(v), y(v), box} mapping data to canvas pixels.
  function frame(ctx, w, h, o, c) {
    const ticksY = o.logy ? logTicks(Math.log10(o.ymin), Math.log10(o.ymax)).map((k) => [10 ** k, logLabel(k)])
                          : niceTicks(o.ymin, o.ymax, 5).map((v) => [v, fmt(v)]);
    ctx.font = "12px system-ui, sans-serif";
    const widest = Math.max(0, ...ticksY.map(([, s]) => ctx.measureText(s).width));   // room for the tick labels
    const box = {left: Math.max(o.ylabel ? 58 : 46, widest + (o.ylabel ? 26 : 10)), right: w - 10,
                 top: o.title ? 24 : 10, bottom: h - (o.xlabel ? 40 : 24)};
    const axis = (lo, hi, log, from, to) => {
      const a = log ? Math.log10(lo) : lo, b = log ? Math.log10(hi) : hi, span = b - a || 1;
      return (v) => from + (to - from) * ((log ? Math.log10(v) : v) - a) / span;
    };
    const x = axis(o.xmin, o.xmax, o.logx, box.left, box.right);
    const y = axis(o.ymin, o.ymax, o.logy, box.bottom, box.top);
    ctx.fillStyle = c.background; ctx.fillRect(0, 0, w, h);
    ctx.font = "12px system-ui, sans-serif"; ctx.lineWidth = 1;
    const ticksX = o.logx ? logTicks(Math.log10(o.xmin), Math.log10(o.xmax)).map((k) => [10 ** k, logLabel(k)])
                          : niceTicks(o.xmin, o.xmax, Math.max(2, Math.floor((box.right - box.left) / 70)), o.integerX).map((v) => [v, fmt(v)]);
    ctx.strokeStyle = c.grid; ctx.fillStyle = c.muted;
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    for (const [v, s] of ticksX) {
      const px = x(v);
      ctx.beginPath(); ctx.moveTo(px, box.top); ctx.lineTo(px, box.bottom); ctx.stroke();
      ctx.fillText(s, px, box.bottom + 4);
    }
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    for (const [v, s] of ticksY) {
      const py = y(v);
      ctx.beginPath(); ctx.moveTo(box.left, py); ctx.lineTo(box.right, py); ctx.stroke();
      ctx.fillText(s, box.left - 4, py);
    }
    ctx.strokeStyle = c.muted; ctx.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.fillStyle = c.text; ctx.textAlign = "center";
    if (o.xlabel) { ctx.textBaseline = "bottom"; ctx.fillText(o.xlabel, (box.left + box.right) / 2, h - 2); }
    if (o.title) { ctx.textBaseline = "top"; ctx.font = "600 13px system-ui, sans-serif"; ctx.fillText(o.title, w / 2, 4); ctx.font = "12px system-ui, sans-serif"; }
    if (o.ylabel) {
      ctx.save(); ctx.translate(12, (box.top + box.bottom) / 2); ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = "middle"; ctx.fillText(o.ylabel, 0, 0); ctx.restore();
    }
    return {x, y, box};
  }

  function size(canvas) { return [+canvas.dataset.w, +canvas.dataset.h]; }

  // A line plot: see the contract in code/README.md.
  function plot(canvas, o) {
    const ctx = canvas.getContext("2d"), [w, h] = size(canvas), c = colors();
    const series = o.series || [];
    const ok = (v, log) => Number.isFinite(v) && (!log || v > 0);
    const xs = [], ys = [];
    for (const s of series) s.y.forEach((v, i) => { const u = s.x ? s.x[i] : i; if (ok(v, o.logy) && ok(u, o.logx)) { xs.push(u); ys.push(v); } });
    for (const l of o.hlines || []) if (ok(l.y, o.logy)) ys.push(l.y);
    const range = (vals, lo, hi, log) => {
      let a = lo != null ? lo : Math.min(...vals), b = hi != null ? hi : Math.max(...vals);
      if (!vals.length && (lo == null || hi == null)) { a = log ? 0.1 : 0; b = log ? 10 : 1; }
      if (a === b) { if (log) { a /= 10; b *= 10; } else { a -= 1; b += 1; } }
      if (log && lo == null) a = 10 ** Math.floor(Math.log10(a));
      if (log && hi == null) b = 10 ** Math.ceil(Math.log10(b));
      return [a, b];
    };
    const [xmin, xmax] = range(xs, o.xmin, o.xmax, o.logx), [ymin, ymax] = range(ys, o.ymin, o.ymax, o.logy);
    const f = frame(ctx, w, h, Object.assign({}, o, {xmin, xmax, ymin, ymax}), c);
    ctx.save();
    ctx.beginPath(); ctx.rect(f.box.left, f.box.top, f.box.right - f.box.left, f.box.bottom - f.box.top); ctx.clip();
    const lines = (list, vertical) => list.forEach((l) => {
      const v = vertical ? l.x : l.y;
      if (!ok(v, vertical ? o.logx : o.logy)) return;
      ctx.strokeStyle = l.color || c.muted; ctx.setLineDash([5, 4]); ctx.beginPath();
      if (vertical) { ctx.moveTo(f.x(v), f.box.top); ctx.lineTo(f.x(v), f.box.bottom); }
      else { ctx.moveTo(f.box.left, f.y(v)); ctx.lineTo(f.box.right, f.y(v)); }
      ctx.stroke(); ctx.setLineDash([]);
      if (l.label) {
        ctx.fillStyle = l.color || c.muted; ctx.textAlign = vertical ? "left" : "right"; ctx.textBaseline = "bottom";
        if (vertical) ctx.fillText(l.label, f.x(v) + 3, f.box.top + 14); else ctx.fillText(l.label, f.box.right - 3, f.y(v) - 2);
      }
    });
    lines(o.hlines || [], false); lines(o.vlines || [], true);
    series.forEach((s, k) => {
      const color = s.color || c.series[k % c.series.length];
      ctx.strokeStyle = color; ctx.fillStyle = color; ctx.lineWidth = s.width || 2;
      ctx.setLineDash(s.dash ? [6, 4] : []);
      ctx.beginPath();
      let pen = false;
      s.y.forEach((v, i) => {
        const u = s.x ? s.x[i] : i;
        if (!ok(v, o.logy) || !ok(u, o.logx)) { pen = false; return; }
        const px = f.x(u), py = f.y(v);
        if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
        pen = true;
        if (s.points) { ctx.fillRect(px - 2.5, py - 2.5, 5, 5); }
      });
      ctx.stroke(); ctx.setLineDash([]); ctx.lineWidth = 1;
    });
    ctx.restore();
    const named = series.filter((s) => s.label);
    if (named.length) {
      ctx.font = "12px system-ui, sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "middle";
      const width = Math.max(...named.map((s) => ctx.measureText(s.label).width)) + 34;
      const corner = o.legend || "top-left", height = 16 * named.length;   // where the curves leave room
      const x = corner.endsWith("right") ? f.box.right - width - 4 : f.box.left + 8;
      let y = corner.startsWith("bottom") ? f.box.bottom - height - 2 : f.box.top + 10;
      ctx.fillStyle = c.background; ctx.globalAlpha = 0.85;
      ctx.fillRect(x - 4, y - 8, width, 16 * named.length + 2); ctx.globalAlpha = 1;
      series.forEach((s, k) => {
        if (!s.label) return;
        const color = s.color || c.series[k % c.series.length];
        ctx.strokeStyle = color; ctx.lineWidth = 2; ctx.setLineDash(s.dash ? [6, 4] : []);
        ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 22, y); ctx.stroke(); ctx.setLineDash([]); ctx.lineWidth = 1;
        ctx.fillStyle = c.text; ctx.fillText(s.label, x + 28, y);
        y += 16;
      });
    }
    return f;
  }

  // The book's diverging colour map: 0 → blue, 0.5 → white (or the dark background), 1 → red.
  const LOW = [33, 102, 172], HIGH = [178, 24, 43], MID_LIGHT = [255, 255, 255], MID_DARK = [40, 44, 52];
  function shade(t, c) {
    const rgb = [0, 0, 0];
    shadeInto(rgb, 0, t, c.dark);
    return rgb;
  }
  // The same colour written into out[p], out[p + 1], out[p + 2], with nothing allocated: a field
  // shades one cell per pixel, tens of thousands on a page.
  function shadeInto(out, p, t, dark) {
    t = Math.max(0, Math.min(1, t));
    const mid = dark ? MID_DARK : MID_LIGHT, a = t < 0.5 ? LOW : mid, b = t < 0.5 ? mid : HIGH, u = t < 0.5 ? 2 * t : 2 * t - 1;
    out[p] = Math.round(a[0] + (b[0] - a[0]) * u);
    out[p + 1] = Math.round(a[1] + (b[1] - a[1]) * u);
    out[p + 2] = Math.round(a[2] + (b[2] - a[2]) * u);
  }

  // A field of values over a square grid, with an optional contour and marked points.
  function field(canvas, o) {
    const ctx = canvas.getContext("2d"), [w, h] = size(canvas), c = colors(), n = o.n;
    const [x0, x1, y0, y1] = o.extent, vmin = o.vmin != null ? o.vmin : 0, vmax = o.vmax != null ? o.vmax : 1;
    const f = o.small ? {box: {left: 1, right: w - 1, top: o.title ? 16 : 1, bottom: h - 1}}
                      : frame(ctx, w, h, Object.assign({}, o, {xmin: x0, xmax: x1, ymin: y0, ymax: y1}), c);
    if (o.small) {
      ctx.fillStyle = c.background; ctx.fillRect(0, 0, w, h);
      if (o.title) { ctx.fillStyle = c.text; ctx.font = "11px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.fillText(o.title, w / 2, 1); }
    }
    const b = f.box, bw = b.right - b.left, bh = b.bottom - b.top;
    const img = new ImageData(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = o.values[i * n + j], p = 4 * ((n - 1 - i) * n + j);
        if (Number.isFinite(v)) shadeInto(img.data, p, (v - vmin) / (vmax - vmin), c.dark);
        else img.data[p] = img.data[p + 1] = img.data[p + 2] = 128;
        img.data[p + 3] = 255;
      }
    }
    const tmp = document.createElement("canvas");
    tmp.width = n; tmp.height = n;
    tmp.getContext("2d").putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tmp, b.left, b.top, bw, bh);
    const px = (j) => b.left + bw * (j + 0.5) / n, py = (i) => b.bottom - bh * (i + 0.5) / n;
    if (o.contour != null) {   // marching squares on the cell centres
      const lv = o.contour, V = o.values;
      ctx.strokeStyle = c.text; ctx.lineWidth = o.small ? 1 : 2; ctx.beginPath();
      const cut = (a, bv) => (lv - a) / (bv - a);
      // a cell's corners in order around it (row and column offsets); arrays are made only for the
      // cells the contour crosses, which are few (the others cost the garbage collector otherwise)
      const DI = [0, 0, 1, 1], DJ = [0, 1, 1, 0];
      for (let i = 0; i + 1 < n; i++) {
        for (let j = 0; j + 1 < n; j++) {
          const v0 = V[i * n + j], v1 = V[i * n + j + 1], v2 = V[(i + 1) * n + j + 1], v3 = V[(i + 1) * n + j];
          if (!(Number.isFinite(v0) && Number.isFinite(v1) && Number.isFinite(v2) && Number.isFinite(v3))) continue;
          const below = v0 < lv;
          if ((v1 < lv) === below && (v2 < lv) === below && (v3 < lv) === below) continue;
          const q = [v0, v1, v2, v3], ends = [];
          for (let e = 0; e < 4; e++) {
            const a = q[e], bv = q[(e + 1) % 4];
            if ((a < lv) !== (bv < lv)) {
              const t = cut(a, bv), ia = i + DI[e], ja = j + DJ[e], ib = i + DI[(e + 1) % 4], jb = j + DJ[(e + 1) % 4];
              ends.push([px(ja + (jb - ja) * t), py(ia + (ib - ia) * t)]);
            }
          }
          for (let e = 0; e + 1 < ends.length; e += 2) { ctx.moveTo(...ends[e]); ctx.lineTo(...ends[e + 1]); }
        }
      }
      ctx.stroke(); ctx.lineWidth = 1;
    }
    for (const p of o.points || []) {
      const X = b.left + bw * (p.x - x0) / (x1 - x0), Y = b.bottom - bh * (p.y - y0) / (y1 - y0);
      const rgb = shade(((p.value != null ? p.value : 0.5) - vmin) / (vmax - vmin), c);
      ctx.beginPath(); ctx.arc(X, Y, o.small ? 3 : 7, 0, 2 * Math.PI);
      ctx.fillStyle = `rgb(${rgb.join(",")})`; ctx.fill();
      ctx.strokeStyle = c.text; ctx.lineWidth = 1.5; ctx.stroke(); ctx.lineWidth = 1;
      if (p.label && !o.small) {
        ctx.fillStyle = c.text; ctx.font = "12px system-ui, sans-serif";
        const left = X + 9 + ctx.measureText(p.label).width > w - 2;   // no room on the right: write it on the left
        ctx.textAlign = left ? "right" : "left"; ctx.textBaseline = "bottom"; ctx.fillText(p.label, left ? X - 9 : X + 9, Y - 3);
      }
    }
    return f;
  }

  // ----- one explorer ---------------------------------------------------------------------------
  function build(rootEl) {
    const name = rootEl.dataset.bpExplorer, init = registry[name];
    if (!init || rootEl.dataset.built) return;
    rootEl.dataset.built = "1";
    const parse = (attr) => { try { return JSON.parse(rootEl.getAttribute(attr) || "{}"); } catch (e) { return {}; } };
    const text = parse("data-text"), config = parse("data-config");
    rootEl.textContent = "";
    rootEl.classList.add(NS);
    const controls = el("div", {class: NS + "-controls"});
    rootEl.appendChild(controls);
    let update = () => {}, pending = false, renders = 0, statusEl = null, uid = 0;
    const id = (key) => `${NS}-${name}-${key || "c" + uid++}`;

    function schedule() {
      if (pending) return;
      pending = true;
      (root.requestAnimationFrame || setTimeout)(run);
    }
    function run() {
      pending = false;
      const t0 = root.performance ? performance.now() : 0;
      try { update(); } catch (err) {
        if (statusEl) statusEl.textContent = String(err && err.message || err);
        console.error(err);
      }
      if (root.performance) rootEl.dataset.ms = (performance.now() - t0).toFixed(2);  // benchmarks/js_explorers.py
      rootEl.dataset.renders = String(++renders);
    }
    function control(label, input, shown) {
      const wrap = el("div", {class: NS + "-control"});
      const lab = el("label", {for: input.id}, label);
      wrap.append(lab, input);
      if (shown) wrap.append(shown);
      controls.appendChild(wrap);
      return wrap;
    }

    const ui = {
      lang: rootEl.dataset.lang || "en", text, config, root: rootEl, fmt, colors, plot, field, el,
      t(key) { if (!(key in text)) throw new Error(`explorer ${name}: no text for "${key}"`); return text[key]; },
      slider(o) {
        const values = o.values;
        const input = el("input", {type: "range", id: id(o.key), "data-key": o.key});
        const format = o.format || ((v) => fmt(v));
        if (values) {
          const start = Math.max(0, values.indexOf(o.value));
          Object.assign(input, {min: 0, max: values.length - 1, step: 1});
          input.value = String(start);
        } else {
          Object.assign(input, {min: o.min, max: o.max, step: o.step || "any"});
          input.value = String(o.value);
        }
        const get = () => (values ? values[+input.value] : +input.value);
        const shown = el("output", {for: input.id, "aria-hidden": "true"});
        const show = () => { const s = format(get()); shown.textContent = s; input.setAttribute("aria-valuetext", s); };
        show();
        input.addEventListener("input", () => { show(); schedule(); });
        control(o.label, input, shown);
        return {element: input, get value() { return get(); },
                set(v) { input.value = String(values ? Math.max(0, values.indexOf(v)) : v); show(); schedule(); }};
      },
      select(o) {
        const input = el("select", {id: id(o.key), "data-key": o.key});
        for (const [value, label] of o.options) input.appendChild(el("option", {value: String(value)}, label));
        input.value = String(o.value != null ? o.value : o.options[0][0]);
        const typed = (s) => { const hit = o.options.find(([v]) => String(v) === s); return hit ? hit[0] : s; };
        input.addEventListener("change", schedule);
        control(o.label, input);
        return {element: input, get value() { return typed(input.value); }, set(v) { input.value = String(v); schedule(); }};
      },
      number(o) {
        const input = el("input", {type: "number", id: id(o.key), "data-key": o.key, step: o.step || "any",
                                   min: o.min, max: o.max, inputmode: "decimal"});
        input.value = String(o.value);
        let last = +o.value;
        input.addEventListener("input", () => { if (input.value !== "" && Number.isFinite(+input.value)) { last = +input.value; schedule(); } });
        control(o.label, input);
        return {element: input, get value() { return last; }, set(v) { input.value = String(v); last = +v; schedule(); }};
      },
      checkbox(o) {
        const input = el("input", {type: "checkbox", id: id(o.key), "data-key": o.key});
        input.checked = !!o.value;
        input.addEventListener("change", schedule);
        control(o.label, input);
        return {element: input, get value() { return input.checked; }, set(v) { input.checked = !!v; schedule(); }};
      },
      button(o) {
        const input = el("button", {type: "button", id: id(o.key), "data-key": o.key}, o.label);
        input.addEventListener("click", () => { o.onClick(); schedule(); });
        const wrap = el("div", {class: NS + "-control"});
        wrap.appendChild(input);
        controls.appendChild(wrap);
        return {element: input, get value() { return input.textContent; }, set(label) { input.textContent = label; }};
      },
      status() {
        statusEl = el("p", {class: NS + "-status", role: "status", "aria-live": "polite"});
        rootEl.appendChild(statusEl);
        return statusEl;
      },
      canvas(o) {
        const dpr = Math.min(3, root.devicePixelRatio || 1);
        const canvas = el("canvas", {role: "img", "aria-label": o.label, "data-key": o.key});
        canvas.width = Math.round(o.width * dpr); canvas.height = Math.round(o.height * dpr);
        canvas.dataset.w = o.width; canvas.dataset.h = o.height;
        canvas.style.width = o.width + "px";
        canvas.getContext("2d").scale(dpr, dpr);
        const figure = el("figure");
        figure.appendChild(canvas);
        rootEl.appendChild(figure);
        return canvas;
      },
      row(...items) {
        const row = el("div", {class: NS + "-row"});
        for (const item of items) row.appendChild(item.tagName === "CANVAS" ? item.parentNode : item);
        rootEl.appendChild(row);
        return row;
      },
      onUpdate(fn) { update = fn; schedule(); },
      update: schedule,
    };
    init(rootEl, ui);
    // redraw when the reader switches between the light and the dark theme
    if (root.MutationObserver) {
      new MutationObserver(schedule).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
    }
  }

  function start() {
    addStyle();
    document.querySelectorAll("[data-bp-explorer]").forEach(build);
  }

  const api = {
    register(name, init) {
      registry[name] = init;
      if (document.readyState !== "loading") start();
    },
    start, colors, fmt, shade,
  };
  root.bpExplorers = api;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
})(typeof window !== "undefined" ? window : this);
