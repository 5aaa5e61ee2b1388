import json
import re

import numpy as np
import pytest

from backprop.chapters import ch07_static_explorer as se
from backprop.vectorized import train_many
from backprop.data import xor


@pytest.fixture(scope="module")
def data():
    return se.precompute([0.5, 3.0, 40.0], [0.1, 1.0, 8.0], seeds=(0, 1), epochs=300)


def test_shapes_and_status_match_the_trainer(data):
    assert data.curves.shape[:3] == (3, 3, 2) and data.outputs.shape == (3, 3, 2, 4)
    assert data.fields.shape == (3, 3, 2, se.GRID, se.GRID)
    X, Y = xor()
    r = train_many([2, 4, 1], X, Y, 3.0, 300, scales=1.0, seeds=1)
    assert data.status[1, 1, 1] == (2 if r.diverged[0] else 1 if r.solved[0] else 0)
    np.testing.assert_allclose(data.outputs[1, 1, 1], r.outputs[0, :, 0])
    # The field at the corners of the unit square is the network's output there.
    g = np.linspace(-0.5, 1.5, se.GRID)
    i0, i1 = np.argmin(abs(g - 0)), np.argmin(abs(g - 1))
    if np.isclose(g[i0], 0) and np.isclose(g[i1], 1):
        np.testing.assert_allclose(data.fields[1, 1, 1, i1, i0], r.outputs[0, 1, 0], rtol=1e-9)


def test_html_is_self_contained_and_small(data):
    html = se.explorer_html(data, "zh", binder_url="https://mybinder.org/v2/gh/o/r/main")
    assert len(html.encode()) < 1_000_000
    assert not re.search(r"""src=["']?https?:""", html), "the explorer must not load anything"
    payload = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert len(payload["status"]) == 18 and len(payload["fields"]) == 18
    assert all(len(f) == se.GRID ** 2 for f in payload["fields"])
    assert "预先算好" in html and "Binder" in html
    assert "bpExplorer(" in html


def test_english_labels(data):
    html = se.explorer_html(data, "en")
    assert "computed when the book was built" in html


@pytest.mark.parametrize("kwargs, message", [
    ({"lrs": [0.0], "scales": [1.0]}, "lrs"),
    ({"lrs": [1.0], "scales": [-1.0]}, "scales"),
    ({"lrs": [1.0], "scales": [1.0], "epochs": 0}, "epochs"),
])
def test_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        se.precompute(**kwargs)


def test_unknown_language(data):
    with pytest.raises(ValueError, match="unknown language"):
        se.explorer_html(data, "fr")
