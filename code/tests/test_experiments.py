import numpy as np
import pytest

import backprop as bp
from backprop.chapters import ch06_xor as ex
from backprop.chapters.ch06_xor import GATES, SeedSweep, gate_of, hidden_gates, train_seeds


def test_gate_table_holds_all_sixteen_functions():
    assert len(GATES) == 16
    assert gate_of([0, 1, 1, 1])[0] == "OR"
    assert gate_of([1, 1, 1, 0])[0] == "NAND"
    assert gate_of([0.1, 0.9, 0.8, 0.2])[0] == "XOR"


def test_hidden_gates_of_hand_built_or_nand_network():
    net = bp.MLP([2, 2, 1])
    net.weights[0][:] = [[10, 10], [-10, -10]]
    net.biases[0][:] = [-5, 15]
    assert [g[0] for g in hidden_gates(net)] == ["OR", "NAND"]


def test_train_seeds_matches_plain_fit():
    X, Y = bp.xor()
    sweep = train_seeds([2, 2, 1], [3, 5], lr=2.0, epochs=120, check_every=50)
    assert isinstance(sweep, SeedSweep) and sweep.curves.shape == (2, 120)
    for i, seed in enumerate([3, 5]):
        net = bp.MLP([2, 2, 1], seed=seed)
        curve = net.fit(X, Y, lr=2.0, epochs=120)
        np.testing.assert_allclose(sweep.curves[i], curve)
        assert sweep.final_loss[i] == pytest.approx(net.loss(X, Y))
        assert sweep.solved[i] == bp.solved(net.forward(X), Y)


def test_solved_at_and_stuck_seeds_agree():
    sweep = train_seeds([2, 4, 1], range(3), lr=2.0, epochs=2000, check_every=100)
    assert sweep.fraction_solved == 1.0 and sweep.stuck_seeds.size == 0
    assert np.all((sweep.solved_at > 0) & (sweep.solved_at % 100 == 0))


@pytest.mark.parametrize("kwargs, match", [
    (dict(seeds=[]), "seeds"),
    (dict(seeds=[1, 1]), "repeat"),
    (dict(seeds=[0.5]), "seeds"),
    (dict(lr=0), "lr"),
    (dict(check_every=0), "check_every"),
    (dict(loss="hinge"), "loss"),
    (dict(X=np.zeros((4, 2))), "both X and Y"),
])
def test_bad_input_raises(kwargs, match):
    args = dict(sizes=[2, 2, 1], seeds=[0], lr=1.0, epochs=10)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        train_seeds(**args)


def test_gate_of_and_hidden_gates_refuse_bad_input():
    with pytest.raises(ValueError, match="4 finite"):
        gate_of([0, 1, 1])
    with pytest.raises(ValueError, match="2 inputs"):
        hidden_gates(bp.MLP([3, 2, 1]))
    with pytest.raises(ValueError, match="2 inputs"):
        hidden_gates(bp.MLP([2, 1]))


# ----- chapter 6: budgets, tuning, gates over time ------------------------------------


def test_near_and_hover_span():
    assert ex.near([0.0625, 0.068, 0.07, 0.06], 1 / 16).tolist() == [True, True, False, False]
    curve = np.array([0.2, 0.124, 0.121, 0.119, 0.2, 0.124, 0.1])
    assert ex.hover_span(curve, 0.125) == (1, 3)
    assert ex.hover_span(np.ones(3), 0.125) == (-1, -1)


def test_gates_during_training_matches_one_long_fit():
    history = ex.gates_during_training([2, 4, 1], 0, 2.0, [0, 300, 900])
    net = bp.MLP([2, 4, 1], seed=0)
    net.fit(*bp.xor(), lr=2.0, epochs=900)
    assert history.losses[-1] == pytest.approx(net.loss(*bp.xor()), rel=1e-12)
    assert history.gates[-1] == tuple(name for name, _ in hidden_gates(net))
    assert history.epochs.tolist() == [0, 300, 900] and history.final_from in (0, 300, 900)
    with pytest.raises(ValueError, match="increasing"):
        ex.gates_during_training([2, 2, 1], 0, 2.0, [10, 5])


def test_solved_by_budget_counts_the_state_at_the_last_epoch():
    curve = ex.solved_by_budget([2, 2, 1], range(6), 2.0, [100, 800])
    X, Y = bp.xor()
    for k, budget in enumerate([100, 800]):
        for i, seed in enumerate(range(6)):
            net = bp.MLP([2, 2, 1], seed=seed)
            net.fit(X, Y, lr=2.0, epochs=budget)
            assert curve.solved[k, i] == bp.solved(net.forward(X), Y)
    assert curve.counts.shape == (2,) and np.all(curve.ever_solved_by >= curve.counts)
    with pytest.raises(ValueError, match="increasing"):
        ex.solved_by_budget([2, 2, 1], range(3), 2.0, [800, 100])


def test_tune_lr_picks_the_most_solved_and_knows_its_edges():
    tuning = ex.tune_lr([2, 2, 1], [0.25, 2.0, 8.0], range(3), 600)
    assert tuning.n_solved.shape == (3,) and tuning.n_seeds == 3
    assert tuning.n_solved[tuning.best] == tuning.n_solved.max()
    assert tuning.bracketed == (tuning.best == 1)
    with pytest.raises(ValueError, match="at least 3 seeds"):
        ex.tune_lr([2, 2, 1], [0.5, 1.0, 2.0], range(2), 10)
    with pytest.raises(ValueError, match="grid"):
        ex.tune_lr([2, 2, 1], [1.0, 0.5, 2.0], range(3), 10)


def test_outputs_without_silences_units():
    net = bp.MLP([2, 2, 1], seed=3)
    X, _ = bp.xor()
    np.testing.assert_allclose(ex.outputs_without(net, X, []), net.forward(X))
    silent = ex.outputs_without(net, X, [1, 2])
    np.testing.assert_allclose(silent, bp.sigmoid(np.full((4, 1), net.biases[1][0])))
    assert ex.circuit_of(net) == tuple(sorted(n for n, _ in hidden_gates(net)))
    with pytest.raises(ValueError, match="numbered"):
        ex.outputs_without(net, X, [3])


def test_solved_by_budget_plot_draws_points_and_line():
    import matplotlib
    matplotlib.use("Agg")
    from backprop.book import plotting as plotting

    curve = ex.solved_by_budget([2, 2, 1], range(4), 2.0, [50, 200])
    fig, ax = plotting.new_figure()
    ex.solved_by_budget_plot(ax, curve, "zh")
    assert ax.get_xscale() == "log" and len(ax.lines) >= 1
    plotting.plt.close(fig)


def test_solved_by_budget_keeps_the_networks_of_the_longest_budget():
    curve = ex.solved_by_budget([2, 2, 1], range(3), 2.0, [50, 200])
    X, Y = bp.xor()
    for i, seed in enumerate(range(3)):
        net = bp.MLP([2, 2, 1], seed=seed)
        net.fit(X, Y, lr=2.0, epochs=200)
        np.testing.assert_allclose(curve.nets[i].forward(X), net.forward(X), rtol=1e-12)


def test_tied_inputs_finds_two_inputs_sharing_a_saturated_hidden_vector():
    X, Y = bp.xor()
    net = bp.MLP([2, 2, 1])
    # both hidden units saturated near 0 on (1,0) and (1,1); the output gives them 0.5
    net.weights[0][:] = [[-30, 10], [-30, 20]]
    net.biases[0][:] = [5, -10]
    net.weights[1][:] = [[-10, 20]]
    net.biases[1][:] = [0]
    tie = ex.tied_inputs(net)
    assert tie.missed.tolist() == [False, False, True, True]
    assert tie.spread < 1e-6 and tie.max_slope < 1e-6
    np.testing.assert_allclose(tie.outputs.ravel()[-2:], 0.5, atol=1e-6)
    hand = bp.MLP([2, 2, 1])
    hand.weights[0][:], hand.biases[0][:] = [[10, 10], [-10, -10]], [-5, 15]
    hand.weights[1][:], hand.biases[1][:] = [[10, 10]], [-15]
    assert not ex.tied_inputs(hand, X, Y).missed.any()
    with pytest.raises(ValueError, match="one hidden layer"):
        ex.tied_inputs(bp.MLP([2, 2, 2, 1]))
