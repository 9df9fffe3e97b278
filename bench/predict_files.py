#!/usr/bin/env python3
"""`volclf predict` on files: `predict_files` (files read two at a time, the next batch read while the model works
on this one) against reading one file at a time, then predicting each batch, as `volclf predict` did before.

Both run in this process on the same files (phantom volumes of 64³ saved as int16 NIfTI), the same model (the seed
network at 32³, untrained weights: the forward pass costs the same) and the same recipe (min-max, resized to 32³),
batch 16; their outputs are checked equal. Each is timed `--repeat` times, interleaved; the figure is the ratio of
the median times.

    python bench/predict_files.py [--quick] [--n 200]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
from _report import report

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="40 files, one repeat")
    ap.add_argument('--n', type=int, default=None, help="files (default 200)")
    ap.add_argument('--repeat', type=int, default=None)
    a = ap.parse_args()
    n, repeat = a.n or (40 if a.quick else 200), a.repeat or (1 if a.quick else 3)
    import nibabel as nib, keras
    from volclf.data import synthetic_tumors
    from volclf.models import seed_model
    from volclf.preprocess import Preprocess
    from volclf.evaluate import predict_files, predict_views, tta_views, _model_input
    tmp, ph = Path(tempfile.mkdtemp()), synthetic_tumors(n, (64, 64, 64), seed=0)
    paths = [tmp/f'scan{i}.nii.gz' for i in range(n)]
    for p, v in zip(paths, ph.x): nib.save(nib.Nifti1Image(v.astype(np.int16) * 4 - 200, np.diag([1.2, 1., 1., 1.])), p)
    shape, pre, batch = (32, 32, 32), Preprocess('minmax', shape=(32, 32, 32)), 16
    keras.utils.set_random_seed(0)
    model, views = seed_model((*shape, 1), 3), tta_views(None, shape)
    def one_at_a_time():
        return np.concatenate([predict_views(model, np.stack([_model_input(str(p), pre, shape)[0] for p in paths[i:i + batch]]), views)
                               for i in range(0, n, batch)])
    def parallel(): return np.stack([pr for _, pr, _ in predict_files(model, paths, pre, batch)])
    np.testing.assert_allclose(one_at_a_time(), parallel(), atol=1e-5)      # also warms both up
    times = {'one_at_a_time': [], 'predict_files': []}
    for _ in range(repeat):
        for name, f in (('one_at_a_time', one_at_a_time), ('predict_files', parallel)):
            t = time.perf_counter(); f(); times[name].append(time.perf_counter() - t)
    t_seq, t_par = (float(np.median(times[k])) for k in ('one_at_a_time', 'predict_files'))
    ratio = t_seq / t_par
    report(dict(p='predict', ratio=round(ratio, 3), files=n, repeat=repeat, seconds={k: [round(v, 3) for v in t] for k, t in times.items()},
                files_per_s=dict(one_at_a_time=round(n / t_seq, 2), predict_files=round(n / t_par, 2))),
           f"PREDICT {ratio:.2f}x | predict_files {n / t_par:.1f} files/s, one file at a time {n / t_seq:.1f} files/s, "
           f"{n} NIfTI 64³ int16 -> 32³, seed model, batch {batch}, {repeat} repeats", a.quick)

if __name__ == '__main__': main()
