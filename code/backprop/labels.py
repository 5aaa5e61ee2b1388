"""Every string that a reader sees inside a figure, in both languages.

A chapter sets ``LANG`` once and asks for ``label(key, LANG)``; its code cells
are then the same on the Chinese and the English page. Terms follow the
book's glossary.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")

LABELS = {
    # chapter 1, the neuron
    "activations_title": {"en": "Activation functions and their derivatives",
                           "zh": "激活函数及其导数"},
    "activation": {"en": "activation", "zh": "激活函数"},
    "derivative": {"en": "derivative", "zh": "导数"},
    "weighted_input_z": {"en": "weighted input z", "zh": "加权输入 z"},
    "sigmoid": {"en": "sigmoid σ(z)", "zh": "sigmoid σ(z)"},
    "tanh": {"en": "tanh", "zh": "tanh"},
    "relu": {"en": "ReLU", "zh": "ReLU"},
    "gates_title": {"en": "One neuron on AND, OR and XOR",
                    "zh": "单个神经元面对 AND、OR 与 XOR"},
    "and": {"en": "AND", "zh": "与（AND）"},
    "or": {"en": "OR", "zh": "或（OR）"},
    "xor": {"en": "XOR", "zh": "异或（XOR）"},
    "input_x1": {"en": "input x₁", "zh": "输入 x₁"},
    "input_x2": {"en": "input x₂", "zh": "输入 x₂"},
    "target_0": {"en": "target 0", "zh": "目标 0"},
    "target_1": {"en": "target 1", "zh": "目标 1"},
    "epoch": {"en": "epoch", "zh": "迭代轮数"},
    "loss": {"en": "loss", "zh": "损失"},
    # chapter 2, the forward pass (add keys below this line)
    # chapter 3, loss functions (add keys below this line)
    # chapter 4, the chain rule and the δ-equations (add keys below this line)
    # chapter 5, the worked example (add keys below this line)
    # chapter 6, XOR in code (add keys below this line)
    # chapter 7, training dynamics and explorers (add keys below this line)
}


def label(key: str, lang: str) -> str:
    """The figure string ``key`` in language ``lang`` ('en' or 'zh')."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    if key not in LABELS:
        raise ValueError(f"unknown label {key!r}; add it to backprop/labels.py in both languages")
    return LABELS[key][lang]
