import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop as bp  # noqa: E402
from backprop.book import plotting  # noqa: E402
from backprop.chapters.ch06_xor import final_loss_histogram, hidden_units_figure  # noqa: E402


def test_hidden_units_figure_has_one_panel_per_unit_and_names_the_gate():
    net = bp.MLP([2, 2, 1])
    net.weights[0][:] = [[10, 10], [-10, -10]]
    net.biases[0][:] = [-5, 15]
    fig = hidden_units_figure(net, *bp.xor(), "zh")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(titles) == 2 and "x₁ ∨ x₂" in titles[0] and "¬(x₁ ∧ x₂)" in titles[1]
    plotting.plt.close(fig)


def test_loss_curves_and_histogram_draw():
    fig, (a, b) = plotting.new_figure(2)
    plotting.plot_loss_curves(a, np.array([[1.0, 0.5, 0.1], [1.0, 0.9, 0.8]]), "en", names=["x", "y"])
    assert a.get_yscale() == "log" and len(a.lines) == 2
    final_loss_histogram(b, [np.array([1e-3, 0.06]), np.array([1e-4])], ["a", "b"], "en")
    assert b.get_xscale() == "log"
    plotting.plt.close(fig)


def test_plot_helpers_refuse_bad_input():
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="one entry per curve"):
        plotting.plot_loss_curves(ax, np.ones((2, 3)), "en", names=["only one"])
    with pytest.raises(ValueError, match="positive"):
        final_loss_histogram(ax, [np.array([0.0])], ["a"], "en")
    with pytest.raises(ValueError, match="2-n-1"):
        hidden_units_figure(bp.MLP([2, 3, 3, 1]), *bp.xor(), "en")
    plotting.plt.close(fig)
