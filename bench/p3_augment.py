#!/usr/bin/env python3
"""P3: random 3D rotation of 128³ volumes, volclf's Keras layer against the keras-io way.

- keras-io: `scipy.ndimage.rotate(v, angle, reshape=False)` (its default cubic spline) with a random angle from
  [-20, -10, -5, 5, 10, 20], one volume at a time inside `tf.numpy_function`, mapped over a tf.data pipeline.
- volclf: `RandomRotation3D(20, axes=(2,))` — the same single plane, a uniform angle in ±20° — mapped over batches
  of 4 in the same pipeline; and `RandomRotation3D(20)`, which rotates about all three axes.
The keras-io way is measured twice: as keras-io writes it (`.map(train_preprocessing)`, sequential) — the figure —
and with `num_parallel_calls=AUTOTUNE`, its fastest form on two cores. volclf's layer maps sequentially, as `volclf.train` applies it, since the op itself uses every
core (two parallel calls only contend for them). Prints volumes per second; the last line is the figure
(single plane against single plane, against keras-io as written and against its parallel form).

    python bench/p3_augment.py [--quick]
"""
import argparse, gc, time
import numpy as np
from _report import report

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="64³ volumes, fewer of them")
    a = ap.parse_args()
    import tensorflow as tf
    from scipy import ndimage
    from volclf.augment import RandomRotation3D
    size, n = (64, 8) if a.quick else (128, 32)
    rng = np.random.default_rng(0)
    vols = ndimage.gaussian_filter(rng.random((8, size, size, size)).astype(np.float32), (0, 2, 2, 2))[..., None]
    base = tf.data.Dataset.from_tensor_slices(vols).repeat()
    angles = np.array([-20, -10, -5, 5, 10, 20], np.float32)
    def scipy_rotate(v):
        return ndimage.rotate(v, float(rng.choice(angles)), reshape=False).astype(np.float32)
    def keras_io(v):
        out = tf.numpy_function(scipy_rotate, [v], tf.float32); out.set_shape(v.shape); return out
    one, three = RandomRotation3D(20, axes=(2,), seed=0), RandomRotation3D(20, seed=0)
    pipes = {'keras_io': base.map(keras_io).batch(4),
             'keras_io_parallel': base.map(keras_io, num_parallel_calls=tf.data.AUTOTUNE).batch(4),
             'volclf_1_plane': base.batch(4).map(lambda b: one(b, training=True)),
             'volclf_3_planes': base.batch(4).map(lambda b: three(b, training=True))}
    rates = {}
    for name, p in pipes.items():
        it = iter(p.prefetch(1))
        for _ in range(3): next(it)                             # warm up (and let AUTOTUNE settle)
        t = time.perf_counter()
        for _ in range(n // 4): next(it)
        rates[name] = n // 4 * 4 / (time.perf_counter() - t)
        print(f"{name}: {rates[name]:.2f} vol/s", flush=True)
        del it; gc.collect(); time.sleep(1)                      # the last pipeline's threads are gone before the next
    r1, r3 = rates['volclf_1_plane'] / rates['keras_io'], rates['volclf_3_planes'] / rates['keras_io']
    rp = rates['volclf_1_plane'] / rates['keras_io_parallel']
    report(dict(p='P3', ratio=round(r1, 2), ratio_parallel=round(rp, 2), ratio_3_planes=round(r3, 2), size=size,
                **{k: round(v, 2) for k, v in rates.items()}),
           f"P3 {r1:.2f}x (vs parallel map {rp:.2f}x) | volclf 1 plane {rates['volclf_1_plane']:.1f} vol/s, "
           f"3 planes {rates['volclf_3_planes']:.1f} vol/s ({r3:.2f}x), keras-io scipy rotate {rates['keras_io']:.2f} vol/s "
           f"(parallel {rates['keras_io_parallel']:.2f}), {size}^3", a.quick)

if __name__ == '__main__': main()
