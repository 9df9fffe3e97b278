#!/usr/bin/env python3
"""P4: peak memory when streaming N and then 4N volumes from disk through `volclf.pipeline.to_tf`.

Writes 4N NIfTI volumes (96³ int16 by default, smooth CT-like), then, each in a fresh Python process, iterates one
shuffled epoch over the first N and over all 4N files (batch 8, `Preprocess('window', 'soft_tissue', shape=96³)`)
and records the process's peak resident memory (`ru_maxrss`). Held in memory, 4N preprocessed volumes would take
4N × 3.5 MB; streamed, the peak should not grow with the dataset. The last line is the ratio peak(4N) / peak(N).

    python bench/p4_stream.py [--quick] [--n N]
"""
import argparse, json, resource, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np
from _report import report

def run(folder, n, size):
    "Child process: stream `n` files once; print peak RSS (MiB) and seconds."
    from volclf.data import from_files
    from volclf.preprocess import Preprocess
    from volclf.pipeline import to_tf
    paths = sorted(Path(folder).glob('*.nii.gz'))[:n]
    ds = from_files(paths, np.arange(n) % 2, ['a', 'b'])
    t = time.perf_counter(); seen = 0
    for x, y in to_tf(ds, 8, shuffle=True, preprocess=Preprocess('window', window='soft_tissue', shape=(size,) * 3)): seen += len(y)
    assert seen == n
    print(json.dumps(dict(n=n, peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, seconds=time.perf_counter() - t)))

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="N=16 volumes of 64³")
    ap.add_argument('--n', type=int, default=None)
    ap.add_argument('--child', nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child: return run(a.child[0], int(a.child[1]), int(a.child[2]))
    import nibabel as nib
    from scipy import ndimage
    n, size = (a.n or 16, 64) if a.quick else (a.n or 48, 96)
    folder = Path(tempfile.mkdtemp())
    rng = np.random.default_rng(0)
    for i in range(4 * n):
        v = ndimage.gaussian_filter(rng.normal(0, 1, (size,) * 3), 3) * 3000
        nib.save(nib.Nifti1Image(v.astype(np.int16), np.eye(4)), folder/f'v{i:04d}.nii.gz')
    res = {}
    for k in (n, 4 * n):
        out = subprocess.run([sys.executable, __file__, '--child', str(folder), str(k), str(size)], capture_output=True, text=True)
        if out.returncode: sys.exit(out.stderr[-2000:])
        res[k] = json.loads(out.stdout.strip().splitlines()[-1]); print(json.dumps(res[k]), flush=True)
    ratio = res[4 * n]['peak_mib'] / res[n]['peak_mib']
    held = 4 * n * size**3 * 4 / 2**20
    report(dict(p='P4', ratio=round(ratio, 3), n=n, size=size, peak_n_mib=round(res[n]['peak_mib'], 1),
                peak_4n_mib=round(res[4 * n]['peak_mib'], 1), in_memory_4n_mib=round(held, 1)),
           f"P4 {ratio:.3f} ratio | peak RSS {res[n]['peak_mib']:.0f} MiB for {n} volumes, {res[4 * n]['peak_mib']:.0f} MiB for {4 * n} "
           f"({size}^3 int16 NIfTI; {held:.0f} MiB if the 4N were held preprocessed)", a.quick)

if __name__ == '__main__': main()
