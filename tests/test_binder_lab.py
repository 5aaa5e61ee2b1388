"""Every chapter run the way Binder runs it, and read the way a reader sees it there.

1. Make a virtual environment from exactly ``binder/requirements.txt`` and run
   ``binder/postBuild`` in it (as repo2docker would; apt.txt's font is installed by make).
2. Start JupyterLab on 127.0.0.1 on a copy of the chapters, rewritten by postBuild
   (``tools/lab_myst.py``) as on Binder.
3. Open each chapter's ``.md`` file in both languages, which must open as a notebook
   (jupytext), run all cells in Chromium, and check what is rendered: no cell shows
   an error or stderr; no markdown cell shows raw MyST; every solution starts
   collapsed; and the numbers in the prose are exactly those of the HTML book.
The environment is cached in _build/binder-venv, keyed on the binder/ files.
Screenshots of one chapter per language go to _build/screenshots/ for a person to look at.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from bs4 import BeautifulSoup

from backprop.book.glue import TIMING_PREFIX  # measured seconds differ between any two runs
from browser import CHROMIUM, CHROMIUM_ARGS
from conftest import HTML, ROOT

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.jupyter, pytest.mark.browser]

BINDER = ROOT / "binder"
VENV = ROOT / "_build" / "binder-venv"


def binder_key() -> str:
    h = hashlib.sha256()
    for name in ("requirements.txt", "postBuild", "apt.txt"):
        h.update((BINDER / name).read_bytes())
    h.update((ROOT / "code" / "pyproject.toml").read_bytes())
    h.update(b"test settings: windowingMode none; postBuild on a copy")  # change when the set-up below changes
    return h.hexdigest()[:16]


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    key_file = VENV / ".binder-key"
    config_dir = VENV / "jupyter-config"
    scratch = tmp_path_factory.mktemp("postbuild") / "chapters"
    if not (key_file.exists() and key_file.read_text() == binder_key()):
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        start = time.perf_counter()
        subprocess.run([str(VENV / "bin/python"), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
                       check=True, cwd=ROOT)
        env = dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ['PATH']}", JUPYTER_CONFIG_DIR=str(config_dir),
                   BOOK_CHAPTERS=str(scratch))
        shutil.copytree(ROOT / "chapters", scratch)  # postBuild rewrites chapters: never the working tree's
        subprocess.run(["bash", str(BINDER / "postBuild")], check=True, cwd=ROOT, env=env)
        # Test-only: render every cell (JupyterLab 4 otherwise renders only those in view),
        # so that the browser can reach the explorer's widgets without scrolling tricks.
        overrides = config_dir / "labconfig" / "default_setting_overrides.json"
        settings = json.loads(overrides.read_text()) if overrides.exists() else {}
        settings.setdefault("@jupyterlab/notebook-extension:tracker", {})["windowingMode"] = "none"
        overrides.parent.mkdir(parents=True, exist_ok=True)
        overrides.write_text(json.dumps(settings))
        print(f"binder env installed in {time.perf_counter() - start:.0f} s")
        key_file.write_text(binder_key())
    return VENV, config_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(binder_env, tmp_path_factory):
    venv, config_dir = binder_env
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("home")
    # JupyterLab saves what it opens: serve a copy of the chapters, not the working tree.
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "chapters", root / "chapters")
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")  # chapter 7 reads the Binder address
    env = dict(os.environ, PATH=f"{venv / 'bin'}:{os.environ['PATH']}", JUPYTER_CONFIG_DIR=str(config_dir),
               HOME=str(home), MPLBACKEND="module://matplotlib_inline.backend_inline")
    env.pop("BACKPROP_RECOMPUTE", None)  # the build's setting; on Binder stored results are loaded
    # The tests read the notebook model through window.jupyterapp. The command-line flag
    # --LabApp.expose_app_in_browser is ignored with this set of extensions; a config file is not.
    # A fresh workspace each run, or JupyterLab reopens what an earlier run left open.
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(
        {"LabApp": {"expose_app_in_browser": True, "workspaces_dir": str(home / "workspaces")}}))
    # What Binder's postBuild does to its copy of the repository, done to this copy.
    subprocess.run(["bash", str(BINDER / "postBuild")], check=True, cwd=ROOT,
                   env=dict(env, BOOK_CHAPTERS=str(root / "chapters")))
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(
        [str(venv / "bin/jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--allow-root"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text())
    yield base, token
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def lab_page(lab):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield page
        browser.close()


def shut_down_kernels(base, token):
    kernels = json.load(urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=10))
    for kernel in kernels:
        request = urllib.request.Request(f"{base}/api/kernels/{kernel['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30)


def open_and_run(page, base, token, path, timeout_s=240):
    """Open ``path`` in JupyterLab as the only document, run all cells, wait until all have run.

    A page without code (the preface) has no kernel: it is only opened.
    """
    if page.url.startswith(base):
        page.evaluate("() => window.jupyterapp.commands.execute('application:close-all')")
    shut_down_kernels(base, token)  # one chapter's kernel at a time, as a reader on one core would
    page.goto(f"{base}/lab/tree/{path}?token={token}", wait_until="load")
    page.wait_for_function("(path) => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.context"
                           " && window.jupyterapp.shell.currentWidget.context.path === path"
                           " && window.jupyterapp.shell.currentWidget.content"
                           " && window.jupyterapp.shell.currentWidget.content.widgets.length > 0",
                           arg=path, timeout=90000)
    if "```{code-cell}" not in (ROOT / path).read_text(encoding="utf-8"):
        page.wait_for_function("() => window.jupyterapp.shell.currentWidget.node"
                               ".querySelector('.jp-MarkdownCell div.myst')", timeout=30000)
        page.wait_for_timeout(1000)
        for _ in range(3):  # JupyterLab asks which kernel a page without code should use: none
            if not page.locator(".jp-Dialog").count():
                break
            page.keyboard.press("Escape")
            page.wait_for_timeout(500)
        return
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel", timeout=90000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const code = panel.content.widgets.filter(c => c.model.type === 'code');
            return code.every(c => c.model.executionCount !== null)
                && panel.sessionContext.session.kernel.status === 'idle';
        }""", timeout=timeout_s * 1000)


def error_outputs(page):
    """Error and stderr outputs of the open notebook, read from its model (every cell, rendered or not)."""
    return page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
        .filter(c => c.model.type === 'code')
        .flatMap(c => c.model.outputs.toJSON())
        .filter(o => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'))
        .map(o => o.output_type === 'error' ? o.ename + ': ' + o.evalue : o.text)""")


# What must never show in a rendered markdown cell: MyST that was not rendered.
RAW_MYST = re.compile(r"\{glue|\{eval\}|\{cite|\{ref\}|\{eq\}|:class:|```|\$[^$\n]+\$|^\([\w-]+\)=", re.M)
PAGES = [f"chapters/{lang}/{p.name}" for p in sorted((ROOT / "chapters/en").glob("*.md")) for lang in ("en", "zh")]
SCREENSHOTS = {"chapters/en/05-worked-example.md", "chapters/zh/05-worked-example.md"}


def wait_until_rendered(page, timeout_s=120):
    """jupyterlab-myst renders markdown cells, and evaluates their {eval} roles, after the kernel is idle:
    wait until every markdown cell is rendered and every one with {eval} roles has their results."""
    page.wait_for_function("""() => {
        const cells = window.jupyterapp.shell.currentWidget.content.widgets.filter(c => c.model.type === 'markdown');
        return cells.every(c => {
            const source = c.model.sharedModel.getSource();
            const rendered = source.trim() === '' || (c.rendered && c.node.querySelector('div.myst'));
            const results = c.model.getMetadata('user_expressions') || [];
            return rendered && (!source.includes('{eval}`') || results.length > 0);
        }); }""", timeout=timeout_s * 1000, polling=500)


def rendered_markdown(page):
    """The text of every rendered markdown cell, with the typeset math (KaTeX) taken out."""
    return page.evaluate("""() => [...window.jupyterapp.shell.currentWidget.node
        .querySelectorAll('.jp-MarkdownCell div.myst')].map(el => {
            const copy = el.cloneNode(true);
            copy.querySelectorAll('.katex, .katex-display').forEach(k => k.remove());
            return copy.textContent; })""")


def shown_numbers(page):
    """(expression, text) of each {eval} role of the notebook, in order (jupyterlab-myst keeps them in the cell)."""
    return page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
        .filter(c => c.model.type === 'markdown')
        .flatMap(c => c.model.getMetadata('user_expressions') || [])
        .map(e => [e.expression, e.result && e.result.status === 'ok' ? e.result.data['text/plain'] : 'ERROR'])""")


def html_numbers(path):
    """The glued numbers of the HTML page, in order."""
    page = HTML / path.replace(".md", ".html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [span.get_text() for span in soup.select("span.pasted-text")]


@pytest.mark.book
@pytest.mark.parametrize("path", PAGES)
def test_chapter_reads_like_the_book(lab, lab_page, built_html, path):
    base, token = lab
    open_and_run(lab_page, base, token, path, timeout_s=400)
    source = (ROOT / path).read_text(encoding="utf-8")
    code = lab_page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                             ".filter(c => c.model.type === 'code').length")
    assert code == source.count("```{code-cell}"), "the page did not open as a notebook of its cells"
    assert not error_outputs(lab_page), error_outputs(lab_page)
    wait_until_rendered(lab_page)
    texts = rendered_markdown(lab_page)
    assert texts, "no rendered markdown cell"
    raw = [m.group(0) + " in: " + t[max(0, m.start() - 60):m.end() + 60]
           for t in texts for m in [RAW_MYST.search(t)] if m]
    assert not raw, f"raw MyST shows in {path}: {raw[:3]}"
    opened = lab_page.evaluate("""() => [...window.jupyterapp.shell.currentWidget.node
        .querySelectorAll('.jp-MarkdownCell details')].map(d => d.open)""")
    assert len(opened) == source.count(":class: dropdown"), "a solution dropdown did not render as one"
    assert not any(opened), "a solution starts open"
    shown, html = shown_numbers(lab_page), html_numbers(path)
    assert len(shown) == len(html), f"{len(shown)} numbers in JupyterLab, {len(html)} in the HTML"
    differ = [(expression, text, want) for (expression, text), want in zip(shown, html)
              if text != want and not re.match(rf'glued\("{TIMING_PREFIX}', expression)]
    assert not differ, f"numbers that differ from the HTML book's (expression, JupyterLab, HTML): {differ[:5]}"
    if path in SCREENSHOTS:
        shots = ROOT / "_build" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        lab_page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets[0].node.scrollIntoView()")
        lab_page.screenshot(path=str(shots / ("binder-" + path.replace("/", "-").replace(".md", ".png"))))


EXPLORER_CHAPTER = "07-dynamics.md"


def test_explorer_chapter_runs_and_the_slider_retrains(lab, lab_page):
    """Run the explorer chapter in JupyterLab, move the learning-rate slider, see the plot change."""
    base, token = lab
    assert (ROOT / "chapters/en" / EXPLORER_CHAPTER).exists()
    open_and_run(lab_page, base, token, f"chapters/en/{EXPLORER_CHAPTER}", timeout_s=400)
    assert not error_outputs(lab_page), error_outputs(lab_page)
    panel = lab_page.locator(".jp-NotebookPanel:visible")
    image = panel.locator(".widget-image").first
    image.scroll_into_view_if_needed()
    before = image.get_attribute("src")
    handle = panel.locator(".widget-hslider .noUi-handle").first  # the first slider is the learning rate
    handle.focus()
    for _ in range(3):
        lab_page.keyboard.press("ArrowRight")
    lab_page.wait_for_function("([el, old]) => el.getAttribute('src') !== old",
                               arg=[image.element_handle(), before], timeout=30000)
    assert not error_outputs(lab_page), error_outputs(lab_page)
