#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes data/networks/iris.json from Fisher's Iris data as scikit-learn
ships it (Debian's python3-sklearn: sklearn/datasets/data/iris.csv).

    apt-get download python3-sklearn && dpkg -x python3-sklearn_*.deb x
    python3 scripts/make-iris-network.py x/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv

Each feature is standardised to mean 0 and standard deviation 1 over the 150
samples and rounded to 4 decimals; the targets are one-hot; the samples are
shuffled with a fixed seed, so that a mini-batch taken in file order mixes the
classes; the weights are drawn uniformly from ±√(6/(fan_in + fan_out))
(Glorot) with a fixed seed and rounded to 4 decimals; the biases start at 0.
"""
import csv
import json
import math
import random
import sys

SEED = 1936
HIDDEN = 8


def main(path, out_path):
    with open(path, newline='') as f:
        rows = list(csv.reader(f))[1:]
    features = [[float(x) for x in row[:4]] for row in rows]
    classes = [int(row[4]) for row in rows]

    columns = list(zip(*features))
    means = [sum(c) / len(c) for c in columns]
    sds = [math.sqrt(sum((x - m) ** 2 for x in c) / len(c)) for c, m in zip(columns, means)]
    samples = [{'input': [round((x - m) / s, 4) for x, m, s in zip(row, means, sds)],
                'target': [1 if k == c else 0 for k in range(3)]}
               for row, c in zip(features, classes)]
    rand = random.Random(SEED)
    rand.shuffle(samples)

    layers = [4, HIDDEN, 3]
    weights = []
    for fan_in, fan_out in zip(layers, layers[1:]):
        limit = math.sqrt(6 / (fan_in + fan_out))
        weights += [round(rand.uniform(-limit, limit), 4) for _ in range(fan_in * fan_out)]

    network = {
        'format': 'backprop-lens-network',
        'version': 2,
        'name': 'Iris (Fisher 1936)',
        'layers': layers,
        'activation': ['tanh', 'softmax'],
        'loss': 'cross-entropy',
        'bias_mode': 'per-neuron',
        'update_biases': True,
        'training': 'mini-batch',
        'batch_size': 10,
        'update_order': 'simultaneous',
        'learning_rate': 0.05,
        'optimizer': {'kind': 'momentum', 'momentum': 0.9},
        'weights': weights,
        'biases': [0] * (HIDDEN + 3),
    }
    # Laid out as Backprop Lens writes a network: one member a line, one
    # sample a line.
    lines = ['  %s: %s' % (json.dumps(k), json.dumps(v, ensure_ascii=False)) for k, v in network.items()]
    lines.append('  "samples": [\n' + ',\n'.join(
        '    { "input": %s, "target": %s }' % (json.dumps(s['input']), json.dumps(s['target']))
        for s in samples) + '\n  ]')
    text = '{\n' + ',\n'.join(lines) + '\n}\n'
    with open(out_path, 'w') as f:
        f.write(text)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else 'data/networks/iris.json')
