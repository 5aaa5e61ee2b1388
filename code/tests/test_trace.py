"""Named quantities of one pass, the chain-rule graph and the cost counts (chapters 4 and 5)."""
import numpy as np
import pytest

import backprop as bp
from backprop.chapters import ch04_chain_rule as trace


def test_neuron_graph_matches_a_one_neuron_mlp():
    g = trace.neuron_graph(w=0.5, x=1.5, b=-0.2, y=1.0)
    net = bp.MLP([1, 1])
    net.weights[0][:] = 0.5
    net.biases[0][:] = -0.2
    dWs, dbs = net.gradients([[1.5]], [[1.0]])
    assert g["L"] == pytest.approx(net.loss([[1.5]], [[1.0]]), abs=1e-15)
    assert g["dL_dw"] == pytest.approx(dWs[0][0, 0], abs=1e-15)
    assert g["dL_db"] == pytest.approx(dbs[0][0], abs=1e-15)


def test_quantities_deltas_are_mlp_deltas():
    net = bp.MLP([2, 3, 2], seed=1)
    x, y = [0.3, -1.2], [0.2, 0.9]
    q = trace.quantities(net, x, y)
    ds = net.deltas(*net.forward_trace([x]), np.array([y]))
    for l, d in enumerate(ds, start=1):
        for j, v in enumerate(d[0], start=1):
            assert q[f"delta{l}_{j}"] == v   # the same arithmetic, so the same float


def test_quantities_checks_the_targets_the_loss_needs():
    net = bp.MLP([2, 2, 1], output_activation="sigmoid", loss="bce", seed=0)
    with pytest.raises(ValueError, match="Y must lie in"):
        trace.quantities(net, [0.5, 1.0], [2.0])


def test_quantities_names_every_number():
    net = bp.MLP([2, 2, 1], seed=0)
    q = trace.quantities(net, [0.5, 1.0], [1.0])
    assert set(q) >= {"z1_1", "z1_2", "a1_2", "z2_1", "a2_1", "L", "delta2_1", "delta1_2",
                      "dW1_21", "dW2_12", "db1_2", "db2_1"}
    assert q["a2_1"] == pytest.approx(net.forward([[0.5, 1.0]])[0, 0])
    assert q["dW1_21"] == pytest.approx(q["delta1_2"] * 0.5)   # BP4: a^0_1 δ^1_2


def test_finite_differences_need_two_passes_per_parameter():
    net = bp.MLP([3, 4, 2], seed=0)
    X, Y = np.zeros((2, 3)), np.zeros((2, 2))
    assert trace.count_loss_calls(net, X, Y) == 2 * trace.n_parameters(net) == 2 * (12 + 4 + 8 + 2)
    assert "loss" not in vars(net)   # the counting wrapper is removed


def test_gradient_costs_rows():
    X, Y = np.zeros((2, 2)), np.zeros((2, 1))
    rows = trace.gradient_costs([bp.MLP([2, 2, 1]), bp.MLP([2, 5, 1])], X, Y, repeats=1)
    assert [r["n_params"] for r in rows] == [9, 21]
    assert all(r["forward"] > 0 and r["numerical"] > 0 for r in rows)


@pytest.mark.parametrize("call, message", [
    (lambda: trace.neuron_graph(np.nan, 1.0, 0.0, 0.0), "w must be one finite number"),
    (lambda: trace.neuron_graph(1.0, "x", 0.0, 0.0), "x must be one finite number"),
    (lambda: trace.quantities(bp.MLP([2, 1]), [1.0, 2.0, 3.0], [0.0]), "x must have 2 columns"),
    (lambda: trace.gradient_costs([bp.MLP([2, 1])], np.zeros((1, 2)), np.zeros((1, 1)), repeats=0), "at least 1"),
])
def test_bad_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_neuron_graph_backward_values_match_central_differences():
    g = trace.neuron_graph(w=0.5, x=1.5, b=-0.2, y=1.0)
    numerical = trace.neuron_graph_numerical(w=0.5, x=1.5, b=-0.2, y=1.0)
    for key, value in numerical.items():
        assert value == pytest.approx(g[key], rel=1e-7)


def test_fork_graph_paths_add_up_to_the_derivative():
    g = trace.fork_graph(h=0.6, v1=1.5, v2=-0.8, y1=1.0, y2=0.0)
    assert g["p"] == pytest.approx(0.9) and g["q"] == pytest.approx(-0.48)
    assert g["dL_dh"] == pytest.approx(1.5 * (0.9 - 1.0) + (-0.8) * (-0.48 - 0.0))
    assert g["numerical"] == pytest.approx(g["dL_dh"], rel=1e-8)
    assert abs(g["path_p"] - g["numerical"]) > 0.1 and abs(g["path_q"] - g["numerical"]) > 0.1


def test_multiply_adds_by_hand():
    net = bp.MLP([3, 4, 2], seed=0)          # layer products: 5·3·4 = 60 and 5·4·2 = 40
    counts = trace.multiply_adds(net, 5)
    assert counts["forward"] == 100
    assert counts["backprop"] == 100 + (60 + 40) + 40   # BP4 at both layers, BP2 at layer 2 only
    assert counts["numerical"] == 2 * trace.n_parameters(net) * 100


def test_gradient_costs_give_median_and_range():
    X, Y = np.zeros((2, 2)), np.zeros((2, 1))
    row = trace.gradient_costs([bp.MLP([2, 3, 1])], X, Y, repeats=3)[0]
    for key in ("forward", "backprop", "numerical"):
        low, high = row[f"{key}_range"]
        assert low <= row[key] <= high
    assert row["multiply_adds"] == trace.multiply_adds(bp.MLP([2, 3, 1]), 2)


def test_fork_graph_refuses_bad_input():
    with pytest.raises(ValueError, match="v2 must be one finite number"):
        trace.fork_graph(1.0, 1.0, np.inf, 0.0, 0.0)


def test_one_step_is_mlp_step_on_a_copy():
    net, x, y = trace.example_network(), [0.05, 0.10], [0.99]
    weights = [W.copy() for W in net.weights]
    s = trace.one_step(net, x, y, 0.5)
    stepped = bp.MLP([2, 2, 1])
    stepped.weights, stepped.biases = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    dWs, dbs = net.gradients(np.array([x]), np.array([y]))
    stepped.step(dWs, dbs, 0.5)
    assert s["after"] == stepped.loss(np.array([x]), np.array([y])) and s["before"] == net.loss(np.array([x]), np.array([y]))
    assert s["fall"] == s["before"] - s["after"] and 0 < s["fall"] < s["estimate"]
    assert all(np.array_equal(a, b) for a, b in zip(weights, net.weights))   # the net itself is untouched


def test_example_network_is_mazurs():
    q = trace.quantities(trace.example_network(), trace.EXAMPLE_221["x"], [trace.EXAMPLE_221["y"]])
    assert abs(q["a1_1"] - 0.593269992) < 5e-10 and abs(q["a2_1"] - 0.75136507) < 5e-9


def test_live_explorer_labels_and_start():
    en, zh = trace.live_explorer("en"), trace.live_explorer("zh")
    assert trace.PASS_TEXT["en"].keys() == trace.PASS_TEXT["zh"].keys()
    assert en.name == zh.name == "pass" and "0.15" in en.html and "&quot;lr&quot;:0.5" in en.html
    net = trace.example_network()
    net.weights[1][0, 0] = -20.0
    assert "-20.0" in trace.live_explorer("en", net, [0.0, 1.0], 0.2, 10.0).html


@pytest.mark.parametrize("kwargs, message", [
    (dict(net=bp.MLP([2, 3, 1])), "net"), (dict(net=bp.MLP([2, 2, 1], activation="tanh")), "net"),
    (dict(x=[1.0]), "x"), (dict(x=[0.0, 500.0]), "x"), (dict(y=[0.1, 0.2]), "y"), (dict(lr=0.3), "lr"),
    (dict(lang="fr"), "lang")])
def test_live_explorer_refuses_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        trace.live_explorer(**(dict(lang="en") | kwargs))
    with pytest.raises(ValueError, match="lr"):
        trace.one_step(trace.example_network(), [0.05, 0.1], [0.99], 0.0)
