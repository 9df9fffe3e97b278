#!/usr/bin/env python3
"""A training step of the plan's networks with Keras's `BatchNormalization` against volclf's `FusedBatchNorm`.

The networks are the ResNet-10s the plan chose for the three benchmark sets on a 2-core machine (the `plan` of
bench/results/p5_adrenal_epyc.json, p9_vessel_epyc.json and p6_modelnet_epyc_seed0.json): the same architecture
built twice in one process, once with each normalisation layer (`resnet3d(norm=...)`), compiled as training compiles them (AdamW, label smoothing,
mixed bfloat16 where the CPU has it), and trained on random batches in memory. The two arms alternate, a window of
`--steps` steps each, `--rounds` times, so that a machine whose speed drifts slows both alike. Steps are timed
one by one as `volclf.plan.probe_step` times them (the gaps between Keras's batch-end callbacks; a window's first
step is left out): timing whole `fit` calls instead read 2.55 s for ten steps in about one window of four on the
development machine, exactly twice the others, whatever the network. Each arm's figure is the median of its steps. The last line gives the ratio Keras / fused per network.

    python bench/fused_bn.py [--quick] [--rounds R] [--steps S]
"""
import argparse
import numpy as np
from _report import alternate, report

NETWORKS = {   # name: (input, width, strides, classes): what the plan chose for each benchmark set (stem 3, depth 10, batch 32)
    'AdrenalMNIST3D': ((20, 24, 24), 16, [1, 2, 1, 2, 2], 2),
    'VesselMNIST3D': ((28, 28, 28), 32, [2, 2, 1, 2, 1], 2),
    'ModelNet10': ((32, 32, 32), 32, [2, 2, 1, 2, 1], 10)}

def build(shape, width, strides, n, precision, fused:bool):
    import keras
    from volclf.models import resnet3d
    from volclf.train import TrainConfig, compile_for
    m = resnet3d((*shape, 1), n, 10, width, strides, precision, stem=3, norm=None if fused else keras.layers.BatchNormalization)
    return compile_for(m, TrainConfig(optimizer='adamw', lr=2e-3, weight_decay=1e-4, label_smoothing=.1), 100)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="one network, batches of 8, few windows: a smoke run")
    ap.add_argument('--rounds', type=int, default=None); ap.add_argument('--steps', type=int, default=None)
    a = ap.parse_args()
    rounds, steps, batch = (a.rounds or 2, a.steps or 2, 8) if a.quick else (a.rounds or 8, a.steps or 10, 32)
    import tensorflow as tf
    from volclf.models import auto_precision
    precision, rows = auto_precision(), []
    for name, (shape, width, strides, n) in list(NETWORKS.items())[:1 if a.quick else None]:
        rng = np.random.default_rng(0)
        x = rng.random((batch, *shape, 1), np.float32)
        y = rng.integers(0, 2, (batch, 1)).astype(np.float32) if n == 2 else np.eye(n, dtype=np.float32)[rng.integers(0, n, batch)]
        data = tf.data.Dataset.from_tensors((x, y)).repeat()
        arms = {'keras': build(shape, width, strides, n, precision, False), 'fused': build(shape, width, strides, n, precision, True)}
        med, times = alternate(arms, data, rounds, steps)
        rows.append(dict(network=name, input=list(shape), width=width, strides=strides, classes=n, batch=batch,
                         step_s={k: round(v, 4) for k, v in med.items()}, window_medians_s={k: [round(t, 4) for t in v] for k, v in times.items()},
                         ratio=round(med['keras'] / med['fused'], 2)))
        print(f"{name:15s} step {med['keras']:.3f} s with Keras's BatchNormalization, {med['fused']:.3f} s fused: "
              f"{med['keras'] / med['fused']:.2f}×", flush=True)
    report(dict(p='fused_bn', precision=precision, rounds=rounds, steps=steps, rows=rows),
           "fused_bn " + ", ".join(f"{r['network']} {r['ratio']:.2f}×" for r in rows) + " (Keras / fused, a training step)", quick=a.quick)

if __name__ == '__main__': main()
