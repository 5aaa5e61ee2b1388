import numpy as np

import backprop as bp


def test_truth_tables():
    for make, column in [(bp.xor, [0, 1, 1, 0]), (bp.and_gate, [0, 0, 0, 1]), (bp.or_gate, [0, 1, 1, 1])]:
        X, Y = make()
        assert X.shape == (4, 2) and Y.shape == (4, 1) and X.dtype == Y.dtype == np.float64
        assert Y.ravel().tolist() == column
        np.testing.assert_array_equal(Y.ravel(), [(a != b) if make is bp.xor else
                                                  (a and b) if make is bp.and_gate else (a or b)
                                                  for a, b in X.astype(bool)])


def test_solved():
    _, Y = bp.xor()
    assert bp.solved(np.array([[0.1], [0.9], [0.8], [0.2]]), Y)
    assert not bp.solved(np.array([[0.1], [0.9], [0.8], [0.8]]), Y)
