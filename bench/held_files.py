#!/usr/bin/env python3
"""Planned training from scan-sized files: each file read and preprocessed every epoch (`cache=False`) against
`train`'s default, which holds the preprocessed volumes in memory where they fit (`volclf.pipeline.auto_cache`).

Writes N CT-like scans as gzipped int16 NIfTI (an elliptic body at 40 HU in air at -1024 HU, a bright spine, and in
half of them a faint lesion; 0.8×0.8×2.5 mm), plans them once for the budget (the plan shrinks the input to what the
budget affords), then trains that plan twice in this process, streamed and then held, and compares the epochs as
`FitToTime` measured them (the mean of each run's epochs after its first, which also reads the files) and how many
epochs each run fitted into the same budget. The last line is the ratio of the streamed epoch to the held one.

    python bench/held_files.py [--quick] [--n N] [--size S] [--minutes M]
"""
import argparse, json, tempfile, time
from pathlib import Path
import numpy as np
from _report import report

def depth(size:int) -> int: return max(8, round(size / 2.5))     # slices of 2.5 mm under a 0.8 mm grid of `size`

def scans(folder:Path, n:int, size:int, seed:int=0) -> list:
    "`n` CT-like scans of size×size×`depth(size)` voxels written as NIfTI; their paths and labels."
    import nibabel as nib
    g, d = np.random.default_rng(seed), depth(size)
    z, y, x = np.mgrid[:size, :size, :d].astype(np.float32) / size
    body = ((z - .5) / .43)**2 + ((y - .5) / .35)**2 < 1
    spine = ((z - .5) / .04)**2 + ((y - .62) / .04)**2 < 1
    rows = []
    for i in range(n):
        a = np.full(z.shape, -1024., np.float32); a[body] = 40; a[spine] = 900
        if i % 2: a[((z - .4)**2 + (y - .43)**2 + ((x - .5) * d / size)**2) < .06**2] = 90
        p = folder/f'ct{i:03d}.nii.gz'
        nib.save(nib.Nifti1Image((a + g.normal(0, 20, a.shape)).astype(np.int16), np.diag([.8, .8, 2.5, 1.])), str(p))
        rows.append((p, i % 2))
    return rows

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="16 scans of 96², half a minute each: a smoke run")
    ap.add_argument('--n', type=int, default=None); ap.add_argument('--size', type=int, default=None)
    ap.add_argument('--minutes', type=float, default=None)
    a = ap.parse_args()
    n, size, minutes = (a.n or 16, a.size or 96, a.minutes or .5) if a.quick else (a.n or 48, a.size or 256, a.minutes or 2.)
    grid = (size, size, depth(size))
    folder = Path(tempfile.mkdtemp(prefix='held_files_'))
    rows = scans(folder, n, size)
    from volclf.data import from_files
    from volclf.plan import plan_for, train_plan
    files = from_files([p for p, _ in rows], [y for _, y in rows], ['clear', 'lesion'], [f'pt{i}' for i in range(n)])
    plan = plan_for(files, 0.2, minutes, progress=False)
    runs = {}
    for name, cache in (('streamed', False), ('held', None)):
        t = time.perf_counter()
        r = train_plan(plan, files, folder/name, val=0.2, seed=0, verbose=0, cache=cache)
        info = json.loads((folder/name/'volclf.json').read_text())['plan']
        runs[name] = dict(epoch_s=info['measured'].get('epoch_s_trained'), epochs=len(r.history['loss']), seconds=round(time.perf_counter() - t, 1))
        print(name, runs[name], flush=True)
    ratio = runs['streamed']['epoch_s'] / runs['held']['epoch_s']
    report(dict(p='held_files', ratio=round(ratio, 2), n=n, size=list(grid), minutes=minutes,
                input=list(plan.shape), planned_epoch_s=plan.measured['epoch_s'], runs=runs),
           f"held_files {ratio:.2f}x | {n} int16 NIfTI CT scans of {'x'.join(map(str, grid))} planned to "
           f"{'x'.join(map(str, plan.shape))}: an epoch {runs['streamed']['epoch_s']:.2f} s reading every file, {runs['held']['epoch_s']:.2f} s held in memory "
           f"(planned {plan.measured['epoch_s']:.2f}); {runs['streamed']['epochs']} against {runs['held']['epochs']} epochs in {minutes:g} min", a.quick)

if __name__ == '__main__': main()
