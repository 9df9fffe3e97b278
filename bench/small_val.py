#!/usr/bin/env python3
"""Which epoch to keep when the validation split is small: the epoch of lowest validation loss (keep='best') against
the last, where the cosine schedule ends (keep='last'), on phantom cohorts of a few dozen to a few hundred scans.

The lowest of 60 noisy readings of the loss of a dozen volumes is as much the luckiest epoch as the best one; the
last epoch needs no reading at all. Training, validation and test are three cohorts of different patients (phantom
seeds 0, 1, 2; the validation cohort a quarter of the training one, the test cohort 600 scans); the plan is made
once per cohort size on the training cohort, each arm trains every seed.

    python bench/small_val.py [--sizes 40 160] [--side 24] [--minutes 1] [--seeds 0 1 2 3 4] [--out DIR]
"""
import argparse, tempfile
from pathlib import Path
import numpy as np
from _report import report

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--sizes', type=int, nargs='+', default=[40, 160]); ap.add_argument('--side', type=int, default=24)
    ap.add_argument('--minutes', type=float, default=1.); ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2, 3, 4])
    ap.add_argument('--out')
    a = ap.parse_args()
    from volclf.data import synthetic_tumors
    from volclf.fingerprint import fingerprint
    from volclf.evaluate import train_and_test
    from volclf.plan import make_plan
    out, res = Path(a.out or tempfile.mkdtemp(prefix='small_val_')), {}
    test = synthetic_tumors(600, (a.side,) * 3, 3, 2)
    for n in a.sizes:
        fit, val = synthetic_tumors(n, (a.side,) * 3, 3, 0), synthetic_tumors(max(n // 4, 4), (a.side,) * 3, 3, 1)
        plan = make_plan(fingerprint(fit, progress=False), a.minutes, len(val))
        print(f"{n} training scans, {len(val)} validation: {plan.reasons['keep']}; {plan.epochs} epochs", flush=True)
        for keep in ('best', 'last'):
            r = train_and_test(plan.replace(keep=keep), fit, test, out/f'n{n}_{keep}', seeds=a.seeds, val=val, verbose=0)
            res[f'n{n}_{keep}'] = dict(n_fit=n, n_val=len(val), keep=keep, epochs=plan.epochs,
                                       accuracy=[round(x['test']['accuracy'], 4) for x in r['runs']],
                                       kept_epoch=[x['kept_epoch'] for x in r['runs']], epochs_run=[x['epochs_run'] for x in r['runs']],
                                       val_accuracy=[round(x['val']['accuracy'], 4) for x in r['runs']])
            print(f'n{n}_{keep}', res[f'n{n}_{keep}'], flush=True)
    m = {k: round(float(np.mean(v['accuracy'])), 4) for k, v in res.items()}
    report(dict(side=a.side, minutes=a.minutes, seeds=a.seeds, n_test=len(test), arms=res, mean_accuracy=m),
           "small_val test accuracy, keep='best' against keep='last': " + "; ".join(f"{n} scans {m[f'n{n}_best']:.3f} against {m[f'n{n}_last']:.3f}" for n in a.sizes))

if __name__ == '__main__': main()
