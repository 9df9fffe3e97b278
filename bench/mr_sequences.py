#!/usr/bin/env python3
"""MR examinations of two sequences stored as a case folder each, on different grids: the plan reads T1 and FLAIR as
two channels, FLAIR put on T1's grid as it is read; against the same plan given T1 alone, and FLAIR alone.

The class is where a lesion lies, and only the two sequences together show it. Each case is a head (a sphere of 14 mm
radius) holding a structure that only T1 shows (dark, 4 mm radius) and a lesion that only FLAIR shows (bright, 3 mm),
the structure 4 to 7 mm from the head's centre in a random direction; in class `inside` the lesion lies in the
structure (within 1.5 mm of its centre), in class `outside` at the mirror point through the head's centre (as far
off, within 1.5 mm), 8 to 14 mm from it. The lesion's place is drawn alike in both classes and so is the structure's,
so a model fed either sequence alone sits at chance; fed both, it can tell the classes only where the channels line
up voxel for voxel. T1 is written at 1 mm,
32³, RAS; FLAIR at 1 × 1 × 3 mm, 32 × 32 × 11, LPS (its rows and columns the other way round, its slices 3 mm
thick), both NIfTI with a random gain per case (MR has no fixed scale) and noise. Training, validation and test are
three cohorts drawn with different seeds; the plan is made once, on the training cohort.

    python bench/mr_sequences.py [--n 80] [--minutes 1] [--seeds 0 1 2] [--out DIR] [--quick]
"""
from pathlib import Path
import numpy as np
from _cohorts import cohort_bench

T1 = np.array([[1., 0, 0, -15.5], [0, 1, 0, -15.5], [0, 0, 1, -15.5], [0, 0, 0, 1]])          # 32³ at 1 mm, RAS
FLAIR = np.array([[-1., 0, 0, 15.5], [0, -1, 0, 15.5], [0, 0, 3, -15.], [0, 0, 0, 1]])         # 32 × 32 × 11 at 1 × 1 × 3 mm, LPS

def _scene(aff:np.ndarray, shape:tuple, blobs:list, rng) -> np.ndarray:
    "Intensities at the centres of the voxels of a grid (`aff`, `shape`): a head of 14 mm radius at 0, then each (centre, radius, value) of `blobs` over it."
    ijk = np.indices(shape).reshape(3, -1)
    xyz = (aff[:3, :3] @ ijk + aff[:3, 3:]).T
    v = np.where(np.linalg.norm(xyz, axis=1) < 14, 1., 0.)
    for c, r, val in blobs: v[np.linalg.norm(xyz - c, axis=1) < r] = val
    return v.reshape(shape)

def write_cohort(folder:Path, n:int, seed:int):
    "`n` cases per class in `folder`/<class>/<case>/{t1,flair}.nii.gz, drawn with `seed`."
    import nibabel as nib
    rng = np.random.default_rng(seed)
    for cls in ('inside', 'outside'):
        for i in range(n):
            u, jitter = rng.normal(size=3), rng.normal(size=3)
            s = u / np.linalg.norm(u) * rng.uniform(4, 7)                       # the structure's centre (mm)
            lesion = (s if cls == 'inside' else -s) + jitter / np.linalg.norm(jitter) * rng.uniform(0, 1.5)
            gain = rng.uniform(0.5, 1.5)
            t1 = gain * (500 * _scene(T1, (32, 32, 32), [(s, 4., 0.3)], rng) + np.abs(rng.normal(0, 20, (32, 32, 32))))
            flair = gain * (400 * _scene(FLAIR, (32, 32, 11), [(lesion, 3., 2.)], rng) + np.abs(rng.normal(0, 20, (32, 32, 11))))
            (case := folder/cls/f'{seed}_{i:03d}').mkdir(parents=True)
            nib.save(nib.Nifti1Image(t1.astype(np.int16), T1), case/'t1.nii.gz')
            nib.save(nib.Nifti1Image(flair.astype(np.int16), FLAIR), case/'flair.nii.gz')

def arms(plan):
    "The plan (both sequences), and each sequence alone."
    return dict(plan=plan, t1_alone=plan.replace(sequences=('t1',)), flair_alone=plan.replace(sequences=('flair',)))

if __name__ == '__main__': cohort_bench(__doc__, 'mr_sequences', write_cohort, arms)
