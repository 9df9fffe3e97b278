#!/usr/bin/env python3
"""P1: training throughput of the seed model at 64³, volclf's `train` against the seed blog's plain script.

Both train the blog's network (`seed_model`, 22.5 M parameters at 64³) with Adam on the same phantom volumes, the
same patient-wise train/validation split, batch size 32, for the same number of epochs, validating every epoch:

- blog: the arrays divided by 255 into float32 in memory, `model.fit(X_train, y_train, batch_size=32,
  validation_data=(X_val, y_val))`, float32 (Keras' defaults);
- volclf: `volclf.train.train('seed', ...)` with its defaults: bytes kept as uint8 and scaled in the graph by the
  tf.data pipeline (prefetched), and the precision `auto_precision` picks for this machine (bfloat16 where the CPU has
  it), weights and loss in float32.
The first epoch (graph tracing) is left out of both; volumes per second are training volumes over the wall time of
the remaining epochs (validation included). The last line is the ratio.

    python bench/p1_train.py [--quick] [--epochs N] [--n N]
"""
import argparse, tempfile, time
from pathlib import Path
from _report import report

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="32³ volumes, fewer of them, 2 epochs")
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--n', type=int, default=320, help="phantom volumes (train + validation)")
    a = ap.parse_args()
    size, n, epochs = (32, 96, 2) if a.quick else (64, a.n, a.epochs)
    import keras, numpy as np
    from volclf.data import synthetic_tumors, split
    from volclf.models import seed_model, auto_precision
    from volclf.train import train
    ds = synthetic_tumors(n, (size,) * 3, 3, seed=0)
    fit_ds, val_ds = split(ds, 0.2, 0)
    class Clock(keras.callbacks.Callback):
        def __init__(self): super().__init__(); self.t = []
        def on_epoch_begin(self, e, logs=None): self.t0 = time.perf_counter()
        def on_epoch_end(self, e, logs=None): self.t.append(time.perf_counter() - self.t0)
    # the blog's way
    keras.utils.set_random_seed(0)
    X, Xv = (d.x[..., None].astype('float32') / 255 for d in (fit_ds, val_ds))
    blog, clock = seed_model((size,) * 3 + (1,), 3), Clock()
    blog.fit(X, fit_ds.y, batch_size=32, epochs=epochs, validation_data=(Xv, val_ds.y), callbacks=[clock], verbose=0)
    blog_rate = len(fit_ds) * (epochs - 1) / sum(clock.t[1:])
    print(f"blog: {blog_rate:.2f} vol/s (epochs {', '.join(f'{t:.1f}' for t in clock.t)} s)", flush=True)
    del X, Xv, blog
    # volclf's way
    clock = Clock()
    train('seed', fit_ds, Path(tempfile.mkdtemp())/'p1', val=val_ds, epochs=epochs, batch_size=32, verbose=0, callbacks=[clock])
    rate = len(fit_ds) * (epochs - 1) / sum(clock.t[1:])
    print(f"volclf: {rate:.2f} vol/s (epochs {', '.join(f'{t:.1f}' for t in clock.t)} s), {auto_precision()}", flush=True)
    r = rate / blog_rate
    report(dict(p='P1', ratio=round(r, 2), volclf=round(rate, 2), blog=round(blog_rate, 2), size=size, n_train=len(fit_ds),
                epochs=epochs, precision=auto_precision()),
           f"P1 {r:.2f}x | volclf train {rate:.1f} vol/s ({auto_precision()}, tf.data), blog model.fit {blog_rate:.1f} vol/s "
           f"(float32 arrays), seed model at {size}^3, batch 32", a.quick)

if __name__ == '__main__': main()
