#!/usr/bin/env python3
"""The plan's ladder at its edge: when the finer network affords a little less than the epochs a model wants, is the
coarser network with all it wants (or more) better than the finer one with what it affords?

`volclf.plan._fit_budget` tries the networks of its ladder in order, the finer first (one early halving), and takes the
first that affords the epochs a model wants (`epochs_rule`); a budget that leaves the finer network 70 % of them makes
the plan take the coarser one (two early halvings), however close the call. This script sets such a budget on each
dataset: it times the finer network once, then plans with minutes = `--share` × wanted epochs × its epoch. Two arms,
the same budget, the same seeds: the plan as made (the coarser network, all the epochs it affords), and the same plan
with the finer network and the epochs it affords. Each model is fitted to the budget as it trains, as every plan is.

Datasets: AdrenalMNIST3D (real masks; the official splits: 1188 training, 98 validation, 298 test) when
../shared/data holds it, and the 8-bit crops of `unoriented.py` (bodies in no orientation; 240 training, 120
validation, 400 test from three generator seeds).

    python bench/ladder_edge.py [--share 0.7] [--seeds 0 1 2] [--out DIR]
"""
import argparse, dataclasses, tempfile
from pathlib import Path
import numpy as np
from _report import report

def datasets():
    "(name, fit, val, test) for each dataset here."
    from unoriented import bodies                                   # beside this script, as _report is
    from volclf.data import from_medmnist
    from volclf.test_utils import shared_data
    out = []
    if (f := shared_data('medmnist', 'adrenalmnist3d.npz')) is not None and f.exists():
        ds = from_medmnist(f); out.append(('adrenalmnist3d', ds.part('train'), ds.part('val'), ds.part('test')))
    out.append(('bodies', bodies(240, 24, 0), bodies(120, 24, 1), bodies(400, 24, 2)))
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--share', type=float, default=0.7, help="the share of the wanted epochs the budget leaves the finer network")
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2]); ap.add_argument('--out')
    a = ap.parse_args()
    from volclf.fingerprint import fingerprint
    from volclf.evaluate import train_and_test
    from volclf.plan import make_plan, epochs_rule, AFTER, _overhead
    out, res = Path(a.out or tempfile.mkdtemp(prefix='ladder_edge_')), {}
    for name, fit, val, test in datasets():
        fp = fingerprint(fit, progress=False)
        roomy = make_plan(fp, 120., len(val))                          # a budget every network affords: the finer one, timed
        fine = roomy.measured['tried'][0]
        want = epochs_rule(roomy.n_fit, roomy.batch_size)[0]
        minutes = (a.share * want * roomy.measured['epoch_s'] + _overhead(fine['build_s'])) / 60 / (1 - AFTER)
        plan = make_plan(fp, minutes, len(val))
        tried = plan.measured['tried']
        print(f"{name}: wants {want} epochs; the finer network {fine['strides']} at {roomy.measured['epoch_s']:.2f} s an epoch; "
              f"{minutes:.2f} minutes; the plan took width {plan.width}, strides {plan.strides}, {plan.ensemble} × {plan.epochs} epochs; "
              f"tried {[(t['strides'], t['epochs_affordable']) for t in tried]}", flush=True)
        arms = {'plan': plan}
        if plan.strides != roomy.strides or plan.width != roomy.width:
            afford = tried[0]['epochs_affordable'] if tried[0]['strides'] == roomy.strides else a.share * want
            arms['finer'] = dataclasses.replace(plan, width=roomy.width, strides=roomy.strides, stem=roomy.stem, ensemble=1, epochs=max(3, int(afford)))
        res[name] = dict(want=want, minutes=round(minutes, 2), tried=tried, arms={})
        for arm, p in arms.items():
            r = train_and_test(p, fit, test, out/name/arm, seeds=a.seeds, val=val, verbose=0)
            res[name]['arms'][arm] = dict(width=p.width, strides=p.strides, ensemble=p.ensemble, epochs_planned=p.epochs,
                                          epochs_run=[x['epochs_run'] for x in r['runs']],
                                          accuracy=[round(x['test']['accuracy'], 4) for x in r['runs']], auc=[round(x['test']['auc'], 4) for x in r['runs']],
                                          val_auc=[round(x['val']['auc'], 4) for x in r['runs']],
                                          minutes=[round(x['seconds'] / 60, 2) for x in r['runs']])
            print(name, arm, res[name]['arms'][arm], flush=True)
    m = {f"{n}/{k}": dict(accuracy=float(np.mean(v['accuracy'])), auc=float(np.mean(v['auc'])), val_auc=float(np.mean(v['val_auc'])))
         for n, d in res.items() for k, v in d['arms'].items()}
    report(dict(share=a.share, seeds=a.seeds, datasets=res, means=m),
           "ladder edge, test accuracy (AUC): " + "; ".join(f"{k} {v['accuracy']:.3f} ({v['auc']:.3f})" for k, v in m.items()))

if __name__ == '__main__': main()
