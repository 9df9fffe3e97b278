#!/usr/bin/env python3
"""P2: CT preprocessing throughput, volclf's graph ops against the keras-io 3D CT example's NumPy path.

Both take 512×512×64 int16 CT-like volumes (in memory) to windowed float32 128×128×64:
- keras-io: clip to [-1000, 400] HU and scale to [0, 1], `ndimage.rotate(v, 90, reshape=False)`,
  `ndimage.zoom(v, (128/512, 128/512, 1), order=1)`, one volume at a time (its `process_scan`).
- volclf: `Preprocess(window=(-300, 1400), shape=(128, 128, 64))` — resize, then window — and the same 90° turn
  as an exact axis swap and flip, as one `tf.function` over a batch of 4. The turn is applied after the resize:
  with voxel-centre sampling and equal factors on the two in-plane axes the two commute exactly (the window is
  per voxel), so it moves 16× less data. The mean |difference| from keras-io's output is printed as a check.
Prints volumes per second for each and the ratio; the last line is the figure.

    python bench/p2_preprocess.py [--quick] [--n N]
"""
import argparse, time
import numpy as np
from _report import report

def ct_like(n, rng):
    "Body-like int16 CT, C-contiguous as loaded: air outside an ellipse of soft tissue with bone, plus noise."
    z, y, x = np.meshgrid(np.arange(64), np.linspace(-1, 1, 512), np.linspace(-1, 1, 512), indexing='ij')
    body = (x / .8)**2 + (y / .6)**2 < 1
    base = np.where(body, 40, -1000).astype(np.float32); base[((x - .3)**2 + y**2) < .01] = 700
    return [np.ascontiguousarray(np.transpose(base + rng.normal(0, 20, base.shape), (1, 2, 0)).astype(np.int16)) for _ in range(n)]

def keras_io(v):
    from scipy import ndimage
    v = np.clip(v.astype(np.float32), -1000, 400); v = (v + 1000) / 1400
    v = ndimage.rotate(v, 90, reshape=False)
    return ndimage.zoom(v, (128 / v.shape[0], 128 / v.shape[1], 64 / v.shape[2]), order=1)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="2 volumes for keras-io, 8 for volclf")
    ap.add_argument('--n', type=int, default=None, help="volumes per method (default 6, or 2 with --quick)")
    a = ap.parse_args()
    import tensorflow as tf
    from volclf.preprocess import Preprocess
    n = a.n or (2 if a.quick else 6)
    vols = ct_like(max(n, 4), np.random.default_rng(0))
    pre = Preprocess('window', window=(-300, 1400), shape=(128, 128, 64))
    @tf.function
    def volclf(batch):
        out = pre.tf(batch[..., None])                       # resize to 128×128×64 and window
        return tf.reverse(tf.transpose(out, (0, 2, 1, 3, 4)), [1])   # then the exact 90° turn, on 16× less data
    feed = lambda: tf.convert_to_tensor(np.stack(vols[:4]))   # NumPy → tensor is counted
    keras_io(vols[0]); volclf(feed())                        # warm up both
    t = time.perf_counter(); ref = [keras_io(v) for v in vols[:n]]; t_ref = time.perf_counter() - t
    reps = max(1, 24 // 4)
    t = time.perf_counter()
    for _ in range(reps): out = volclf(feed()).numpy()
    t_vol = time.perf_counter() - t
    ref_rate, vol_rate = n / t_ref, 4 * reps / t_vol
    diff = float(np.abs(out[0, ..., 0] - ref[0]).mean())
    ratio = vol_rate / ref_rate
    report(dict(p='P2', ratio=round(ratio, 2), volclf_vol_s=round(vol_rate, 2), keras_io_vol_s=round(ref_rate, 3),
                mean_abs_diff=round(diff, 4), shape_in=[512, 512, 64], shape_out=[128, 128, 64]),
           f"P2 {ratio:.1f}x | volclf {vol_rate:.1f} vol/s, keras-io scipy {ref_rate:.2f} vol/s, 512x512x64 int16 -> 128x128x64 windowed, "
           f"mean |diff| {diff:.3f}", a.quick)

if __name__ == '__main__': main()
