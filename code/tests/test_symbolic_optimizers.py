"""The chapter-10 derivations: stability bounds, momentum's geometric series, Adam's bias correction."""
import numpy as np
import pytest
import sympy as sp

import backprop as bp
from backprop.symbolic import check
from backprop.symbolic import optimizers as O


@pytest.mark.parametrize("derive", [O.gd_stability_bound, O.momentum_stability_bound, O.momentum_velocity,
                                    O.momentum_steady_state, O.adam_bias_correction])
def test_each_derivation_holds(derive):
    assert derive().holds


@pytest.mark.parametrize("steps", [1, 2, 7])
def test_adam_unrolled_mean_holds(steps):
    assert O.adam_unrolled_mean(steps).holds


def test_wrong_formulas_do_not_hold():
    assert not check(O.gd_stability_bound().direct, 1 / O.lam).holds
    assert not check(O.momentum_stability_bound().direct, 2 / O.lam).holds              # β ignored
    assert not check(O.momentum_steady_state().direct, O.eta * O.g).holds                 # no 1/(1 − β)
    assert not check(O.momentum_velocity().direct, O.g / (1 - O.beta)).holds             # only the limit
    b1 = sp.Symbol("beta_1", positive=True)
    assert not check(O.adam_unrolled_mean(3).direct, O.g).holds                           # m_t is biased
    assert not check(O.adam_unrolled_mean(3).direct, (1 - b1) * O.g).holds


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_adam_unrolled_mean_rejects_bad_steps(bad):
    with pytest.raises(ValueError):
        O.adam_unrolled_mean(bad)


def _run_1d(optimizer, lam, steps=400):
    theta = np.array([1.0])
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            optimizer.step([theta], [lam * theta])
    return abs(theta[0])


@pytest.mark.parametrize("lam", [0.5, 3.0])
def test_gd_bound_matches_the_package(lam):
    bound = float(O.gd_stability_bound().formula.subs(O.lam, lam))
    assert _run_1d(bp.SGD(0.95 * bound), lam) < 1e-3
    assert not _run_1d(bp.SGD(1.05 * bound), lam) < 1.0


@pytest.mark.parametrize("lam, beta", [(1.0, 0.9), (4.0, 0.5), (2.0, 0.0)])
def test_momentum_bound_matches_the_package(lam, beta):
    bound = float(O.momentum_stability_bound().formula.subs({O.lam: lam, O.beta: beta}))
    assert _run_1d(bp.Momentum(0.95 * bound, beta=beta), lam, steps=3000) < 1e-3
    assert not _run_1d(bp.Momentum(1.05 * bound, beta=beta), lam, steps=3000) < 1.0


def test_velocity_formula_matches_the_package():
    beta, g, eta, steps = 0.8, 0.3, 0.1, 6
    opt, theta = bp.Momentum(eta, beta=beta), np.zeros(1)
    for _ in range(steps):
        opt.step([theta], [np.array([g])])
    v = float(O.momentum_velocity().formula.subs({O.beta: beta, O.g: g, O.t: steps}))
    assert opt.state[0]["v"][0] == pytest.approx(v, rel=1e-12)


def test_adam_bias_correction_matches_the_package():
    g = 0.37
    opt, theta = bp.Adam(0.1), np.zeros(1)
    for t in range(1, 5):
        before = theta.copy()
        opt.step([theta], [np.array([g])])
        m_hat = opt.state[0]["m"][0] / (1 - opt.beta1**t)
        assert m_hat == pytest.approx(g, rel=1e-12)
        assert before[0] - theta[0] == pytest.approx(0.1 * g / (g + opt.eps), rel=1e-9)  # step η·sign(g)


@pytest.mark.parametrize("targets, level", [((0, 1), sp.Rational(1, 16)), ((1, 1, 0), sp.Rational(1, 12)),
                                            ((0, 0, 1), sp.Rational(1, 12)), ((0, 1, 1, 0), sp.Rational(1, 8)),
                                            ((1,), 0)])
def test_tied_output_loss_levels(targets, level):
    d = O.tied_output_loss(targets)
    assert d.holds and d.direct == level


def test_tied_output_loss_matches_numbers():
    # a grid search over the shared value c finds the same minimum as SymPy
    c = np.linspace(0, 1, 30001)
    numeric = ((c - 1) ** 2 * 2 + c ** 2).min() / 8
    assert abs(numeric - float(O.tied_output_loss((1, 1, 0)).direct)) < 1e-8


@pytest.mark.parametrize("args", [((),), ((0, 2),), ((0, 1), 1)])
def test_tied_output_loss_rejects_bad_input(args):
    with pytest.raises(ValueError):
        O.tied_output_loss(*args)
