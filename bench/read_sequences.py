#!/usr/bin/env python3
"""What reading a case of sequences costs: four BraTS-sized sequences (240×240×155 int16, 1 mm) on one grid, against
the same with three of them stored on grids of their own, which `read_sequences` puts on the finest one's grid.

Both cases are NIfTI files written here (gzip-compressed, as BraTS ships them). The same-grid case is four files on
one grid; in the other, T1 keeps that grid and T2 is stored axial with 3 mm slices (240×240×52), FLAIR sagittal with
3 mm slices and turned 10° (52×240×240, oblique), T1ce at 2 × 2 × 2 mm, all over the same field of view. The arms
alternate, `--rounds` times; each figure is a median. The ratio says what putting three sequences on another's grid
adds to reading the files; the read itself (gzip, NiBabel) is most of either, and a training run reads each case
once (the pipeline keeps the preprocessed volumes in memory where they fit, or on disk with --cache).

    python bench/read_sequences.py [--quick] [--rounds R]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
from _report import report

def write_cases(root:Path, shape:tuple, seed:int=0) -> tuple:
    "(a case folder of four sequences on one grid, one of the same four on grids of their own), each a head-like ellipsoid."
    import nibabel as nib
    g = np.random.default_rng(seed)
    def head(aff, shp):
        ijk = np.indices(shp).reshape(3, -1)
        xyz = (aff[:3, :3] @ ijk + aff[:3, 3:]).T / (np.array(shape) * np.array([.4, .45, .45]))
        return (np.where((xyz ** 2).sum(1) < 1, 600., 0.) + np.abs(g.normal(0, 20, len(xyz)))).reshape(shp).astype(np.int16)
    iso = np.eye(4); iso[:3, 3] = -np.array(shape) / 2
    t = np.deg2rad(10); turn = np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])
    grids = dict(t1=(iso, shape),
                 t2=(iso @ np.diag([1., 1., 3., 1.]), (shape[0], shape[1], shape[2] // 3)),
                 flair=(np.block([[turn @ np.diag([3., 1., 1.]), iso[:3, 3:]], [np.zeros((1, 3)), np.ones((1, 1))]]), (shape[0] // 3, shape[1], shape[2])),
                 t1ce=(iso @ np.diag([2., 2., 2., 1.]), tuple(s // 2 for s in shape)))
    same, other = root/'same', root/'other'
    same.mkdir(); other.mkdir()
    for name, (aff, shp) in grids.items():
        nib.save(nib.Nifti1Image(head(iso, shape), iso), same/f'{name}.nii.gz')
        nib.save(nib.Nifti1Image(head(aff, shp), aff), other/f'{name}.nii.gz')
    return same, other

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--quick', action='store_true', help='small volumes and two rounds: proves the script runs')
    ap.add_argument('--rounds', type=int, default=5)
    a = ap.parse_args()
    shape, rounds = ((48, 48, 30), 2) if a.quick else ((240, 240, 155), a.rounds)
    from volclf.io import read_volume
    same, other = write_cases(Path(tempfile.mkdtemp(prefix='read_sequences_')), shape)
    times = dict(same_grid=[], other_grids=[])
    for _ in range(rounds):
        for arm, case in (('same_grid', same), ('other_grids', other)):
            t = time.perf_counter(); v = read_volume(case); times[arm].append(time.perf_counter() - t)
            if arm == 'other_grids': moved = v.meta['resampled']
    med = {k: float(np.median(v)) for k, v in times.items()}
    report(dict(shape=list(shape), rounds=rounds, seconds=times, median=med, resampled=moved, grid=v.meta['grid']),
           f"read_sequences, four {'×'.join(map(str, shape))} sequences: one grid {med['same_grid']:.2f} s, three put on another's "
           f"{med['other_grids']:.2f} s (×{med['other_grids'] / med['same_grid']:.2f})", quick=a.quick)
