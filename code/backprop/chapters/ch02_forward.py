"""Chapter 2's table of the forward pass: the shape of every array for a batch.

:func:`forward_shape_table` reads the shapes from a real forward pass
(``MLP.forward_trace``), so the table cannot disagree with the code. The network
drawing of chapters 2 and 5 is :func:`backprop.book.plotting.network_diagram`.
"""

from __future__ import annotations


def forward_shape_table(net, X, lang: str) -> str:
    """A Markdown table of the shape of every W^l, b^l, Z^l = A^{l−1}(W^l)ᵀ + b^l and A^l for the batch X (m, n_0)."""
    from ..book.labels import label

    zs, activations = net.forward_trace(X)
    head = " | ".join(label(k, lang) for k in ("col_step", "col_array", "col_shape"))
    rows = [f"| {head} |", "|---|---|---|", f"| {label('row_input', lang)} | $A^0 = X$ | {activations[0].shape} |"]
    for l, (W, b, Z, A) in enumerate(zip(net.weights, net.biases, zs, activations[1:]), start=1):
        rows += [f"| {label('row_layer', lang).format(l=l)} | $W^{l}$ | {W.shape} |",
                 f"| | $b^{l}$ | {b.shape} |",
                 f"| | $Z^{l} = A^{l-1} (W^{l})^\\top + b^{l}$ | {Z.shape} |",
                 f"| | $A^{l} = \\sigma(Z^{l})$ | {A.shape} |"]
    return "\n".join(rows)
