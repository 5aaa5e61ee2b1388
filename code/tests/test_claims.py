import math

import numpy as np
import pytest

import backprop as bp
from backprop.book.claims import ClaimError, claim, clearly_different, fraction_text, wilson_interval


def test_claim_passes_silently_and_fails_quoting_the_words():
    claim("most seeds solve", 0.8 > 0.5, fraction=0.8)
    claim("every layer shrinks", np.array([True, True]))
    with pytest.raises(ClaimError, match="most seeds solve.*fraction = 0.3"):
        claim("most seeds solve", 0.3 > 0.5, fraction=0.3)
    with pytest.raises(ClaimError, match="every layer shrinks"):
        claim("every layer shrinks", np.array([True, False]))


def test_claim_refuses_what_is_not_a_truth_value():
    with pytest.raises(ValueError, match="truth value"):
        claim("most seeds solve", 0.8)
    with pytest.raises(ValueError, match="words"):
        claim("", True)


def test_wilson_interval_matches_its_closed_form_at_the_ends():
    z = 1.959963984540054
    # k = 0: the lower end is 0 and the upper end is z²/(n + z²)
    low, high = wilson_interval(0, 10)
    assert low == 0 and math.isclose(high, z * z / (10 + z * z))
    low, high = wilson_interval(10, 10)
    assert math.isclose(high, 1) and math.isclose(low, 10 / (10 + z * z))
    # symmetric in successes and failures
    a, b = wilson_interval(27, 100), wilson_interval(73, 100)
    assert math.isclose(a[0], 1 - b[1]) and math.isclose(a[1], 1 - b[0])
    assert a[0] < 0.27 < a[1]


def test_wilson_interval_bad_input():
    for k, n in [(-1, 10), (11, 10), (0.5, 10), (1, 0)]:
        with pytest.raises(ValueError):
            wilson_interval(k, n)


def test_clearly_different():
    assert not clearly_different(76, 100, 73, 100)  # the review's example: noise
    assert clearly_different(90, 100, 50, 100)


def test_fraction_text():
    assert fraction_text(73, 100).startswith("73% (73/100; 95% CI ")
    assert "95% 置信区间" in fraction_text(73, 100, "zh")
    with pytest.raises(ValueError, match="lang"):
        fraction_text(1, 2, "fr")


def test_solved_needs_the_margin():
    _, Y = bp.xor()
    assert bp.solved(np.array([[0.1], [0.9], [0.7], [0.3]]), Y)
    # on the right side of 0.5, but by less than the margin
    assert not bp.solved(np.array([[0.1], [0.9], [0.529], [0.3]]), Y)
    assert bp.solved(np.array([[0.1], [0.9], [0.529], [0.3]]), Y, margin=0.0)
    with pytest.raises(ValueError, match="shape"):
        bp.solved(np.zeros((4,)), Y)


def test_about_and_most():
    from backprop.book.claims import about, most
    assert about(9.0, 10) and about(11.9, 10) and not about(12.5, 10)
    with pytest.raises(ValueError):
        about(1.0, 0.0)
    assert most(70, 100) and not most(55, 100) and not most(3, 4)


def test_wilson_interval_contains_the_fraction_even_at_0_and_1():
    from backprop.book.claims import wilson_interval
    for k, n in ((10, 10), (0, 10), (100, 100), (0, 1), (1, 1), (37, 100)):
        low, high = wilson_interval(k, n)
        assert 0.0 <= low <= k / n <= high <= 1.0
