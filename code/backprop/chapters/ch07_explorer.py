"""A live explorer of XOR training: move a control, the network is retrained and redrawn.

Controls: the learning rate η, the init scheme (normal with a scale, Xavier, He),
the init scale, the seed, the hidden width H of a 2-H-1 network and the number of
epochs. Outputs: the loss curve, the decision boundary with the four outputs, and a
status line (solved / not solved / stalled / loss rising / diverged) in the page's language.

:meth:`XorExplorer.compute` is the pure part (settings in, :class:`ExplorerState`
out), so tests and benchmarks drive the explorer without a browser;
:meth:`XorExplorer.set` moves the controls as a reader would. One matplotlib
figure is made once; a change updates its artists (``set_data``, ``set_text``) and
replaces the bytes of one ``ipywidgets.Image``, so no figures pile up.
Training uses :func:`backprop.vectorized.fit_one`, the same arithmetic as ``MLP.fit``.

That explorer needs a Python kernel (Jupyter, Binder). The HTML book shows instead
:func:`live_explorer`: the same explorer in JavaScript (``static/explorers/xor.js``), which
trains with the book's JavaScript engine in the reader's browser, with the same settings,
statuses and status texts, plus the hidden activation and the loss as controls;
``tests/test_explorer_xor.py`` checks it against this module and ``fit_one``.
:func:`binder_url` gives the address that opens a chapter in Binder.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from .._checks import choice, non_negative_int, positive_number, whole_number
from ..vectorized import Network, fit_one, forward
from ..data import xor
from ..book.explorers import explorer_block
from ..book.labels import check_lang, label
from ..initialization import INITS

__all__ = ["ExplorerState", "XorExplorer", "binder_url", "live_explorer", "live_fields"]

#: The range of each control, as the widgets offer it.
RANGES = {
    "lr": (0.01, 50.0),
    "scale": (0.01, 20.0),
    "seed": (0, 99),
    "hidden": (1, 16),
    "epochs": (0, 20_000),
}
SETTINGS = ("lr", "init", "scale", "seed", "hidden", "epochs")


@dataclass(frozen=True)
class ExplorerState:
    """What the explorer shows for one choice of settings.

    ``losses`` (epochs,): the loss before each step (NaN after divergence);
    ``outputs`` (4,): the network's final output on the four XOR inputs (NaN if it
    diverged); ``output_texts``: how the figure labels them; ``grid`` (r, r): the output
    over the plane for the decision boundary (None if it diverged); ``status``: one of
    'untrained', 'solved', 'unsolved', 'stalled', 'rising', 'diverged'; ``message``: the status
    line in the explorer's language.
    """

    settings: dict
    losses: np.ndarray
    outputs: np.ndarray
    output_texts: tuple
    grid: np.ndarray | None
    status: str
    message: str
    final_loss: float
    solved_epoch: int
    diverged_epoch: int


def _check_setting(name, value):
    """A setting within the range its control offers; ValueError otherwise."""
    if name == "init":
        return choice(value, "init", INITS)
    lo, hi = RANGES[name]
    if name not in ("lr", "scale"):
        return whole_number(value, name, lo, hi)
    value = positive_number(value, name)
    if not lo * (1 - 1e-9) <= value <= hi * (1 + 1e-9):  # a log slider may miss an end by a rounding
        raise ValueError(f"{name} must lie in [{lo}, {hi}] (the range of its slider); got {value!r}")
    return value


class XorExplorer:
    """XOR training on a 2-H-1 network, with controls; ``display(explorer)`` shows it live.

    ``explorer.set(lr=5.0)`` moves the learning-rate control, retrains, redraws and
    returns the new :class:`ExplorerState`; ``explorer.compute(...)`` only computes.
    ``activation``, ``output_activation`` and ``loss`` are fixed for an explorer (as in
    :class:`backprop.MLP`); ``resolution`` is the side of the decision-boundary grid.
    """

    def __init__(self, lang="en", lr=1.0, init="normal", scale=1.0, seed=0, hidden=4, epochs=5000,
                 activation="sigmoid", output_activation=None, loss="mse", resolution=61, dpi=80,
                 cache_size=64):
        self.lang = check_lang(lang)
        checked = Network.checked([2, 1, 1], activation, output_activation, loss)
        self.activation, self.output_activation, self.loss = (checked.activation, checked.output_activation,
                                                              checked.loss_name)
        self.resolution, self.dpi = whole_number(resolution, "resolution", 10), whole_number(dpi, "dpi", 10)
        self.cache_size = non_negative_int(cache_size, "cache_size")
        self.X, self.Y = xor()
        self.settings = {name: _check_setting(name, value) for name, value in
                         zip(SETTINGS, (lr, init, scale, seed, hidden, epochs))}
        pad = 0.35
        g = np.linspace(-pad, 1 + pad, self.resolution)
        G1, G2 = np.meshgrid(g, g)
        self._plane = np.column_stack([G1.ravel(), G2.ravel()])
        self._extent = (-pad, 1 + pad, -pad, 1 + pad)
        self._cache = OrderedDict()
        self._quiet = False
        self.figure = None
        self.png = b""
        self.controls = self._make_controls()
        self._make_figure()
        self.state = self._update()

    # ----- the pure part ----------------------------------------------------------
    def compute(self, **settings) -> ExplorerState:
        """Train with these settings (the current ones for any left out); no drawing."""
        unknown = set(settings) - set(SETTINGS)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; expected some of {SETTINGS}")
        s = dict(self.settings)
        s.update({name: _check_setting(name, value) for name, value in settings.items()})
        key = tuple(s[name] for name in SETTINGS)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        state = self._compute(s)
        if self.cache_size:
            self._cache[key] = state
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return state

    def _compute(self, s) -> ExplorerState:
        sizes = [2, s["hidden"], 1]
        net = Network.checked(sizes, self.activation, self.output_activation, self.loss)
        r = fit_one(sizes, self.X, self.Y, s["lr"], s["epochs"], s["scale"], s["seed"], s["init"],
                            self.activation, self.output_activation, self.loss)
        losses = r.losses[0]
        diverged = bool(r.diverged[0])
        outputs = np.full(4, np.nan) if diverged else r.outputs[0, :, 0].copy()
        grid = None
        if not diverged:
            with np.errstate(all="ignore"):
                _, activations = forward(net, r.weights, r.biases, self._plane)
            grid = activations[-1][0, :, 0].reshape(self.resolution, self.resolution)
            if not np.isfinite(grid).all():
                grid = np.where(np.isfinite(grid), grid, np.nan)
        final = float("nan")  # the loss after the last step
        if not diverged:
            with np.errstate(all="ignore"):
                z_out = forward(net, r.weights, r.biases, self.X)[0][-1]  # z^L for the cross-entropy
                final = float(net.loss.value_from_output(z_out, r.outputs, self.Y)[0])
        lang = self.lang
        if diverged:
            status = "diverged"
            message = label("status_diverged", lang).format(epoch=int(r.diverged_epoch[0]))
        elif s["epochs"] == 0:
            status, message = "untrained", label("status_untrained", lang)
        elif r.solved[0]:
            status = "solved"
            message = label("status_solved", lang).format(epoch=int(r.solved_epoch[0]), loss=final)
        elif final > 1.05 * losses[0]:
            status = "rising"
            message = label("status_rising", lang).format(start=float(losses[0]), loss=final)
        elif abs(final - losses[0]) <= 1e-3 * losses[0]:
            status = "stalled"
            message = label("status_stalled", lang).format(epochs=s["epochs"], loss=final)
        else:
            status = "unsolved"
            message = label("status_unsolved", lang).format(epochs=s["epochs"], loss=final)
        texts = tuple("—" if not np.isfinite(a) else f"{a:.2f}" for a in outputs)
        return ExplorerState(dict(s), losses, outputs, texts, grid, status, message, final,
                             int(r.solved_epoch[0]), int(r.diverged_epoch[0]))

    # ----- the controls -------------------------------------------------------------
    def _make_controls(self):
        import ipywidgets as w

        lang, s = self.lang, self.settings
        style = {"description_width": "initial"}
        layout = w.Layout(width="340px")
        log = lambda name, key: w.FloatLogSlider(  # noqa: E731
            value=s[name], base=10, min=np.log10(RANGES[name][0]), max=np.log10(RANGES[name][1]), step=0.01,
            description=label(key, lang), readout_format=".3g", continuous_update=False, style=style,
            layout=layout)
        integer = lambda name, key, step: w.IntSlider(  # noqa: E731
            value=s[name], min=RANGES[name][0], max=RANGES[name][1], step=step, description=label(key, lang),
            continuous_update=False, style=style, layout=layout)
        controls = {
            "lr": log("lr", "explorer_lr"),
            "init": w.Dropdown(options=[(label(f"init_{k}", lang), k) for k in INITS], value=s["init"],
                               description=label("explorer_init", lang), style=style, layout=layout),
            "scale": log("scale", "explorer_scale"),
            "seed": integer("seed", "explorer_seed", 1),
            "hidden": integer("hidden", "explorer_hidden", 1),
            "epochs": integer("epochs", "explorer_epochs", 100),
        }
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self._image = w.Image(format="png")
        self._status = w.HTML()
        self.widget = w.VBox([w.HBox([w.VBox([controls[k] for k in ("lr", "init", "scale")]),
                                      w.VBox([controls[k] for k in ("seed", "hidden", "epochs")])]),
                              self._status, self._image])
        return controls

    @property
    def image(self):
        """The ``ipywidgets.Image`` that shows the figure; its value is :attr:`png` (read-only)."""
        return self._image

    def _on_change(self, change):
        if not self._quiet:
            self._update()

    def set(self, **settings) -> ExplorerState:
        """Move the named controls (e.g. ``lr=5.0``), retrain once, redraw, return the state."""
        unknown = set(settings) - set(SETTINGS)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; expected some of {SETTINGS}")
        checked = {name: _check_setting(name, value) for name, value in settings.items()}
        self._quiet = True
        try:
            for name, value in checked.items():
                self.controls[name].value = value
        finally:
            self._quiet = False
        return self._update()

    def _update(self) -> ExplorerState:
        self.settings = {name: self.controls[name].value for name in SETTINGS}
        self.settings = {name: _check_setting(name, v) for name, v in self.settings.items()}
        self.state = self.compute()
        self._draw(self.state)
        self._status.value = f"<b>{self.state.message}</b>"
        return self.state

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    # ----- the figure -----------------------------------------------------------------
    def _make_figure(self):
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import LogLocator, MaxNLocator, NullLocator

        from ..book.plotting import use_book_style

        use_book_style()
        lang = self.lang
        with matplotlib.rc_context({"figure.constrained_layout.use": False}):
            fig = Figure(figsize=(8.6, 3.5), dpi=self.dpi)  # fixed margins: no re-layout per draw
        self._canvas = FigureCanvasAgg(fig)
        fig.subplots_adjust(left=0.08, right=0.97, bottom=0.15, top=0.80, wspace=0.35)
        ax_loss, ax_plane = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
        ax_loss.set_yscale("log")
        ax_loss.yaxis.set_major_locator(LogLocator(numticks=6))
        ax_loss.yaxis.set_minor_locator(NullLocator())
        ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        ax_loss.set_xlabel(label("epoch", lang))
        ax_loss.set_ylabel(label("loss", lang))
        ax_loss.set_title(label("explorer_loss_title", lang), y=1.0)
        # The artists that change are "animated": a full draw renders only the static
        # rest, which is kept as a background and reused while the axes limits stay put.
        (self._loss_line,) = ax_loss.plot([], [], color="C0", lw=1.6, animated=True)
        self._solved_line = ax_loss.axvline(0, color="C2", ls=":", lw=1.5, animated=True)
        self._diverged_line = ax_loss.axvline(0, color="C3", ls="--", lw=1.5, animated=True)
        self._image_artist = ax_plane.imshow(np.full((2, 2), 0.5), extent=self._extent, origin="lower",
                                             cmap="RdBu_r", vmin=0, vmax=1, alpha=0.6,
                                             interpolation="bilinear", animated=True)
        self._contour = None
        y = self.Y[:, 0] > 0.5
        points = [ax_plane.scatter(self.X[~y, 0], self.X[~y, 1], s=80, facecolors="white", edgecolors="k",
                                   zorder=3, animated=True),
                  ax_plane.scatter(self.X[y, 0], self.X[y, 1], s=80, color="k", zorder=3, animated=True)]
        self._output_texts = [ax_plane.text(x1, x2 + 0.13, "", ha="center", va="bottom", fontsize=10, zorder=4,
                                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "alpha": 0.8},
                                            animated=True)
                              for x1, x2 in self.X]
        ax_plane.set_xlim(self._extent[:2])
        ax_plane.set_ylim(self._extent[2:])
        ax_plane.set_xlabel(label("input_x1", lang))
        ax_plane.set_ylabel(label("input_x2", lang))
        ax_plane.set_title(label("explorer_boundary_title", lang), y=1.0)
        ax_plane.grid(False)
        self._status_text = fig.text(0.5, 0.97, "", ha="center", va="top", fontsize=11, animated=True)
        self._points = points
        self._ax_loss, self._ax_plane = ax_loss, ax_plane
        self._backgrounds = OrderedDict()
        self.figure = fig

    def _loss_limits(self, state):
        """x from 0 to the epochs, y snapped to whole decades (so backgrounds can be reused)."""
        losses = state.losses
        good = losses[np.isfinite(losses) & (losses > 0)]
        if good.size:
            lo = int(np.clip(np.floor(np.log10(good.min())), -12, 11))
            hi = int(np.clip(np.ceil(np.log10(good.max())), lo + 1, 12))
        else:
            lo, hi = -3, 0
        return max(state.settings["epochs"], 1), lo, hi

    def _draw(self, state: ExplorerState):
        """Update the artists for this state and render the figure into the Image widget."""
        losses = state.losses
        with np.errstate(all="ignore"):
            shown = np.where(np.isfinite(losses) & (losses > 0), np.minimum(losses, 1e12), np.nan)
        self._loss_line.set_data(np.arange(losses.size), shown)
        self._solved_line.set_visible(state.solved_epoch >= 0)
        self._solved_line.set_xdata([state.solved_epoch] * 2)
        self._diverged_line.set_visible(state.diverged_epoch >= 0)
        self._diverged_line.set_xdata([state.diverged_epoch] * 2)
        if self._contour is not None:
            self._contour.remove()
            self._contour = None
        if state.grid is None:
            self._image_artist.set_data(np.full((2, 2), np.nan))
        else:
            self._image_artist.set_data(state.grid)
            finite = state.grid[np.isfinite(state.grid)]
            if finite.size and finite.min() < 0.5 < finite.max():
                g = np.linspace(*self._extent[:2], self.resolution)
                self._contour = self._ax_plane.contour(g, g, state.grid, levels=[0.5], colors="k",
                                                       linewidths=1.5)
                self._contour.set_animated(True)
        for text, value in zip(self._output_texts, state.output_texts):
            text.set_text(value)
        self._status_text.set_text(state.message)
        self._status_text.set_color("C3" if state.status in ("diverged", "rising") else "black")

        epochs, lo, hi = key = self._loss_limits(state)
        self._ax_loss.set_xlim(0, epochs)
        self._ax_loss.set_ylim(10.0 ** lo, 10.0 ** hi)
        background = self._backgrounds.get(key)
        if background is None:
            self._canvas.draw()  # the static parts only
            background = self._canvas.copy_from_bbox(self.figure.bbox)
            self._backgrounds[key] = background
            while len(self._backgrounds) > 32:
                self._backgrounds.popitem(last=False)
        self._backgrounds.move_to_end(key)
        self._canvas.restore_region(background)
        plane = [self._image_artist] + ([self._contour] if self._contour is not None else [])
        for artist in plane + self._points + self._output_texts:
            self._ax_plane.draw_artist(artist)
        for artist in (self._loss_line, self._solved_line, self._diverged_line):
            self._ax_loss.draw_artist(artist)
        self.figure.draw_artist(self._status_text)
        self.png = self._encode_png()
        self._image.value = self.png

    def _encode_png(self) -> bytes:
        """The canvas as PNG bytes (fast zlib setting: the picture changes often)."""
        from PIL import Image

        rgba = np.asarray(self._canvas.buffer_rgba())
        buffer = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def save_png(self, path):
        """Write the picture currently shown to ``path`` (a PNG file)."""
        with open(path, "wb") as f:
            f.write(self.png)


# ----- the convergence maps of chapter 7 (matplotlib is imported only when called) ----------
def convergence_heatmaps(maps, names, lang: str):
    """Heatmaps over learning rate η (rows) × init scale s (columns), one column of panels per map.

    ``maps`` are :class:`backprop.vectorized.ConvergenceMap` results (``fraction_solved``,
    ``median_epochs`` and ``n_solved``, each of shape (n_lrs, n_scales)); ``names`` titles
    each map's panels. Top row: the fraction of seeds that solved XOR; bottom row: the
    median epochs over the runs that solved. A cell resting on fewer than ``MIN_RUNS``
    runs (seeds in the top row, solved runs in the bottom row) is drawn grey, its number
    in grey; a cell with no solved run shows "—".
    """
    import matplotlib

    from ..book.plotting import label, new_figure
    from ..vectorized import MIN_RUNS

    from ..vectorized import ConvergenceMap

    maps, names = list(maps), list(names)
    if not maps or len(maps) != len(names):
        raise ValueError(f"give one name per map and at least one map; got {len(maps)} maps, {len(names)} names")
    if not all(isinstance(m, ConvergenceMap) for m in maps):
        raise ValueError("maps must be ConvergenceMap results (from backprop.vectorized.convergence_map or "
                         "backprop.book.stored.convergence_map)")
    check_lang(lang)
    fig, axes = new_figure(len(maps), 2, figsize=(5.0 * len(maps) + 1.0, 8.6), squeeze=False)
    for col, (m, name) in enumerate(zip(maps, names)):
        rows = ((m.fraction_solved, np.full(m.fraction_solved.shape, m.n_seeds), "Greens", (0.0, 1.0),
                 "conv_fraction", "{:.2f}"),
                (m.median_epochs, np.asarray(m.n_solved), "viridis_r", (0.0, float(m.epochs)),
                 "conv_median", "{:.0f}"))
        for row, (values, runs, cmap, (lo, hi), key, fmt) in enumerate(rows):
            ax = axes[row, col]
            few = (runs < MIN_RUNS) | ~np.isfinite(values)
            colors = matplotlib.colormaps[cmap].with_extremes(bad="0.88")
            image = ax.imshow(np.ma.masked_where(few, values), origin="lower", aspect="auto", cmap=colors,
                              vmin=lo, vmax=hi)
            for (i, j), v in np.ndenumerate(values):
                dark = not few[i, j] and (v - lo) / (hi - lo) > (0.6 if row == 0 else 0.5)  # dark cell
                color = "0.45" if few[i, j] else "white" if dark else "black"
                ax.text(j, i, "—" if not np.isfinite(v) else fmt.format(v), ha="center", va="center",
                        fontsize=8.5, color=color)
            ax.set_xticks(range(len(m.scales)), [f"{s:.2g}" for s in m.scales])
            ax.set_yticks(range(len(m.lrs)), [f"{v:.3g}" for v in m.lrs])
            ax.set_xlabel(label("conv_scale", lang))
            ax.set_ylabel(label("explorer_lr", lang))
            ax.set_title(f"{name}: {label(key, lang)}")
            ax.grid(False)
            fig.colorbar(image, ax=ax, shrink=0.85)
    fig.suptitle(label("conv_title", lang).format(seeds=maps[0].n_seeds, epochs=maps[0].epochs))
    fig.supxlabel(label("conv_few_runs", lang).format(n=MIN_RUNS), fontsize=9)
    return fig


# ----- the live explorer of the HTML book (static/explorers/xor.js) ------------------------------
# The labels it shows, in both languages. The status texts are XorExplorer's own (labels.py),
# so both explorers say the same thing of the same run; the JavaScript fills them in as
# Python's str.format would ({loss:.3g}).
_SHARED = {  # key in the explorer's text: key in labels.py
    "lr": "explorer_lr", "init": "explorer_init", "scale": "explorer_scale", "seed": "explorer_seed",
    "hidden": "explorer_hidden", "epochs": "explorer_epochs", "init_normal": "init_normal",
    "init_xavier": "init_xavier", "init_he": "init_he", "epoch": "epoch", "loss_title": "explorer_loss_title",
    "x1": "input_x1", "x2": "input_x2", "field_title": "explorer_boundary_title",
    "mark_solved": "explorer_solved_mark", "mark_diverged": "explorer_diverged_mark",
    **{f"status_{k}": f"status_{k}" for k in ("untrained", "solved", "unsolved", "stalled", "rising", "diverged")},
}
_OWN = {
    "activation": {"en": "hidden activation", "zh": "隐藏层激活函数"},
    "act_sigmoid": {"en": "sigmoid", "zh": "sigmoid"},
    "act_tanh": {"en": "tanh", "zh": "tanh"},
    "act_relu": {"en": "ReLU", "zh": "ReLU"},
    "head": {"en": "output unit, loss", "zh": "输出单元与损失函数"},
    "head_sigmoid_mse": {"en": "sigmoid, MSE", "zh": "sigmoid，均方误差"},
    "head_sigmoid_bce": {"en": "sigmoid, cross-entropy", "zh": "sigmoid，二元交叉熵"},
    "head_identity_mse": {"en": "identity, MSE", "zh": "恒等函数，均方误差"},
    "play": {"en": "▶ play", "zh": "▶ 播放"},
    "pause": {"en": "❚❚ pause", "zh": "❚❚ 暂停"},
    "step": {"en": "step ▸|", "zh": "单步 ▸|"},
    "loss_axis": {"en": "loss (log scale)", "zh": "损失（对数刻度）"},
    "loss_aria": {"en": "The loss before each epoch's step, on a log scale, with the epoch where the run was "
                        "first solved or diverged marked",
                  "zh": "每轮更新前的损失（对数刻度），并标出首次解出或发散的那一轮"},
    "field_aria": {"en": "The network's output over the plane of the two inputs, the 0.5 contour (the decision "
                         "boundary) and the four XOR inputs, coloured by their target, with the outputs",
                   "zh": "网络在两个输入构成的平面上的输出、0.5 等值线（决策边界），以及按目标值着色、"
                         "标出输出值的四个异或输入"},
    "hidden_caption": {"en": "Each hidden unit's activation a¹ₖ over the same plane: blue low, red high, the line "
                             "where it is halfway (σ = 0.5, tanh = 0; ReLU is white where it is 0). "
                             "w: the unit's weight to the output unit.",
                       "zh": "每个隐藏单元的激活值 a¹ₖ 在同一平面上的分布：蓝低红高，线条标出它取中间值的位置"
                             "（σ = 0.5，tanh = 0；ReLU 在取 0 的地方是白色）。w：该单元连到输出单元的权重。"},
    "unit_title": {"en": "{k}: w {w}", "zh": "{k}：w {w}"},
    "unit_aria": {"en": "hidden unit {k} over the plane", "zh": "隐藏单元 {k} 在平面上的激活值"},
    "status_view": {"en": "showing epoch {epoch} of {epochs}: loss {loss:.3g}, {state}",
                    "zh": "正在显示第 {epoch} 轮（共 {epochs} 轮）：损失 {loss:.3g}，{state}"},
    "view_solved": {"en": "solved", "zh": "已解出"},
    "view_unsolved": {"en": "not solved", "zh": "尚未解出"},
    "view_diverged": {"en": "diverged", "zh": "已发散"},
}
TEXT = {lang: {**{key: label(source, lang) for key, source in _SHARED.items()},
               **{key: both[lang] for key, both in _OWN.items()}}
        for lang in ("en", "zh")}
#: Where the live explorer starts: XorExplorer's defaults (its output is a sigmoid).
LIVE_START = {"lr": 1.0, "init": "normal", "scale": 1.0, "seed": 0, "hidden": 4, "epochs": 5000,
              "activation": "sigmoid", "output": "sigmoid", "loss": "mse"}


def live_explorer(lang: str):
    """The HTML book's explorer block (``static/explorers/xor.js``) with its labels in ``lang``."""
    lang = check_lang(lang)
    return explorer_block("xor", lang, TEXT[lang], dict(LIVE_START))


def live_fields(lr=1.0, init="normal", scale=1.0, seed=0, hidden=4, epochs=5000, activation="sigmoid",
                output="sigmoid", loss="mse", n=100):
    """What the live explorer draws over the plane after training, computed by the package.

    The network ``MLP([2, hidden, 1], activation, output, loss, init, scale, seed)`` trained by
    :func:`backprop.vectorized.fit_one`, then :func:`backprop.vectorized.forward` on the n × n grid
    ``linspace(−0.35, 1.35, n)`` squared (row i at x₂ = its i-th value). Returns ``(out, units)``:
    the output a² (n, n) and each hidden unit's activation a¹ₖ (hidden, n, n); NaN if the run diverged.
    """
    settings = {name: _check_setting(name, value) for name, value in
                zip(SETTINGS, (lr, init, scale, seed, hidden, epochs))}
    n = whole_number(n, "n", 2)
    sizes = [2, settings["hidden"], 1]
    net = Network.checked(sizes, activation, output, loss)
    X, Y = xor()
    r = fit_one(sizes, X, Y, settings["lr"], settings["epochs"], settings["scale"], settings["seed"],
                settings["init"], net.activation, net.output_activation, net.loss_name)
    g = np.linspace(-0.35, 1.35, n)
    G1, G2 = np.meshgrid(g, g)
    with np.errstate(all="ignore"):
        _, activations = forward(net, r.weights, r.biases, np.column_stack([G1.ravel(), G2.ravel()]))
    out = activations[-1][0, :, 0].reshape(n, n)
    units = activations[1][0].T.reshape(sizes[1], n, n)
    if r.diverged[0]:
        out, units = np.full_like(out, np.nan), np.full_like(units, np.nan)
    return out, units


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
                         "e.g. 'chapters/en/07-dynamics.md'; got {!r}".format(chapter_path))
    return f"{hub}/v2/gh/{repo}/{quote(branch)}?urlpath={quote('lab/tree/' + str(chapter), safe='/')}"
