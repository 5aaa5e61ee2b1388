"""The chapter-7 heatmaps: one column of panels per convergence map, values written in the cells."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop.vectorized import MIN_RUNS, ConvergenceMap  # noqa: E402
from backprop.chapters.ch07_explorer import convergence_heatmaps  # noqa: E402


def fake_map(n_seeds=40):
    frac = np.array([[0.0, 0.5], [1.0, 0.2], [0.75, 0.0]])
    med = np.array([[np.nan, 120.0], [30.0, 400.0], [55.0, np.nan]])
    n_solved = np.rint(frac * n_seeds).astype(int)
    return ConvergenceMap(np.array([0.1, 1.0, 10.0]), np.array([0.5, 2.0]), n_seeds, 500, frac, med,
                          np.zeros((3, 2)), n_solved)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_panels_and_cell_texts(lang):
    fig = convergence_heatmaps([fake_map(), fake_map()], ["A", "B"], lang)
    axes = [ax for ax in fig.axes if ax.get_images()]
    assert len(axes) == 4
    top_left = axes[0]
    texts = [t.get_text() for t in top_left.texts]
    assert texts == ["0.00", "0.50", "1.00", "0.20", "0.75", "0.00"]
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


def _grey(text):
    return matplotlib.colors.to_rgba(text.get_color()) == matplotlib.colors.to_rgba("0.45")


def test_cells_resting_on_few_runs_are_grey():
    """A median over fewer than MIN_RUNS solved runs is greyed out, and so is a fraction over few seeds."""
    fig = convergence_heatmaps([fake_map()], ["A"], "en")
    top, bottom = [ax for ax in fig.axes if ax.get_images()]
    assert MIN_RUNS == 10
    # bottom row, 40 seeds: the cell with 8 solved runs (fraction 0.2) is grey, 20 or 30 are not
    greys = {t.get_text(): _grey(t) for t in bottom.texts}
    assert greys["400"] and not greys["120"] and not greys["30"] and greys["—"]
    assert np.ma.getmaskarray(bottom.get_images()[0].get_array())[1, 1]
    assert not any(_grey(t) for t in top.texts)  # every fraction rests on 40 seeds
    assert fig.get_supxlabel().startswith("grey cells rest on fewer than 10 runs")
    matplotlib.pyplot.close(fig)
    fig = convergence_heatmaps([fake_map(n_seeds=5)], ["A"], "zh")
    top = [ax for ax in fig.axes if ax.get_images()][0]
    assert all(_grey(t) for t in top.texts)  # 5 seeds per cell: every fraction is marked
    matplotlib.pyplot.close(fig)
