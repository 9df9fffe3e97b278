#!/usr/bin/env python3
"""Where TensorFlow's CPU kernel gradient of a bfloat16 Conv3D goes wrong, and whether `volclf.models.guard_bfloat16`'s
rule covers every case that does.

Each case (kernel k, stride s, input depth d: the first spatial axis, 'same' padding, 6×6 in-plane, 8 channels in and
out, batch 4) takes the kernel gradient of one random convolution in bfloat16 and in float32, `--trials` times, in a
process of its own (the faulty kernel can corrupt the heap and kill the process: that counts as a failure). A case
fails when a gradient is not finite, or is further from the float32 one than 5 % of its largest value (bfloat16's own
rounding stays under 1 %). The guard computes a convolution in float32 when 1 < d < k, or d = k with s > 1 (and
at d = 1 over one input channel, where the forward pass fails: inputs of 8 channels, as here, do not reach it; the
models chapter tests it).

    python bench/bf16_conv_depth.py            # results in bench/results/bf16_conv_depth.json
    python bench/bf16_conv_depth.py --quick    # k = 3 only, 2 trials: a smoke run
"""
import argparse, subprocess, sys
from _report import report

CASE = r'''
import sys, numpy as np, tensorflow as tf
k, s, d, trials = map(int, sys.argv[1:])
rng, worst, nonfinite = np.random.default_rng(0), 0., 0
for _ in range(trials):
    x = tf.constant(rng.normal(size=(4, d, 6, 6, 8)).astype(np.float32))
    w = tf.Variable(rng.normal(size=(k, k, k, 8, 8)).astype(np.float32) * .05)
    up, g = None, {}
    for dt in (tf.float32, tf.bfloat16):
        with tf.GradientTape() as t:
            y = tf.nn.conv3d(tf.cast(x, dt), tf.cast(w, dt), [1, s, s, s, 1], 'SAME')
            if up is None: up = tf.constant(rng.normal(size=y.shape).astype(np.float32))
            loss = tf.reduce_sum(tf.cast(y, tf.float32) * up)
        g[dt] = t.gradient(loss, w).numpy()
    if not np.isfinite(g[tf.bfloat16]).all(): nonfinite += 1; continue
    worst = max(worst, float(np.abs(g[tf.bfloat16] - g[tf.float32]).max() / np.abs(g[tf.float32]).max()))
print(nonfinite, worst)
'''

def guarded(k:int, s:int, d:int) -> bool: return 1 < d < k + (s > 1)    # volclf.models.guard_bfloat16's rule

def case(k:int, s:int, d:int, trials:int) -> dict:
    r = subprocess.run([sys.executable, '-c', CASE, str(k), str(s), str(d), str(trials)], capture_output=True, text=True)
    if r.returncode: return dict(k=k, s=s, d=d, crashed=True, failed=True, guarded=guarded(k, s, d))
    nonfinite, worst = r.stdout.split()[-2:]
    return dict(k=k, s=s, d=d, crashed=False, nonfinite=int(nonfinite), worst_rel_err=round(float(worst), 4),
                failed=int(nonfinite) > 0 or float(worst) > .05, guarded=guarded(k, s, d))

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--trials', type=int, default=8)
    ap.add_argument('--quick', action='store_true', help="kernel 3 only, 2 trials, results not saved")
    a = ap.parse_args()
    kernels, trials = ((3,), 2) if a.quick else ((3, 5, 7), a.trials)
    import tensorflow as tf
    rows = []
    for k in kernels:
        for s in (1, 2):
            for d in range(1, 10):
                rows.append(case(k, s, d, trials)); r = rows[-1]
                print(f"k {k} s {s} depth {d}: " + ("crashed" if r['crashed'] else f"{r['nonfinite']}/{trials} not finite, worst relative error {r['worst_rel_err']:.3g}")
                      + f"{'  FAILS' if r['failed'] else ''}{'  (guarded)' if r['guarded'] else ''}", flush=True)
    missed = [r for r in rows if r['failed'] and not r['guarded']]
    line = (f"{sum(r['failed'] for r in rows)} of {len(rows)} cases fail; the guard covers {sum(r['failed'] and r['guarded'] for r in rows)} of them"
            f" and guards {sum(r['guarded'] and not r['failed'] for r in rows)} that did not fail here; missed: {[(r['k'], r['s'], r['d']) for r in missed]}")
    report(dict(what="bfloat16 Conv3D kernel gradients on this CPU against float32, by kernel, stride and input depth",
                tensorflow=tf.__version__, trials=trials, rows=rows, missed=missed), line, quick=a.quick)

if __name__ == '__main__': main()
