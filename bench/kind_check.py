#!/usr/bin/env python3
"""What checking a file's kind costs `predict_files`: `kind_stats` against the whole `volume_stats` it replaced.

`volclf predict` checks every file against the kind of data a planned model was trained on (`kind_mismatch`). It
read the file's full `volume_stats` (content hash, thumbnail, mirror symmetry, orientation: what a fingerprint
needs), where the kind needs only a few percentiles and counts (`kind_stats`). Both run here on one CT-sized int16
array (512×512×300 by default: air at -1000 around a body of soft tissue and bone), alternating, `--rounds` times; each
arm's figure is its median. The last line gives the ratio.

    python bench/kind_check.py [--quick] [--rounds R] [--shape D H W]
"""
import argparse, time
import numpy as np
from _report import report

def ct_like(shape, seed=0) -> np.ndarray:
    "An int16 CT-like volume: air around an ellipsoid of soft tissue (40 ± 30 HU) holding bone (700 ± 200 HU)."
    g = np.random.default_rng(seed)
    d, h, w = np.ogrid[:shape[0], :shape[1], :shape[2]]
    r = ((d - shape[0] / 2) / (shape[0] * .45))**2 + ((h - shape[1] / 2) / (shape[1] * .35))**2 + ((w - shape[2] / 2) / (shape[2] * .4))**2
    a = g.normal(-1000, 20, shape)
    a[r < 1] = g.normal(40, 30, int((r < 1).sum()))
    a[r < .05] = g.normal(700, 200, int((r < .05).sum()))
    return a.astype(np.int16)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--quick', action='store_true', help='a small volume and two rounds: proves the script runs')
    ap.add_argument('--rounds', type=int, default=7)
    ap.add_argument('--shape', type=int, nargs=3, default=[300, 512, 512])
    args = ap.parse_args()
    from volclf.fingerprint import kind_stats, volume_stats
    shape, rounds = ((32, 64, 64), 2) if args.quick else (tuple(args.shape), args.rounds)
    a = ct_like(shape)
    times = {'volume_stats': [], 'kind_stats': []}
    for _ in range(rounds):
        for f in (volume_stats, kind_stats):
            t = time.perf_counter(); f(a); times[f.__name__].append(time.perf_counter() - t)
    med = {k: float(np.median(v)) for k, v in times.items()}
    same = kind_stats(a) == {k: volume_stats(a)[k] for k in kind_stats(a)}
    report(dict(shape=list(shape), dtype='int16', rounds=rounds, seconds={k: [round(x, 4) for x in v] for k, v in times.items()},
                median_s={k: round(v, 4) for k, v in med.items()}, same_figures=same, ratio=round(med['volume_stats'] / med['kind_stats'], 2)),
           f"kind check of a {'×'.join(map(str, shape))} int16 volume: volume_stats {med['volume_stats']:.3f} s, kind_stats "
           f"{med['kind_stats']:.3f} s, {med['volume_stats'] / med['kind_stats']:.1f}× cheaper (same figures: {same})", args.quick)
