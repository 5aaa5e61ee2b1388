"""The chapter-7 heatmaps: one column of panels per convergence map, values written in the cells."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop.batched import ConvergenceMap  # noqa: E402
from backprop.plotting import convergence_heatmaps  # noqa: E402


def fake_map():
    frac = np.array([[0.0, 0.5], [1.0, 0.25], [0.75, 0.0]])
    med = np.array([[np.nan, 120.0], [30.0, 400.0], [55.0, np.nan]])
    return ConvergenceMap(np.array([0.1, 1.0, 10.0]), np.array([0.5, 2.0]), 4, 500, frac, med, np.zeros((3, 2)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_panels_and_cell_texts(lang):
    fig = convergence_heatmaps([fake_map(), fake_map()], ["A", "B"], lang)
    axes = [ax for ax in fig.axes if ax.get_images()]
    assert len(axes) == 4
    top_left = axes[0]
    texts = [t.get_text() for t in top_left.texts]
    assert texts == ["0.00", "0.50", "1.00", "0.25", "0.75", "0.00"]
    bottom = [t.get_text() for t in axes[2].texts] if axes[2].get_title().startswith("A") else None
    assert "—" in [t.get_text() for ax in axes for t in ax.texts]
    assert bottom is None or bottom[1] == "120"
    assert [t.get_text() for t in top_left.get_yticklabels()] == ["0.1", "1", "10"]
    matplotlib.pyplot.close(fig)


def test_names_must_match_maps():
    with pytest.raises(ValueError, match="one name per map"):
        convergence_heatmaps([fake_map()], ["A", "B"], "en")
    with pytest.raises(ValueError, match="one name per map"):
        convergence_heatmaps([], [], "en")
