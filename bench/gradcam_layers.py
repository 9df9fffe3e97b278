#!/usr/bin/env python3
"""Where Grad-CAM looks, by the layer it explains and the normalisation the network trained with.

The recipe of nbs/08_explain.ipynb's lesion test (phantom heads at 24³, every other one with a bright ball painted in
and its mask kept; a ResNet-10 of width 16 trained 12 epochs), trained once per seed with each normalisation layer
(`resnet3d(norm=...)`: volclf's `FusedBatchNorm`, Keras's `BatchNormalization`). Each model's maps of the lesions it
found are made at two layers: the last convolution (inside the last residual block; Grad-CAM's default before
`cam_layer`) and the last block's output (`cam_layer`, the default now). Per map: does its peak fall within one
feature voxel (4 input voxels) of the lesion, and what share of its mass lies in the lesion dilated by 2 voxels,
against a uniform map's. The last line gives the range of the mass ratio over the models, per layer.

With --pairs, the seeds' models (volclf's default network) are paired, and each pair averaged into one model as a
planned ensemble is (`volclf.plan.ensemble_model`; its Grad-CAM is its members' maps for its own decision,
averaged): are an ensemble's maps steadier than its members'? Results in gradcam_layers_pairs.json.

    python bench/gradcam_layers.py [--quick] [--seeds 0 1 2 3 4 5] [--pairs]
"""
import argparse, json, tempfile, time
from pathlib import Path
import numpy as np
from _report import report

def heads(n=800, side=24):
    "The lesion test's data: (fit, test) parts of phantom heads, every other one with a painted lesion and its mask."
    from volclf.data import synthetic_tumors, split, VolumeDataset
    h = synthetic_tumors(n, (side,) * 3, n_classes=2, seed=0)
    clear = h.y == h.classes.index('no_tumor')
    x = h.x[clear].copy()
    y, masks = np.arange(len(x)) % 2, np.zeros(x.shape, bool)
    gen, grid = np.random.default_rng(0), np.indices(x.shape[1:])
    for i in np.flatnonzero(y):
        centre, radius = gen.uniform(side * .3, side * .7, 3), gen.uniform(1.5, 2.5)
        masks[i] = sum((g - c)**2 for g, c in zip(grid, centre)) < radius**2
        x[i][masks[i]] = 230
    return split(VolumeDataset(x, y, ['clear', 'lesion'], groups=h.groups[clear], masks=masks), 0.25, 0)

def trained(fit, seed:int, epochs:int, norm=None):
    "The lesion test's network (volclf's default normalisation unless `norm`), trained on `fit` from `seed`."
    import keras
    from volclf.models import resnet3d
    from volclf.train import train
    keras.utils.set_random_seed(seed)
    net = resnet3d((24, 24, 24, 1), 2, depth=10, width=16, strides=[1, 2, 1, 2, 1], norm=norm)
    return train(net, fit, Path(tempfile.mkdtemp())/'cam', epochs=epochs, batch_size=16, schedule='cosine', warmup_epochs=1, verbose=0).model

def scores(model, test, layer, grid_model=None, every:bool=False) -> dict:
    "How the maps of the lesions `model` found (`every`: of every lesion, found or not, as a smoke run's models find none), at `layer`, sit on them (`grid_model`: whose layer sets the map's resolution, for an ensemble one of its members)."
    from scipy import ndimage
    from volclf.evaluate import predict_probs
    from volclf.explain import grad_cam, mask_share, feature_grid, cam_layer
    from volclf.preprocess import Preprocess
    pred = predict_probs(model, test).argmax(1)
    right = np.flatnonzero(((pred == 1) | every) & (test.y == 1))
    acc = round(float(np.mean(pred == test.y)), 3)
    if not len(right): return dict(accuracy=acc, found=0, peak_near=None, peak_chance=None, mass_ratio=None)   # no lesion found, no map to score
    cams = grad_cam(model, Preprocess()(test.x[right][..., None]), 1, layer=layer)
    shares = np.array([mask_share(c, m) for c, m in zip(cams, test.masks[right])])
    g = grid_model or model
    step = int(feature_grid(g, layer or cam_layer(g))[0][1])
    near = [ndimage.binary_dilation(m, iterations=step) for m in test.masks[right]]
    peak = float(np.mean([m[np.unravel_index(c.argmax(), c.shape)] for c, m in zip(cams, near)]))
    return dict(accuracy=acc, found=len(right), peak_near=round(peak, 3),
                peak_chance=round(float(np.mean([m.mean() for m in near])), 4), mass_ratio=round(float(shares[:, 0].mean() / shares[:, 1].mean()), 2))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--quick', action='store_true', help='seed 0 (0 and 1 with --pairs), 3 epochs, 200 heads, every lesion scored: proves the script runs')
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2, 3, 4, 5])
    ap.add_argument('--pairs', action='store_true', help="pair the seeds' default models into two-model ensembles")
    args = ap.parse_args()
    import keras
    from volclf.models import FusedBatchNorm
    from volclf.explain import last_conv3d
    fit, test = heads(200 if args.quick else 800)
    seeds, epochs = ([0], 3) if args.quick else (args.seeds, 12)
    if args.pairs:
        from volclf.plan import ensemble_model
        seeds = seeds if len(seeds) > 1 else [0, 1]
        models = {seed: trained(fit, seed, epochs) for seed in seeds}
        pairs = []
        for a, b in zip(seeds[::2], seeds[1::2]):
            ens = ensemble_model([models[a], models[b]])
            r = dict(seeds=[a, b], members=[scores(models[a], test, None, every=args.quick), scores(models[b], test, None, every=args.quick)],
                     ensemble=scores(ens, test, None, models[a], every=args.quick))
            print(json.dumps(r), flush=True); pairs.append(r)
        def span(key, who):
            v = [x[key] for r in pairs for x in (r['members'] if who == 'members' else [r['ensemble']]) if x[key] is not None]
            return [min(v), max(v)] if v else [float('nan')] * 2
        summary = {who: dict(mass_ratio=span('mass_ratio', who), peak_near=span('peak_near', who)) for who in ('members', 'ensemble')}
        report(dict(pairs=pairs, summary=summary),
               f"Grad-CAM of {len(pairs)} two-model ensembles: mass on the lesion {summary['ensemble']['mass_ratio'][0]:.1f}–{summary['ensemble']['mass_ratio'][1]:.1f}× "
               f"a uniform map's, their members {summary['members']['mass_ratio'][0]:.1f}–{summary['members']['mass_ratio'][1]:.1f}×; peak near the lesion "
               f"{summary['ensemble']['peak_near'][0]:.0%}–{summary['ensemble']['peak_near'][1]:.0%}, members {summary['members']['peak_near'][0]:.0%}–{summary['members']['peak_near'][1]:.0%}",
               args.quick, name='gradcam_layers_pairs')
        raise SystemExit
    runs = []
    for seed in seeds:
        for name, norm in (('fused', FusedBatchNorm), ('keras', keras.layers.BatchNormalization)):
            t = time.perf_counter()
            m = trained(fit, seed, epochs, norm)
            r = dict(seed=seed, norm=name, conv=scores(m, test, last_conv3d(m), every=args.quick), block=scores(m, test, None, every=args.quick),
                     seconds=round(time.perf_counter() - t))
            print(json.dumps(r), flush=True); runs.append(r)
    def rng(where, norm=None, key='mass_ratio'):
        v = [r[where][key] for r in runs if norm in (None, r['norm']) and r[where][key] is not None]
        return [min(v), max(v)] if v else [float('nan')] * 2
    summary = {f'{w}_{n}': dict(mass_ratio=rng(w, n), peak_near=rng(w, n, 'peak_near')) for w in ('conv', 'block') for n in ('fused', 'keras')}
    report(dict(runs=runs, summary=summary),
           f"Grad-CAM over {len(runs)} models: mass on the lesion {rng('block')[0]:.1f}–{rng('block')[1]:.1f}× a uniform map's at the last block's output, "
           f"{rng('conv')[0]:.1f}–{rng('conv')[1]:.1f}× at the last convolution", args.quick)
