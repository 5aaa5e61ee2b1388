"""Every number of one forward and backward pass, and what gradients cost.

Chapter 4 draws the chain rule on a one-neuron graph (:func:`neuron_graph`) and
measures backpropagation against finite differences (:func:`gradient_costs`);
chapter 5 names each quantity of a small network (:func:`quantities`) so that
the prose can glue it into a table. Arrays hold one sample per row, as in ``MLP``.
"""

from __future__ import annotations

import numbers
import time

import numpy as np

from ._checks import as_matrix, non_negative_int
from .activations import sigmoid, sigmoid_prime
from .gradcheck import numerical_gradients
from .losses import output_delta


def neuron_graph(w: float, x: float, b: float, y: float) -> dict:
    """Forward values and backward derivatives of L = ½(σ(w x + b) − y)² on its graph u = w x, z = u + b, a = σ(z).

    Keys ``x, w, b, y, u, z, a, L`` are forward values; ``dL_da, dL_dz, dL_du, dL_dw, dL_db, dL_dx``
    are ∂L/∂(node), each the previous one times a local derivative.
    """
    for name, v in (("w", w), ("x", x), ("b", b), ("y", y)):
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not np.isfinite(v):
            raise ValueError(f"{name} must be one finite number; got {v!r}")
    u = w * x
    z = u + b
    a = float(sigmoid(z))
    g = {"x": x, "w": w, "b": b, "y": y, "u": u, "z": z, "a": a, "L": 0.5 * (a - y) ** 2}
    g["dL_da"] = a - y                              # local derivative of ½(a − y)²
    g["dL_dz"] = g["dL_da"] * float(sigmoid_prime(z))  # ∂a/∂z = σ′(z)
    g["dL_du"] = g["dL_dz"] * 1.0                   # ∂z/∂u = 1
    g["dL_db"] = g["dL_dz"] * 1.0                   # ∂z/∂b = 1
    g["dL_dw"] = g["dL_du"] * x                     # ∂u/∂w = x
    g["dL_dx"] = g["dL_du"] * w                     # ∂u/∂x = w
    return {k: float(v) for k, v in g.items()}


def deltas(net, X, Y):
    """δ^l for l = 1 … L by BP1 and BP2 (batch form, rows are samples): a list of (m, n_l) arrays."""
    zs, activations = net.forward_trace(X)
    Y = net._check_Y(Y, activations[0].shape[0])  # shape, and the range the loss needs
    delta = output_delta(net.loss_fn, net.output_activation, zs[-1], activations[-1], Y)  # BP1
    out = [delta]
    for layer in range(net.n_layers - 1, 0, -1):                                            # BP2
        delta = (delta @ net.weights[layer]) * net._activation_of(layer - 1).prime(zs[layer - 1])
        out.insert(0, delta)
    return out


def quantities(net, x, y) -> dict:
    """Every number of one sample's pass, by name: ``z1_2`` is z^1_2, ``dW2_11`` is ∂L/∂w^2_{11}.

    ``x`` holds n_in numbers and ``y`` n_out numbers (one sample). Keys, with
    units counted from 1: ``z{l}_{j}``, ``a{l}_{j}``, ``L``, ``delta{l}_{j}``,
    ``dW{l}_{jk}``, ``db{l}_{j}``, in the order of a forward then a backward pass.
    """
    X = as_matrix(np.asarray(x, dtype=float).reshape(1, -1), "x", n_cols=net.sizes[0])
    Y = as_matrix(np.asarray(y, dtype=float).reshape(1, -1), "y", n_cols=net.sizes[-1])
    zs, activations = net.forward_trace(X)
    q = {}
    for l in range(1, net.n_layers + 1):
        q |= {f"z{l}_{j + 1}": v for j, v in enumerate(zs[l - 1][0])}
        q |= {f"a{l}_{j + 1}": v for j, v in enumerate(activations[l][0])}
    q["L"] = net.loss(X, Y)
    dWs, dbs = net.gradients(X, Y)
    ds = deltas(net, X, Y)
    for l in range(net.n_layers, 0, -1):
        q |= {f"delta{l}_{j + 1}": v for j, v in enumerate(ds[l - 1][0])}
        q |= {f"dW{l}_{j + 1}{k + 1}": dWs[l - 1][j, k] for j, k in np.ndindex(dWs[l - 1].shape)}
        q |= {f"db{l}_{j + 1}": v for j, v in enumerate(dbs[l - 1])}
    return {k: float(v) for k, v in q.items()}


def n_parameters(net) -> int:
    """The number of weights and biases of ``net``."""
    return int(sum(W.size + b.size for W, b in zip(net.weights, net.biases)))


def count_loss_calls(net, X, Y, eps: float = 1e-6) -> int:
    """How many forward passes (calls of ``net.loss``) the central-difference gradient makes."""
    calls = 0
    original = net.loss

    def counting_loss(X_, Y_):
        nonlocal calls
        calls += 1
        return original(X_, Y_)

    net.loss = counting_loss  # an instance attribute shadows the method for this count only
    try:
        numerical_gradients(net, X, Y, eps)
    finally:
        del net.loss
    return calls


def _median_time(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def gradient_costs(nets, X, Y, repeats: int = 3) -> list:
    """Median wall-clock seconds of a forward pass, a backprop gradient and a finite-difference gradient, per net.

    ``nets`` is a list of ``MLP`` sharing the input and output sizes of ``X`` (m, n_in) and
    ``Y`` (m, n_out). Returns one dict per net with ``n_params``, ``forward``, ``backprop``,
    ``numerical`` (seconds) and ``loss_calls`` (forward passes of the finite differences).
    """
    repeats = non_negative_int(repeats, "repeats")
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    rows = []
    for net in nets:
        rows.append({
            "n_params": n_parameters(net),
            "forward": _median_time(lambda: net.forward(X), repeats),
            "backprop": _median_time(lambda: net.gradients(X, Y), repeats),
            "numerical": _median_time(lambda: numerical_gradients(net, X, Y), repeats),
            "loss_calls": count_loss_calls(net, X, Y),
        })
    return rows
