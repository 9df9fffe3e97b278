#!/usr/bin/env python3
"""P8: training from files against training from the same volumes in memory, one process, the same model and epochs.

Writes N phantom scans as NIfTI (int16, 1.5 mm), reads them as a file-backed dataset, and trains volclf's `seed` network
three ways in turn: on the volumes loaded into memory, from the files with `cache='memory'` (each file read once), and
from the files read every epoch (`cache=False`: `train` without a cache holds files in memory where they fit,
`volclf.pipeline.auto_cache`). Each figure is the median time of the epochs after the first (the first includes
tracing and, for the cached run, the reading). The last line is the ratio of the cached files run to the in-memory run:
near 1 when the input pipeline keeps up with the model.

    python bench/p8_files_train.py [--quick] [--n N] [--size S] [--epochs E]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
from _report import report

class EpochClock:
    "A Keras callback recording each epoch's wall time (built lazily: keras is imported after the files are written)."
    def __new__(cls):
        import keras
        class _Clock(keras.callbacks.Callback):
            def __init__(self): super().__init__(); self.t = []
            def on_epoch_begin(self, epoch, logs=None): self.t0 = time.perf_counter()
            def on_epoch_end(self, epoch, logs=None): self.t.append(time.perf_counter() - self.t0)
        return _Clock()

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="64 volumes of 16³, 3 epochs: a smoke run")
    ap.add_argument('--n', type=int, default=None)
    ap.add_argument('--size', type=int, default=None)
    ap.add_argument('--epochs', type=int, default=None)
    a = ap.parse_args()
    n, size, epochs = (a.n or 64, a.size or 16, a.epochs or 3) if a.quick else (a.n or 384, a.size or 24, a.epochs or 5)
    import nibabel as nib
    from volclf.data import synthetic_tumors, from_files
    folder = Path(tempfile.mkdtemp())
    ph = synthetic_tumors(n, shape=(size,) * 3, seed=0)
    paths = []
    for i, x in enumerate(ph.x):
        paths.append(folder/f'scan{i:04d}.nii.gz')
        nib.save(nib.Nifti1Image(x.astype(np.int16) * 4, np.diag([1.5, 1.5, 1.5, 1.])), paths[-1])
    files = from_files(paths, ph.y, ph.classes, ph.groups)
    import keras
    from volclf.train import train
    from volclf.preprocess import default_preprocess
    from volclf.models import auto_precision
    pre, runs = default_preprocess(files), {}
    for name, data, cache in (('in_memory', files.load(None), None), ('files_cached', files, 'memory'), ('files', files, False)):
        keras.utils.clear_session()
        clock = EpochClock()
        train('seed', data, folder/'runs'/name, epochs=epochs, batch_size=16, seed=0, verbose=0, preprocess=pre, cache=cache, callbacks=[clock])
        runs[name] = float(np.median(clock.t[1:]))
        print(f"{name}: {runs[name]:.2f} s per epoch (epochs {', '.join(f'{t:.1f}' for t in clock.t)} s)", flush=True)
    ratio = runs['files_cached'] / runs['in_memory']
    report(dict(p='P8', ratio=round(ratio, 3), n=n, size=size, epochs=epochs, precision=auto_precision(),
                seconds_per_epoch={k: round(v, 3) for k, v in runs.items()}),
           f"P8 {ratio:.2f}x | training from {n} NIfTI files ({size}^3) with cache='memory' against the same volumes in memory: "
           f"{runs['files_cached']:.2f} vs {runs['in_memory']:.2f} s per epoch; read every epoch {runs['files']:.2f} s", a.quick)

if __name__ == '__main__': main()
