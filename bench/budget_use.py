#!/usr/bin/env python3
"""How much of its budget a plan spends: the training minutes the plan promised (`Plan.measured['train_min']`, from
its timed trial steps and `volclf.plan.epoch_seconds`) against the seconds `train_plan` then took, the epoch the plan
estimated against the epochs as they ran (the mean of all but each model's first, which also builds the graphs), and
the epochs planned against those the first model's `FitToTime` fitted to the budget as it trained.

Phantom datasets (three tumour types, patient-wise validation split inside `train_plan`), from the old size of the
"Your own scans" tutorial to the demo, and one larger, flatter grid. A share well under 1 is budget left unspent: the
plan chose a cheaper network, a smaller input or fewer epochs than the minutes would have paid for.

    python bench/budget_use.py [--out DIR] [--quick]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
from _report import report

CASES = [dict(n=240, shape=(24, 24, 24), minutes=1.), dict(n=480, shape=(32, 32, 32), minutes=1.5),
         dict(n=1200, shape=(32, 32, 32), minutes=2.), dict(n=120, shape=(128, 128, 32), minutes=2.)]

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out'); ap.add_argument('--quick', action='store_true', help="the first case only, not saved")
    a = ap.parse_args()
    import keras
    from volclf.data import synthetic_tumors
    from volclf.plan import plan_for, train_plan
    class Epochs(keras.callbacks.Callback):
        "Each epoch's seconds, and where each model's first epoch is."
        def __init__(self): super().__init__(); self.s, self.first = [], []
        def on_train_begin(self, logs=None): self.first.append(len(self.s))
        def on_epoch_begin(self, epoch, logs=None): self.t = time.perf_counter()
        def on_epoch_end(self, epoch, logs=None): self.s.append(time.perf_counter() - self.t)
    out, rows = Path(a.out or tempfile.mkdtemp(prefix='budget_use_')), []
    for k, c in enumerate(CASES[:1] if a.quick else CASES):
        ds = synthetic_tumors(c['n'], c['shape'], 3, seed=0)
        t = time.perf_counter(); plan = plan_for(ds, 0.2, c['minutes'], progress=False); planning = time.perf_counter() - t
        clock = Epochs()
        r = train_plan(plan, ds, out/f'case{k}', val=0.2, seed=0, verbose=0, callbacks=[clock])
        later = [s for i, s in enumerate(clock.s) if i not in clock.first]
        row = dict(c, shape=list(c['shape']), planning_s=round(planning, 1), input=list(plan.shape), width=plan.width, strides=plan.strides,
                   models=plan.ensemble, epochs_planned=plan.epochs, epochs_trained=len(r.history['loss']), step_s=plan.measured['step_s'], planned_epoch_s=plan.measured['epoch_s'],
                   epoch_s=round(float(np.mean(later)), 2), planned_train_min=plan.measured['train_min'], train_s=round(r.seconds, 1),
                   share_used=round(r.seconds / 60 / c['minutes'], 2))
        rows.append(row); print(row, flush=True)
    report(dict(cases=rows), "budget_use: share of the budget spent " + ", ".join(f"{r['share_used']:.2f} ({r['n']} of {'×'.join(map(str, r['shape']))}, "
           f"{r['minutes']:g} min; epoch {r['epoch_s']:.2f} s against {r['planned_epoch_s']:.2f} planned; {r['epochs_trained']} epochs against {r['epochs_planned']})" for r in rows), quick=a.quick)

if __name__ == '__main__': main()
