"""SymPy derivations of the four backpropagation equations (chapter 4).

A small sigmoid network with mean squared error is written out with symbolic
weights, biases, input and target, one sample at a time (column vectors; for one
sample ℒ = ℓ = ½ Σ_j (a^L_j − y_j)²), so that every δ-equation can be checked
against SymPy differentiating the loss itself:

    BP1  δ^L_j = (a^L_j − y_j) σ′(z^L_j)
    BP2  δ^l_j = Σ_k w^{l+1}_{kj} δ^{l+1}_k σ′(z^l_j)      i.e. ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)
    BP3  ∂ℒ/∂b^l_j = δ^l_j
    BP4  ∂ℒ/∂w^l_{jk} = a^{l−1}_k δ^l_j

In the code, ``L`` is the number of layers, as on the page.

Layers and units are numbered as on the page, from 1: ``bp4(layer=1, j=2, k=1)``
is the claim about w^1_{21}. σ′ in a formula is always written σ(z)(1 − σ(z)),
never as SymPy's own derivative, so a formula cannot hold by construction.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from .._checks import check_finite, layer_sizes, whole_number
from ..mlp import MLP
from . import Derivation, check, expression, sigmoid
from .losses import as_equation  # noqa: F401  (a page shows ∂ℒ/∂z = … with it)


def _sizes(sizes) -> tuple:
    sizes = layer_sizes(sizes)
    if max(sizes) > 4:
        raise ValueError(f"sizes must be whole numbers from 1 to 4 (SymPy gets slow beyond); got {sizes!r}")
    return tuple(sizes)


def compare(direct, formula) -> Derivation:
    """A :class:`Derivation` of ``direct`` against ``formula``, fast on nested sigmoids.

    ``sp.simplify`` takes minutes on a three-layer chain, so the difference is
    first put over one denominator: if the expanded numerator is 0, the formula
    holds (every denominator here is a product of 1 + e^{…} > 0). If the
    difference is visibly non-zero at a point, that point disproves the formula.
    Only an undecided case falls back to :func:`backprop.symbolic.check`.
    """
    direct, formula = expression(direct, "direct"), expression(formula, "formula")
    difference = sp.together(direct - formula)
    if sp.expand(difference.as_numer_denom()[0]) == 0:
        return Derivation(direct, formula, sp.Integer(0))
    rng = np.random.default_rng(0)
    point = {s: sp.Rational(int(rng.integers(-90, 90)), 100) for s in sorted(difference.free_symbols, key=str)}
    if abs(float(difference.evalf(subs=point))) > 1e-12:
        return Derivation(direct, formula, difference)
    return check(direct, formula)


def sigma_prime(z):
    """σ′(z) = σ(z)(1 − σ(z)), the form the book writes (chapter 1)."""
    return sigmoid(z) * (1 - sigmoid(z))


class SymbolicNetwork:
    """A sigmoid network with MSE whose every number is a SymPy symbol.

    ``W[l]`` is the (n_l, n_{l−1}) matrix of symbols w^l_{jk} and ``b[l]`` the
    (n_l, 1) column of b^l_j, for l = 1 … L (index 0 is unused); ``x`` and ``y``
    are the input and target columns; ``z[l]`` holds *free* symbols z^l_j, so
    that the loss can be written as a function of one layer's weighted inputs.
    """

    def __init__(self, sizes=(2, 2, 1)):
        self.sizes = _sizes(sizes)
        self.L = len(self.sizes) - 1
        n = self.sizes
        col = lambda name, rows: sp.Matrix(rows, 1, lambda j, _: sp.Symbol(f"{name}_{{{j + 1}}}", real=True))  # noqa: E731
        self.x = col("x", n[0])
        self.y = col("y", n[-1])
        self.W, self.b, self.z = [None], [None], [None]
        for l in range(1, self.L + 1):
            self.W.append(sp.Matrix(n[l], n[l - 1],
                                    lambda j, k, l=l: sp.Symbol(f"w^{{{l}}}_{{{j + 1}{k + 1}}}", real=True)))
            self.b.append(col(f"b^{{{l}}}", n[l]))
            self.z.append(col(f"z^{{{l}}}", n[l]))

    def _check_layer(self, layer, lowest=1):
        return whole_number(layer, "layer", lowest, self.L)

    def _check_unit(self, j, layer, name="j"):
        return whole_number(j, f"{name} (a unit of layer {layer})", 1, self.sizes[layer])

    def loss_from(self, layer):
        """ℒ as a function of the symbols z^layer (and of the later layers' parameters)."""
        layer = self._check_layer(layer)
        a = self.z[layer].applyfunc(sigmoid)
        for l in range(layer + 1, self.L + 1):
            a = (self.W[l] * a + self.b[l]).applyfunc(sigmoid)
        return sum((a - self.y).applyfunc(lambda e: e ** 2)) / 2

    def forward(self):
        """(zs, activations) as expressions in x and the parameters; activations[0] = x."""
        zs, activations = [None], [self.x]
        for l in range(1, self.L + 1):
            zs.append(self.W[l] * activations[-1] + self.b[l])
            activations.append(zs[-1].applyfunc(sigmoid))
        return zs, activations

    def loss(self):
        """ℒ = ½ ‖a^L − y‖² in terms of x, y and all parameters."""
        a_out = self.forward()[1][-1]
        return sum((a_out - self.y).applyfunc(lambda e: e ** 2)) / 2

    def z_values(self, layer):
        """Substitution {z^layer_j: its forward expression}, to turn a δ into a function of the parameters."""
        zs = self.forward()[0]
        return dict(zip(self.z[layer], zs[layer]))

    def delta(self, layer):
        """δ^layer = ∂ℒ/∂z^layer by direct differentiation, a column in the symbols z^layer."""
        layer = self._check_layer(layer)
        loss = self.loss_from(layer)
        return self.z[layer].applyfunc(lambda zj: sp.diff(loss, zj))

    def numbers(self, net, x, y):
        """Substitution {symbol: number} from an ``MLP`` of the same sizes, one input x and target y."""
        if not isinstance(net, MLP) or list(net.sizes) != list(self.sizes):
            raise ValueError(f"net must be an MLP with sizes {list(self.sizes)}; got {getattr(net, 'sizes', net)!r}")
        if net.activation.name != "sigmoid" or net.output_activation.name != "sigmoid" or net.loss_fn.name != "mse":
            raise ValueError("net must use sigmoid activations and the 'mse' loss, like the symbolic network")
        x = np.asarray(x, dtype=np.float64).ravel()
        y = np.asarray(y, dtype=np.float64).ravel()
        if x.shape != (self.sizes[0],) or y.shape != (self.sizes[-1],):
            raise ValueError(f"x must hold {self.sizes[0]} numbers and y {self.sizes[-1]}; "
                             f"got {x.size} and {y.size}")
        check_finite(x, "x")
        check_finite(y, "y")
        values = dict(zip(self.x, x)) | dict(zip(self.y, y))
        for l in range(1, self.L + 1):
            values |= dict(zip(self.W[l], np.ravel(net.weights[l - 1])))  # Matrix iterates row by row
            values |= dict(zip(self.b[l], net.biases[l - 1]))
        return {s: sp.Float(float(v), 30) for s, v in values.items()}


def _check_network(net, values=None) -> None:
    if not isinstance(net, SymbolicNetwork):
        raise ValueError(f"net must be a SymbolicNetwork; got {type(net).__name__}")
    if values is not None and not isinstance(values, dict):
        raise ValueError("values must be a dict {symbol: number}, as SymbolicNetwork.numbers returns it")


def transpose_slip(sizes, layer) -> str:
    """What BP2 written with W^{l+1} instead of its transpose does at ``layer`` of a network ``sizes``.

    ``"shape error"`` when W^{l+1}δ^{l+1} does not fit (W^{l+1} not square), ``"wrong"`` when it
    fits and differs from the true δ^l, ``"holds"`` when it fits and is right (a 1 × 1 W^{l+1}).
    """
    net = SymbolicNetwork(sizes)
    layer = net._check_layer(layer)
    try:
        slip = bp2_formula(net, layer, transpose=False)
    except sp.ShapeError:
        return "shape error"
    right = net.delta(layer)
    return "holds" if all(compare(d, s).holds for d, s in zip(right, slip)) else "wrong"


def bp1(sizes=(2, 2, 1), j=1) -> Derivation:
    """BP1: δ^L_j = ∂ℒ/∂z^L_j equals (a^L_j − y_j) σ′(z^L_j)."""
    net = SymbolicNetwork(sizes)
    j = net._check_unit(j, net.L)
    zj = net.z[net.L][j - 1]
    direct = sp.diff(net.loss_from(net.L), zj)
    formula = (sigmoid(zj) - net.y[j - 1]) * sigma_prime(zj)
    return compare(direct, formula)


def bp2_formula(net: SymbolicNetwork, layer, transpose=True, with_sigma_prime=True):
    """BP2 as a column: ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l), in the symbols z^l.

    δ^{l+1} is the direct derivative ∂ℒ/∂z^{l+1} with z^{l+1} = W^{l+1} σ(z^l) + b^{l+1}
    substituted. ``transpose=False`` or ``with_sigma_prime=False`` build the two
    classic slips (W instead of Wᵀ, a forgotten σ′), which the tests must reject;
    W instead of Wᵀ raises a ``ShapeError`` when the layer is not square.
    """
    _check_network(net)
    for flag, name in ((transpose, "transpose"), (with_sigma_prime, "with_sigma_prime")):
        if not isinstance(flag, bool):
            raise ValueError(f"{name} must be True or False; got {flag!r}")
    layer = net._check_layer(layer)
    if layer == net.L:
        raise ValueError(f"BP2 relates layer l to layer l+1, so layer must be below L = {net.L}; got {layer}")
    W = net.W[layer + 1]
    z_next = W * net.z[layer].applyfunc(sigmoid) + net.b[layer + 1]
    delta_next = net.delta(layer + 1).subs(dict(zip(net.z[layer + 1], z_next)), simultaneous=True)
    back = (W.T if transpose else W) * delta_next
    if with_sigma_prime:
        back = back.multiply_elementwise(net.z[layer].applyfunc(sigma_prime))
    return back


def bp2(sizes=(1, 2, 2, 1), layer=1, j=1) -> Derivation:
    """BP2: δ^l_j = ∂ℒ/∂z^l_j equals Σ_k w^{l+1}_{kj} δ^{l+1}_k σ′(z^l_j)."""
    net = SymbolicNetwork(sizes)
    layer = net._check_layer(layer)
    j = net._check_unit(j, layer)
    direct = net.delta(layer)[j - 1]
    return compare(direct, bp2_formula(net, layer)[j - 1])


def bp3(sizes=(2, 2, 1), layer=1, j=1) -> Derivation:
    """BP3: ∂ℒ/∂b^l_j, differentiated from the loss, equals δ^l_j."""
    net = SymbolicNetwork(sizes)
    layer = net._check_layer(layer)
    j = net._check_unit(j, layer)
    direct = sp.diff(net.loss(), net.b[layer][j - 1])
    formula = net.delta(layer)[j - 1].subs(net.z_values(layer), simultaneous=True)
    return compare(direct, formula)


def bp4(sizes=(2, 2, 1), layer=1, j=1, k=1) -> Derivation:
    """BP4: ∂ℒ/∂w^l_{jk}, differentiated from the loss, equals a^{l−1}_k δ^l_j."""
    net = SymbolicNetwork(sizes)
    layer = net._check_layer(layer)
    j = net._check_unit(j, layer)
    k = net._check_unit(k, layer - 1, name="k")
    direct = sp.diff(net.loss(), net.W[layer][j - 1, k - 1])
    a_prev = net.forward()[1][layer - 1][k - 1]
    formula = a_prev * net.delta(layer)[j - 1].subs(net.z_values(layer), simultaneous=True)
    return compare(direct, formula)


def symbolic_gradients(net: SymbolicNetwork, values):
    """(∂ℒ/∂W^l, ∂ℒ/∂b^l) by SymPy differentiating ℒ, evaluated at ``values``; numpy arrays like ``MLP.gradients``."""
    _check_network(net, values)
    loss = net.loss()
    dWs, dbs = [], []
    for l in range(1, net.L + 1):
        dWs.append(np.array([[float(sp.diff(loss, w).evalf(subs=values)) for w in row]
                             for row in net.W[l].tolist()]))
        dbs.append(np.array([float(sp.diff(loss, bj).evalf(subs=values)) for bj in net.b[l]]))
    return dWs, dbs


def deltas_at(net: SymbolicNetwork, values):
    """δ^l for l = 1 … L by SymPy, evaluated at ``values``: a list of arrays of shape (n_l,)."""
    _check_network(net, values)
    out = []
    for l in range(1, net.L + 1):
        subs = net.z_values(l)
        out.append(np.array([float(d.subs(subs, simultaneous=True).evalf(subs=values)) for d in net.delta(l)]))
    return out
