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

from ._checks import as_matrix, choice, non_negative_int, positive_number
from .activations import get_activation, get_output_activation
from .losses import bce_from_logits, ce_from_logits, get_loss, output_delta

INITS = ("normal", "xavier", "he")


def init_std(scheme: str, n_in: int, n_out: int, scale: float = 1.0) -> float:
    """Standard deviation of the weights of one layer under an init scheme.

    * ``normal``: every weight and bias from N(0, scale²)
    * ``xavier`` (Glorot & Bengio 2010): std = scale · √(2 / (n_in + n_out)), biases 0
    * ``he`` (He et al. 2015): std = scale · √(2 / n_in), biases 0
    """
    choice(scheme, "init", INITS)
    if scheme == "normal":
        return scale
    if scheme == "xavier":
        return scale * np.sqrt(2.0 / (n_in + n_out))
    return scale * np.sqrt(2.0 / n_in)


class MLP:
    """A multilayer perceptron.

    ``sizes`` lists the number of units in each layer, input first: ``[2, 4, 1]``
    is a 2-4-1 network with 2 inputs, 4 hidden units and 1 output.
    ``activation`` is used in the hidden layers and, unless
    ``output_activation`` says otherwise, in the output layer too.
    ``weights[l]`` and ``biases[l]`` are plain numpy arrays that may be set in place.

    Parameters are drawn from ``numpy.random.default_rng(seed)`` layer by layer,
    first the weight matrix then the bias vector, so a seed fixes the network.
    """

    def __init__(self, sizes, activation="sigmoid", output_activation=None, loss="mse",
                 init="normal", scale=1.0, seed=0):
        sizes = list(sizes) if not isinstance(sizes, (str, bytes)) else None
        if sizes is None or len(sizes) < 2:
            raise ValueError("sizes must list at least two layer sizes, input first, e.g. [2, 4, 1]")
        for i, n in enumerate(sizes):
            if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
                raise ValueError(f"sizes must be whole numbers >= 1; sizes[{i}] is {n!r}")
        self.sizes = [int(n) for n in sizes]
        self.activation = get_activation(activation)
        self.output_activation = get_output_activation(
            activation if output_activation is None else output_activation)
        self.loss_fn = get_loss(loss)
        if self.loss_fn.name == "bce" and self.output_activation.name != "sigmoid":
            raise ValueError(
                "loss 'bce' needs outputs in (0, 1): use output_activation='sigmoid'; "
                f"got output_activation={self.output_activation.name!r}"
            )
        if (self.loss_fn.name == "ce") != (self.output_activation.name == "softmax"):
            raise ValueError(
                "loss 'ce' and output_activation 'softmax' go together (classes that sum to 1); "
                f"got loss={self.loss_fn.name!r} with output_activation={self.output_activation.name!r}"
            )
        if self.loss_fn.name == "ce" and self.sizes[-1] < 2:
            raise ValueError("a softmax output needs at least 2 units (one per class); "
                             f"got sizes[-1] = {self.sizes[-1]}")
        self.init = choice(init, "init", INITS)
        self.scale = positive_number(scale, "scale")
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise ValueError(f"seed must be a whole number; got {seed!r}")
        self.seed = int(seed)

        rng = np.random.default_rng(self.seed)
        self.weights, self.biases = [], []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            std = init_std(self.init, n_in, n_out, self.scale)
            self.weights.append(rng.normal(0.0, std, size=(n_out, n_in)))
            b = rng.normal(0.0, self.scale, size=n_out) if self.init == "normal" else np.zeros(n_out)
            self.biases.append(b)

    def __repr__(self):
        return (f"MLP(sizes={self.sizes}, activation={self.activation.name!r}, "
                f"output_activation={self.output_activation.name!r}, loss={self.loss_fn.name!r}, "
                f"init={self.init!r}, scale={self.scale}, seed={self.seed})")

    @property
    def n_layers(self) -> int:
        """L, the number of weight layers (the input layer is not counted)."""
        return len(self.weights)

    def _activation_of(self, layer: int):
        return self.output_activation if layer == self.n_layers - 1 else self.activation

    # ----- checks ---------------------------------------------------------------
    def _check_X(self, X):
        return as_matrix(X, "X", n_cols=self.sizes[0])

    def _check_Y(self, Y, m):
        Y = as_matrix(Y, "Y", n_cols=self.sizes[-1], n_rows=m)
        if self.loss_fn.name == "bce" and ((Y < 0) | (Y > 1)).any():
            raise ValueError("Y must lie in [0, 1] for loss 'bce' (targets are probabilities)")
        if self.loss_fn.name == "ce" and (((Y < 0) | (Y > 1)).any() or not np.allclose(Y.sum(axis=1), 1.0)):
            raise ValueError("for loss 'ce' each row of Y must be a probability vector over the classes "
                             "(entries in [0, 1] summing to 1), e.g. one-hot rows from backprop.digits.one_hot")
        return Y

    # ----- forward --------------------------------------------------------------
    def forward_trace(self, X):
        """Run the forward pass and keep every intermediate array.

        Returns ``(zs, activations)``: ``zs[l]`` is z^{l+1} of shape (m, n_{l+1})
        and ``activations[l]`` is a^l, so ``activations[0]`` is X itself and
        ``activations[-1]`` the output.
        """
        return self._trace(self._check_X(X))

    def _trace(self, A):
        # A is already a checked (m, n_in) float array.
        zs, activations = [], [A]
        for layer, (W, b) in enumerate(zip(self.weights, self.biases)):
            Z = A @ W.T + b                      # z^l = W^l a^{l−1} + b^l, one row per sample
            A = self._activation_of(layer).f(Z)  # a^l = σ(z^l)
            zs.append(Z)
            activations.append(A)
        return zs, activations

    def forward(self, X):
        """The network's output a^L for a batch X of shape (m, n_in); result (m, n_out)."""
        return self.forward_trace(X)[1][-1]

    def _loss_from(self, z_out, a_out, Y) -> float:
        if self.loss_fn.name == "bce":
            return bce_from_logits(z_out, Y)  # finite even when σ(z) rounds to 0 or 1
        if self.loss_fn.name == "ce":
            return ce_from_logits(z_out, Y)   # finite even when a softmax output rounds to 0
        return self.loss_fn.value(a_out, Y)

    def loss(self, X, Y) -> float:
        """The loss L of the batch (X, Y), a float."""
        zs, activations = self.forward_trace(X)
        Y = self._check_Y(Y, activations[0].shape[0])
        return self._loss_from(zs[-1], activations[-1], Y)

    # ----- backward -------------------------------------------------------------
    def _backward(self, zs, activations, Y):
        delta = output_delta(self.loss_fn, self.output_activation, zs[-1], activations[-1], Y)  # BP1
        dWs = [None] * self.n_layers
        dbs = [None] * self.n_layers
        for layer in range(self.n_layers - 1, -1, -1):
            dbs[layer] = delta.sum(axis=0)              # BP3
            dWs[layer] = delta.T @ activations[layer]   # BP4
            if layer > 0:                               # BP2
                delta = (delta @ self.weights[layer]) * self._activation_of(layer - 1).prime(zs[layer - 1])
        return dWs, dbs

    def gradients(self, X, Y):
        """∂ℒ/∂W^l and ∂ℒ/∂b^l for every layer, by backpropagation.

        Returns ``(dWs, dbs)`` with the shapes of ``weights`` and ``biases``.
        """
        zs, activations = self.forward_trace(X)
        Y = self._check_Y(Y, activations[0].shape[0])
        return self._backward(zs, activations, Y)

    # ----- training -------------------------------------------------------------
    def step(self, dWs, dbs, lr):
        """One gradient-descent update W ← W − η ∂ℒ/∂W, b ← b − η ∂ℒ/∂b, in place."""
        lr = positive_number(lr, "lr")
        for W, b, dW, db in zip(self.weights, self.biases, dWs, dbs):
            W -= lr * dW
            b -= lr * db

    def fit(self, X, Y, lr, epochs):
        """Full-batch gradient descent for ``epochs`` steps with learning rate ``lr``.

        Returns the loss before each step, an array of length ``epochs``. If the
        loss stops being finite (a diverging run), training stops there and the
        remaining entries are NaN, so the curve shows where it blew up.
        """
        X = self._check_X(X)
        Y = self._check_Y(Y, X.shape[0])
        lr = positive_number(lr, "lr")
        epochs = non_negative_int(epochs, "epochs")
        losses = np.full(epochs, np.nan)
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs):
                zs, activations = self._trace(X)
                losses[epoch] = self._loss_from(zs[-1], activations[-1], Y)
                if not np.isfinite(losses[epoch]):
                    break
                self.step(*self._backward(zs, activations, Y), lr)
        return losses
