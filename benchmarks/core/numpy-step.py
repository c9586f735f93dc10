#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The NumPy alternative a student would write: one online training step of
# the worked example, timed the same way as bench-training (best of rounds).
import time

import numpy as np

W1 = np.array([[0.15, 0.20], [0.25, 0.30]])
W2 = np.array([[0.40, 0.45], [0.50, 0.55]])
b1, b2, eta = 0.35, 0.60, 0.5
x = np.array([0.05, 0.10])
t = np.array([0.01, 0.99])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def step(W1, W2):
    h = sigmoid(W1 @ x + b1)
    o = sigmoid(W2 @ h + b2)
    d2 = (o - t) * o * (1 - o)
    d1 = (W2.T @ d2) * h * (1 - h)
    W2 -= eta * np.outer(d2, h)
    W1 -= eta * np.outer(d1, x)


steps, best = 20000, float("inf")
for _ in range(5):
    a, b = W1.copy(), W2.copy()
    start = time.perf_counter()
    for _ in range(steps):
        step(a, b)
    best = min(best, (time.perf_counter() - start) / steps)
print(f"NumPy {np.__version__}: {best * 1e6:.1f} µs/step (worked example, online)")
