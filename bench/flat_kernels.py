#!/usr/bin/env python3
"""A training step of `resnet3d` with every kernel k voxels long along every axis (as before), against kernels cut to
2n−1 along an axis n voxels long (`volclf.models._kernel`): the same function of the input, without the taps that only
ever meet 'same' padding.

Two networks: the one the plan gives 2D images stored as one-slice volumes (the figshare MRIs at 128², ResNet-10 of
width 16, strides [1, (1,2,2)×4]; before this change the plan gave it a 3³ stem, which the bfloat16 guard computed in
float32, now a 7³ stem that becomes 1×7×7), and a thin slab (8×64×64, `downsample_strides`' strides, whose last two
stages see one slice). Each is built twice in one process, compiled as training compiles them (AdamW, label
smoothing, mixed bfloat16 where the CPU has it), and trained on random batches in memory. The arms alternate, a
window of `--steps` steps each, `--rounds` times; steps are timed one by one from Keras's batch-end callbacks (as
`volclf.plan.probe_step` does), a window's first step left out; each arm's figure is the median of its windows'
medians. The last line gives the ratio before / after per network.

    python bench/flat_kernels.py [--quick] [--rounds R] [--steps S]
"""
import argparse
import numpy as np
from _report import alternate, report

NETWORKS = {   # name: (input, width, strides, stem before, stem after)
    '2D slices 1x128x128': ((1, 128, 128), 16, [1, [1, 2, 2], [1, 2, 2], [1, 2, 2], [1, 2, 2]], 3, 7),
    'thin slab 8x64x64': ((8, 64, 64), 16, None, 5, 5)}

def build(shape, width, strides, stem, precision, cut:bool):
    import volclf.models as vm
    from volclf.train import TrainConfig, compile_for
    keep = vm._kernel
    if not cut: vm._kernel = lambda x, k: k                  # every kernel k along every axis, as resnet3d built it before
    try: m = vm.resnet3d((*shape, 1), 2, 10, width, strides, precision, stem=stem)
    finally: vm._kernel = keep
    return compile_for(m, TrainConfig(optimizer='adamw', lr=2e-3, weight_decay=1e-4, label_smoothing=.1), 100)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="one network, batches of 4, few windows: a smoke run")
    ap.add_argument('--rounds', type=int, default=None); ap.add_argument('--steps', type=int, default=None)
    a = ap.parse_args()
    rounds, steps, batch = (a.rounds or 2, a.steps or 2, 4) if a.quick else (a.rounds or 6, a.steps or 8, 16)
    import tensorflow as tf
    from volclf.models import auto_precision
    precision, rows = auto_precision(), []
    for name, (shape, width, strides, stem0, stem1) in list(NETWORKS.items())[:1 if a.quick else None]:
        rng = np.random.default_rng(0)
        x, y = rng.random((batch, *shape, 1), np.float32), rng.integers(0, 2, (batch, 1)).astype(np.float32)
        data = tf.data.Dataset.from_tensors((x, y)).repeat()
        arms = {'before': build(shape, width, strides, stem0, precision, False), 'after': build(shape, width, strides, stem1, precision, True)}
        params = {k: int(m.count_params()) for k, m in arms.items()}
        med, times = alternate(arms, data, rounds, steps)
        rows.append(dict(network=name, input=list(shape), width=width, strides=strides, stem=dict(before=stem0, after=stem1), batch=batch,
                         params=params, step_s={k: round(v, 4) for k, v in med.items()},
                         window_medians_s={k: [round(t, 4) for t in v] for k, v in times.items()}, ratio=round(med['before'] / med['after'], 2)))
        print(f"{name}: step {med['before']:.4f} s before, {med['after']:.4f} s after: {med['before'] / med['after']:.2f}× "
              f"({params['before']:,} → {params['after']:,} weights)", flush=True)
    report(dict(p='flat_kernels', precision=precision, rounds=rounds, steps=steps, rows=rows),
           "flat_kernels " + ", ".join(f"{r['network']} {r['ratio']:.2f}×" for r in rows) + " (before / after, a training step)", quick=a.quick)

if __name__ == '__main__': main()
