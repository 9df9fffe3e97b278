#!/usr/bin/env python3
"""Saved plan runs of a MedMNIST 3D benchmark scored again with every combination of the plan's test-time mirrors
(for three mirrors, eight views) against the plan's views (as is, and each mirror alone): validation and test AUC,
and test accuracy at a threshold chosen on validation as the plan chooses it, and at 0.5. Trains nothing.

    python bench/mirror_views.py RUNS ../shared/data/medmnist/adrenalmnist3d.npz   # RUNS: a benchmark's --out (seed0, seed1, ...)
"""
import argparse, itertools
from pathlib import Path
import numpy as np

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('runs', type=Path); ap.add_argument('npz')
    a = ap.parse_args()
    from sklearn.metrics import roc_auc_score
    from volclf.data import from_medmnist
    from volclf.plan import Plan, choose_threshold
    from volclf.train import load_trained
    ds = from_medmnist(a.npz)
    for seed_dir in sorted(d for d in a.runs.glob('seed*') if d.is_dir()):
        plan = Plan.load(seed_dir/'plan.json'); pre = plan.to_preprocess()
        members = [load_trained(m/'model.keras')[0] for m in sorted(seed_dir.glob('member*'))]
        probs = {}
        for part in ('val', 'test'):
            d = ds.part(part); x = np.asarray(pre(d.x)); x = x[..., None] if x.ndim == 4 else x
            views = {axes: np.mean([m.predict(np.flip(x, [k + 1 for k in axes]) if axes else x, batch_size=64, verbose=0)[:, -1] for m in members], 0)
                     for k in range(len(plan.tta_flips) + 1) for axes in itertools.combinations(plan.tta_flips, k)}
            probs[part] = d.y, np.mean([v for axes, v in views.items() if len(axes) <= 1], 0), np.mean(list(views.values()), 0)
        cols = []
        for name, i in (('plan views', 1), (f'all {len(views)} mirror views', 2)):
            (yv, pv), (yt, pt) = (probs['val'][0], probs['val'][i]), (probs['test'][0], probs['test'][i])
            t = choose_threshold(yv, pv, plan.threshold) if plan.threshold else 0.5
            cols.append(f"{name}: val AUC {roc_auc_score(yv, pv):.4f}, test AUC {roc_auc_score(yt, pt):.4f}, "
                        f"accuracy {np.mean((pt >= t) == yt):.4f} at the plan's threshold, {np.mean((pt >= .5) == yt):.4f} at 0.5")
        print(seed_dir.name, '|', ' | '.join(cols), flush=True)

if __name__ == '__main__': main()
