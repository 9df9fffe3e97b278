#!/usr/bin/env python3
"""P6, after training: two decisions a ModelNet10 model could make differently at test time, measured on saved runs
of `p6_modelnet.py` (no training). Each is scored on the validation tenth, which is where a plan would have to
choose it, and on the test split, which says whether that choice would have held.

- Rotation votes: the saved model (its members and mirror views, as the plan built it) also sees each shape turned
  by -θ and +θ about the vertical (the axis the plan rotates about in training), and the three predictions are
  averaged, as VoxNet votes over rotations. θ = 5°, 10°, 15°: the training's rotations reach 15°.
- Prior correction: ModelNet10's training split is unbalanced (chairs 22 %, bathtubs 2.6 %) and its test split
  nearly balanced. Dividing the predicted probabilities by the training shares raised to τ (logit adjustment,
  Menon et al. 2021; τ = 1 is the decision for balanced accuracy) moves decisions towards the rare classes.

    python bench/p6_posthoc.py --runs DIR/seed0 DIR/seed1 ...   # results in bench/results/p6_posthoc.json
"""
import argparse, math
import numpy as np
from pathlib import Path
from p6_modelnet import splits
from _report import report

DEGREES, TAUS = (5, 10, 15), (0., .5, 1.)

def turned(x, degrees:float, axis:int):
    "The batch (N, D, H, W, C) turned by `degrees` about `axis` (linear interpolation, as the training's rotations)."
    import tensorflow as tf
    from volclf.augment import plane_transform, _inverse_2d
    x = tf.convert_to_tensor(x); s, n = tf.shape(x), tf.shape(x)[0]
    one, zero = tf.ones([n]), tf.zeros([n])
    rows, cols = [s[1 + i] for i in range(3) if i != axis]
    return plane_transform(x, axis, _inverse_2d(tf.fill([n], math.radians(degrees)), one, one, zero, zero, zero, rows, cols))

def probabilities(model, data, pre, axis:int) -> dict:
    "{angle: class probabilities (N, K)} for 0 and ± each of `DEGREES`, in one pass over `data`."
    from volclf.pipeline import to_tf
    from volclf.evaluate import as_probs
    angles = [0] + [s * d for d in DEGREES for s in (-1, 1)]
    out = {a: [] for a in angles}
    for x, _ in to_tf(data, 32, preprocess=pre):
        for a in angles: out[a].append(as_probs(model.predict_on_batch(turned(x, a, axis) if a else x)))
    return {a: np.concatenate(v) for a, v in out.items()}

def scores(y, p) -> dict:
    from sklearn import metrics as skm
    k = p.argmax(1)
    return dict(accuracy=float(skm.accuracy_score(y, k)), balanced_accuracy=float(skm.balanced_accuracy_score(y, k)))

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--runs', nargs='+', required=True, help="saved runs of p6_modelnet.py (each holds plan.json and model.keras)")
    a = ap.parse_args()
    from volclf.plan import Plan
    from volclf.train import load_trained
    fit, val, test = splits()
    share = np.bincount(fit.y, minlength=len(fit.classes)) / len(fit)
    rows = []
    for run in map(Path, a.runs):
        plan = Plan.load(run/'plan.json'); model, _ = load_trained(run/'model.keras')
        axis = plan.rotate_axes[0]
        row = dict(run=run.name, ensemble=plan.ensemble, epochs=plan.epochs, strides=plan.strides, rotation_axis=axis,
                   rotations={}, prior={})
        for name, d in (('val', val), ('test', test)):
            p = probabilities(model, d, plan.to_preprocess(), axis)
            row['rotations'][name] = {0: scores(d.y, p[0]), **{d_: scores(d.y, (p[0] + p[d_] + p[-d_]) / 3) for d_ in DEGREES}}
            row['prior'][name] = {t: scores(d.y, np.log(np.clip(p[0], 1e-7, 1)) - t * np.log(share)) for t in TAUS}
        for what, key in (('rotation vote, θ', 'rotations'), ('prior correction, τ', 'prior')):
            for k in row[key]['val']:
                v, t = row[key]['val'][k], row[key]['test'][k]
                print(f"{run}: {what} {k}: val acc {v['accuracy']:.4f} bal {v['balanced_accuracy']:.4f} | "
                      f"test acc {t['accuracy']:.4f} bal {t['balanced_accuracy']:.4f}", flush=True)
        rows.append(row)
    report(dict(p='P6', dataset='ModelNet10 32^3', what="rotation votes and prior correction on saved runs, no training",
                training_shares=dict(zip(fit.classes, share.round(4).tolist())), runs=rows),
           f"P6 post hoc: {len(rows)} runs", name='p6_posthoc')

if __name__ == '__main__': main()
