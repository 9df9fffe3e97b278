"""The protocol P5 and P6 share: train with volclf's `train` on the training split, keep the epoch with the best
validation loss (validation split only), evaluate that model once on the test split, repeat for several seeds, and
report mean ± sd, the wall time of every seed and the hardware."""

from pathlib import Path

def data_file(*parts) -> Path:
    "A file under ../shared/data, or exit with a message saying what is missing."
    from volclf.test_utils import shared_data
    d = shared_data(*parts)
    if d is None or not d.exists(): raise SystemExit(f"{'/'.join(parts)} not found under ../shared/data: this benchmark needs it")
    return d

def run_seeds(name:str, fit, val, test, build, config, preprocess, seeds, out:Path, augment=None, tta=None, views=None) -> dict:
    "volclf's `train_and_test` over `seeds`, with a line per seed; `test=None`: validation only (the runs' 'test' is then validation)."
    from volclf.evaluate import train_and_test
    nan = float('nan')
    def line(r):
        m = r['test'] or r['val']
        print(f"{name} seed {r['seed']}: {'test' if r['test'] else 'val (no test)'} acc {m['accuracy']:.4f} auc {m['auc'] or nan:.4f} | val acc "
              f"{r['val']['accuracy']:.4f} auc {r['val']['auc'] or nan:.4f} | best epoch {r['best_epoch']}/{r['epochs_run']}, {r['seconds']:.0f} s", flush=True)
    res = train_and_test(build, fit, test, out, config, seeds=seeds, val=val, augment=augment, tta=tta, views=views,
                         preprocess=preprocess, verbose=2, on_run=line)
    runs = [dict(r, val=dict(r['val']), test=dict(r['test'] or r['val'])) for r in res['runs']]
    return dict(runs=runs, summary=res['summary'])

def pm(summary:dict, key:str) -> str:
    "mean ± sd of one metric of a seed summary."
    m = summary['metrics'][key]
    return f"{m['mean']:.3f} ± {m['sd']:.3f}"

def resnet_builder(shape, n_classes, width, strides, precision='auto'):
    "A function building volclf's ResNet-10 of `width` and `strides` (precision 'auto': the one `auto_precision` picks)."
    from volclf.models import resnet3d, auto_precision
    dtype = auto_precision() if precision == 'auto' else precision
    return lambda: resnet3d(tuple(shape) + (1,), n_classes, depth=10, width=width, strides=strides, precision=dtype)

def augmenter(kind, flip_axes=(0, 1, 2), rotate_axes=(0, 1, 2), degrees=15, scale=0.1):
    "A function of the seed building the training-batch augmentation `kind`: 'none', 'flip', or 'affine' (flips too)."
    import keras
    from volclf.augment import RandomFlip3D, RandomAffine3D
    if kind == 'none': return None
    return lambda seed: keras.Sequential([RandomFlip3D(axes=flip_axes, seed=seed)] + (
        [RandomAffine3D(rotation=degrees, scale=scale, axes=rotate_axes, seed=seed + 1)] if kind == 'affine' else []))

def arguments(doc, epochs, width, strides, lr, augment, batch_size):
    "The command line both benchmarks share; the defaults are each one's chosen recipe."
    import argparse
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    ap.add_argument('--epochs', type=int, default=epochs)
    ap.add_argument('--width', type=int, default=width)
    ap.add_argument('--strides', type=int, nargs=5, default=strides, help="stem, pool, stages 2-4")
    ap.add_argument('--lr', type=float, default=lr)
    ap.add_argument('--batch-size', type=int, default=batch_size)
    ap.add_argument('--augment', default=augment, choices=['none', 'flip', 'affine'])
    ap.add_argument('--tta', default=None, choices=['flip', 'rot90', 'flip+rot90'], help="average predictions over label-preserving views")
    ap.add_argument('--precision', default='auto')
    ap.add_argument('--explore', action='store_true', help="validation figures only: the test split is not touched, nothing saved")
    ap.add_argument('--quick', action='store_true', help="2 epochs on 128 training volumes, one seed: a smoke run")
    ap.add_argument('--out', default=None, help="run directories (default: a temporary folder)")
    return ap.parse_args()

def config(a):
    "The TrainConfig of the parsed arguments: AdamW, cosine schedule with warm-up, label smoothing 0.1."
    from volclf.train import TrainConfig
    epochs = 2 if a.quick else a.epochs
    return TrainConfig(epochs=epochs, batch_size=a.batch_size, optimizer='adamw', lr=a.lr, weight_decay=1e-4,
                       schedule='cosine', warmup_epochs=min(2, epochs - 1), label_smoothing=0.1, precision=a.precision)

def describe(a) -> dict:
    "The recipe's facts for the results file."
    from volclf.models import auto_precision
    return dict(model=f"resnet3d depth 10 width {a.width} strides {a.strides}", augment=a.augment, tta=a.tta,
                precision=auto_precision() if a.precision == 'auto' else a.precision)
