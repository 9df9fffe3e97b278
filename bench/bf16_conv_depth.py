#!/usr/bin/env python3
"""Where TensorFlow's CPU bfloat16 Conv3D goes wrong, and whether `volclf.models.guard_bfloat16`'s rule covers every
case that does.

Each case (kernel k, stride s, input depth d: the first spatial axis, 'same' padding, 6×6 in-plane, `--channels` in
and 8 out, batch 4) takes the output and the kernel gradient of one random convolution in bfloat16 and in float32,
`--trials` times, in a process of its own (the faulty kernel can corrupt the heap and kill the process: that counts
as a failure). A case fails when the output or the gradient is not finite, or is further from the float32 one than
5 % of its largest value (bfloat16's own rounding stays under 1 %). The guard computes a convolution in float32 when
1 < d < k, or d = k with s > 1 (the kernel gradient's fault, with any number of channels), or d = 1 with one input
channel and k > 1 (the output's fault: `--channels 1`).

    python bench/bf16_conv_depth.py                 # 8 input channels: bench/results/bf16_conv_depth.json
    python bench/bf16_conv_depth.py --channels 1    # one: bench/results/bf16_conv_depth_1ch.json
    python bench/bf16_conv_depth.py --quick         # k = 3 only, 2 trials: a smoke run
"""
import argparse, subprocess, sys
from _report import report

CASE = r'''
import sys, numpy as np, tensorflow as tf
k, s, d, c, trials = map(int, sys.argv[1:])
rng, worst, nonfinite = np.random.default_rng(0), 0., 0
for _ in range(trials):
    x = tf.constant(rng.normal(size=(4, d, 6, 6, c)).astype(np.float32))
    w = tf.Variable(rng.normal(size=(k, k, k, c, 8)).astype(np.float32) * .05)
    up, g = None, {}
    for dt in (tf.float32, tf.bfloat16):
        with tf.GradientTape() as t:
            y = tf.nn.conv3d(tf.cast(x, dt), tf.cast(w, dt), [1, s, s, s, 1], 'SAME')
            if up is None: up = tf.constant(rng.normal(size=y.shape).astype(np.float32))
            loss = tf.reduce_sum(tf.cast(y, tf.float32) * up)
        g[dt] = (tf.cast(y, tf.float32).numpy(), t.gradient(loss, w).numpy())
    if not all(np.isfinite(a).all() for a in g[tf.bfloat16]): nonfinite += 1; continue
    worst = max([worst] + [float(np.abs(a - b).max() / np.abs(b).max()) for a, b in zip(g[tf.bfloat16], g[tf.float32])])
print(nonfinite, worst)
'''

def guarded(k:int, s:int, d:int, c:int) -> bool: return 1 < d < k + (s > 1) or (d == 1 and c == 1 and k > 1)   # volclf.models.guard_bfloat16's rule

def case(k:int, s:int, d:int, c:int, trials:int) -> dict:
    r = subprocess.run([sys.executable, '-c', CASE, str(k), str(s), str(d), str(c), str(trials)], capture_output=True, text=True)
    if r.returncode: return dict(k=k, s=s, d=d, c=c, crashed=True, failed=True, guarded=guarded(k, s, d, c))
    nonfinite, worst = r.stdout.split()[-2:]
    return dict(k=k, s=s, d=d, c=c, crashed=False, nonfinite=int(nonfinite), worst_rel_err=round(float(worst), 4),
                failed=int(nonfinite) > 0 or float(worst) > .05, guarded=guarded(k, s, d, c))

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--trials', type=int, default=8)
    ap.add_argument('--channels', type=int, default=8, help="input channels (default: %(default)s)")
    ap.add_argument('--quick', action='store_true', help="kernel 3 only, 2 trials, results not saved")
    a = ap.parse_args()
    kernels, trials = ((3,), 2) if a.quick else ((3, 5, 7), a.trials)
    import tensorflow as tf
    rows = []
    for k in kernels:
        for s in (1, 2):
            for d in range(1, 10):
                rows.append(case(k, s, d, a.channels, trials)); r = rows[-1]
                print(f"k {k} s {s} depth {d}: " + ("crashed" if r['crashed'] else f"{r['nonfinite']}/{trials} not finite, worst relative error {r['worst_rel_err']:.3g}")
                      + f"{'  FAILS' if r['failed'] else ''}{'  (guarded)' if r['guarded'] else ''}", flush=True)
    missed = [r for r in rows if r['failed'] and not r['guarded']]
    line = (f"{sum(r['failed'] for r in rows)} of {len(rows)} cases fail; the guard covers {sum(r['failed'] and r['guarded'] for r in rows)} of them"
            f" and guards {sum(r['guarded'] and not r['failed'] for r in rows)} that did not fail here; missed: {[(r['k'], r['s'], r['d']) for r in missed]}")
    report(dict(what="bfloat16 Conv3D outputs and kernel gradients on this CPU against float32, by kernel, stride and input depth",
                channels=a.channels, tensorflow=tf.__version__, trials=trials, rows=rows, missed=missed), line, quick=a.quick,
           name=None if a.channels == 8 else f'bf16_conv_depth_{a.channels}ch')

if __name__ == '__main__': main()
