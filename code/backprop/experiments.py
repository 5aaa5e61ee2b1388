"""Experiments that train many small networks: which seeds solve XOR, which get stuck.

``train_seeds`` trains one network per seed, exactly as ``MLP.fit`` would
(full-batch gradient descent), but all seeds at once with the batched trainer;
it records when each network first solves the task and keeps every loss curve. ``hidden_gates``
reads what the first hidden layer of a two-input network computes by naming
the logic gate each unit implements once its activation is cut at 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import as_matrix, choice, non_negative_int, positive_number
from .data import _INPUTS, solved, xor
from .losses import LOSSES
from .batched import train_many
from .mlp import MLP

# The 16 Boolean functions of two inputs, keyed by their outputs on the
# inputs (0,0), (0,1), (1,0), (1,1): (name used in the prose, formula for figures).
GATES = {
    (0, 0, 0, 0): ("FALSE", "0"),
    (0, 0, 0, 1): ("AND", "x₁ ∧ x₂"),
    (0, 0, 1, 0): ("x1 AND NOT x2", "x₁ ∧ ¬x₂"),
    (0, 0, 1, 1): ("x1", "x₁"),
    (0, 1, 0, 0): ("NOT x1 AND x2", "¬x₁ ∧ x₂"),
    (0, 1, 0, 1): ("x2", "x₂"),
    (0, 1, 1, 0): ("XOR", "x₁ ⊕ x₂"),
    (0, 1, 1, 1): ("OR", "x₁ ∨ x₂"),
    (1, 0, 0, 0): ("NOR", "¬(x₁ ∨ x₂)"),
    (1, 0, 0, 1): ("XNOR", "¬(x₁ ⊕ x₂)"),
    (1, 0, 1, 0): ("NOT x2", "¬x₂"),
    (1, 0, 1, 1): ("x1 OR NOT x2", "x₁ ∨ ¬x₂"),
    (1, 1, 0, 0): ("NOT x1", "¬x₁"),
    (1, 1, 0, 1): ("NOT x1 OR x2", "¬x₁ ∨ x₂"),
    (1, 1, 1, 0): ("NAND", "¬(x₁ ∧ x₂)"),
    (1, 1, 1, 1): ("TRUE", "1"),
}


def gate_of(values) -> tuple[str, str]:
    """(name, formula) of the gate whose truth table is ``values`` > 0.5 on the inputs 00, 01, 10, 11."""
    values = np.asarray(values, dtype=np.float64).ravel()
    if values.shape != (4,) or not np.all(np.isfinite(values)):
        raise ValueError(f"values must be 4 finite numbers, one per input 00, 01, 10, 11; got {values!r}")
    return GATES[tuple(int(v > 0.5) for v in values)]


def hidden_gates(net: MLP) -> list[tuple[str, str]]:
    """For each unit k of the first hidden layer, the gate computed by a^1_k > 0.5 on the four inputs.

    ``net`` must have 2 inputs and at least one hidden layer; the result is a
    list of (name, formula) pairs, one per hidden unit.
    """
    if not isinstance(net, MLP) or net.sizes[0] != 2 or net.n_layers < 2:
        raise ValueError("net must be an MLP with 2 inputs and at least one hidden layer, e.g. MLP([2, 4, 1])")
    a1 = net.forward_trace(_INPUTS)[1][1]  # a^1, shape (4, n_1)
    return [gate_of(a1[:, k]) for k in range(a1.shape[1])]


@dataclass(frozen=True)
class SeedSweep:
    """The outcome of training one network per seed with the same settings.

    ``curves[i]`` is the loss before each step of seed ``seeds[i]`` (shape
    (n_seeds, epochs)); ``final_loss[i]`` the loss after the last step;
    ``solved[i]`` whether the network ends solved (``data.solved``: every output on the right side of 0.5 by the margin);
    ``solved_at[i]`` the first checked epoch at which it did (−1 if never);
    ``nets[i]`` the trained network.
    """

    sizes: tuple
    loss: str
    lr: float
    epochs: int
    seeds: np.ndarray
    curves: np.ndarray
    final_loss: np.ndarray
    solved: np.ndarray
    solved_at: np.ndarray
    nets: tuple

    @property
    def fraction_solved(self) -> float:
        """Share of the seeds whose network solves the task at the end."""
        return float(np.mean(self.solved))

    @property
    def stuck_seeds(self) -> np.ndarray:
        """The seeds whose network does not solve the task at the end."""
        return self.seeds[~self.solved]


def train_seeds(sizes, seeds, lr, epochs, loss="mse", check_every=50, X=None, Y=None) -> SeedSweep:
    """Train ``MLP(sizes, loss=loss, seed=s)`` on (X, Y) (XOR by default) for every seed s.

    Full-batch gradient descent, ``epochs`` steps of size ``lr``, exactly as ``MLP.fit``
    but for all seeds at once (``batched.train_many``), solved-state
    checked every ``check_every`` steps with ``solved``. X has shape (m, n_in)
    and Y shape (m, n_out).
    """
    seeds = np.asarray(list(seeds))
    if seeds.ndim != 1 or seeds.size == 0 or not np.issubdtype(seeds.dtype, np.integer):
        raise ValueError("seeds must be a non-empty sequence of whole numbers, e.g. range(100)")
    if len(set(seeds.tolist())) != seeds.size:
        raise ValueError("seeds must not repeat: a repeated seed trains the same network twice")
    choice(loss, "loss", tuple(LOSSES))
    lr = positive_number(lr, "lr")
    epochs = non_negative_int(epochs, "epochs")
    check_every = non_negative_int(check_every, "check_every")
    if check_every < 1:
        raise ValueError("check_every must be >= 1")
    if (X is None) != (Y is None):
        raise ValueError("give both X and Y, or neither (then XOR is used)")
    if X is None:
        X, Y = xor()
    X = as_matrix(X, "X")
    Y = as_matrix(Y, "Y", n_rows=X.shape[0])

    # All seeds train together (vectorized over networks); each network follows
    # MLP(sizes, loss=loss, seed=s).fit(X, Y, lr, epochs) exactly.
    run = train_many(sizes, X, Y, lr, epochs, seeds=seeds, loss=loss)
    nets = tuple(run.network(i) for i in range(run.n_nets))
    final = np.array([net.loss(X, Y) for net in nets])
    # solved_at: the first check (every check_every steps, and at the end) at which it was solved
    exact = run.solved_epoch
    checked = np.minimum(np.maximum(check_every, -(-exact // check_every) * check_every), epochs)
    first = np.where(exact >= 0, checked, -1)
    return SeedSweep(tuple(nets[0].sizes), loss, lr, epochs, seeds, run.losses, final, run.solved, first, nets)
