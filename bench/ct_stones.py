#!/usr/bin/env python3
"""CT whose classes differ only above the plan's window: the plan (a window from the data's percentiles plus a channel
holding the scanner's whole range, no intensity jitter) against the same plan with its window alone, and against the
recipe the plan had before (the window alone, with intensity and contrast jitter), and against the plan with that
jitter put back.

The volumes are CT-like NIfTI files written here: a body of soft tissue (35 ± 15 HU) in air, 1 × 1 × 1.5 mm voxels,
24–31 × 40–47 × 40–47 voxels, each holding one small dense object (a radius of 2–3.5 voxels) whose density, 450 HU or
1100 HU (each ± 20 %, noise 20 HU), is its class: uric-acid and calcium-oxalate kidney stones, roughly. Training,
validation and test are three cohorts drawn with different seeds. The plan is made once, on the training cohort.

    python bench/ct_stones.py [--n 80] [--minutes 1] [--seeds 0 1 2] [--out DIR] [--quick]
"""
from pathlib import Path
import numpy as np
from _cohorts import cohort_bench

def write_cohort(folder:Path, n:int, seed:int):
    "`n` NIfTI volumes per class in `folder`/<class>/, drawn with `seed`."
    import nibabel as nib
    rng = np.random.default_rng(seed)
    for cls, hu in (('uric', 450.), ('oxalate', 1100.)):
        (folder/cls).mkdir(parents=True, exist_ok=True)
        for i in range(n):
            d, h = int(rng.integers(24, 32)), int(rng.integers(40, 48))
            z, y, x = np.mgrid[:d, :h, :h]
            body = ((y - h / 2) / (h * .45))**2 + ((x - h / 2) / (h * .45))**2 < 1
            vol = np.full((d, h, h), -1000.); vol[body] = 35 + rng.normal(0, 15, body.sum())
            c, r = (rng.integers(d // 4, 3 * d // 4), rng.integers(h // 3, 2 * h // 3), rng.integers(h // 3, 2 * h // 3)), rng.uniform(2, 3.5)
            stone = ((z - c[0]) / r)**2 + ((y - c[1]) / r)**2 + ((x - c[2]) / r)**2 < 1
            vol[stone] = rng.uniform(.8, 1.2) * hu + rng.normal(0, 20, stone.sum())
            nib.save(nib.Nifti1Image(np.transpose(vol, (2, 1, 0)).astype(np.int16), np.diag([1., 1., 1.5, 1.])), folder/cls/f'{seed}_{i:03d}.nii.gz')

def arms(plan):
    "The plan, and edits of it."
    return dict(plan=plan, plan_jitter=plan.replace(jitter=True), window_alone=plan.replace(window=plan.window[0]),
                window_alone_jitter=plan.replace(window=plan.window[0], jitter=True))

if __name__ == '__main__': cohort_bench(__doc__, 'ct_stones', write_cohort, arms)
