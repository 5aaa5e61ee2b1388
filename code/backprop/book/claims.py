"""Claims: the sentences of the book that interpret a result, checked when the book is built.

A chapter that says "most seeds solve XOR" or "about ten times smaller" backs the
sentence with a cell that calls :func:`claim` on the evidence. When the code or
the numbers change and the sentence stops being true, the cell raises
:class:`ClaimError`, the cell fails and so does the build, with a message that
quotes the sentence. The module also holds the few statistics a fair claim rests
on: a 95% interval for a fraction of seeds (Wilson's score interval), and the
rule that two fractions whose intervals overlap show no clear difference.
"""

from __future__ import annotations

import math

import numpy as np

from .._checks import choice, number_in, positive_number, whole_number

Z95 = 1.959963984540054  # the 97.5% quantile of the standard normal: a two-sided 95% interval


class ClaimError(AssertionError):
    """A sentence of the book no longer matches what its cell computes."""


def claim(words: str, holds, **evidence) -> None:
    """Raise :class:`ClaimError` quoting ``words`` unless ``holds`` is true.

    ``words`` is the sentence (or the part of it) that the check stands for;
    ``holds`` the test of its actual words, e.g. ``fraction > 0.5`` for "most
    seeds"; ``evidence`` the numbers it rests on, shown in the message.
    """
    if not isinstance(words, str) or not words.strip():
        raise ValueError("words must be the sentence the check stands for, as a non-empty string")
    ok = np.asarray(holds)
    if ok.dtype != bool:
        raise ValueError(f"holds must be a truth value (or an array of them), got {ok.dtype} {holds!r}; "
                         "write the comparison, e.g. fraction > 0.5")
    if not ok.all():
        shown = ", ".join(f"{k} = {_short(v)}" for k, v in evidence.items())
        raise ClaimError(f"the text says «{words}», but the computed result does not hold it"
                         + (f": {shown}" if shown else ""))


# The qualitative words of the prose, each with its threshold written once.
ABOUT = 0.2  # "about x": within 20% of x


def about(value, target, rel: float = ABOUT) -> bool:
    """True when ``value`` is within ``rel`` (20% by default) of ``target``: the book's "about"."""
    value, target = _number(value, "value"), _number(target, "target")
    if target == 0:
        raise ValueError("target must not be 0 (about compares value / target with 1)")
    rel = number_in(rel, "rel", 0.0, np.inf)
    return bool(abs(value / target - 1) <= rel)


def _number(value, name: str) -> float:
    """One finite real number (a Python or numpy scalar, or a 0-d array)."""
    arr = np.asarray(value)
    if arr.ndim != 0 or arr.dtype == bool or not np.issubdtype(arr.dtype, np.number) \
            or np.issubdtype(arr.dtype, np.complexfloating) or not np.isfinite(arr):
        raise ValueError(f"{name} must be one finite number; got {value!r}")
    return float(arr)


def most(successes, n) -> bool:
    """The book's "most": more than half, even at the low end of the 95% interval."""
    return wilson_interval(successes, n)[0] > 0.5


def _short(value) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    text = repr(value.tolist() if isinstance(value, np.ndarray) else value)
    return text if len(text) <= 200 else text[:197] + "..."


def wilson_interval(successes, n, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a fraction ``successes``/``n``: (low, high), 95% by default.

    Unlike p ± z·sqrt(p(1−p)/n) it stays inside [0, 1] and does not shrink to a
    point when p is 0 or 1 (Wilson 1927).
    """
    n = whole_number(n, "n")
    successes = whole_number(successes, "successes", 0)
    if successes > n:
        raise ValueError(f"successes must be a whole number from 0 to n = {n}; got {successes!r}")
    z = positive_number(z, "z")
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    # the interval contains p; at p = 0 or 1 rounding would otherwise leave its end 1e-16 short of p
    return min(max(0.0, centre - half), p), max(min(1.0, centre + half), p)


def clearly_different(k1, n1, k2, n2) -> bool:
    """True when the 95% Wilson intervals of k1/n1 and k2/n2 do not overlap.

    The book calls two success fractions different only then; overlapping
    intervals are "no clear difference".
    """
    low1, high1 = wilson_interval(k1, n1)
    low2, high2 = wilson_interval(k2, n2)
    return high1 < low2 or high2 < low1


_CI = {"en": "95% CI", "zh": "95% 置信区间"}


def fraction_text(successes, n, lang: str = "en") -> str:
    """A fraction with its count and 95% interval, for the prose.

    ``fraction_text(73, 100)`` is '73% (73/100; 95% CI 64–81%)'; with ``lang="zh"``
    the interval is called 95% 置信区间.
    """
    choice(lang, "lang", tuple(_CI))
    low, high = wilson_interval(successes, n)
    return f"{100 * successes / n:.0f}% ({successes}/{n}; {_CI[lang]} {100 * low:.0f}–{100 * high:.0f}%)"
