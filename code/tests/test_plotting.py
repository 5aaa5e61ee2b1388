import warnings

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

from backprop import labels, plotting  # noqa: E402


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
    from backprop import trace

    fig = plotting.fork_graph_figure(trace.fork_graph(0.6, 1.5, -0.8, 1.0, 0.0), lang)
    assert "0.2340" in [t.get_text().split("= ")[-1] for t in fig.axes[0].texts]
    rows = trace.gradient_costs([bp.MLP([2, 2, 1]), bp.MLP([2, 4, 1])], np.zeros((2, 2)), np.zeros((2, 1)), repeats=2)
    fig = plotting.cost_figure(rows, lang)
    assert len(fig.axes) == 2
