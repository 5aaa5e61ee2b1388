"""The source articles' mistakes, rewritten as small functions for the errata appendix.

Nothing here is copied from the articles: each function re-creates one faulty
computation in the book's notation (rows are samples, W^l has shape
(n_l, n_{l−1}), z, a, delta as in chapter 4) so that the appendix can set it
next to the correct ``MLP.gradients`` and let a gradient check, a training
run or the Python interpreter expose it. ``backward_variant`` with the default
options *is* BP1–BP4, so the tests can show that removing the one faulty
ingredient makes each re-creation pass the gradient check.
"""

from __future__ import annotations

import numpy as np

from .._checks import as_matrix, choice, non_negative_int, positive_number
from ..activations import sigmoid, sigmoid_prime
from ..mlp import MLP

# The appendix's two thresholds for a gradient check's relative error, written once:
PASSES = 1e-6  # below this, backpropagation and central differences agree (float64, eps = 1e-6)
WRONG = 0.1    # above this, no rounding explains the gap: the formula is wrong

OUTPUT_DELTAS = ("mse", "ce", "mse_unscaled")
HIDDEN_FACTORS = ("prime_of_z", "prime_of_a", "prime_of_error")


def _check_net(net):
    if not isinstance(net, MLP):
        raise ValueError(f"net must be a backprop.MLP; got {type(net).__name__}")
    if net.activation.name != "sigmoid" or net.output_activation.name != "sigmoid":
        raise ValueError("the errata functions re-create sigmoid networks; use activation='sigmoid'")


def _check_data(net, X, Y):
    X = as_matrix(X, "X", n_cols=net.sizes[0])
    return X, as_matrix(Y, "Y", n_cols=net.sizes[-1], n_rows=X.shape[0])


def backward_variant(net, X, Y, output_delta="mse", hidden="prime_of_z"):
    """BP1–BP4 with one ingredient swappable; X (m, n_0), Y (m, n_L) → (dWs, dbs) shaped like W, b.

    output_delta: "mse" δ^L = (a − y) ⊙ σ′(z) / m (right for the book's MSE), "ce" δ^L = (a − y) / m
    (right for cross-entropy), "mse_unscaled" (a − y) ⊙ σ′(z) without the 1/m.
    hidden: BP2's factor, "prime_of_z" σ′(z) (right), "prime_of_a" σ′(a) = σ′(σ(z)),
    "prime_of_error" e ⊙ (1 − e) with e = δ W, the derivative helper fed the backpropagated error.
    """
    _check_net(net)
    output_delta = choice(output_delta, "output_delta", OUTPUT_DELTAS)
    hidden = choice(hidden, "hidden", HIDDEN_FACTORS)
    X, Y = _check_data(net, X, Y)
    zs, acts = net.forward_trace(X)
    a, z, m = acts[-1], zs[-1], X.shape[0]
    delta = {"mse": (a - Y) * sigmoid_prime(z) / m, "ce": (a - Y) / m,
             "mse_unscaled": (a - Y) * sigmoid_prime(z)}[output_delta]
    dWs, dbs = [None] * net.n_layers, [None] * net.n_layers
    for layer in range(net.n_layers - 1, -1, -1):
        dbs[layer] = delta.sum(axis=0)           # BP3
        dWs[layer] = delta.T @ acts[layer]       # BP4
        if layer > 0:                            # BP2
            e = delta @ net.weights[layer]
            factor = {"prime_of_z": lambda: sigmoid_prime(zs[layer - 1]),
                      "prime_of_a": lambda: sigmoid_prime(acts[layer]),
                      "prime_of_error": lambda: e * (1 - e)}[hidden]()
            delta = e * factor
    return dWs, dbs


def source000_unscaled_gradients(net, X, Y):
    """000 §5.1: δ^L = (a − y) ⊙ σ′(z) with no 1/m, the gradient of ½Σ‖a − y‖², not of the printed mean."""
    return backward_variant(net, X, Y, "mse_unscaled")


def printed_loss_000(net, X, Y) -> float:
    """The loss 000 §5.1 prints: np.mean((a − y)²) over all m × n_out entries."""
    _check_net(net)
    X, Y = _check_data(net, X, Y)
    return float(np.mean((net.forward(X) - Y) ** 2))


def source001_sigmoid_prime_on_activation(net, X, Y):
    """001 §4: hidden δ uses σ′(a) = σ′(σ(z)) instead of σ′(z) (output δ kept right for the MSE)."""
    return backward_variant(net, X, Y, "mse", "prime_of_a")


def source001_crossentropy_delta(net, X, Y):
    """001 §3.2 and §4: δ^L = (a − y)/m, the cross-entropy δ, used with the squared-error cost J."""
    return backward_variant(net, X, Y, "ce", "prime_of_z")


def source001_gradients(net, X, Y):
    """001 §4 as printed: both mistakes together."""
    return backward_variant(net, X, Y, "ce", "prime_of_a")


def source003_prime_of_error(net, X, Y):
    """003 second listing: hidden δ = e ⊙ e ⊙ (1 − e) with e = δ W, σ′'s helper applied to the error."""
    return backward_variant(net, X, Y, "mse", "prime_of_error")


def source003_batch_size_gradients(net, X, Y):
    """003 second listing: averaging over m = X.shape[1] (features) instead of X.shape[0] (samples)."""
    _check_net(net)
    X, Y = _check_data(net, X, Y)
    factor = X.shape[0] / X.shape[1]  # the book's δ already carries 1/m with m = X.shape[0]
    dWs, dbs = net.gradients(X, Y)
    return [factor * dW for dW in dWs], [factor * db for db in dbs]


def source003_transposed_weight_gradients(net, X, Y):
    """003 step 3: ∂L/∂W^l = a^{l−1} δ^l, i.e. aᵀδ of shape (n_{l−1}, n_l) instead of δᵀa (n_l, n_{l−1})."""
    _check_net(net)
    dWs, dbs = net.gradients(*_check_data(net, X, Y))
    return [dW.T for dW in dWs], dbs


def source003_output_gradient_in_every_layer(net, X, Y):
    """003 step 3.2 read as printed: δ^l = ∂L/∂a^L ⊙ σ′(z^l) in every layer, with no BP2 recursion.

    The article calls ∂L/∂a^{(l)} "the gradient of the loss with respect to the output layer" and
    gives no (W^{l+1})ᵀ δ^{l+1}. With one output unit, (m, 1) ⊙ (m, n_l) broadcasts silently.
    BP4 and BP3 are kept right, so only the hidden layers' gradients are wrong. Returns (dWs, dbs).
    """
    _check_net(net)
    X, Y = _check_data(net, X, Y)
    zs, acts = net.forward_trace(X)
    dL_da = (acts[-1] - Y) / X.shape[0]          # ∂L/∂a^L for the book's L = (1/2m) Σ ‖a − y‖²
    dWs, dbs = [], []
    for layer in range(net.n_layers):
        delta = dL_da * sigmoid_prime(zs[layer])  # the article's formula at every layer
        dWs.append(delta.T @ acts[layer])
        dbs.append(delta.sum(axis=0))
    return dWs, dbs


def source002_update_while_backpropagating(net, X, Y, lr):
    """002 §2.2.2: "from the last layer to the first, update the parameters layer by layer".

    Done literally, W^{l+1} is already updated when δ^l = (δ^{l+1} W^{l+1}) ⊙ σ′(z^l) is formed,
    so the lower layers get the "gradient" of a different network. Returns the (dWs, dbs) that
    such a pass applies; ``net`` itself is not changed (the pass works on copies of W).
    """
    _check_net(net)
    X, Y = _check_data(net, X, Y)
    lr = positive_number(lr, "lr")
    zs, acts = net.forward_trace(X)
    weights = [W.copy() for W in net.weights]
    delta = (acts[-1] - Y) * sigmoid_prime(zs[-1]) / X.shape[0]   # BP1, right
    dWs, dbs = [None] * net.n_layers, [None] * net.n_layers
    for layer in range(net.n_layers - 1, -1, -1):
        dWs[layer], dbs[layer] = delta.T @ acts[layer], delta.sum(axis=0)
        weights[layer] -= lr * dWs[layer]                          # updated before going back
        if layer > 0:
            delta = (delta @ weights[layer]) * sigmoid_prime(zs[layer - 1])
    return dWs, dbs


def source003_listing1_update_pairs(n_weights):
    """003 first listing: which layer's gradient ``weights[i-1] -= … gradients[i]`` applies to which W.

    ``gradients`` is filled from the last layer backwards; returns a list of pairs
    (layer updated, layer the gradient belongs to), counted from 1, in the loop's order.
    """
    n = non_negative_int(n_weights, "n_weights")
    if n < 1:
        raise ValueError("n_weights must be >= 1")
    grad_layer = [n - i for i in range(n)]          # gradients[i] belongs to layer n − i
    return [((i - 1) % n + 1, grad_layer[i]) for i in range(n)]


def source003_listing1_weight_gradients(net, X, Y):
    """003 first listing: dW for the i-th layer from the end = a^{L−i+1} ⊙ δ^1 (broadcast), one array per layer.

    Three mistakes in one line: the layer's own output instead of its input, always the first
    hidden layer's δ, and an elementwise product where BP4 needs δᵀ a. The δ are the correct ones.
    """
    _check_net(net)
    X, Y = _check_data(net, X, Y)
    zs, acts = net.forward_trace(X)
    deltas = net.deltas(zs, acts, Y)
    return [acts[-i] * deltas[0] for i in range(1, net.n_layers + 1)]


def source003_listing2_shapes(sizes=(2, 3, 1), m=4, seed=0):
    """003 second listing replayed on shapes (its layout: W (n_{l−1}, n_l)); returns a dict of array shapes.

    The forward loop runs over range(1, len(W)) and so skips the last layer; dW = a δᵀ is (m, m).
    """
    sizes = [non_negative_int(n, "sizes entry") for n in sizes]
    if len(sizes) < 3 or min(sizes) < 1:
        raise ValueError(f"sizes must list at least 3 layer widths >= 1; got {sizes!r}")
    m = non_negative_int(m, "m")
    if m < 1:
        raise ValueError("m must be >= 1")
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    x = rng.random((m, sizes[0]))
    a = x
    for layer in range(1, len(weights)):          # as in the listing: the last layer is never applied
        a = sigmoid(a @ weights[layer - 1])
    e = np.zeros((m, sizes[-1])) - a              # y − output broadcasts instead of failing
    back = e @ weights[0].T                       # weights[-l + 1] with l = 1 is weights[0]
    return {"output": a.shape, "expected_output": (m, sizes[-1]), "y_minus_output": e.shape,
            "dW": (back @ back.T).shape, "weights": [W.shape for W in weights]}


def source003_batchnorm_means(Z):
    """003 batch-norm listing: normalize Z (m, n) with z.mean(), z.var() over all entries; column means after.

    Returns (means with the listing's scalar statistics, means with per-unit statistics, axis 0).
    """
    Z = as_matrix(Z, "Z")
    scalar = (Z - Z.mean()) / np.sqrt(Z.var() + 1e-8)
    per_unit = (Z - Z.mean(axis=0)) / np.sqrt(Z.var(axis=0) + 1e-8)
    return scalar.mean(axis=0), per_unit.mean(axis=0)


def train_with_sign(net, X, Y, lr, epochs, sign=-1.0):
    """Full-batch steps θ ← θ + sign·η·∂L/∂θ; sign = −1 is gradient descent. Returns the losses (epochs,)."""
    if sign not in (-1, 1, -1.0, 1.0) or isinstance(sign, bool):
        raise ValueError(f"sign must be -1 (descent) or +1 (ascent); got {sign!r}")
    if not isinstance(epochs, (int, np.integer)) or isinstance(epochs, bool) or epochs < 1:
        raise ValueError(f"epochs must be a whole number >= 1; got {epochs!r}")
    lr = positive_number(lr, "lr")
    _check_net(net)
    X, Y = _check_data(net, X, Y)
    losses = []
    for _ in range(int(epochs)):
        losses.append(net.loss(X, Y))
        dWs, dbs = net.gradients(X, Y)
        for W, b, dW, db in zip(net.weights, net.biases, dWs, dbs):
            W += sign * lr * dW
            b += sign * lr * db
    return np.array(losses)


# ----- listings that do not run: book-written minimal snippets ---------------------------
TUPLE_AUGMENTED = "W, b = np.ones(2), np.ones(2)\nW, b -= 0.1 * dW, 0.1 * db\n"
UNDEFINED_NAME = "shapes = [(layers[i - 1], layers[i]) for i in range(1, 3)]\n"
UNDEFINED_DATASET = "for images, labels in train_dataset:\n    pass\n"


def raised(f, *args, **kwargs):
    """Call ``f(*args, **kwargs)``; return "ExceptionType: message" if it raises, else None.

    The appendix prints this line instead of a traceback: the type and the message are what
    the reader needs, and a traceback would show the build machine's file paths.
    """
    try:
        f(*args, **kwargs)
    except Exception as error:  # noqa: BLE001  (every error is the result to show)
        return f"{type(error).__name__}: {error}"
    return None


def error_table(rows: dict) -> str:
    """Per-array relative errors of several variants as a text table, one row per variant.

    ``rows`` maps a variant's name to a dict {'W1': …, 'b1': …} from ``bp.relative_errors``.
    """
    if not rows:
        raise ValueError("rows must name at least one variant")
    columns = list(next(iter(rows.values())))
    width = max(len(name) for name in rows)
    lines = [" " * width + "".join(f"{c:>10s}" for c in columns)]
    for name, errors in rows.items():
        lines.append(f"{name:<{width}s}" + "".join(f"{errors[c]:10.1e}" for c in columns))
    return "\n".join(lines)


def outputs_on_wrong_side(outputs, Y) -> int:
    """How many outputs lie on the wrong side of 0.5 for their 0/1 target; outputs and Y (m, n_out)."""
    outputs, Y = np.asarray(outputs, dtype=float), np.asarray(Y, dtype=float)
    if outputs.shape != Y.shape:
        raise ValueError(f"outputs must have the shape of Y {Y.shape}; got {outputs.shape}")
    return int(np.sum((outputs >= 0.5) != (Y >= 0.5)))


def run_snippet(source: str):
    """Execute a short book-written snippet in a fresh namespace (with numpy as np); errors propagate."""
    if not isinstance(source, str):
        raise ValueError("source must be a string of Python code")
    exec(compile(source, "<snippet>", "exec"), {"np": np})


def source003_mnist_shape(m=2):
    """003 MNIST: a batch of shape (m, 28, 28, 1) fed to a layer expecting 784 inputs; numpy raises ValueError."""
    if non_negative_int(m, "m") < 1:
        raise ValueError("m must be >= 1")
    images = np.zeros((m, 28, 28, 1))
    W = np.zeros((128, 784))
    return images @ W.T
