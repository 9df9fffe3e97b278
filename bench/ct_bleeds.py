#!/usr/bin/env python3
"""CT whose classes differ by a small soft-tissue contrast beside bone: the plan (a window from the data's
percentiles, which bone stretches to well over a thousand HU; a window of 0 to 80 HU, water to fresh blood; the
scanner's whole range) against the same plan without the 0–80 HU window, and with a soft-tissue window
(40/400) in its place.

The volumes are CT-like NIfTI files written here: a head (an ellipsoid of brain, 32 ± 8 HU, inside a skull of
1000–1600 HU) in air, 1 × 1 × 2 mm voxels, 20–27 × 44–51 × 40–47 voxels; half hold a small bleed (a radius of 2.5–4
voxels in-plane) of 62 ± 8 HU. Training, validation and test are three cohorts drawn with different seeds. The plan
is made once, on the training cohort.

    python bench/ct_bleeds.py [--n 80] [--minutes 1] [--seeds 0 1 2] [--out DIR] [--quick]
"""
from pathlib import Path
import numpy as np
from _cohorts import cohort_bench

def write_cohort(folder:Path, n:int, seed:int):
    "`n` NIfTI volumes per class in `folder`/<class>/, drawn with `seed`."
    import nibabel as nib
    rng = np.random.default_rng(seed)
    for cls in ('clear', 'bleed'):
        (folder/cls).mkdir(parents=True, exist_ok=True)
        for i in range(n):
            d, h, w = int(rng.integers(20, 28)), int(rng.integers(44, 52)), int(rng.integers(40, 48))
            z, y, x = np.mgrid[:d, :h, :w]
            r2 = ((z - d / 2) / (d * .42))**2 + ((y - h / 2) / (h * .42))**2 + ((x - w / 2) / (w * .42))**2
            vol = np.full((d, h, w), -1000.)
            vol[r2 < 1.25] = rng.uniform(1000, 1600)                          # skull
            vol[r2 < 1] = 32 + rng.normal(0, 8, (r2 < 1).sum())               # brain
            if cls == 'bleed':
                inside = np.argwhere(r2 < .5); c = inside[rng.integers(len(inside))]; r = rng.uniform(2.5, 4)
                blob = ((2 * (z - c[0]) / r)**2 + ((y - c[1]) / r)**2 + ((x - c[2]) / r)**2 < 1) & (r2 < 1)
                vol[blob] = 62 + rng.normal(0, 8, blob.sum())
            nib.save(nib.Nifti1Image(np.transpose(vol, (2, 1, 0)).astype(np.int16), np.diag([1., 1., 2., 1.])), folder/cls/f'{seed}_{i:03d}.nii.gz')

def arms(plan):
    "The plan, and edits of it."
    from volclf.plan import BLOOD
    others = tuple(w for w in plan.window if w != BLOOD)
    return dict(plan=plan, without_blood_window=plan.replace(window=others),
                soft_tissue_window_instead=plan.replace(window=(others[0], (40., 400.)) + others[1:]))

if __name__ == '__main__': cohort_bench(__doc__, 'ct_bleeds', write_cohort, arms)
