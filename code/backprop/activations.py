"""Activation functions σ(z) and their derivatives σ′(z).

Each derivative is written in terms of the weighted input ``z`` (not of the
output ``a``), because that is how the δ-equations use it:
BP1 δ^L = ∇_a L ⊙ σ′(z^L) and BP2 δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l).
All functions work elementwise on arrays of any shape.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ._checks import choice


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{−z}), computed without overflow for any finite z.

    For z < 0 the textbook form would evaluate e^{−z} = e^{|z|}, which
    overflows past |z| ≈ 709; the equal form e^{z} / (1 + e^{z}) does not.
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # always in (0, 1]: no overflow
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """σ′(z) = σ(z) (1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """tanh(z) = (e^{z} − e^{−z}) / (e^{z} + e^{−z})."""
    return np.tanh(np.asarray(z, dtype=np.float64))


def tanh_prime(z):
    """tanh′(z) = 1 − tanh²(z)."""
    t = np.tanh(np.asarray(z, dtype=np.float64))
    return 1.0 - t * t


def relu(z):
    """ReLU(z) = max(0, z)."""
    return np.maximum(0.0, np.asarray(z, dtype=np.float64))


def relu_prime(z):
    """ReLU′(z) = 1 for z > 0, else 0 (the book's choice at the kink z = 0)."""
    return (np.asarray(z, dtype=np.float64) > 0).astype(np.float64)


def identity(z):
    """The identity, for a linear output layer: σ(z) = z."""
    return np.asarray(z, dtype=np.float64).copy()


def identity_prime(z):
    """The identity's derivative: 1 everywhere."""
    return np.ones_like(np.asarray(z, dtype=np.float64))


# σ′ once σ(z) is known. A network has a = σ(z) at hand after its forward pass, so the
# engines use these: the same floating-point operations as the functions above, without
# computing σ(z) a second time. ``z`` and ``a`` are arrays of the same shape.
def sigmoid_prime_from_output(z, a):
    """σ′(z) = a (1 − a) with a = σ(z)."""
    return a * (1.0 - a)


def tanh_prime_from_output(z, a):
    """tanh′(z) = 1 − a² with a = tanh(z)."""
    return 1.0 - a * a


def relu_prime_from_output(z, a):
    """ReLU′(z) = 1 where z > 0, else 0 (a is not needed)."""
    return (z > 0).astype(np.float64)


def identity_prime_from_output(z, a):
    """The identity's derivative, the number 1: δ · 1 = δ exactly, and no array is built."""
    return 1.0


class Activation(NamedTuple):
    """An activation function, its derivative in terms of z, and the same derivative given a = σ(z)."""

    name: str
    f: Callable
    prime: Callable
    prime_from_output: Callable


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, sigmoid_prime_from_output),
    "tanh": Activation("tanh", tanh, tanh_prime, tanh_prime_from_output),
    "relu": Activation("relu", relu, relu_prime, relu_prime_from_output),
    "identity": Activation("identity", identity, identity_prime, identity_prime_from_output),
}


def get_activation(name: str) -> Activation:
    """Look up an activation by name; unknown names raise ``ValueError``."""
    return ACTIVATIONS[choice(name, "activation", tuple(ACTIVATIONS))]


def softmax(z):
    """Row-wise softmax a_k = e^{z_k} / Σ_j e^{z_j} of z (m, K); each row of the result sums to 1.

    The row maximum is subtracted first: softmax(z) = softmax(z − c) for any c,
    and e^{z − max z} never overflows.
    """
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 2:
        raise ValueError(f"softmax expects a 2-D array (one sample per row); got shape {z.shape}")
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _softmax_prime(z):
    raise ValueError("softmax is not elementwise, so it has no σ′(z) to multiply by; "
                     "use it only as the output activation together with loss 'ce', "
                     "where δ^L = (a − y)/m")


SOFTMAX = Activation("softmax", softmax, _softmax_prime, lambda z, a: _softmax_prime(z))
OUTPUT_ACTIVATIONS = {**ACTIVATIONS, "softmax": SOFTMAX}


def get_output_activation(name: str) -> Activation:
    """Like :func:`get_activation`, but also allows ``'softmax'`` (output layer only)."""
    return OUTPUT_ACTIVATIONS[choice(name, "output_activation", tuple(OUTPUT_ACTIVATIONS))]
