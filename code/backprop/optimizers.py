"""Update rules beyond plain gradient descent, and a mini-batch training loop.

Every optimizer sees the parameters θ (a list of arrays: the weights, then the
biases of :class:`backprop.MLP`) and their gradients g = ∂ℒ/∂θ from
backpropagation, and changes θ in place. With t counting steps from 1:

* ``SGD``       θ ← θ − η g
* ``Momentum``  v ← β v + g,            θ ← θ − η v               (Polyak's heavy ball)
* ``Adam``      m ← β₁ m + (1 − β₁) g,  s ← β₂ s + (1 − β₂) g²,
                m̂ = m / (1 − β₁ᵗ),      ŝ = s / (1 − β₂ᵗ),
                θ ← θ − η m̂ / (√ŝ + ε)                            (Kingma & Ba 2015)

The optimizers keep their state (v, m, s, t) between calls; ``reset()`` clears it.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._checks import non_negative_int, positive_number
from .mlp import MLP


def _fraction(value, name: str) -> float:
    """A decay rate β in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1); got {value!r}")
    return float(value)


class Optimizer:
    """Common part: the learning rate η, a step counter t and per-parameter state."""

    name = "optimizer"

    def __init__(self, lr: float):
        self.lr = positive_number(lr, "lr")
        self.reset()

    def reset(self) -> None:
        """Forget the state: the step count t and ``state``, one dict of running averages per parameter array."""
        self.t = 0
        self.state: list[dict] | None = None

    def step(self, params, grads) -> None:
        """Update every array in ``params`` in place from the matching array in ``grads``."""
        params, grads = list(params), list(grads)
        if len(params) != len(grads):
            raise ValueError(f"got {len(params)} parameter arrays but {len(grads)} gradients")
        for i, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray) or p.dtype != np.float64:
                raise ValueError(f"params[{i}] must be a float64 numpy array, which the step updates in place; "
                                 f"got {type(p).__name__}")
            if np.shape(p) != np.shape(g):
                raise ValueError(f"gradient {i} has shape {np.shape(g)}, its parameter {np.shape(p)}")
        if self.state is None:
            self.state = [{} for _ in params]
        elif len(self.state) != len(params):
            raise ValueError("this optimizer was used with other parameters; call reset() first")
        self.t += 1
        for p, g, state in zip(params, grads, self.state):
            p -= self.direction(np.asarray(g, dtype=np.float64), state)

    def direction(self, g, state):  # pragma: no cover - every subclass overrides it
        """The step Δθ for gradient g, updating this parameter's ``state`` dict; θ ← θ − Δθ."""
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    """Plain (mini-batch) gradient descent θ ← θ − η g."""

    name = "sgd"

    def direction(self, g, state):
        return self.lr * g


class Momentum(Optimizer):
    """Heavy-ball momentum: v ← β v + g, θ ← θ − η v (β = 0 is plain SGD)."""

    name = "momentum"

    def __init__(self, lr: float, beta: float = 0.9):
        self.beta = _fraction(beta, "beta")
        super().__init__(lr)

    def direction(self, g, state):
        v = state.get("v")
        state["v"] = g.copy() if v is None else self.beta * v + g
        return self.lr * state["v"]

    def __repr__(self):
        return f"Momentum(lr={self.lr}, beta={self.beta})"


class Adam(Optimizer):
    """Adam: bias-corrected running means of g and g², step η m̂ / (√ŝ + ε)."""

    name = "adam"

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.beta1 = _fraction(beta1, "beta1")
        self.beta2 = _fraction(beta2, "beta2")
        self.eps = positive_number(eps, "eps")
        super().__init__(lr)

    def direction(self, g, state):
        m = state.get("m", np.zeros_like(g))
        s = state.get("s", np.zeros_like(g))
        state["m"] = self.beta1 * m + (1 - self.beta1) * g
        state["s"] = self.beta2 * s + (1 - self.beta2) * g * g
        m_hat = state["m"] / (1 - self.beta1 ** self.t)
        s_hat = state["s"] / (1 - self.beta2 ** self.t)
        return self.lr * m_hat / (np.sqrt(s_hat) + self.eps)

    def __repr__(self):
        return f"Adam(lr={self.lr}, beta1={self.beta1}, beta2={self.beta2}, eps={self.eps})"


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(name: str, **kwargs) -> Optimizer:
    """An optimizer by name ('sgd', 'momentum', 'adam') with its keyword arguments."""
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; expected one of {', '.join(map(repr, OPTIMIZERS))}")
    return OPTIMIZERS[name](**kwargs)


def train(net, X, Y, optimizer: Optimizer, epochs: int, batch_size: int | None = None,
          seed: int = 0, on_epoch=None):
    """Train ``net`` in place with ``optimizer`` on mini-batches; returns the losses, shape (epochs + 1,).

    ``losses[0]`` is the loss on all of (X, Y) before training and ``losses[e]``
    the loss after epoch e. An epoch visits every sample once in an order
    shuffled by ``numpy.random.default_rng(seed)``, in batches of
    ``batch_size`` rows (the last batch may be smaller); ``batch_size=None``
    means one full batch, i.e. plain gradient descent when the optimizer is SGD.
    If the loss stops being finite the run has diverged: training stops and the
    remaining entries are NaN. ``on_epoch(epoch, net)``, if given, is called
    after each epoch (epoch = 1, 2, …), e.g. to record a test accuracy.
    """
    if not isinstance(net, MLP):
        raise ValueError(f"net must be a backprop.MLP; got {type(net).__name__}")
    if not isinstance(optimizer, Optimizer):
        raise ValueError(f"optimizer must be a backprop.optimizers.Optimizer (SGD, Momentum, Adam); "
                         f"got {type(optimizer).__name__}")
    X = net.check_inputs(X)
    Y = net.check_targets(Y, X.shape[0])
    epochs = non_negative_int(epochs, "epochs")
    m = X.shape[0]
    if batch_size is None:
        batch_size = m
    elif isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral) or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number >= 1 or None; got {batch_size!r}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ValueError(f"seed must be a whole number; got {seed!r}")
    if on_epoch is not None and not callable(on_epoch):
        raise ValueError("on_epoch must be a function on_epoch(epoch, net) or None")
    rng = np.random.default_rng(seed)
    params = list(net.weights) + list(net.biases)
    losses = np.full(epochs + 1, np.nan)
    with np.errstate(over="ignore", invalid="ignore"):
        losses[0] = _full_batch_loss(net, X, Y)
        for epoch in range(1, epochs + 1):
            if not np.isfinite(losses[epoch - 1]):
                break
            order = rng.permutation(m) if batch_size < m else np.arange(m)
            for start in range(0, m, batch_size):
                rows = order[start:start + batch_size]
                zs, acts = net.forward_trace(X[rows])
                dWs, dbs = net.backward(zs, acts, Y[rows])
                optimizer.step(params, list(dWs) + list(dbs))
            losses[epoch] = _full_batch_loss(net, X, Y)
            if on_epoch is not None:
                on_epoch(epoch, net)
    return losses


def _full_batch_loss(net, X, Y) -> float:
    zs, acts = net.forward_trace(X)
    return net.loss_from_output(zs[-1], acts[-1], Y)
