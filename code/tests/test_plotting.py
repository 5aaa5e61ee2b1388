import warnings

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

from backprop.book import labels, plotting  # noqa: E402


def test_chinese_label_renders_without_missing_glyphs():
    plotting.use_book_style()
    fig, ax = plotting.new_figure()
    ax.set_title(labels.label("activations_title", "zh") + " — σ′(z)")
    ax.set_xlabel(labels.label("weighted_input_z", "zh"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" becomes a failure
        fig.canvas.draw()
    assert plotting.cjk_font_available()
    path = matplotlib.font_manager.findfont(plotting.CJK_FAMILY, fallback_to_default=False)
    assert "CJK" in path


def test_missing_glyph_would_be_caught():
    # Guard for the test above: without the CJK family, drawing Chinese must warn.
    plotting.use_book_style()
    matplotlib.rcParams["font.family"] = ["DejaVu Sans"]
    fig, ax = plotting.plt.subplots()
    ax.set_title("反向传播")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()
    plotting.use_book_style()


def test_every_label_exists_in_both_languages():
    for key, text in labels.LABELS.items():
        assert set(text) == set(labels.LANGUAGES), key
        assert all(text[lang].strip() for lang in labels.LANGUAGES), key


def test_unknown_language_or_key():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        labels.label("loss", "fr")
    with pytest.raises(ValueError, match="unknown label 'nope'"):
        labels.label("nope", "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chapter_4_figures_draw(lang):
    import numpy as np

    import backprop as bp
    from backprop.chapters import ch04_chain_rule as trace

    fig = trace.fork_graph_figure(trace.fork_graph(0.6, 1.5, -0.8, 1.0, 0.0), lang)
    assert "0.2340" in [t.get_text().split("= ")[-1] for t in fig.axes[0].texts]
    rows = trace.gradient_costs([bp.MLP([2, 2, 1]), bp.MLP([2, 4, 1])], np.zeros((2, 2)), np.zeros((2, 1)), repeats=2)
    fig = trace.cost_figure(rows, lang)
    assert len(fig.axes) == 2


def test_decision_boundary_draws_the_0_5_line_but_no_line_for_a_flat_output():
    import numpy as np

    import backprop as bp

    X, Y = bp.xor()
    flat = bp.MLP([2, 1], activation="sigmoid", seed=0)
    flat.weights[0][:] = [[-1e-16, -1e-16]]  # output 0.5 up to float noise, as chapter 1's XOR neuron
    flat.biases[0][:] = [1.5e-16]
    gate = bp.MLP([2, 1], activation="sigmoid", seed=0)
    gate.weights[0][:] = [[10.0, 10.0]]
    gate.biases[0][:] = [-5.0]
    fig, (left, right) = plotting.new_figure(2)
    plotting.plot_decision_boundary(left, flat, X, Y, "en")
    plotting.plot_decision_boundary(right, gate, X, Y, "en")
    # contourf is one collection (matplotlib ≥ 3.8), the 0.5 contour another, then the two scatters
    assert len(right.collections) == len(left.collections) + 1
    matplotlib.pyplot.close(fig)
