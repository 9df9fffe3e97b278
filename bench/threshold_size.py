#!/usr/bin/env python3
"""How many validation volumes a decision threshold needs: a threshold fitted for accuracy (`choose_threshold`, as
the plan fits it for two imbalanced classes) on n volumes, against 0.5, scored on the rest.

It reads the test probabilities a benchmark's runs saved (`probabilities.csv` in each seed's folder: real models'
outputs on real data), draws n of them at random as a stand-in validation split, fits the threshold there and
scores accuracy on the others, many times for each n. No training: seconds. The gain is the fitted threshold's
accuracy minus 0.5's on the same volumes.

    python bench/threshold_size.py RUN_DIR [RUN_DIR ...] [--sizes 10 20 40 60 100] [--draws 300]
    (RUN_DIR: a benchmark's --out folder, holding seed0/, seed1/, ...)
"""
import argparse, csv, warnings
from pathlib import Path
import numpy as np
from _report import report

def outputs(run:Path) -> tuple:
    "(labels 0/1, probability of the second class) of one seed's saved test predictions."
    rows = list(csv.DictReader(open(run/'probabilities.csv')))
    cls = [c for c in rows[0] if c.startswith('p_')]
    if len(cls) != 2: raise SystemExit(f"{run}: {len(cls)} classes; a threshold is for two")
    return np.array([r['label'] == cls[1][2:] for r in rows], int), np.array([float(r[cls[1]]) for r in rows])

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('runs', nargs='+'); ap.add_argument('--sizes', type=int, nargs='+', default=[10, 20, 40, 60, 100])
    ap.add_argument('--draws', type=int, default=300)
    a = ap.parse_args()
    from volclf.plan import choose_threshold
    warnings.filterwarnings('ignore')
    rng, res = np.random.default_rng(0), {}
    for run in map(Path, a.runs):
        seeds = sorted(run.glob('seed*/probabilities.csv'))
        if not seeds: raise SystemExit(f"{run}: no seed*/probabilities.csv")
        per, each = {}, [outputs(f.parent) for f in seeds]
        for n in a.sizes:
            gains = []
            for y, p in each:
                for _ in range(a.draws):
                    idx = rng.permutation(len(y)); v, t = idx[:n], idx[n:]
                    th = choose_threshold(y[v], p[v], 'accuracy')
                    gains.append(((p[t] >= th) == y[t]).mean() - ((p[t] >= 0.5) == y[t]).mean())
            per[n] = dict(gain=round(float(np.mean(gains)), 4), sd=round(float(np.std(gains)), 4), draws=len(gains))
            print(run.name, n, per[n], flush=True)
        res[run.name] = dict(seeds=len(seeds), share=round(float(np.mean([y.mean() for y, _ in each])), 3), by_size=per)
    report(dict(sizes=a.sizes, draws=a.draws, runs=res),
           "threshold_size, accuracy gain of a threshold fitted on n validation volumes over 0.5: "
           + "; ".join(f"{k}: " + ", ".join(f"{n} {v['by_size'][n]['gain']:+.4f}" for n in a.sizes) for k, v in res.items()))

if __name__ == '__main__': main()
