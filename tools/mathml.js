// Typeset TeX as MathML at build time, with KaTeX (pinned in tools/vendor.lock), for _ext/mathml.py.
// stdin:  {"katex": "<path of katex.min.js>", "items": [[tex, display], ...]}
// stdout: [[mathml or null, error message or null], ...], one pair per item, in order.
// MathML Core (what Chromium renders) ignores mathvariant other than "normal", so the styled letters
// KaTeX marks with it (\mathbf, \mathcal, \mathbb, ...) are written as Unicode's mathematical
// alphanumeric characters instead, which every MathML renderer shows in the right style.
"use strict";

// First code point of each style's A-Z, a-z and 0-9 runs (Unicode block 1D400-1D7FF), and the
// letters that live elsewhere (Letterlike Symbols) because they were encoded before the block.
const STYLES = {
  "bold": {A: 0x1D400, a: 0x1D41A, d: 0x1D7CE, Alpha: 0x1D6A8, alpha: 0x1D6C2},
  "italic": {A: 0x1D434, a: 0x1D44E, Alpha: 0x1D6E2, alpha: 0x1D6FC, holes: {h: 0x210E}},
  "bold-italic": {A: 0x1D468, a: 0x1D482, Alpha: 0x1D71C, alpha: 0x1D736},
  "script": {A: 0x1D49C, a: 0x1D4B6, holes: {B: 0x212C, E: 0x2130, F: 0x2131, H: 0x210B, I: 0x2110,
    L: 0x2112, M: 0x2133, R: 0x211B, e: 0x212F, g: 0x210A, o: 0x2134}},
  "bold-script": {A: 0x1D4D0, a: 0x1D4EA},
  "fraktur": {A: 0x1D504, a: 0x1D51E, holes: {C: 0x212D, H: 0x210C, I: 0x2111, R: 0x211C, Z: 0x2128}},
  "double-struck": {A: 0x1D538, a: 0x1D552, d: 0x1D7D8, holes: {C: 0x2102, H: 0x210D, N: 0x2115,
    P: 0x2119, Q: 0x211A, R: 0x211D, Z: 0x2124}},
  "sans-serif": {A: 0x1D5A0, a: 0x1D5BA, d: 0x1D7E2},
  "bold-sans-serif": {A: 0x1D5D4, a: 0x1D5EE, d: 0x1D7EC, Alpha: 0x1D756, alpha: 0x1D770},
  "monospace": {A: 0x1D670, a: 0x1D68A, d: 0x1D7F6},
};

function styled(ch, style) {
  const s = STYLES[style];
  const c = ch.codePointAt(0);
  if (s.holes && s.holes[ch]) return String.fromCodePoint(s.holes[ch]);
  if (c >= 0x41 && c <= 0x5A) return String.fromCodePoint(s.A + c - 0x41);
  if (c >= 0x61 && c <= 0x7A) return String.fromCodePoint(s.a + c - 0x61);
  if (s.d && c >= 0x30 && c <= 0x39) return String.fromCodePoint(s.d + c - 0x30);
  // Greek capitals 0391-03A9 and small letters 03B1-03C9 (0x3A2 has no capital form: a gap in both).
  if (s.Alpha && c >= 0x391 && c <= 0x3A9 && c !== 0x3A2) return String.fromCodePoint(s.Alpha + c - 0x391);
  if (s.alpha && c >= 0x3B1 && c <= 0x3C9) return String.fromCodePoint(s.alpha + c - 0x3B1);
  return null;
}

function restyle(mathml) {
  return mathml.replace(/<(mi|mn|mtext)([^>]*?) mathvariant="([a-z-]+)"([^>]*)>([^<]*)<\/\1>/g,
    (whole, tag, before, style, after, text) => {
      if (style === "normal" || !STYLES[style]) return whole;
      const chars = [...text].map((ch) => styled(ch, style));
      if (chars.some((ch) => ch === null)) return whole;  // left as is; the build's check reports it
      // MathML's automatic italic applies to plain letters only, so these stay as styled.
      return `<${tag}${before}${after}>${chars.join("")}</${tag}>`;
    });
}

// Characters KaTeX writes that math fonts (Latin Modern Math among them) do not have, and the
// character with the same meaning they do have: \bar's accent, U+02C9 MODIFIER LETTER MACRON,
// is U+00AF MACRON in the fonts' accent tables.
const SUBSTITUTES = {"\u02C9": "\u00AF"};

// KaTeX writes the bars of |x| and \|x\| as <mo stretchy="false">∣</mo> and ∥, which MathML's operator
// dictionary spaces as relations (divides, parallel to): as delimiters they take no space, as in TeX.
const BARS = new Set(["\u2223", "\u2225"]);

function substitute(mathml) {
  return mathml.replace(/<mo([^>]*)>([^<]*)<\/mo>/g, (whole, attributes, text) => {
    const spaced = BARS.has(text) && attributes.includes('stretchy="false"') && !attributes.includes("lspace")
      ? ' lspace="0em" rspace="0em"' : "";
    return `<mo${attributes}${spaced}>${[...text].map((ch) => SUBSTITUTES[ch] || ch).join("")}</mo>`;
  });
}

function main(input) {
  const {katex: path, items} = JSON.parse(input);
  const katex = require(path);
  const out = items.map(([tex, display]) => {
    try {
      let html = katex.renderToString(tex, {displayMode: display, output: "mathml", throwOnError: true,
        strict: "error", trust: false});
      // <span class="katex"><math xmlns=...>...</math></span> -> <math>...</math>: the wrapper and the
      // namespace add nothing in an HTML page.
      html = html.replace(/^<span class="katex(?:-display)?">(?:<span class="katex">)?/, "")
                 .replace(/(?:<\/span>)+$/, "")
                 .replace(' xmlns="http://www.w3.org/1998/Math/MathML"', "");
      return [substitute(restyle(html)), null];
    } catch (error) {
      return [null, String(error.message || error)];
    }
  });
  process.stdout.write(JSON.stringify(out));
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => main(input));
