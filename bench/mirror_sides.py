#!/usr/bin/env python3
"""Mirrors and a label that is a side: the plan, which drops a mirror that turns one class into another
(`volclf.fingerprint.mirror_swaps`), against the same plan with that mirror put back, on phantom heads labelled by
the side of the head their tumour is on.

The side is taken along the axis the augmentation rule for anatomy mirrors (its most mirror-symmetric axis: left-right
in real heads; in the phantom, whose head is nearly symmetric along every axis, whichever reads lowest), so that the
plan meets the case the rule is for. Tumours within a sixteenth of the side of the middle are left out. Training,
validation and test are three cohorts of different patients (phantom seeds 0, 1, 2). The plan is made once on the
training cohort; the second arm is that plan with the mirror along the side's axis in training and as a test view.

    python bench/mirror_sides.py [--side 32] [--minutes 1.5] [--seeds 0 1 2] [--out DIR]
"""
import argparse, tempfile
from pathlib import Path
import numpy as np
from _report import report

def sides(n:int, side:int, seed:int, axis:int):
    "A phantom cohort of `n` scans of `side`³ labelled by the side of the middle of `axis` its tumour lies on, scans with the tumour near the middle dropped."
    from volclf.data import from_arrays
    from volclf.phantom import phantom_cohort
    c = phantom_cohort(n, (side,) * 3, 3, seed)
    w = np.array([np.nonzero(m)[axis].mean() if m.any() else (side - 1) / 2 for m in c['masks']]) - (side - 1) / 2
    keep = np.abs(w) >= side / 16
    return from_arrays(c['x'][keep], (w[keep] > 0).astype(int), classes=['low', 'high'], groups=c['groups'][keep] + 100_000 * seed,
                       name=f'phantom_sides_{seed}')

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--side', type=int, default=32); ap.add_argument('--minutes', type=float, default=1.5)
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2]); ap.add_argument('--out')
    a = ap.parse_args()
    from volclf.fingerprint import fingerprint
    from volclf.evaluate import train_and_test
    from volclf.plan import make_plan, _augment_by_kind
    axis = _augment_by_kind(fingerprint(sides(1200, a.side, 0, 2), progress=False))[0]['flip_axes'][0]   # the labels do not enter this choice
    fit, val, test = (sides(n, a.side, s, axis) for n, s in ((1200, 0), (300, 1), (600, 2)))
    fp = fingerprint(fit, progress=False)
    plan = make_plan(fp, a.minutes, len(val))
    print(f"side along {'DHW'[axis]}; swaps {fp.mirror_swaps}; the plan mirrors along {plan.flip_axes}: {plan.reasons['augment']}", flush=True)
    arms = dict(plan=plan, plan_with_the_mirror=plan.replace(flip_axes=tuple(sorted({*plan.flip_axes, axis})), tta_flips=tuple(sorted({*plan.tta_flips, axis}))))
    out, res = Path(a.out or tempfile.mkdtemp(prefix='mirror_sides_')), {}
    for name, p in arms.items():
        r = train_and_test(p, fit, test, out/name, seeds=a.seeds, val=val, verbose=0)
        res[name] = dict(flip_axes=list(p.flip_axes), accuracy=[round(x['test']['accuracy'], 4) for x in r['runs']],
                         val_accuracy=[round(x['val']['accuracy'], 4) for x in r['runs']], auc=[round(x['test']['auc'], 4) for x in r['runs']],
                         minutes=[round(x['seconds'] / 60, 2) for x in r['runs']])
        print(name, res[name], flush=True)
    m = {k: float(np.mean(v['accuracy'])) for k, v in res.items()}
    report(dict(n=dict(fit=len(fit), val=len(val), test=len(test)), side=a.side, axis='DHW'[axis], minutes=a.minutes,
                plan_augment=plan.reasons['augment'], swaps=fp.mirror_swaps, arms=res, mean_accuracy=m),
           f"mirror_sides test accuracy, tumour side along {'DHW'[axis]}: the plan's {m['plan']:.3f} against {m['plan_with_the_mirror']:.3f} "
           f"with the mirror along it (seeds {a.seeds})")

if __name__ == '__main__': main()
