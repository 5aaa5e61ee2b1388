import numpy as np
import pytest

import backprop as bp
from backprop.experiments import GATES, SeedSweep, gate_of, hidden_gates, train_seeds


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
