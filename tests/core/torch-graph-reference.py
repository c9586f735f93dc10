#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/core/graph-torch-reference.json: for a few seeded random
networks, every node of the computational graph (named as Backprop Lens
names them: w3·i1, net_h2, out_h2, E_o1, E_total, the leaves) with its
value and its gradient ∂E_total/∂node from PyTorch's autograd, in float64;
softmax outputs (torch.softmax over the layer's nets) with categorical
cross-entropy (−t·ln out) and with squared error among them.

test-graph-torch.c compares the graph to these numbers, so the suite needs
no PyTorch; run this again only to change the networks:

    python3 tests/core/torch-graph-reference.py > tests/core/graph-torch-reference.json

(Debian: apt-get install python3-torch.)"""

import json
import random
import sys

import torch

torch.set_default_dtype(torch.float64)

ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "linear": lambda x: x,
}

# (name, layer sizes, activation per non-input layer, loss, bias mode, seed)
CASES = [
    ("sigmoid 2-3-2 squared error, shared biases", [2, 3, 2], ["sigmoid", "sigmoid"],
     "squared-error", "per-layer", 1),
    ("tanh-sigmoid 3-4-2 cross-entropy, per-neuron biases", [3, 4, 2], ["tanh", "sigmoid"],
     "cross-entropy", "per-neuron", 2),
    ("relu-linear 2-4-3-1 squared error, no biases", [2, 4, 3, 1], ["relu", "relu", "linear"],
     "squared-error", "none", 3),
    ("mixed 4-3-3-2-2 squared error, per-neuron biases", [4, 3, 3, 2, 2],
     ["tanh", "relu", "sigmoid", "linear"], "squared-error", "per-neuron", 4),
    ("linear-sigmoid 1-2-1 cross-entropy, shared biases", [1, 2, 1], ["linear", "sigmoid"],
     "cross-entropy", "per-layer", 5),
    # Softmax couples the outputs: each out takes every net of its layer.
    ("sigmoid-softmax 2-3-3 cross-entropy, shared biases", [2, 3, 3], ["sigmoid", "softmax"],
     "cross-entropy", "per-layer", 6),
    ("tanh-softmax 3-4-4 squared error, per-neuron biases", [3, 4, 4], ["tanh", "softmax"],
     "squared-error", "per-neuron", 7),
    ("relu-tanh-softmax 2-3-3-2 cross-entropy, no biases", [2, 3, 3, 2], ["relu", "tanh", "softmax"],
     "cross-entropy", "none", 8),
]


def neuron_names(sizes):
    names = []
    hidden = 0
    for layer, size in enumerate(sizes):
        for j in range(size):
            if layer == 0:
                names.append("i%d" % (j + 1))
            elif layer == len(sizes) - 1:
                names.append("o%d" % (j + 1))
            else:
                hidden += 1
                names.append("h%d" % hidden)
    return names


def random_network(sizes, activations, loss, bias_mode, seed):
    rng = random.Random(seed)
    n_weights = sum(sizes[l - 1] * sizes[l] for l in range(1, len(sizes)))
    if bias_mode == "per-layer":
        n_biases = len(sizes) - 1
    elif bias_mode == "per-neuron":
        n_biases = sum(sizes[1:])
    else:
        n_biases = 0
    softmax = activations[-1] == "softmax"
    weights = [rng.uniform(-1, 1) for _ in range(n_weights)]
    biases = [rng.uniform(-0.5, 0.5) for _ in range(n_biases)]
    samples = []
    for p in range(2):
        inputs = [rng.uniform(-1, 1) for _ in range(sizes[0])]
        if not softmax:
            targets = [rng.uniform(0.05, 0.95) for _ in range(sizes[-1])]
        elif p == 0:
            # Targets that sum to 1: one-hot, then spread.
            targets = [1.0 if o == 1 % sizes[-1] else 0.0 for o in range(sizes[-1])]
        else:
            spread = [rng.uniform(0.1, 1) for _ in range(sizes[-1])]
            targets = [t / sum(spread) for t in spread]
        samples.append({"input": inputs, "target": targets})
    return {
        "format": "backprop-lens-network",
        "version": 2 if softmax else 1,
        "name": "torch reference %d" % seed,
        "layers": sizes,
        "activation": activations,
        "loss": loss,
        "bias_mode": bias_mode,
        "learning_rate": 0.5,
        "weights": weights,
        "biases": biases,
        "samples": samples,
    }


def graph_nodes(net, sample):
    """Every node by name, as a scalar tensor; E_total last."""
    sizes = net["layers"]
    names = neuron_names(sizes)
    starts = [sum(sizes[:l]) for l in range(len(sizes))]
    nodes = {}
    leaves = {}

    def leaf(name, value):
        t = torch.tensor(value, requires_grad=True)
        leaves[name] = t
        nodes[name] = t
        return t

    def inner(name, t):
        t.retain_grad()
        nodes[name] = t
        return t

    out = {}
    source_name = {}
    for i in range(sizes[0]):
        out[i] = leaf(names[i], net["samples"][sample]["input"][i])
        source_name[i] = names[i]

    weight = 0
    bias_index = 0
    for l in range(1, len(sizes)):
        softmax = net["activation"][l - 1] == "softmax"
        act = None if softmax else ACTIVATIONS[net["activation"][l - 1]]
        nets = []
        shared = None
        if net["bias_mode"] == "per-layer":
            shared = leaf("b%d" % (bias_index + 1), net["biases"][bias_index])
            bias_index += 1
        for j in range(sizes[l]):
            n = starts[l] + j
            terms = []
            for k in range(sizes[l - 1]):
                source = starts[l - 1] + k
                w = leaf("w%d" % (weight + 1), net["weights"][weight])
                terms.append(inner("w%d·%s" % (weight + 1, source_name[source]), w * out[source]))
                weight += 1
            s = terms[0]
            for t in terms[1:]:
                s = s + t
            if net["bias_mode"] == "per-neuron":
                s = s + leaf("b%d" % (bias_index + 1), net["biases"][bias_index])
                bias_index += 1
            elif shared is not None:
                s = s + shared
            net_node = inner("net_%s" % names[n], s)
            nets.append(net_node)
            if not softmax:
                out[n] = inner("out_%s" % names[n], act(net_node))
            source_name[n] = "out_%s" % names[n]
        if softmax:
            shares = torch.softmax(torch.stack(nets), dim=0)
            for j in range(sizes[l]):
                n = starts[l] + j
                out[n] = inner("out_%s" % names[n], shares[j])

    total = None
    first = starts[-1]
    for o in range(sizes[-1]):
        name = names[first + o]
        t = leaf("target_%s" % name, net["samples"][sample]["target"][o])
        y = out[first + o]
        if net["loss"] == "cross-entropy" and net["activation"][-1] == "softmax":
            e = -t * torch.log(y)
        elif net["loss"] == "cross-entropy":
            e = -(t * torch.log(y) + (1 - t) * torch.log(1 - y))
        else:
            e = 0.5 * (t - y) ** 2
        e = inner("E_%s" % name, e)
        total = e if total is None else total + e
    total = inner("E_total", total)
    total.backward()
    return {name: {"value": t.item(), "gradient": t.grad.item()} for name, t in nodes.items()}


def main():
    cases = []
    for name, sizes, activations, loss, bias_mode, seed in CASES:
        net = random_network(sizes, activations, loss, bias_mode, seed)
        for sample in range(len(net["samples"])):
            cases.append({"name": name, "network": net, "sample": sample + 1,
                          "nodes": graph_nodes(net, sample)})
    json.dump({"generator": "tests/core/torch-graph-reference.py",
               "torch": torch.__version__, "cases": cases},
              sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
