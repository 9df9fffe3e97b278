#!/usr/bin/env python3
"""Images in no shared orientation: every mirror against one, on 8-bit crops of shapes lying at any angle.

Crops of cells, particles or nodules have no head-foot or left-right axis: each is cut out around its object,
which lies however it lies. The class here is the shape of a textured body in noise, a cigar (prolate, one long axis)
or a lentil (oblate, one short axis), each turned by a random rotation, of random size and brightness: nothing but
the shape tells them apart, and no axis of the grid means anything. Such data read an orientation agreement
(`volclf.fingerprint.alignment`) well under the plan's `UNALIGNED` (0.25) across every axis. Two arms, the same plan otherwise,
made once on the training split: mirrored along every axis in training and as test views (the rule for images in
no shared orientation), and mirrored only along the most mirror-symmetric axis (the rule for anatomy). Training,
validation and test are drawn from three generator seeds.

    python bench/unoriented.py [--side 24] [--n 240] [--minutes 1] [--seeds 0 1 2] [--out DIR]
"""
import argparse, tempfile
from pathlib import Path
import numpy as np
from _report import report

def bodies(n:int, side:int, seed:int):
    "`n` 8-bit crops of `side`³, half cigars and half lentils, each turned at random, sized, lit and textured at random."
    from volclf.data import from_arrays
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % 2)
    g = (np.indices((side,) * 3).reshape(3, -1).T - (side - 1) / 2).astype(np.float32)
    x = np.empty((n, side, side, side), np.uint8)
    for i in range(n):
        q, r = np.linalg.qr(rng.normal(size=(3, 3))); q *= np.sign(np.diag(r))    # a rotation (or its mirror) drawn uniformly
        a = side * rng.uniform(0.16, 0.2) * (np.array([1.5, 0.8, 0.8]) if y[i] == 0 else np.array([1.2, 1.2, 0.6]))
        inside = (((g @ q) / a) ** 2).sum(1) <= 1
        v = rng.normal(60, 18, side ** 3) + inside * rng.uniform(50, 90) * (1 + 0.25 * rng.normal(size=side ** 3))
        x[i] = np.clip(v, 0, 255).reshape((side,) * 3).astype(np.uint8)
    return from_arrays(x, y, classes=['cigar', 'lentil'], groups=np.arange(n) + 100_000 * seed, name=f'bodies_{seed}')

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--side', type=int, default=24); ap.add_argument('--n', type=int, default=240)
    ap.add_argument('--minutes', type=float, default=1.); ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    ap.add_argument('--out')
    a = ap.parse_args()
    from volclf.fingerprint import fingerprint
    from volclf.evaluate import train_and_test
    from volclf.plan import make_plan
    fit, val, test = bodies(a.n, a.side, 0), bodies(a.n // 2, a.side, 1), bodies(400, a.side, 2)
    fp = fingerprint(fit, progress=False)
    plan = make_plan(fp, a.minutes, len(val))
    one = int(np.argmin(fp.asymmetry))
    print(f"alignment {fp.alignment} (chance {fp.alignment_chance}); the plan mirrors along {plan.flip_axes}: {plan.reasons['augment']}", flush=True)
    arms = dict(every_mirror=plan.replace(flip_axes=(0, 1, 2), tta_flips=(0, 1, 2)), one_mirror=plan.replace(flip_axes=(one,), tta_flips=(one,)))
    out, res = Path(a.out or tempfile.mkdtemp(prefix='unoriented_')), {}
    for name, p in arms.items():
        r = train_and_test(p, fit, test, out/name, seeds=a.seeds, val=val, verbose=0)
        res[name] = dict(flip_axes=list(p.flip_axes), accuracy=[round(x['test']['accuracy'], 4) for x in r['runs']],
                         auc=[round(x['test']['auc'], 4) for x in r['runs']], val_auc=[round(x['val']['auc'], 4) for x in r['runs']],
                         val_accuracy=[round(x['val']['accuracy'], 4) for x in r['runs']], minutes=[round(x['seconds'] / 60, 2) for x in r['runs']])
        print(name, res[name], flush=True)
    m = {k: dict(accuracy=float(np.mean(v['accuracy'])), auc=float(np.mean(v['auc'])), val_auc=float(np.mean(v['val_auc']))) for k, v in res.items()}
    report(dict(n=dict(fit=len(fit), val=len(val), test=len(test)), side=a.side, minutes=a.minutes, alignment=fp.alignment,
                alignment_chance=fp.alignment_chance, asymmetry=fp.asymmetry, plan_flip_axes=list(plan.flip_axes),
                plan_augment=plan.reasons['augment'], arms=res, means=m),
           f"unoriented test accuracy (AUC): every mirror {m['every_mirror']['accuracy']:.3f} ({m['every_mirror']['auc']:.3f}) against one mirror "
           f"{m['one_mirror']['accuracy']:.3f} ({m['one_mirror']['auc']:.3f}), seeds {a.seeds}")

if __name__ == '__main__': main()
