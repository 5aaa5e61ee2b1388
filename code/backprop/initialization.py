"""Where a network's parameters start: the init schemes, and the one routine that draws them.

Both engines start from :func:`initial_parameters`: :class:`backprop.MLP` asks it for
one network, the vectorized engine (:mod:`backprop.vectorized`) for many at once. So
"the same seed gives the same network" has one source.

For every network the parameters are drawn from ``numpy.random.default_rng(seed)``
layer by layer, first the weight matrix W^l (row by row), then the bias vector b^l:

* ``normal``: every weight and bias from N(0, scale²)
* ``xavier`` (Glorot & Bengio 2010): weights with std = scale · √(2 / (n_in + n_out)), biases 0
* ``he`` (He et al. 2015): weights with std = scale · √(2 / n_in), biases 0

(for ``xavier`` and ``he`` no numbers are drawn for the biases).
"""

from __future__ import annotations

import numpy as np

from ._checks import choice, common_length, layer_sizes, per_network, positive_number, whole_number

INITS = ("normal", "xavier", "he")


def init_std(scheme: str, n_in: int, n_out: int, scale: float = 1.0) -> float:
    """Standard deviation of the weights of one layer with ``n_in`` inputs and ``n_out`` units."""
    choice(scheme, "init", INITS)
    n_in, n_out = whole_number(n_in, "n_in"), whole_number(n_out, "n_out")
    scale = positive_number(scale, "scale")
    if scheme == "normal":
        return scale
    if scheme == "xavier":
        return scale * np.sqrt(2.0 / (n_in + n_out))
    return scale * np.sqrt(2.0 / n_in)


def initial_parameters(sizes, init="normal", scales=1.0, seeds=0):
    """The starting parameters of networks of shape ``sizes``, one per (scale, seed) pair.

    ``scales`` and ``seeds`` are single numbers or 1-D sequences of one length n_nets.
    Returns ``(weights, biases)``: ``weights[l]`` of shape (n_nets, n_l, n_{l−1}) and
    ``biases[l]`` of shape (n_nets, n_l); network i is the one ``MLP(sizes, init=init,
    scale=scales[i], seed=seeds[i])`` holds.

    A weight is ``std · rng.standard_normal()``, which is exactly what
    ``rng.normal(0, std)`` returns, so each seed's stream is drawn once and scaled for
    every network that shares the seed.
    """
    sizes = layer_sizes(sizes)
    init = choice(init, "init", INITS)
    scales, seeds = common_length(scales=per_network(scales, "scales", "positive"),
                                  seeds=per_network(seeds, "seeds", "seed"))
    n = len(scales)
    weights = [np.empty((n, n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros((n, n_out)) for n_out in sizes[1:]]
    unique, which, counts = np.unique(seeds, return_inverse=True, return_counts=True)
    by_seed = np.split(np.argsort(which, kind="stable"), np.cumsum(counts)[:-1])  # the networks of each seed
    shapes = list(zip(sizes[:-1], sizes[1:]))
    stds = [init_std(init, n_in, n_out, 1.0) * scales for n_in, n_out in shapes]  # per layer, per network
    for seed, nets in zip(unique, by_seed):  # one generator per distinct seed, not per network
        rng = np.random.default_rng(int(seed))
        if len(nets) == 1:
            nets = nets[0]  # one network: plain indexing, the same products
        for layer, (n_in, n_out) in enumerate(shapes):
            std = stds[layer][nets]
            weights[layer][nets] = np.multiply.outer(std, rng.standard_normal((n_out, n_in)))
            if init == "normal":
                biases[layer][nets] = np.multiply.outer(scales[nets], rng.standard_normal(n_out))
    return weights, biases
