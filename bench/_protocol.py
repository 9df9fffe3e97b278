"""The protocol P5, P6 and P9 share: plan on the training split alone (its fingerprint, volclf's rules, this
machine's timing and a budget in minutes: no network, learning rate, epochs or augmentation is given per dataset),
then for each seed train the plan with volclf's `train_and_test`, keep each member's epoch with the best validation
loss (validation split only), choose the decision threshold on validation, and evaluate the model once on the
test split. Reports mean ± sd, the plan, the wall time of every seed and the hardware."""

import argparse, csv, sys
from _report import results_file
import numpy as np
from pathlib import Path

def data_file(*parts) -> Path:
    "A file under ../shared/data, or exit with a message saying what is missing."
    from volclf.test_utils import shared_data
    d = shared_data(*parts)
    if d is None or not d.exists(): raise SystemExit(f"{'/'.join(parts)} not found under ../shared/data: this benchmark needs it")
    return d

def arguments(doc:str, minutes:float) -> argparse.Namespace:
    "The command line every planned benchmark shares."
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    ap.add_argument('--minutes', type=float, default=minutes, help="the training budget per seed the plan is fitted to (default: %(default)s)")
    ap.add_argument('--quick', action='store_true', help="128 volumes of each split, 2 epochs, one seed: a smoke run")
    ap.add_argument('--out', default=None, help="run directories (default: a temporary folder)")
    ap.add_argument('--rescore', action='store_true', help="train nothing: add the second threshold's (other_metric) and the argmax's operating points of the runs in --out to the results file")
    ap.add_argument('--plan', default=None, help="train this plan.json instead of planning: an experiment (an edited plan), so no results file is written")
    ap.add_argument('--resume', action='store_true', help="continue the runs in --out with the plan they began with: finished members are loaded, not trained again")
    ap.add_argument('--no-crop', dest='crop', action='store_false', help="plan with crop=False (masks keep their whole grid instead of the box around their foreground `volclf.plan.crop_rule` finds): results in <script>_nocrop.json")
    ap.add_argument('--views', action='store_true', help="train nothing: add the test figures of the runs in --out with fewer test-time views to the results file")
    ap.add_argument('--kept', action='store_true', help="train nothing: add the test figures of the runs in --out with each model's last epoch (from its checkpoint) beside the kept one to the results file")
    ap.add_argument('--grid', type=int, default=None, help="resample the masks (MedMNIST, ModelNet) to a grid of this side first (`regrid`: the same shapes at another resolution, no new detail): results in <script>_<grid>.json")
    return ap.parse_args()

def results_name(a, budget:str='') -> str:
    "The results file's name for these arguments: <script>, then `budget` (a script's mark for a budget other than its default), _nocrop and _<grid> when they change the data or the plan."
    return Path(sys.argv[0]).stem + budget + ('' if a.crop else '_nocrop') + (f'_{a.grid}' if a.grid else '')

def regrid(ds, side:int):
    "`ds`'s masks resampled to side³ (linear interpolation, foreground where it reaches ½; 0/255 like MedMNIST's): the same shapes on a finer or coarser grid, for checking that the plan's rules follow the resolution."
    from dataclasses import replace
    from scipy.ndimage import zoom
    def one(v):
        v = np.asarray(v, np.float32); top = v.max()
        return (zoom(v / top if top else v, [side / n for n in v.shape[:3]], order=1) >= .5).astype(np.uint8) * 255
    return replace(ds, x=np.stack([one(v) for v in ds.x]), name=f"{ds.name} at {side}³")

def run_plan(name:str, fit, val, test, a) -> dict:
    "Plan once on `fit` (and the size of `val`), then `train_and_test` the plan over the seeds, with a line per seed."
    import tempfile
    from volclf.plan import Plan, plan_for, saved_plan
    from volclf.evaluate import train_and_test
    seeds = [0] if a.quick else a.seeds
    if a.quick:                                   # 128 volumes of each part, drawn at random: every class, whatever the file's order
        some = lambda ds: ds[np.random.default_rng(0).permutation(len(ds))[:128]]
        fit, test, val = some(fit), some(test), (some(val) if hasattr(val, 'x') else val)
    if a.plan: plan = Plan.load(a.plan)
    elif a.resume:
        plan = saved_plan(a.out) if a.out else None
        if plan is None: raise SystemExit(f"--resume needs --out with a run in it: {a.out} holds no plan.json")
    else: plan = plan_for(fit, val, 0.5 if a.quick else a.minutes, progress=False, probe=not a.quick, crop=a.crop)   # a smoke run: the rules alone, untimed
    if a.quick: plan = plan.replace(epochs=2, ensemble=1)
    print(f"{name} plan: resnet{plan.depth} width {plan.width} strides {plan.strides}, {plan.ensemble} × {plan.epochs} epochs of "
          f"batch {plan.batch_size}, mirror {plan.flip_axes}, turn {plan.turn_plane}, threshold {plan.threshold}; "
          f"{plan.measured.get('step_s', 0):.3g} s a step", flush=True)
    nan = float('nan')
    def line(r):
        m, v = r['test'], r['val']
        print(f"{name} seed {r['seed']}: test acc {m['accuracy']:.4f} auc {m['auc'] or nan:.4f} bal {m['balanced_accuracy']:.4f} | "
              f"val acc {v['accuracy']:.4f} auc {v['auc'] or nan:.4f} | {r['seconds']:.0f} s, {r['epochs_run']} epochs", flush=True)
    out = Path(a.out or tempfile.mkdtemp(prefix=name.split()[0].lower() + '_'))
    res = train_and_test(plan, fit, test, out, seeds=seeds, val=val, verbose=2, on_run=line, resume=a.resume)
    runs = [dict(r, val=dict(r['val']), test=dict(r['test'])) for r in res['runs']]
    if plan.threshold:
        other = other_metric(plan.threshold)
        for r in runs: r[f'at_{other}'], r['at_argmax'] = operating_point(r, val, other), at_argmax(r)
    return dict(plan=plan, runs=runs, summary=res['summary'], seeds=seeds,
                minutes=[round(r['seconds'] / 60, 2) for r in runs])

def other_metric(threshold:str) -> str:
    "The metric of the second operating point a benchmark reports beside its plan's threshold: balanced accuracy beside accuracy, accuracy beside any other."
    return 'balanced_accuracy' if threshold == 'accuracy' else 'accuracy'

def operating_point(run:dict, val, metric:str='accuracy') -> dict:
    """A run's test figures at a second decision threshold, chosen on validation for `metric` (the plan chose its own
    for its metric, `other_metric` gives this one): the run's model predicts the validation split, `choose_threshold` fits the threshold for `metric`
    there as the plan fits its own, and it is applied to the test probabilities the run wrote. The model itself, its threshold and its test predictions are unchanged."""
    from volclf.train import load_trained
    from volclf.evaluate import predict_probs
    from volclf.plan import choose_threshold
    model, info = load_trained(Path(run['out'])/'model.keras')
    return _figures(run, info['classes'], choose_threshold(val.y, predict_probs(model, val)[:, 1], metric), metric)

def _figures(run:dict, classes:list, t:float, metric:str) -> dict:
    "Accuracy, balanced accuracy, sensitivity and specificity of the test probabilities a run wrote, called positive from `t` up."
    from sklearn import metrics as skm
    with open(Path(run['out'])/'probabilities.csv', newline='') as f: rows = list(csv.DictReader(f))
    y = np.array([classes.index(r['label']) for r in rows])
    pred = (np.array([float(r[f'p_{classes[1]}']) for r in rows]) >= t).astype(int)
    return dict(metric=metric, threshold_on_model_output=t, accuracy=float(skm.accuracy_score(y, pred)),
                balanced_accuracy=float(skm.balanced_accuracy_score(y, pred)),
                sensitivity=float(skm.recall_score(y, pred)), specificity=float(skm.recall_score(1 - y, 1 - pred)))

def at_argmax(run:dict) -> dict:
    """A run's test figures at probability 0.5 of its members' average: the argmax, as MedMNIST's published baselines
    report accuracy. Nothing is chosen: the plan's threshold t moved t to 0.5 in the probabilities the run wrote
    (`DecisionThreshold`), so 0.5 of the members' average is 1 − t there."""
    import json
    info = json.loads((Path(run['out'])/'volclf.json').read_text())
    return _figures(run, info['classes'], 1 - (info.get('threshold') or 0.5), 'argmax')

WHERE = dict(at_accuracy="the threshold chosen on validation for accuracy", at_balanced_accuracy="the threshold chosen on validation for balanced accuracy",
             at_argmax="probability 0.5 (the argmax)")

def at_point(p:str, runs:list, key:str='at_accuracy') -> dict:
    "Mean and sd over seeds of an operating point's figures (`operating_point` or `at_argmax`, as the runs keep them under `key`), with a line saying them."
    v = lambda k: np.array([r[key][k] for r in runs])
    m = {k: dict(mean=float(v(k).mean()), sd=float(v(k).std(ddof=1)) if len(runs) > 1 else 0.)
         for k in ('accuracy', 'balanced_accuracy', 'sensitivity', 'specificity')}
    print(f"{p} at {WHERE[key]}: ACC {m['accuracy']['mean']:.3f} ± {m['accuracy']['sd']:.3f}, "
          f"balanced {m['balanced_accuracy']['mean']:.3f} ± {m['balanced_accuracy']['sd']:.3f}, sensitivity "
          f"{m['sensitivity']['mean']:.3f}, specificity {m['specificity']['mean']:.3f} (seeds {[r['seed'] for r in runs]})", flush=True)
    return m

def rescore(p:str, val, a) -> None:
    "Add the second (`other_metric`) and argmax operating points (`operating_point`, `at_argmax`) of each seed's saved run under --out to bench/results/<script>.json."
    import json
    if not a.out: raise SystemExit("--rescore needs --out: the folder the benchmark's runs were written to")
    f = results_file(results_name(a))
    res = json.loads(f.read_text())
    key = f"at_{other_metric(res['plan']['threshold'])}"
    for r in res['runs']:
        r['out'] = str(Path(a.out)/f"seed{r['seed']}")
        r[key], r['at_argmax'] = operating_point(r, val, key[3:]), at_argmax(r)
    res[key], res['at_argmax'] = at_point(p, res['runs'], key), at_point(p, res['runs'], 'at_argmax')
    f.write_text(json.dumps(res, indent=1))

def by_views(p:str, test, a, name:str|None=None) -> None:
    """What the test-time views add, measured on each seed's saved members (under --out): test accuracy and AUC of the
    same members seeing the volume as is, with the plan's mirrors, and with its mirrors and turns (the plan's own
    views), added to bench/results/<script>.json as `by_views`. A report: nothing is chosen on it. Accuracy here is
    at the argmax, without the plan's decision threshold."""
    import json
    from sklearn import metrics as skm
    from volclf.train import load_trained
    from volclf.plan import Plan, ensemble_model, view_steps
    from volclf.evaluate import predict_probs
    if not a.out: raise SystemExit("--views needs --out: the folder the benchmark's runs were written to")
    f = results_file(name); res = json.loads(f.read_text()); rows = {}
    for r in res['runs']:
        out = Path(a.out)/f"seed{r['seed']}"
        plan = Plan.load(out/'plan.json')
        members = [load_trained(out/f'member{k}'/'model.keras')[0] for k in range(plan.ensemble)]
        sets = [('as is', (), None), ('mirrors', plan.tta_flips, None)] + [('mirrors and turns', plan.tta_flips, plan.tta_turns)] * bool(plan.tta_turns)
        for name, flips, turns in sets:
            probs = predict_probs(ensemble_model(members, flips, turns=turns), test, plan.to_preprocess())
            auc = skm.roc_auc_score(test.y, probs[:, 1]) if probs.shape[1] == 2 else skm.roc_auc_score(test.y, probs, multi_class='ovr')
            rows.setdefault(name, dict(views=len(view_steps(flips, turns)), accuracy=[], auc=[]))
            rows[name]['accuracy'].append(float(skm.accuracy_score(test.y, probs.argmax(1)))); rows[name]['auc'].append(float(auc))
            print(f"{p} seed {r['seed']}, {name} ({rows[name]['views']} views): test acc {rows[name]['accuracy'][-1]:.4f} auc {auc:.4f}", flush=True)
    res['by_views'] = dict(seeds=[r['seed'] for r in res['runs']], **rows)
    f.write_text(json.dumps(res, indent=1))

def by_kept(p:str, val, test, a, name:str) -> None:
    """The kept epoch against the last, measured on each seed's saved run (under --out): the members as the plan kept
    them (lowest validation loss) and with their last epoch's weights (each member's checkpoint), through the plan's
    views, each with its own threshold chosen on validation for the plan's metric; test AUC, accuracy and balanced
    accuracy at that threshold, and accuracy at the argmax, added to bench/results/<name>.json as `by_kept`. A
    report for choosing the plan's `keep`: nothing of the run is changed."""
    import json
    from sklearn import metrics as skm
    from volclf.train import load_trained, load_checkpoint, compile_for
    from volclf.plan import Plan, ensemble_model, choose_threshold
    from volclf.evaluate import predict_probs
    if not a.out: raise SystemExit("--kept needs --out: the folder the benchmark's runs were written to")
    f = results_file(name); res = json.loads(f.read_text()); rows = dict(kept={}, last={})
    def last(plan, member):
        m, aug = compile_for(plan.build_model(), plan.to_config(), 1), plan.to_augment(0)
        if aug is not None: aug.build((None, *plan.shape, 1))
        load_checkpoint(member/'checkpoint'/'last.npz', m, aug); return m
    for r in res['runs']:
        out = Path(a.out)/f"seed{r['seed']}"
        plan = Plan.load(out/'plan.json'); members = [out/f'member{k}' for k in range(plan.ensemble)]
        for which, models in (('kept', [load_trained(m/'model.keras')[0] for m in members]), ('last', [last(plan, m) for m in members])):
            model, pre = ensemble_model(models, plan.tta_flips, turns=plan.tta_turns), plan.to_preprocess()
            pv, pt = predict_probs(model, val, pre)[:, 1], predict_probs(model, test, pre)[:, 1]
            t = choose_threshold(val.y, pv, plan.threshold or 'accuracy')
            got = dict(auc=skm.roc_auc_score(test.y, pt), accuracy=skm.accuracy_score(test.y, pt >= t),
                       balanced_accuracy=skm.balanced_accuracy_score(test.y, pt >= t), at_argmax=skm.accuracy_score(test.y, pt >= .5))
            for k, v in got.items(): rows[which].setdefault(k, []).append(float(v))
            print(f"{p} seed {r['seed']}, {which} epoch: test auc {got['auc']:.4f} acc {got['accuracy']:.4f} bal {got['balanced_accuracy']:.4f} argmax {got['at_argmax']:.4f}", flush=True)
    res['by_kept'] = dict(seeds=[r['seed'] for r in res['runs']], **rows)
    f.write_text(json.dumps(res, indent=1))
    for which in rows: print(f"{p} {which} epoch, mean of {len(res['runs'])} seeds: " + ", ".join(f"{k} {np.mean(v):.4f}" for k, v in rows[which].items()))

def pm(summary:dict, key:str) -> str:
    "mean ± sd of one metric of a seed summary."
    m = summary['metrics'][key]
    return f"{m['mean']:.3f} ± {m['sd']:.3f}"

def facts(res:dict) -> dict:
    "What the results file keeps of a planned run: the plan, every seed's figures and times."
    keep = {k: v for k, v in res['plan'].to_dict().items() if k not in ('reasons', 'measured')}   # every field: what another run needs to repeat it
    return dict(plan=keep, plan_reasons=res['plan'].reasons, measured=res['plan'].measured, runs=res['runs'], minutes_per_seed=res['minutes'])

def medmnist_benchmark(doc:str, p:str, name:str, file:str, dataset:str, published:list):
    "The whole of a MedMNIST 3D benchmark (P5, P9): plan on the official train split, train_and_test over the seeds, the table, the results file, the last line."
    from _report import report
    a = arguments(doc, minutes=10.)
    from volclf.data import from_medmnist
    ds = from_medmnist(data_file('medmnist', file))
    if a.grid: ds, dataset = regrid(ds, a.grid), f"{dataset.split()[0]} resampled to {a.grid}^3"
    if a.rescore: return rescore(p, ds.part('val'), a)
    if a.views: return by_views(p, ds.part('test'), a, results_name(a))
    if a.kept: return by_kept(p, ds.part('val'), ds.part('test'), a, results_name(a))
    res = run_plan(f'{p} {name}', ds.part('train'), ds.part('val'), ds.part('test'), a)
    s = res['summary']
    key = f"at_{other_metric(res['plan'].threshold)}"
    extra = {key: at_point(p, res['runs'], key), 'at_argmax': at_point(p, res['runs'], 'at_argmax')} if res['plan'].threshold else {}
    for m, auc, acc in published: print(f"  {m:<18} AUC {auc:.3f}  ACC {acc:.3f}")
    print(f"  {'volclf (this run)':<18} AUC {pm(s, 'auc')}  ACC {pm(s, 'accuracy')}")
    best_auc, best_acc = max(r[1] for r in published), max(r[2] for r in published)
    report(dict(p=p, dataset=dataset, auc=s['metrics']['auc'], accuracy=s['metrics']['accuracy'],
                balanced_accuracy=s['metrics']['balanced_accuracy'], published=published, **extra, **facts(res)),
           f"{p} AUC {pm(s, 'auc')} | {dataset.split()[0]} test, ACC {pm(s, 'accuracy')}, balanced {pm(s, 'balanced_accuracy')}, seeds {res['seeds']} "
           f"(best published AUC {best_auc:.3f}, ACC {best_acc:.3f}); planned, {max(res['minutes']):.1f} min per seed at most", a.quick or bool(a.plan),
           name=results_name(a))
