#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/core/torch-reference.json: what PyTorch (float64 autograd and
torch.optim) computes for seeded random networks, for test-torch-reference.c
to compare with. The C test reads only the JSON, so the build and CI need no
PyTorch; run this again (Debian: apt-get install python3-torch) after
changing the cases:

    /usr/bin/python3 tests/core/torch-reference.py

Every case is a network file (version 2, as a string) and, from PyTorch:
  - per sample s, E_s and ∂(E_s + λR)/∂p of every weight and bias;
  - the weights and biases after 1 and after STEPS training steps, where
    step k takes samples (k·b + j) mod S, minimises their mean E plus λR
    (R = ½Σw² or Σ|w| over the weights only) and updates with
    torch.optim.SGD (momentum μ, dampening 0) or torch.optim.Adam.

The losses are written here from their definitions, independently of
Backprop Lens: squared error ½Σ(t − out)², binary cross-entropy through
binary_cross_entropy_with_logits, categorical cross-entropy as
−Σ t·log_softmax(net).
"""
import json
import os
import random

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

STEPS = 20
SEED = 20250304

# name, layers, activations (non-input layers), loss, bias mode, update biases,
# batch size (0: every sample), samples, penalty (kind, λ), optimiser
CASES = [
    ('sigmoid-se-online-sgd', [3, 4, 2], ['sigmoid', 'sigmoid'], 'squared-error', 'per-neuron', True, 1, 3,
     None, {'kind': 'sgd'}),
    ('tanh-sigmoid-ce-batch-momentum', [3, 4, 2], ['tanh', 'sigmoid'], 'cross-entropy', 'per-layer', True, 0, 4,
     None, {'kind': 'momentum', 'momentum': 0.9}),
    ('relu-linear-se-minibatch-adam-l2', [2, 5, 2], ['relu', 'linear'], 'squared-error', 'per-neuron', True, 2,
     5, ('l2', 0.01), {'kind': 'adam', 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-8}),
    ('linear-tanh-se-online-momentum-l1', [2, 3, 2], ['linear', 'tanh'], 'squared-error', 'none', False, 1, 3,
     ('l1', 0.005), {'kind': 'momentum', 'momentum': 0.5}),
    ('sigmoid-relu-se-batch-sgd-l2', [3, 3, 2], ['sigmoid', 'relu'], 'squared-error', 'per-neuron', True, 0, 3,
     ('l2', 0.05), {'kind': 'sgd'}),
    ('tanh-softmax-ce-minibatch-adam-l1', [3, 4, 3], ['tanh', 'softmax'], 'cross-entropy', 'per-neuron', True,
     3, 5, ('l1', 0.001), {'kind': 'adam', 'beta1': 0.8, 'beta2': 0.99, 'epsilon': 1e-6}),
    ('sigmoid-softmax-se-online-momentum-l2', [2, 4, 3], ['sigmoid', 'softmax'], 'squared-error', 'per-neuron',
     True, 1, 3, ('l2', 0.02), {'kind': 'momentum', 'momentum': 0.9}),
    ('linear-softmax-ce-batch-sgd-l2', [4, 3, 3], ['linear', 'softmax'], 'cross-entropy', 'none', False, 0, 4,
     ('l2', 0.01), {'kind': 'sgd'}),
    ('relu-softmax-ce-onehot-momentum', [2, 6, 4], ['relu', 'softmax'], 'cross-entropy', 'per-neuron', True, 2,
     6, None, {'kind': 'momentum', 'momentum': 0.7}),
    ('deep-mixed-softmax-ce-minibatch-adam-l2', [2, 5, 4, 3], ['relu', 'tanh', 'softmax'], 'cross-entropy',
     'per-neuron', True, 2, 5, ('l2', 0.001), {'kind': 'adam', 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-8}),
    ('deep-sigmoid-ce-wrapping-batch-adam', [3, 4, 3, 2], ['tanh', 'sigmoid', 'sigmoid'], 'cross-entropy',
     'per-layer', True, 5, 3, None, {'kind': 'adam', 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-8}),
    ('fixed-biases-adam-l1', [2, 3, 2], ['tanh', 'linear'], 'squared-error', 'per-layer', False, 1, 4,
     ('l1', 0.01), {'kind': 'adam', 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-8}),
]


def make_case(rand, name, layers, acts, loss, bias_mode, update_biases, batch_size, n_samples, penalty,
              optimizer):
    n_out = layers[-1]
    softmax = acts[-1] == 'softmax'
    weights = [round(rand.uniform(-1, 1), 6) for l in range(1, len(layers)) for _ in range(layers[l] * layers[l - 1])]
    n_biases = {'per-layer': len(layers) - 1, 'per-neuron': sum(layers[1:]), 'none': 0}[bias_mode]
    biases = [round(rand.uniform(-0.5, 0.5), 6) for _ in range(n_biases)]
    samples = []
    for s in range(n_samples):
        inputs = [round(rand.uniform(-1, 1), 6) for _ in range(layers[0])]
        if softmax and 'onehot' in name:
            target = [0] * n_out
            target[rand.randrange(n_out)] = 1
        elif softmax:
            # Probabilities that sum to exactly 1 in binary: multiples of 1/64.
            cuts = sorted(rand.randrange(1, 64) for _ in range(n_out - 1))
            edges = [0] + cuts + [64]
            target = [(edges[k + 1] - edges[k]) / 64 for k in range(n_out)]
        else:
            target = [round(rand.uniform(0.05, 0.95), 6) for _ in range(n_out)]
        samples.append({'input': inputs, 'target': target})
    network = {
        'format': 'backprop-lens-network', 'version': 2, 'name': name, 'layers': layers, 'activation': acts,
        'loss': loss, 'bias_mode': bias_mode, 'update_biases': update_biases,
        'learning_rate': round(rand.uniform(0.05, 0.3), 4) if optimizer['kind'] != 'adam' else 0.01,
        'optimizer': optimizer, 'weights': weights, 'biases': biases, 'samples': samples,
    }
    if batch_size == 0:
        network['training'] = 'batch'
    else:
        network['training'] = 'online' if batch_size == 1 else 'mini-batch'
        if batch_size > 1:
            network['batch_size'] = batch_size
    if penalty is not None:
        network['regularization'] = {'kind': penalty[0], 'strength': penalty[1]}
    return network


class Model:
    """The network as PyTorch tensors: one weight matrix [out, in] per layer
    (Backprop Lens numbers weights by destination, then source: row-major)
    and its biases (one shared per layer, one per neuron, or none)."""

    def __init__(self, net):
        self.net = net
        layers = net['layers']
        self.weights, self.biases = [], []
        at, bt = 0, 0
        for l in range(1, len(layers)):
            n = layers[l] * layers[l - 1]
            self.weights.append(torch.tensor(net['weights'][at:at + n]).reshape(layers[l], layers[l - 1])
                                .requires_grad_())
            at += n
            k = {'per-layer': 1, 'per-neuron': layers[l], 'none': 0}[net['bias_mode']]
            self.biases.append(torch.tensor(net['biases'][bt:bt + k]).requires_grad_(net['update_biases'])
                               if k else None)
            bt += k

    def params(self):
        return self.weights + [b for b in self.biases if b is not None]

    def trained_params(self):
        return self.weights + ([b for b in self.biases if b is not None] if self.net['update_biases'] else [])

    def error(self, s):
        sample = self.net['samples'][s]
        out = torch.tensor(sample['input'])
        acts = self.net['activation']
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            net = w @ out
            if b is not None:
                net = net + b  # a shared bias broadcasts over the layer
            act = acts[l]
            if l == len(self.weights) - 1:
                last_net = net
            out = {'sigmoid': torch.sigmoid, 'tanh': torch.tanh, 'relu': torch.relu, 'linear': lambda x: x,
                   'softmax': lambda x: torch.softmax(x, 0)}[act](net)
        t = torch.tensor(sample['target'])
        if self.net['loss'] == 'squared-error':
            return 0.5 * ((t - out) ** 2).sum()
        if acts[-1] == 'softmax':
            return -(t * F.log_softmax(last_net, 0)).sum()
        return F.binary_cross_entropy_with_logits(last_net, t, reduction='sum')

    def penalty(self):
        reg = self.net.get('regularization')
        if reg is None or reg['kind'] == 'none':
            return torch.tensor(0.0)
        if reg['kind'] == 'l2':
            return reg['strength'] * 0.5 * sum((w ** 2).sum() for w in self.weights)
        return reg['strength'] * sum(w.abs().sum() for w in self.weights)

    def flat(self):
        w = [x for t in self.weights for x in t.detach().flatten().tolist()]
        b = [x for t in self.biases if t is not None for x in t.detach().flatten().tolist()]
        return w, b


def gradients(net):
    model = Model(net)
    result = []
    for s in range(len(net['samples'])):
        for p in model.params():
            p.grad = None
        params = model.params()
        for p in params:
            p.requires_grad_(True)
        e = model.error(s)
        (e + model.penalty()).backward()
        wg = [x for t in model.weights for x in t.grad.flatten().tolist()]
        bg = [x for t in model.biases if t is not None for x in t.grad.flatten().tolist()]
        result.append({'sample': s, 'error': e.item(), 'weights': wg, 'biases': bg})
    return result


def train(net, steps):
    model = Model(net)
    o = net['optimizer']
    params = model.trained_params()
    if o['kind'] == 'adam':
        opt = torch.optim.Adam(params, lr=net['learning_rate'], betas=(o['beta1'], o['beta2']), eps=o['epsilon'])
    else:
        opt = torch.optim.SGD(params, lr=net['learning_rate'], momentum=o.get('momentum', 0.0))
    S = len(net['samples'])
    b = net.get('batch_size', 1 if net['training'] == 'online' else S)
    snapshots = {}
    for k in range(steps):
        opt.zero_grad()
        batch = [(k * b + j) % S for j in range(b)]
        objective = sum(model.error(s) for s in batch) / b + model.penalty()
        objective.backward()
        opt.step()
        if k + 1 in (1, steps):
            w, bias = model.flat()
            snapshots[k + 1] = {'weights': w, 'biases': bias}
    return snapshots


def main():
    rand = random.Random(SEED)
    cases = []
    for spec in CASES:
        net = make_case(rand, *spec)
        snapshots = train(net, STEPS)
        # The network file as text: a JSON writer of the reader's would
        # not write every number back as it is.
        cases.append({'network': json.dumps(net), 'gradients': gradients(net), 'steps': STEPS,
                      'after_1_step': snapshots[1], 'trained': snapshots[STEPS]})
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'torch-reference.json')
    with open(out, 'w') as f:
        f.write('{\n  "generator": "tests/core/torch-reference.py",\n')
        f.write('  "torch": %s,\n' % json.dumps(torch.__version__))
        f.write('  "cases": [\n')
        f.write(',\n'.join('    ' + json.dumps(c, ensure_ascii=False) for c in cases))
        f.write('\n  ]\n}\n')


if __name__ == '__main__':
    main()
