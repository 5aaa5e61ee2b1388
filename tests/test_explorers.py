"""Every live JavaScript explorer, used the way a reader uses it, in both languages.

Two places:

* a standalone page per explorer (``backprop.book.explorers.standalone_page``, the scripts as
  served, inline): needs only Chromium, so it runs while the book is being written;
* the built book: every page that holds an explorer, served on loopback, every request off
  localhost aborted (``browser.PageWatch``), also at a phone's width (390 px).

On each explorer: every control has an accessible name and is a native, keyboard-operable form
element; moving each control (a range to its other end by keyboard, another option of a select,
a click) changes a plot (the canvas pixels) and the status line; a button changes what is shown;
labels are in the page's language; no console error. The equality of each explorer's numbers with
the package is tested in ``tests/test_explorer_<name>.py``; the weight of the pages here.
"""
from __future__ import annotations

import hashlib
import importlib
import math
import pkgutil
import re

import pytest

import backprop.chapters
from backprop.book.explorers import known_names, names_in, script, script_names, standalone_page
from browser import PageWatch, serve
from conftest import HTML, html_pages

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u4e00-\u9fff]")
PHONE = 390
HTML_BUDGET = 150 * 1024      # bytes of a page's HTML (issue 12 §4)
SCRIPT_BUDGET = 60 * 1024     # bytes of the explorer scripts a page loads


def chapter_explorers():
    """(module name, explorer name) of every chapter module with ``live_explorer``."""
    found = []
    for info in pkgutil.iter_modules(backprop.chapters.__path__):
        module = importlib.import_module(f"backprop.chapters.{info.name}")
        if hasattr(module, "live_explorer"):
            found.append((module.__name__, module.live_explorer("en").name))
    return found


EXPLORERS = chapter_explorers()


def test_every_shipped_explorer_is_shown_by_a_chapter_module():
    assert sorted(name for _, name in EXPLORERS) == known_names()


@pytest.mark.parametrize("name", known_names())
def test_the_scripts_of_a_page_fit_the_budget(name):
    size = sum(len(script(s).encode()) for s in script_names([name]))
    print(f"{name}: {size / 1024:.1f} KB of explorer scripts")
    assert size <= SCRIPT_BUDGET, f"{name}: {size} bytes of scripts, budget {SCRIPT_BUDGET}"


def renders(root):
    return int(root.get_attribute("data-renders") or 0)


def wait_render(page, root, before, timeout=15000):
    page.wait_for_function("([el, n]) => +(el.dataset.renders || 0) > n", arg=[root.element_handle(), before],
                           timeout=timeout)


def snapshot(root):
    """What the reader sees: each canvas's pixels (hashed), the status line, the other text."""
    canvases = root.evaluate("""el => [...el.querySelectorAll('canvas')].map(c => c.toDataURL())""")
    return {"canvases": [hashlib.sha1(c.encode()).hexdigest() for c in canvases],
            "status": root.locator("[role=status]").first.inner_text() if root.locator("[role=status]").count() else "",
            "text": root.inner_text()}


CONTROLS = "input, select, button, textarea"


def check_controls_are_labelled(root):
    unnamed = root.evaluate(f"""el => [...el.querySelectorAll('{CONTROLS}')].filter(c => {{
        const name = c.getAttribute('aria-label') || (c.labels && [...c.labels].map(l => l.textContent).join(' '))
                     || (c.tagName === 'BUTTON' && c.textContent);
        return !(name && name.trim()) || c.tabIndex < 0 || c.disabled; }}).map(c => c.outerHTML.slice(0, 120))""")
    assert not unnamed, f"controls without an accessible name, or not reachable by keyboard: {unnamed}"


def move(page, root, control):
    """Move one control the way a reader would; returns a short description."""
    tag = control.evaluate("c => c.tagName")
    kind = control.get_attribute("type") or ""
    key = control.get_attribute("data-key") or tag
    if tag == "SELECT":
        options = control.evaluate("c => [...c.options].map(o => o.value)")
        current = control.input_value()
        other = next(o for o in options if o != current)
        control.select_option(other)
        return f"{key} -> {other}"
    if kind == "range":
        at_max = control.evaluate("c => +c.value >= +c.max")
        control.focus()
        page.keyboard.press("Home" if at_max else "End")
        return f"{key} -> {'Home' if at_max else 'End'}"
    if kind == "checkbox":
        control.focus()
        page.keyboard.press("Space")
        return f"{key} toggled"
    if kind == "number":
        value = float(control.input_value() or 0)
        control.fill(repr(round(value * 0.5 + 0.25, 6)))
        return f"{key} -> {value * 0.5 + 0.25}"
    control.focus()
    page.keyboard.press("Enter")   # a button, by keyboard
    return f"{key} pressed"


def exercise(page, root, lang):
    """Every check of the module docstring on one explorer root (a Playwright locator)."""
    page.wait_for_function("el => +(el.dataset.renders || 0) >= 1", arg=root.element_handle(), timeout=20000)
    check_controls_are_labelled(root)
    first = snapshot(root)
    assert first["canvases"], "the explorer draws nothing"
    assert first["status"].strip(), "the explorer has no status line"
    if lang == "zh":
        assert CJK.search(first["text"]), "a Chinese page's explorer shows no Chinese"
    else:
        assert not CJK.search(first["text"]), f"an English page's explorer shows Chinese: {first['text'][:200]}"
    problems = []
    for i in range(root.locator(CONTROLS).count()):
        control = root.locator(CONTROLS).nth(i)
        if not control.is_visible():
            continue
        before, count = snapshot(root), renders(root)
        is_button = control.evaluate("c => c.tagName === 'BUTTON'")
        what = move(page, root, control)
        wait_render(page, root, count)
        if is_button:
            page.wait_for_timeout(400)   # a play button animates: let it run a little
        after = snapshot(root)
        drew = after["canvases"] != before["canvases"]
        said = after["status"] != before["status"]
        if is_button:
            if not (drew or said or after["text"] != before["text"]):
                problems.append(f"{what}: nothing visible changed")
            if what.endswith("pressed") and control.is_visible() and control.evaluate(
                    "c => /pause|暂停|❚❚|⏸/i.test(c.textContent)"):
                count = renders(root)
                control.focus()
                page.keyboard.press("Enter")    # pause again, so the next control starts still
                wait_render(page, root, count)
        else:
            if not drew:
                problems.append(f"{what}: no plot changed")
            if not said:
                problems.append(f"{what}: the status line stayed {before['status']!r}")
    assert not problems, "\n".join(problems)


# ----- standalone pages (no built book needed) -------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("module_name", [m for m, _ in EXPLORERS])
def test_explorer_standalone(browser, module_name, lang):
    block = importlib.import_module(module_name).live_explorer(lang)
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    try:
        page.set_content(standalone_page(block))
        exercise(page, page.locator("[data-bp-explorer]").first, lang)
        assert not errors, errors
        assert not requests, f"the explorer made requests: {requests}"
    finally:
        context.close()


# A field of 2 x 2 cells on a small canvas; returns the RGB of the box's bottom-left and top-right
# pixels, which show cells (0, 0) and (1, 1) unblended, and the colour map at a few points.
FIELD_PROBE = """bpExplorers.register("probe", (el, ui) => {
    const canvas = ui.canvas({key: "f", width: 40, height: 40, label: "probe"});
    ui.onUpdate(() => ui.field(canvas, {values: [0, 1, 0.25, 0.75], n: 2, extent: [0, 1, 0, 1], small: true}));
});"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_field_draws_each_cell_in_the_books_colour_map(browser, scheme):
    context = browser.new_context(viewport={"width": 400, "height": 300}, color_scheme=scheme, device_scale_factor=1)
    page = context.new_page()
    try:
        page.set_content("<div data-bp-explorer='probe' data-text='{}' data-config='{}'></div>")
        page.add_script_tag(content=script("ui.js"))
        page.add_script_tag(content=FIELD_PROBE)
        page.wait_for_function("+(document.querySelector('[data-bp-explorer]').dataset.renders || 0) >= 1")
        corners, shades = page.evaluate("""() => {
            const ctx = document.querySelector('canvas').getContext('2d');
            const at = (x, y) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
            const c = bpExplorers.colors();
            return [[at(1, 38), at(38, 1)], [0, 0.25, 0.5, 0.75, 1, -1, 2].map((t) => bpExplorers.shade(t, c))];
        }""")
    finally:
        context.close()
    mid = [40, 44, 52] if scheme == "dark" else [255, 255, 255]
    low, high = [33, 102, 172], [178, 24, 43]
    between = lambda a, b: [math.floor(x + (y - x) * 0.5 + 0.5) for x, y in zip(a, b)]  # noqa: E731  (JS Math.round)
    assert shades == [low, between(low, mid), mid, between(mid, high), high, low, high]
    assert corners == [low, between(mid, high)]   # value 0 at cell (0, 0), 0.75 at cell (1, 1)


# ----- the built book --------------------------------------------------------------------------

def explorer_pages():
    if not HTML.exists():
        return []
    return [p.relative_to(HTML).as_posix() for p in html_pages()
            if names_in(p.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def site(built_html):
    with serve(built_html) as base:
        yield base


@pytest.mark.book
def test_every_explorer_is_on_a_page_in_both_languages(built_html):
    pages = explorer_pages()
    for name in known_names():
        langs = {p.split("/")[1] for p in pages if name in names_in((HTML / p).read_text(encoding="utf-8"))}
        assert langs == {"en", "zh"}, f"explorer {name} is on pages of {sorted(langs)}"


@pytest.mark.book
@pytest.mark.parametrize("path", explorer_pages())
def test_explorer_page_weight(built_html, path):
    page_html = (HTML / path).read_text(encoding="utf-8")
    size = len(page_html.encode())
    scripts = sum((HTML / "_static" / "bp" / s).stat().st_size for s in script_names(names_in(page_html)))
    print(f"{path}: {size / 1024:.0f} KB of HTML, {scripts / 1024:.1f} KB of explorer scripts")
    assert size <= HTML_BUDGET, f"{path}: {size} bytes of HTML, budget {HTML_BUDGET}"
    assert scripts <= SCRIPT_BUDGET
    assert "bp-explorer-data" not in page_html, "precomputed runs are still embedded"
    assert "application/vnd.jupyter.widget-state+json" not in page_html
    for s in script_names(names_in(page_html)):
        assert f"_static/bp/{s}" in page_html, f"{path} does not load {s}"


@pytest.mark.book
@pytest.mark.parametrize("width", [1280, PHONE])
@pytest.mark.parametrize("path", explorer_pages())
def test_explorers_in_the_built_book(browser, site, path, width):
    lang = path.split("/")[1]
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=width == PHONE,
                                  is_mobile=width == PHONE)
    page = context.new_page()
    watch = PageWatch(page, site)
    try:
        page.goto(f"{site}/{path}", wait_until="load")
        roots = page.locator("[data-bp-explorer]")
        assert roots.count() >= 1
        for i in range(roots.count()):
            root = roots.nth(i)
            root.scroll_into_view_if_needed()
            if width == PHONE:
                page.wait_for_function("el => +(el.dataset.renders || 0) >= 1", arg=root.element_handle(),
                                       timeout=20000)
                box = root.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE + 0.5, f"explorer {i} is wider than the phone: {box}"
            else:
                exercise(page, root, lang)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"horizontal scroll: the page is {scroll} px wide in a {width} px window"
        assert not watch.problems(), "\n".join(watch.problems())
    finally:
        context.close()


CONTRAST = """el => {
    const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                     .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (node) => {   // the first opaque background up the tree
        for (; node; node = node.parentElement) { const c = rgb(getComputedStyle(node).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); }
        return [255, 255, 255]; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    return [el, ...el.querySelectorAll('label, select, button, input[type=number], output, [role=status], th, td')]
        .filter((n) => n.offsetParent !== null)
        .map((n) => [n.tagName + ' ' + (n.textContent || n.value || '').slice(0, 30),
                     ratio(rgb(getComputedStyle(n).color).slice(0, 3), background(n))]);
}"""


@pytest.mark.book
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", explorer_pages())
def test_explorer_text_is_readable_in_light_and_dark_mode(browser, site, path, scheme):
    """Every label, control, status and table cell of an explorer keeps a contrast of at least 4.5:1 (WCAG AA)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{site}/{path}", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        for root in page.locator("[data-bp-explorer]").element_handles():
            page.wait_for_function("el => +(el.dataset.renders || 0) >= 1", arg=root, timeout=20000)
            poor = [(what, round(r, 2)) for what, r in page.evaluate(CONTRAST, root) if r < 4.5]
            assert not poor, f"{scheme} mode, text below 4.5:1 contrast: {poor[:8]}"
    finally:
        context.close()


@pytest.mark.book
def test_the_engine_on_the_built_page_equals_the_package(browser, site):
    """The engine as the built chapter 7 page loads it (from _static/bp/) trains as MLP.fit does."""
    import numpy as np

    import backprop as bp

    settings = [dict(sizes=[2, 4, 1], lr=1.0, seed=0), dict(sizes=[2, 2, 1], lr=3.0, seed=5, init="xavier"),
                dict(sizes=[2, 8, 1], lr=0.5, seed=7, activation="tanh", outputActivation="sigmoid", loss="bce"),
                dict(sizes=[2, 3, 1], lr=0.05, seed=2, activation="relu", outputActivation="identity", init="he")]
    page = browser.new_page()
    try:
        page.goto(f"{site}/chapters/en/07-dynamics.html", wait_until="load")
        page.wait_for_function("() => window.backpropBook && window.backpropBook.train")
        for s in settings:
            js = page.evaluate("(s) => backpropBook.train(Object.assign({epochs: 2000}, s)).losses", s)
            net = bp.MLP(s["sizes"], activation=s.get("activation", "sigmoid"),
                         output_activation=s.get("outputActivation"), loss=s.get("loss", "mse"),
                         init=s.get("init", "normal"), seed=s["seed"])
            np.testing.assert_allclose(js, net.fit(*bp.xor(), s["lr"], 2000), rtol=1e-10, err_msg=str(s))
    finally:
        page.close()
