"""SymPy checks of the source articles' wrong formulas (errata appendix).

Most functions return a pair ``(source, correct)`` of :class:`Derivation`:
the formula the article prints, compared with SymPy's derivative, and the
corrected formula. The appendix shows that the first does not hold and the
second does. Every formula on the "source" side is the article's, transcribed;
every "direct" side is differentiated by SymPy from the definition, so no
comparison is true by construction (``source002_two_paths`` works out each
term of the article's sum factor by factor for that reason).
"""

from __future__ import annotations

import sympy as sp

from . import Derivation, check, sigmoid


def source002_mse_output_derivative() -> tuple[Derivation, Derivation]:
    """002 eq. (14): ∂/∂ŷ_k of (1/K)(ŷ_k − y_k)² is 2(ŷ_k − y_k)/K, not −(ŷ_k − y_k)/K."""
    yhat, y = sp.symbols("yhat_k y_k", real=True)
    K = sp.Symbol("K", positive=True)
    direct = sp.diff((yhat - y) ** 2 / K, yhat)
    return check(direct, -(yhat - y) / K), check(direct, 2 * (yhat - y) / K)


def source002_sigmoid_is_tanh() -> tuple[Derivation, Derivation]:
    """002 §2.1.4 calls σ the hyperbolic tangent: σ(z) ≠ tanh z, but σ(z) = (1 + tanh(z/2))/2."""
    z = sp.Symbol("z", real=True)
    s = sigmoid(z).rewrite(sp.exp)
    return (check(s, sp.tanh(z).rewrite(sp.exp)),
            check(s, ((1 + sp.tanh(z / 2)) / 2).rewrite(sp.exp)))


def source003_error_sign() -> tuple[Derivation, Derivation]:
    """003 listings: for L = ½(a − y)², ∂L/∂a = a − y; the listings use y − a and still subtract."""
    a, y = sp.symbols("a y", real=True)
    direct = sp.diff((a - y) ** 2 / 2, a)
    return check(direct, y - a), check(direct, a - y)


def _one_one_one():
    """Output unit of a 1-1-1 sigmoid network: ŷ = σ(z), z = w h + b, L = ½(ŷ − y)² (002 eq. (12), K = 1).

    h = σ(v x + c) does not depend on w, so it enters as a plain symbol next to the input x.
    """
    x, h, y, w, b = sp.symbols("x h y w b", real=True)
    z = w * h + b
    yhat = sigmoid(z)
    sig_prime = yhat * (1 - yhat)  # σ′(z) = σ(z)(1 − σ(z))
    loss = (yhat - y) ** 2 / 2
    return x, y, h, yhat, sig_prime, sp.diff(loss, w)


def source002_output_weight_gradient() -> dict[str, Derivation]:
    """002 eqs. (17), (20) for an output weight w (K = 1) against ∂L/∂w = (ŷ − y) σ′(z) h.

    Returns Derivations ``eq17`` (−(ŷ − y) x), ``eq20`` (−(ŷ − y) σ′(z) x), ``correct``, and
    ``eq20_with_h``: (20) with the input h put back, compared with −∂L/∂w (it holds: the sign is
    flipped, so the update (21) climbs).
    """
    x, y, h, yhat, sig_prime, direct = _one_one_one()
    return {
        "eq17": check(direct, -(yhat - y) * x),
        "eq20": check(direct, -(yhat - y) * sig_prime * x),
        "correct": check(direct, (yhat - y) * sig_prime * h),
        # (20) with the hidden activation h in place of the network input x: the article's
        # formula against SymPy's derivative with the sign flipped, −∂L/∂w.
        "eq20_with_h": check(-direct, -(yhat - y) * sig_prime * h),
    }


def source002_two_paths() -> tuple[Derivation, Derivation, sp.Expr]:
    """002 eq. (13) on the 1-1-1 output weight w: its two terms, each worked out on its own.

    The first term follows ŷ → z → w: ∂L/∂ŷ · dσ/dz · ∂z/∂w. The second follows ŷ → a → w,
    where a is the output unit's activation, a = σ(z) = ŷ itself: ∂L/∂ŷ · ∂ŷ/∂a · ∂a/∂w with
    ∂ŷ/∂a = 1 and ∂a/∂w differentiated from σ(w h + b). Each factor is a separate SymPy
    derivative, and the direct derivative of the composed loss is a third, so the ratio the
    appendix shows is computed, not built in.

    Returns ``(eq13, one_path, ratio)``: eq. (13)'s sum against ∂L/∂w, the first term alone
    against ∂L/∂w, and simplify(sum / ∂L/∂w).
    """
    x, y, h, yhat, sig_prime, direct = _one_one_one()
    w, b = sp.symbols("w b", real=True)
    Yhat, Z, A = sp.symbols("Yhat Z A", real=True)          # stand-ins for ŷ, z and a
    z_of_w = w * h + b
    dL_dyhat = sp.diff((Yhat - y) ** 2 / 2, Yhat).subs(Yhat, yhat)
    through_z = dL_dyhat * sp.diff(sigmoid(Z), Z).subs(Z, z_of_w) * sp.diff(z_of_w, w)
    through_a = dL_dyhat * sp.diff(A, A) * sp.diff(sigmoid(z_of_w), w)
    total = through_z + through_a
    return check(direct, total), check(direct, through_z), sp.simplify(total / direct)
