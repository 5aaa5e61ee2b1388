"""The no-kernel explorer: sliders over results precomputed when the book is built.

A published HTML page has no Python kernel, so moving a slider there cannot
retrain anything. Instead :func:`precompute` trains every network of a grid
(learning rates × init scales × seeds) once, with the batched trainer, and
:func:`explorer_html` embeds the results, compactly encoded, in one HTML block
with a small script of the book's own (``static/explorer.js``). Nothing is
loaded from anywhere: the data and the script travel inside the page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .._checks import per_network, whole_number, whole_numbers
from ..vectorized import Network, forward, train_many
from ..data import xor
from ..book.labels import check_lang, label

GRID = 21            # decision-boundary samples per axis
STYLE = (".bp-explorer-control{display:inline-block;margin:0 1.5em .4em 0;white-space:nowrap}"
         ".bp-explorer-control input{vertical-align:middle;margin:0 .4em}"
         ".bp-explorer-plots canvas{max-width:100%;margin:0 1em 1em 0;border:1px solid #ddd}"
         ".bp-explorer-status{font-weight:600}")
CURVE_POINTS = 60    # points kept of each loss curve (log-spaced epochs)


@dataclass(frozen=True)
class ExplorerData:
    """Precomputed runs, indexed [lr, scale, seed].

    ``curves`` (n_lr, n_scale, n_seed, CURVE_POINTS): loss at the epochs ``curve_epochs``
    (NaN after divergence); ``outputs`` (…, 4): the four final outputs; ``fields``
    (…, GRID, GRID): the output over [−0.5, 1.5]² ; ``status``: 0 stuck, 1 solved, 2 diverged;
    ``solved_epoch``: first epoch solved or −1.
    """

    lrs: np.ndarray
    scales: np.ndarray
    seeds: np.ndarray
    epochs: int
    hidden: int
    curve_epochs: np.ndarray
    curves: np.ndarray
    outputs: np.ndarray
    fields: np.ndarray
    status: np.ndarray
    solved_epoch: np.ndarray


def precompute(lrs, scales, seeds=(0, 1, 2), epochs=2000, hidden=4) -> ExplorerData:
    """Train a 2-hidden-1 sigmoid network on XOR for every (η, scale, seed); weights and biases ~ N(0, scale²)."""
    lrs = per_network(lrs, "lrs", "positive")
    scales = per_network(scales, "scales", "positive")
    seeds = np.array(whole_numbers(seeds, "seeds", 0), dtype=np.int64)
    if seeds.size == 0:
        raise ValueError("seeds must list at least one seed (whole numbers >= 0)")
    epochs = whole_number(epochs, "epochs", 1)
    hidden = whole_number(hidden, "hidden", 1)
    X, Y = xor()
    L, S, K = np.meshgrid(lrs, scales, seeds, indexing="ij")
    r = train_many([2, hidden, 1], X, Y, L.ravel(), epochs, S.ravel(), K.ravel(), init="normal")
    shape = L.shape
    curve_epochs = np.unique(np.geomspace(1, epochs, CURVE_POINTS).astype(int)) - 1
    curves = r.losses[:, curve_epochs]
    g = np.linspace(-0.5, 1.5, GRID)
    G1, G2 = np.meshgrid(g, g)
    P = np.column_stack([G1.ravel(), G2.ravel()])
    with np.errstate(all="ignore"):
        net = Network.checked([2, hidden, 1], "sigmoid", loss="mse")
        fields = forward(net, r.weights, r.biases, P)[1][-1][..., 0]  # a^L over the plane, (n, GRID²)
    status = np.where(r.diverged, 2, np.where(r.solved, 1, 0))
    return ExplorerData(lrs, scales, seeds, epochs, hidden, curve_epochs + 1,
                        curves.reshape(shape + (-1,)), r.outputs[:, :, 0].reshape(shape + (4,)),
                        fields.reshape(shape + (GRID, GRID)), status.reshape(shape),
                        r.solved_epoch.reshape(shape))


def _payload(data: ExplorerData, lang: str) -> dict:
    def q(values, digits):  # rounded, with None for non-finite values (JSON has no NaN)
        arr = np.round(np.asarray(values, dtype=float), digits)
        return [None if not np.isfinite(v) else float(v) for v in arr.ravel()]

    finite_fields = np.nan_to_num(data.fields, nan=0.5)
    return {
        "lrs": q(data.lrs, 4), "scales": q(data.scales, 4), "seeds": data.seeds.tolist(),
        "epochs": data.epochs, "hidden": data.hidden, "grid": GRID,
        "curveEpochs": data.curve_epochs.tolist(),
        "curves": q(np.log10(np.where(data.curves > 0, data.curves, np.nan)), 2),
        "outputs": q(data.outputs, 3),
        # the boundary field as one character per sample: '0'..'9' → output 0.05 .. 0.95
        "fields": ["".join(str(min(9, int(v * 10))) for v in f.ravel())
                   for f in finite_fields.reshape(-1, GRID * GRID)],
        "status": data.status.ravel().tolist(),
        "solvedEpoch": data.solved_epoch.ravel().tolist(),
        "text": {k: label(k, lang) for k in (
            "explorer_lr", "explorer_scale", "explorer_seed", "explorer_loss_title",
            "explorer_boundary_title", "static_solved", "static_stuck", "static_diverged",
            "static_outputs", "epoch", "loss", "input_x1", "input_x2")},
    }


def explorer_html(data: ExplorerData, lang: str, binder_url: str | None = None) -> str:
    """One self-contained HTML block: sliders, two canvases, the embedded results and the script."""
    if not isinstance(data, ExplorerData):
        raise ValueError(f"data must be the ExplorerData that precompute returns; got {type(data).__name__}")
    check_lang(lang)
    if binder_url is not None and (not isinstance(binder_url, str) or not binder_url.startswith(("https://", "http://"))):
        raise ValueError(f"binder_url must be None or an http(s) address; got {binder_url!r}")
    payload = json.dumps(_payload(data, lang), separators=(",", ":"), ensure_ascii=False)
    script = resources.files("backprop").joinpath("static/explorer.js").read_text(encoding="utf-8")
    note = label("static_note", lang)
    if binder_url:
        note += f' <a href="{binder_url}">{label("static_binder_link", lang)}</a>'
    # A stable id (Python's hash() changes from run to run; the page must not).
    uid = "bpx" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:10]
    return (
        f'<div class="bp-explorer" id="{uid}" lang="{"zh-CN" if lang == "zh" else "en"}">'
        f"<style>{STYLE}</style>"
        f'<p class="bp-explorer-note">{note}</p>'
        f'<script type="application/json" class="bp-explorer-data">{payload}</script>'
        f"<script>{script}\n;bpExplorer(document.getElementById('{uid}'));</script></div>"
    )


def binder_url(config_path, chapter_path: str) -> str:
    """The Binder address that opens ``chapter_path`` in JupyterLab, from the book's ``_config.yml``.

    ``{launch_buttons.binderhub_url}/v2/gh/{owner/repo}/{branch}?urlpath=lab/tree/{chapter_path}``,
    the address of the page's own launch button; ``chapter_path`` is relative to the repository
    root, e.g. ``"chapters/en/07-dynamics.md"``.
    """
    from pathlib import Path, PurePosixPath
    from urllib.parse import quote, urlparse

    import yaml

    path = Path(config_path)
    if not path.is_file():
        raise ValueError(f"config_path must name the book's _config.yml; no file at {str(path)!r}")
    cfg = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        repo_url = str(cfg["repository"]["url"])
        branch = str(cfg["repository"].get("branch") or "main")
        hub = str(cfg["launch_buttons"]["binderhub_url"]).rstrip("/")
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path} needs repository.url and launch_buttons.binderhub_url") from exc
    parsed = urlparse(repo_url)
    repo = parsed.path.strip("/")
    if parsed.netloc != "github.com" or repo.count("/") != 1:
        raise ValueError(f"repository.url must be https://github.com/OWNER/NAME; got {repo_url!r}")
    if not hub.startswith(("https://", "http://")):
        raise ValueError(f"launch_buttons.binderhub_url must be an http(s) address; got {hub!r}")
    chapter = PurePosixPath(str(chapter_path))
    if chapter.is_absolute() or ".." in chapter.parts or chapter.suffix not in (".md", ".ipynb"):
        raise ValueError("chapter_path must be a .md or .ipynb path relative to the repository root, "
                         f"e.g. 'chapters/en/07-dynamics.md'; got {chapter_path!r}")
    return f"{hub}/v2/gh/{repo}/{quote(branch)}?urlpath={quote('lab/tree/' + str(chapter), safe='/')}"
