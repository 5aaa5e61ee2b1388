"""Every number of one forward and backward pass, and what gradients cost.

Chapter 4 draws the chain rule on a one-neuron graph (:func:`neuron_graph`) and on
a graph where one value feeds two paths (:func:`fork_graph`), counts the
multiply-adds of backpropagation and of finite differences (:func:`multiply_adds`)
and times both (:func:`gradient_costs`); chapter 5 names each quantity of a small
network (:func:`quantities`) so that the prose can glue it into a table. Arrays
hold one sample per row, as in ``MLP``. ℒ is the loss (for one sample, ℒ = ℓ).
"""

from __future__ import annotations

import numbers
import time

import numpy as np

from .._checks import as_matrix, non_negative_int
from ..activations import sigmoid, sigmoid_prime
from ..gradcheck import numerical_gradients
from ..losses import output_delta


def _finite_numbers(**values):
    for name, v in values.items():
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not np.isfinite(v):
            raise ValueError(f"{name} must be one finite number; got {v!r}")


def _central_difference(f, value: float, eps: float) -> float:
    """(f(v + ε) − f(v − ε)) / 2ε: the derivative of f at v without the chain rule."""
    return (f(value + eps) - f(value - eps)) / (2 * eps)


def neuron_graph(w: float, x: float, b: float, y: float) -> dict:
    """Forward values and backward derivatives of ℒ = ½(σ(w x + b) − y)² on its graph u = w x, z = u + b, a = σ(z).

    Keys ``x, w, b, y, u, z, a, L`` are forward values (``L`` is ℒ); ``dL_da, dL_dz, dL_du, dL_dw,
    dL_db, dL_dx`` are ∂ℒ/∂(node), each the previous one times a local derivative.
    """
    _finite_numbers(w=w, x=x, b=b, y=y)
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


def neuron_graph_numerical(w: float, x: float, b: float, y: float, eps: float = 1e-6) -> dict:
    """∂ℒ/∂w, ∂ℒ/∂b, ∂ℒ/∂x of ℒ = ½(σ(w x + b) − y)² by central differences (keys as in :func:`neuron_graph`).

    An independent check of the graph's backward values: no chain rule is used.
    """
    _finite_numbers(w=w, x=x, b=b, y=y)
    loss = lambda w_, x_, b_: 0.5 * (float(sigmoid(w_ * x_ + b_)) - y) ** 2  # noqa: E731
    return {"dL_dw": _central_difference(lambda v: loss(v, x, b), w, eps),
            "dL_db": _central_difference(lambda v: loss(w, x, v), b, eps),
            "dL_dx": _central_difference(lambda v: loss(w, v, b), x, eps)}


def fork_graph(h: float, v1: float, v2: float, y1: float, y2: float, eps: float = 1e-6) -> dict:
    """One value feeding two paths: p = v₁ h, q = v₂ h, ℒ = ½(p − y₁)² + ½(q − y₂)².

    This is BP2's situation without the σ′: h is a hidden unit's activation and
    p, q the weighted inputs of two units of the next layer. Keys: the forward
    values ``h, v1, v2, y1, y2, p, q, L``; the backward values ``dL_dp = p − y₁``
    and ``dL_dq = q − y₂``; the two path products ``path_p = ∂ℒ/∂p · v₁`` and
    ``path_q = ∂ℒ/∂q · v₂``; their sum ``dL_dh`` (the multivariable chain rule);
    and ``numerical``, ∂ℒ/∂h by a central difference, which uses no chain rule.
    """
    _finite_numbers(h=h, v1=v1, v2=v2, y1=y1, y2=y2)
    loss = lambda h_: 0.5 * (v1 * h_ - y1) ** 2 + 0.5 * (v2 * h_ - y2) ** 2  # noqa: E731
    g = {"h": h, "v1": v1, "v2": v2, "y1": y1, "y2": y2, "p": v1 * h, "q": v2 * h, "L": loss(h)}
    g["dL_dp"] = g["p"] - y1                        # local derivative of ½(p − y₁)²
    g["dL_dq"] = g["q"] - y2
    g["path_p"] = g["dL_dp"] * v1                   # ∂p/∂h = v₁
    g["path_q"] = g["dL_dq"] * v2                   # ∂q/∂h = v₂
    g["dL_dh"] = g["path_p"] + g["path_q"]          # paths that meet add up
    g["numerical"] = _central_difference(loss, h, eps)
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
    """Every number of one sample's pass, by name: ``z1_2`` is z^1_2, ``dW2_11`` is ∂ℒ/∂w^2_{11}.

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


def multiply_adds(net, m: int) -> dict:
    """Exact multiply-add counts of the matrix products for a batch of m samples.

    ``forward``: Z^l = A^{l−1}(W^l)ᵀ, m·n_{l−1}·n_l per layer. ``backprop``: the forward
    pass plus the backward pass of ``MLP._backward``, which per layer does BP4,
    (Δ^l)ᵀA^{l−1} (m·n_l·n_{l−1}), and, except at layer 1, BP2, Δ^l W^l (the same
    count). ``numerical``: 2P forward passes for P parameters (central differences).
    Elementwise work (σ, σ′, ⊙, biases) is left out of all three.
    """
    m = non_negative_int(m, "m")
    layer = [m * n_prev * n for n_prev, n in zip(net.sizes[:-1], net.sizes[1:])]
    forward = sum(layer)
    backward = sum(layer) + sum(layer[1:])       # BP4 at every layer, BP2 below the output
    return {"forward": forward, "backprop": forward + backward,
            "numerical": 2 * n_parameters(net) * forward}


def _times(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return np.array(times)


def gradient_costs(nets, X, Y, repeats: int = 3) -> list:
    """Wall-clock seconds of a forward pass, a backprop gradient and a finite-difference gradient, per net.

    ``nets`` is a list of ``MLP`` sharing the input and output sizes of ``X`` (m, n_in) and
    ``Y`` (m, n_out). Returns one dict per net with ``n_params``; ``forward``, ``backprop``,
    ``numerical``, the median seconds of ``repeats`` runs, and ``forward_range``,
    ``backprop_range``, ``numerical_range``, their (fastest, slowest); ``loss_calls``, the
    forward passes the finite differences made (counted); and ``multiply_adds``
    (:func:`multiply_adds`). Timings depend on the machine; the counts do not.
    """
    repeats = non_negative_int(repeats, "repeats")
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    X = np.asarray(X, dtype=np.float64)
    rows = []
    for net in nets:
        row = {"n_params": n_parameters(net)}
        for key, fn in (("forward", lambda: net.forward(X)), ("backprop", lambda: net.gradients(X, Y)),
                        ("numerical", lambda: numerical_gradients(net, X, Y))):
            t = _times(fn, repeats)
            row[key] = float(np.median(t))
            row[f"{key}_range"] = (float(t.min()), float(t.max()))
        row["loss_calls"] = count_loss_calls(net, X, Y)
        row["multiply_adds"] = multiply_adds(net, X.shape[0])
        rows.append(row)
    return rows
