"""backprop: the package of the book *Backpropagation, from the neuron to XOR*.

The chapters import everything they compute from here; nothing is defined twice.
Plotting (matplotlib) and symbolic (SymPy) helpers live in their own modules,
``backprop.plotting`` and ``backprop.symbolic``, so that the core needs only numpy.
"""

from .activations import (ACTIVATIONS, get_activation, get_output_activation, identity,
                          identity_prime, relu, relu_prime, sigmoid, sigmoid_prime, softmax, tanh,
                          tanh_prime)
from .data import and_gate, or_gate, solved, xor
from .gradcheck import gradient_check, numerical_gradients, relative_error, relative_errors
from .losses import (LOSSES, bce, bce_from_logits, bce_grad, ce, ce_from_logits, ce_grad, get_loss, mse,
                     mse_grad, output_delta)
from .initialization import INITS, init_std, initial_parameters
from .mlp import MLP
from .optimizers import SGD, Adam, Momentum, make_optimizer, train
from .vectorized import train_many

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "INITS", "LOSSES", "MLP", "SGD", "Adam", "Momentum", "and_gate", "bce",
    "bce_from_logits", "bce_grad", "ce", "ce_from_logits", "ce_grad", "get_activation",
    "get_output_activation", "get_loss", "make_optimizer", "softmax", "train", "gradient_check", "identity", "identity_prime", "init_std",
    "initial_parameters", "train_many",
    "mse", "mse_grad", "numerical_gradients", "or_gate", "output_delta", "relative_error", "relative_errors",
    "relu", "relu_prime", "sigmoid", "sigmoid_prime", "solved", "tanh", "tanh_prime", "xor",
]
