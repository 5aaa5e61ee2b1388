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
    "network_title": {"en": "A 2-2-1 network traced on one input", "zh": "一个 2-2-1 网络对单个输入的前向传播"},
    "layer_input": {"en": "input layer", "zh": "输入层"},
    "layer_hidden": {"en": "hidden layer", "zh": "隐藏层"},
    "layer_output": {"en": "output layer", "zh": "输出层"},
    "xor_net_title": {"en": "XOR from OR, NAND and AND", "zh": "用 OR、NAND 和 AND 拼出异或"},
    "hidden_or": {"en": "hidden unit 1: OR", "zh": "隐藏单元 1：或（OR）"},
    "hidden_nand": {"en": "hidden unit 2: NAND", "zh": "隐藏单元 2：与非（NAND）"},
    "output_xor": {"en": "output: XOR", "zh": "输出：异或（XOR）"},
    "hidden_space": {"en": "output unit in hidden space", "zh": "隐藏层空间中的输出单元"},
    "hidden_a1": {"en": "hidden activation a¹₁", "zh": "隐藏层激活值 a¹₁"},
    "hidden_a2": {"en": "hidden activation a¹₂", "zh": "隐藏层激活值 a¹₂"},
    "col_step": {"en": "step", "zh": "步骤"},
    "col_array": {"en": "array", "zh": "数组"},
    "col_shape": {"en": "shape", "zh": "形状"},
    "row_input": {"en": "input", "zh": "输入"},
    "row_layer": {"en": "layer {l}", "zh": "第 {l} 层"},  # a format string: .format(l=...)
    # chapter 3, loss functions (add keys below this line)
    "output_a": {"en": "output a", "zh": "输出 a"},
    "loss_per_sample": {"en": "loss of one sample", "zh": "单个样本的损失"},
    "losses_title": {"en": "MSE and cross-entropy at a sigmoid output", "zh": "sigmoid 输出上的均方误差与交叉熵"},
    "mse_y1": {"en": "MSE, y = 1", "zh": "均方误差，y = 1"},
    "mse_y0": {"en": "MSE, y = 0", "zh": "均方误差，y = 0"},
    "bce_y1": {"en": "BCE, y = 1", "zh": "交叉熵，y = 1"},
    "bce_y0": {"en": "BCE, y = 0", "zh": "交叉熵，y = 0"},
    "abs_delta": {"en": "|δ| of one sample (y = 1)", "zh": "单个样本的 |δ|（y = 1）"},
    "mse": {"en": "MSE", "zh": "均方误差"},
    "bce": {"en": "BCE", "zh": "交叉熵"},
    "saturated_title": {"en": "Starting from a saturated wrong output", "zh": "从饱和且错误的输出出发"},
    "lr_title": {"en": "Gradient descent on a linear neuron", "zh": "线性神经元上的梯度下降"},
    "lr_small": {"en": "η too small", "zh": "η 太小"},
    "lr_good": {"en": "η about right", "zh": "η 合适"},
    "lr_large": {"en": "η too large (diverges)", "zh": "η 太大（发散）"},
    "log10_loss": {"en": "log₁₀ loss", "zh": "log₁₀ 损失"},
    # chapter 4, the chain rule and the δ-equations (add keys below this line)
    "graph_title": {"en": "The chain rule on the graph of one neuron",
                    "zh": "单个神经元计算图上的链式法则"},
    "graph_forward": {"en": "forward value", "zh": "前向值"},
    "graph_backward": {"en": "∂L/∂(node), backward", "zh": "∂L/∂(节点)，反向"},
    "graph_local": {"en": "local derivative", "zh": "局部导数"},
    "cost_title": {"en": "Cost of one gradient", "zh": "计算一次梯度的代价"},
    "n_params": {"en": "number of parameters", "zh": "参数个数"},
    "seconds": {"en": "seconds (median)", "zh": "耗时（秒，中位数）"},
    "cost_forward": {"en": "one forward pass", "zh": "一次前向传播"},
    "cost_backprop": {"en": "backpropagation (forward + backward)", "zh": "反向传播（前向 + 反向）"},
    "cost_numerical": {"en": "finite differences (2 passes per parameter)", "zh": "有限差分（每个参数两次前向）"},
    # chapter 5, the worked example (add keys below this line)
    # chapter 6, XOR in code (add keys below this line)
    "xor_run_title": {"en": "A 2-4-1 network learns XOR", "zh": "2-4-1 网络学习异或"},
    "hidden_unit": {"en": "hidden unit {k}", "zh": "隐藏单元 {k}"},
    "hidden_activation": {"en": "activation a¹ₖ", "zh": "激活值 a¹ₖ"},
    "hidden_units_title": {"en": "What each hidden unit computes", "zh": "每个隐藏单元各自计算什么"},
    "final_loss": {"en": "final loss", "zh": "最终损失"},
    "number_of_runs": {"en": "number of runs", "zh": "运行次数"},
    "net_2_2_1": {"en": "2-2-1 network", "zh": "2-2-1 网络"},
    "net_2_4_1": {"en": "2-4-1 network", "zh": "2-4-1 网络"},
    "seed_sweep_title": {"en": "100 seeds, same learning rate and budget",
                         "zh": "100 个随机种子，相同的学习率与训练轮数"},
    "solved_run": {"en": "solved", "zh": "已解出"},
    "stuck_run": {"en": "stuck", "zh": "卡住"},
    "curves_title": {"en": "Loss curves of the 2-2-1 runs", "zh": "2-2-1 网络各次运行的损失曲线"},
    # chapter 7, training dynamics and explorers (add keys below this line)
    "static_note": {"en": "These sliders move over results computed when the book was built "
                          "(no Python runs in this page). To retrain live with any setting, open the chapter in Binder.",
                    "zh": "这些滑块是在构建本书时预先算好的结果之间切换（本页不运行 Python）。"
                          "想用任意设置实时训练，请在 Binder 中打开本章。"},
    "static_binder_link": {"en": "Launch in Binder", "zh": "在 Binder 中打开"},
    "static_solved": {"en": "solved XOR at epoch {epoch}; final loss {loss}",
                      "zh": "第 {epoch} 轮解出 XOR，最终损失 {loss}"},
    "static_stuck": {"en": "not solved within the epoch budget; final loss {loss}",
                     "zh": "在规定轮数内没有解出，最终损失 {loss}"},
    "static_diverged": {"en": "diverged: the loss overflowed (learning rate or init scale too large)",
                        "zh": "发散：损失溢出（学习率或初始化尺度过大）"},
    "static_outputs": {"en": "outputs", "zh": "输出"},
    "explorer_lr": {"en": "learning rate η", "zh": "学习率 η"},
    "explorer_init": {"en": "initialization", "zh": "初始化方式"},
    "explorer_scale": {"en": "init scale", "zh": "初始化尺度"},
    "explorer_seed": {"en": "seed", "zh": "随机种子"},
    "explorer_hidden": {"en": "hidden units", "zh": "隐藏单元数"},
    "explorer_epochs": {"en": "epochs", "zh": "迭代轮数"},
    "init_normal": {"en": "normal N(0, scale²)", "zh": "正态分布 N(0, scale²)"},
    "init_xavier": {"en": "Xavier (Glorot)", "zh": "Xavier（Glorot）"},
    "init_he": {"en": "He", "zh": "He"},
    "explorer_loss_title": {"en": "loss curve", "zh": "损失曲线"},
    "explorer_boundary_title": {"en": "decision boundary and the four outputs",
                                "zh": "决策边界与四个输出"},
    "explorer_solved_mark": {"en": "solved", "zh": "解出"},
    "explorer_diverged_mark": {"en": "diverged", "zh": "发散"},
    "status_untrained": {"en": "0 epochs: the network as initialized, before any training",
                         "zh": "0 轮：刚初始化、尚未训练的网络"},
    "status_solved": {"en": "solved at epoch {epoch}; final loss {loss:.3g}",
                      "zh": "第 {epoch} 轮解出 XOR，最终损失 {loss:.3g}"},
    "status_unsolved": {"en": "not solved after {epochs} epochs; final loss {loss:.3g}",
                        "zh": "训练 {epochs} 轮仍未解出，最终损失 {loss:.3g}"},
    "status_stalled": {"en": "stuck on a plateau: the loss stayed near {loss:.3g} for {epochs} epochs",
                       "zh": "卡在平台上：{epochs} 轮里损失一直停在 {loss:.3g} 附近"},
    "status_rising": {"en": "not solved: the loss rose from {start:.3g} to {loss:.3g} (η too large?)",
                      "zh": "未解出：损失从 {start:.3g} 升到 {loss:.3g}（学习率太大？）"},
    "status_diverged": {"en": "diverged at epoch {epoch}: the loss overflowed (η or scale too large)",
                        "zh": "第 {epoch} 轮发散：损失溢出（学习率或初始化尺度过大）"},
    "conv_title": {"en": "XOR with weights and biases from N(0, s²): {seeds} seeds per cell, {epochs} epochs",
                   "zh": "权重与偏置取自 N(0, s²) 的 XOR 训练：每格 {seeds} 个种子，{epochs} 轮"},
    "conv_fraction": {"en": "fraction solved", "zh": "解出的比例"},
    "conv_median": {"en": "median epochs to solve", "zh": "解出所需轮数（中位数）"},
    "conv_scale": {"en": "init scale s", "zh": "初始化尺度 s"},
    "init_compare_title": {"en": "Fraction solved: N(0, 1) against Xavier and He",
                           "zh": "解出的比例：N(0, 1) 与 Xavier、He 初始化对比"},
    # chapter 8, activations and vanishing gradients (add keys below this line)
    # chapter 9, initialization (add keys below this line)
    # chapter 10, momentum and Adam (add keys below this line)
    # chapter 11, handwritten digits (add keys below this line)
    # appendix, errata (add keys below this line)
    "errata_descent": {"en": "θ ← θ − η ∂L/∂θ (descent)", "zh": "θ ← θ − η ∂L/∂θ（梯度下降）"},
    "errata_ascent": {"en": "θ ← θ + η ∂L/∂θ (the sign flipped)", "zh": "θ ← θ + η ∂L/∂θ（符号弄反）"},
    "errata_sign_title": {"en": "The same network, the same η, opposite signs", "zh": "同一个网络、同一个学习率，更新方向相反"},
}


def label(key: str, lang: str) -> str:
    """The figure string ``key`` in language ``lang`` ('en' or 'zh')."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    if key not in LABELS:
        raise ValueError(f"unknown label {key!r}; add it to backprop/labels.py in both languages")
    return LABELS[key][lang]
