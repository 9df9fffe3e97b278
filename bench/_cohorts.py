"What the synthetic-cohort benchmarks share (`ct_stones.py`, `ct_bleeds.py`, `mr_sequences.py`): three cohorts of NIfTI files, one plan, arms that edit it, each trained and tested per seed."
import argparse, tempfile
from pathlib import Path
import numpy as np
from _report import report

def cohort_bench(doc:str, name:str, write_cohort, arms):
    "Parse --n/--minutes/--seeds/--out; write training, validation and test cohorts with `write_cohort(folder, n, seed)` (seeds 0, 1, 2); plan once on the training cohort; train and test each plan of `arms(plan)` per seed; report."
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--n', type=int, default=80, help='training volumes per class (validation and test: a quarter and a half of it)')
    ap.add_argument('--minutes', type=float, default=1.); ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2]); ap.add_argument('--out')
    ap.add_argument('--quick', action='store_true', help='a smoke run (6 volumes a class, 6 seconds, seed 0): proves the script runs, writes no results file')
    a = ap.parse_args()
    if a.quick: a.n, a.minutes, a.seeds = 6, 0.1, [0]
    from volclf.data import from_folder
    from volclf.fingerprint import fingerprint
    from volclf.evaluate import train_and_test
    from volclf.plan import make_plan
    out = Path(a.out or tempfile.mkdtemp(prefix=name + '_'))
    for part, n, seed in (('fit', a.n, 0), ('val', a.n // 4, 1), ('test', a.n // 2, 2)): write_cohort(out/'data'/part, n, seed)
    fit, val, test = (from_folder(out/'data'/part) for part in ('fit', 'val', 'test'))
    plan = make_plan(fingerprint(fit, progress=False), a.minutes, len(val))
    print(f"the plan's intensity: {plan.window}: {plan.reasons['intensity']}" + (f"; sequences {plan.sequences}" if plan.sequences else ""), flush=True)
    res = {}
    for arm, p in arms(plan).items():
        r = train_and_test(p, fit, test, out/arm, seeds=a.seeds, val=val, verbose=0)
        res[arm] = dict(window=p.window, jitter=p.jitter, **({'sequences': list(p.sequences)} if p.sequences else {}), accuracy=[round(x['test']['accuracy'], 4) for x in r['runs']],
                        auc=[round(x['test']['auc'], 4) for x in r['runs']], val_accuracy=[round(x['val']['accuracy'], 4) for x in r['runs']],
                        minutes=[round(x['seconds'] / 60, 2) for x in r['runs']])
        print(arm, res[arm], flush=True)
    m = {k: dict(accuracy=float(np.mean(v['accuracy'])), auc=float(np.mean(v['auc']))) for k, v in res.items()}
    report(dict(n=dict(fit=len(fit), val=len(val), test=len(test)), minutes=a.minutes, plan_intensity=plan.reasons['intensity'],
                plan_augment=plan.reasons['augment'], arms=res, mean=m),
           f"{name} test accuracy (AUC): " + ", ".join(f"{k} {v['accuracy']:.3f} ({v['auc']:.3f})" for k, v in m.items()) + f" (seeds {a.seeds})", quick=a.quick)
