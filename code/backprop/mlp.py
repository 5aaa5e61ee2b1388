"""A fully connected network trained by backpropagation.

Notation follows the book. Layer l (1 ≤ l ≤ L) computes

    z^l = W^l a^{l−1} + b^l,      a^l = σ(z^l),      a^0 = x,

with ``W^l`` of shape (n_l, n_{l−1}) and ``b^l`` of shape (n_l,), as in
PyTorch's ``Linear``. A batch stacks samples as rows, so in code the same step
reads ``Z = A_prev @ W.T + b`` with ``A_prev`` of shape (m, n_{l−1}).

The four backpropagation equations, in batch form (δ^l has one row per sample):

    BP1  δ^L = ∂ℒ/∂a^L ⊙ σ′(z^L)
    BP2  δ^l = (δ^{l+1} W^{l+1}) ⊙ σ′(z^l)
    BP3  ∂ℒ/∂b^l = Σ_rows δ^l
    BP4  ∂ℒ/∂W^l = (δ^l)ᵀ a^{l−1}
"""

from __future__ import annotations

import numpy as np

from ._checks import as_matrix, choice, layer_sizes, non_negative_int, positive_number, seed as check_seed
from .activations import get_activation, get_output_activation
from .initialization import INITS, init_std, initial_parameters
from .losses import get_loss

__all__ = ["INITS", "MLP", "init_std"]


class MLP:
    """A multilayer perceptron.

    ``sizes`` lists the number of units in each layer, input first: ``[2, 4, 1]``
    is a 2-4-1 network with 2 inputs, 4 hidden units and 1 output.
    ``activation`` is used in the hidden layers and, unless
    ``output_activation`` says otherwise, in the output layer too.
    ``weights[l]`` and ``biases[l]`` are plain numpy arrays that may be set in place.

    Parameters are drawn from ``numpy.random.default_rng(seed)`` layer by layer,
    first the weight matrix then the bias vector (:func:`backprop.initialization.initial_parameters`),
    so a seed fixes the network.

    The pieces of backpropagation are public methods, in the order they run:
    :meth:`forward_trace` (z and a of every layer), :meth:`loss_from_output`,
    :meth:`deltas` (BP1 and BP2) and :meth:`backward` (BP3 and BP4 from the deltas).
    :meth:`gradients`, :meth:`step` and :meth:`fit` put them together.
    """

    def __init__(self, sizes, activation="sigmoid", output_activation=None, loss="mse",
                 init="normal", scale=1.0, seed=0):
        self.sizes = layer_sizes(sizes)
        self.activation = get_activation(activation)
        self.output_activation = get_output_activation(
            activation if output_activation is None else output_activation)
        self.loss_fn = get_loss(loss)
        self.loss_fn.check_output_activation(self.output_activation.name)
        if self.loss_fn.probability_rows and self.sizes[-1] < 2:
            raise ValueError(f"a softmax output with loss {self.loss_fn.name!r} needs at least 2 units (one per class); "
                             f"got sizes[-1] = {self.sizes[-1]}")
        self.init = choice(init, "init", INITS)
        self.scale = positive_number(scale, "scale")
        self.seed = check_seed(seed)
        weights, biases = initial_parameters(self.sizes, self.init, self.scale, self.seed)
        self.weights = [W[0] for W in weights]   # W^l, shape (n_l, n_{l−1})
        self.biases = [b[0] for b in biases]     # b^l, shape (n_l,)

    def __repr__(self):
        return (f"MLP(sizes={self.sizes}, activation={self.activation.name!r}, "
                f"output_activation={self.output_activation.name!r}, loss={self.loss_fn.name!r}, "
                f"init={self.init!r}, scale={self.scale}, seed={self.seed})")

    @property
    def n_layers(self) -> int:
        """L, the number of weight layers (the input layer is not counted)."""
        return len(self.weights)

    def activation_of(self, layer: int):
        """The activation of weight layer ``layer`` (0-based: layer 0 computes a^1)."""
        return self.output_activation if layer == self.n_layers - 1 else self.activation

    # ----- checks ---------------------------------------------------------------
    def check_inputs(self, X):
        """X as a finite float array of shape (m, n_in), or a ``ValueError`` that says what is wrong."""
        return as_matrix(X, "X", n_cols=self.sizes[0])

    def check_targets(self, Y, m: int):
        """Y as a finite float array of shape (m, n_out) that the loss accepts, or a ``ValueError``."""
        Y = as_matrix(Y, "Y", n_cols=self.sizes[-1], n_rows=m)
        self.loss_fn.check_targets(Y)
        return Y

    # ----- forward --------------------------------------------------------------
    def forward_trace(self, X):
        """Run the forward pass and keep every intermediate array.

        Returns ``(zs, activations)``: ``zs[l]`` is z^{l+1} of shape (m, n_{l+1})
        and ``activations[l]`` is a^l, so ``activations[0]`` is X itself and
        ``activations[-1]`` the output.
        """
        A = self.check_inputs(X)
        zs, activations = [], [A]
        for layer, (W, b) in enumerate(zip(self.weights, self.biases)):
            Z = A @ W.T + b                      # z^l = W^l a^{l−1} + b^l, one row per sample
            A = self.activation_of(layer).f(Z)   # a^l = σ(z^l)
            zs.append(Z)
            activations.append(A)
        return zs, activations

    def forward(self, X):
        """The network's output a^L for a batch X of shape (m, n_in); result (m, n_out)."""
        return self.forward_trace(X)[1][-1]

    def loss_from_output(self, z_out, a_out, Y) -> float:
        """ℒ of the output layer (z^L, a^L) against the targets Y.

        The cross-entropies are computed from z^L, which keeps them finite when an
        output rounds to exactly 0 or 1 (see :class:`backprop.losses.Loss`).
        """
        return float(self.loss_fn.value_from_output(z_out, a_out, Y))

    def loss(self, X, Y) -> float:
        """The loss ℒ of the batch (X, Y), a float."""
        zs, activations = self.forward_trace(X)
        Y = self.check_targets(Y, activations[0].shape[0])
        return self.loss_from_output(zs[-1], activations[-1], Y)

    # ----- backward -------------------------------------------------------------
    def deltas(self, zs, activations, Y, delta_out=None):
        """δ^l for l = 1 … L from a forward trace, by BP1 and BP2: a list of (m, n_l) arrays.

        Row i of δ^l is ∂ℒ/∂z^l for sample i (it carries the 1/m of the batch mean).
        ``delta_out``, if given, is used as δ^L instead of BP1 (then ``Y`` is not used):
        chapter 9 sends a random error back through a deep network this way.
        """
        if delta_out is None:
            Y = self.check_targets(Y, zs[-1].shape[0])
            delta = self.loss_fn.output_delta(self.output_activation, zs[-1], activations[-1], Y)  # BP1
        else:
            delta = as_matrix(delta_out, "delta_out", n_cols=self.sizes[-1], n_rows=zs[-1].shape[0])
        deltas = [delta]
        for layer in range(self.n_layers - 1, 0, -1):
            sigma = self.activation_of(layer - 1)
            delta = (delta @ self.weights[layer]) * sigma.prime(zs[layer - 1])               # BP2
            deltas.insert(0, delta)
        return deltas

    def backward(self, zs, activations, Y):
        """The backward pass: ∂ℒ/∂W^l and ∂ℒ/∂b^l of every layer from a forward trace.

        Returns ``(dWs, dbs)`` with the shapes of ``weights`` and ``biases``.
        """
        deltas = self.deltas(zs, activations, Y)
        dbs = [delta.sum(axis=0) for delta in deltas]                         # BP3
        dWs = [delta.T @ A for delta, A in zip(deltas, activations[:-1])]     # BP4
        return dWs, dbs

    def gradients(self, X, Y):
        """∂ℒ/∂W^l and ∂ℒ/∂b^l for every layer, by backpropagation: ``(dWs, dbs)``."""
        zs, activations = self.forward_trace(X)
        return self.backward(zs, activations, Y)

    # ----- training -------------------------------------------------------------
    def step(self, dWs, dbs, lr):
        """One gradient-descent update W ← W − η ∂ℒ/∂W, b ← b − η ∂ℒ/∂b, in place."""
        lr = positive_number(lr, "lr")
        for name, grads, params in (("dWs", dWs, self.weights), ("dbs", dbs, self.biases)):
            if len(grads) != len(params):
                raise ValueError(f"{name} must hold one array per layer ({len(params)}); got {len(grads)}")
            for l, (g, p) in enumerate(zip(grads, params)):
                if np.shape(g) != p.shape:
                    raise ValueError(f"{name}[{l}] must have shape {p.shape}; got {np.shape(g)}")
        for W, b, dW, db in zip(self.weights, self.biases, dWs, dbs):
            W -= lr * dW
            b -= lr * db

    def fit(self, X, Y, lr, epochs):
        """Full-batch gradient descent for ``epochs`` steps with learning rate ``lr``.

        Returns the loss before each step, an array of length ``epochs``. If the
        loss stops being finite (a diverging run), training stops there and the
        remaining entries are NaN, so the curve shows where it blew up.
        """
        X = self.check_inputs(X)
        Y = self.check_targets(Y, X.shape[0])
        lr = positive_number(lr, "lr")
        epochs = non_negative_int(epochs, "epochs")
        losses = np.full(epochs, np.nan)
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs):
                zs, activations = self.forward_trace(X)
                losses[epoch] = self.loss_from_output(zs[-1], activations[-1], Y)
                if not np.isfinite(losses[epoch]):
                    break
                self.step(*self.backward(zs, activations, Y), lr)
        return losses
