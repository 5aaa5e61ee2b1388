"""The chapter 2 and 3 figures: shape table (ch02_forward), network diagram (book.plotting), loss figure (ch03_loss)."""
import warnings

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop as bp  # noqa: E402
from backprop.book import plotting  # noqa: E402
from backprop.chapters.ch02_forward import forward_shape_table  # noqa: E402
from backprop.chapters.ch03_loss import loss_shape_figure  # noqa: E402


def test_forward_shape_table_lists_every_array_with_its_real_shape():
    net = bp.MLP([2, 3, 2, 1], seed=0)
    table = forward_shape_table(net, np.zeros((4, 2)), "en")
    rows = table.splitlines()
    assert len(rows) == 2 + 1 + 4 * 3  # header, rule, input, then W, b, Z, A per layer
    assert "| layer 1 | $W^1$ | (3, 2) |" in rows
    assert "| | $Z^3 = A^2 (W^3)^\\top + b^3$ | (4, 1) |" in rows
    assert "第 2 层" in forward_shape_table(net, np.zeros((4, 2)), "zh")


def test_network_diagram_draws_in_chinese_without_missing_glyphs():
    net = bp.MLP([2, 2, 1], seed=0)
    fig, ax = plotting.new_figure()
    plotting.network_diagram(ax, net, "zh", x=[1.0, 0.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    texts = [t.get_text() for t in ax.texts]
    assert f"{net.forward(np.array([[1.0, 0.5]]))[0, 0]:.3f}" in texts
    assert "隐藏层" in texts


def test_loss_shape_figure_draws_in_both_languages():
    for lang in ("en", "zh"):
        fig = loss_shape_figure(lang)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.canvas.draw()
        left, right = fig.axes
        assert len(left.lines) == 4 and len(right.lines) == 2


def test_bad_input_raises_value_error():
    net = bp.MLP([2, 2, 1], seed=0)
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="unknown language"):
        plotting.network_diagram(ax, net, "fr")
    with pytest.raises(ValueError, match="columns"):
        plotting.network_diagram(ax, net, "en", x=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="unknown language"):
        loss_shape_figure("de")
    with pytest.raises(ValueError, match="2-D"):
        forward_shape_table(net, np.zeros(2), "en")
