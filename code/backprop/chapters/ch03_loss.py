"""Chapter 3's figure of the two losses: ℓ against the output a, and |δ| against z.

The figure imports matplotlib only when called.
"""

from __future__ import annotations

import numpy as np


def loss_shape_figure(lang: str):
    """Left: one sample's loss ℓ against a: MSE ½(a − y)² and BCE −[y ln a + (1−y) ln(1−a)].

    Right: |δ| of one sample against z for y = 1, from ``output_delta`` times m.
    """
    from ..book.plotting import label, new_figure
    from ..activations import get_activation, sigmoid
    from ..losses import get_loss, output_delta

    label("losses_title", lang)  # an unknown language raises ValueError before anything is drawn
    a = np.linspace(0.001, 0.999, 500).reshape(-1, 1)
    fig, (left, right) = new_figure(2, figsize=(9.0, 3.6))
    for name, y, style in (("mse", 1, "-"), ("mse", 0, "--"), ("bce", 1, "-"), ("bce", 0, "--")):
        loss = get_loss(name)
        values = [loss.value(ai.reshape(1, 1), np.full((1, 1), y)) for ai in a]
        left.plot(a[:, 0], values, style, color="C0" if name == "mse" else "C3",
                  label=label(f"{name}_y{y}", lang))
    left.set_ylim(0, 4)
    left.set_xlabel(label("output_a", lang))
    left.set_ylabel(label("loss_per_sample", lang))
    left.legend(loc="upper center", fontsize=9)
    z = np.linspace(-8, 8, 401).reshape(-1, 1)
    y1 = np.ones_like(z)
    for name, color in (("mse", "C0"), ("bce", "C3")):
        delta = output_delta(get_loss(name), get_activation("sigmoid"), z, sigmoid(z), y1) * z.shape[0]
        right.plot(z[:, 0], np.abs(delta[:, 0]), color=color, label=label(name, lang))
    right.set_xlabel(label("weighted_input_z", lang))
    right.set_ylabel(label("abs_delta", lang))
    right.legend(loc="upper right", fontsize=9)
    fig.suptitle(label("losses_title", lang))
    return fig
