#!/usr/bin/env python3
"""P10: what each precision is worth for training on this machine's accelerator (or CPU), against float32.

`volclf.models.auto_precision` picks `mixed_bfloat16` where the hardware has bfloat16 arithmetic (AVX-512 BF16 or AMX
CPUs, NVIDIA GPUs of compute capability 8.0 and later) and `mixed_float16` on older GPUs. This measures the choice:
each model of the zoo is built in float32, mixed_float16 and mixed_bfloat16, compiled with Adam, and trained on one
random batch held on the device (`train_on_batch`, so no input pipeline is timed); after `--warmup` steps (graph
building, autotuning), the median of `--steps` timed steps gives volumes per second. FLOPs are
`volclf.models.count_flops` × 3 for a training step. The last line is the best mixed precision's speed-up over
float32 for the first model (`resnet10`, the planned network, by default), all in the same process. The models
compile as `get_model` does (Adam, no loss scaling), so float16 rows leave out the small cost of the loss scaling
`volclf.train.compile_for` adds (importing it would need TensorFlow).

It runs on whichever Keras backend is set: TensorFlow (volclf's own) by default, or `KERAS_BACKEND=jax` where only
JAX is installed (the networks and Keras's dtype policies are the same; the kernels are XLA's). The results file
says which. `--name` keeps a GPU run's file apart from a CPU run's.

    python bench/p10_precision.py [--quick] [--size 64] [--batch 32] [--steps 20] [--name p10_precision_gpu]
"""
import argparse, time
from _report import report

MODELS = ['resnet10', 'resnet18', 'seed', 'densenet121']
PRECISIONS = ['float32', 'mixed_float16', 'mixed_bfloat16']

def _device() -> str:
    "The accelerator Keras trains on, in words."
    import keras
    if keras.backend.backend() == 'jax':
        import jax
        d = jax.devices()[0]
        return f"{d.platform}: {d.device_kind}"
    if keras.backend.backend() == 'tensorflow':
        import tensorflow as tf
        gpus = tf.config.list_physical_devices('GPU')
        return f"gpu: {tf.config.experimental.get_device_details(gpus[0]).get('device_name', 'GPU')}" if gpus else "cpu"
    return keras.backend.backend()

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="resnet10 and seed at 16³, batch 4, few steps; no results file")
    ap.add_argument('--size', type=int, default=64, help="volume side (default: %(default)s)")
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--steps', type=int, default=20, help="timed steps per model and precision")
    ap.add_argument('--warmup', type=int, default=5)
    ap.add_argument('--models', nargs='+', default=MODELS)
    ap.add_argument('--name', default=None, help="results file bench/results/<name>.json (default: the script's)")
    a = ap.parse_args()
    import keras, numpy as np
    from volclf.models import get_model, count_flops
    models, size, batch, steps, warm = (['resnet10', 'seed'], 16, 4, 3, 2) if a.quick else (a.models, a.size, a.batch, a.steps, a.warmup)
    rng = np.random.default_rng(0)
    x = keras.ops.convert_to_tensor(rng.random((batch, size, size, size, 1), np.float32))
    y = keras.ops.convert_to_tensor((np.arange(batch) % 2).astype(np.float32)[:, None])
    rows = []
    for name in models:
        for dtype in PRECISIONS:
            keras.utils.set_random_seed(0)
            try:
                m = get_model(name, (size,) * 3 + (1,), 2, dtype)
                for _ in range(warm): m.train_on_batch(x, y)                # each call returns the loss: steps are synchronous
                t = []
                for _ in range(steps):
                    t0 = time.perf_counter(); logs = m.train_on_batch(x, y, return_dict=True); t.append(time.perf_counter() - t0)
            except Exception as e:                                          # e.g. TensorFlow has no float16 pooling on a CPU
                print(f"{name:12s} {size}³ {dtype:15s} cannot train here: {str(e).splitlines()[0][:120]}", flush=True)
                rows.append(dict(model=name, dtype=dtype, error=str(e).splitlines()[0][:200])); keras.backend.clear_session(); continue
            step = float(np.median(t))
            flops = 3 * count_flops(m)
            rows.append(dict(model=name, dtype=dtype, step_ms=round(1000 * step, 3), vol_s=round(batch / step, 1),
                             tflops=round(batch * flops / step / 1e12, 3), loss=float(f"{float(logs['loss']):.4g}")))
            print(f"{name:12s} {size}³ {dtype:15s} {1000 * step:9.2f} ms/step {batch / step:9.1f} vol/s "
                  f"{batch * flops / step / 1e12:7.3f} TFLOP/s  loss {rows[-1]['loss']}", flush=True)
            del m; keras.backend.clear_session()
    speed = {r['dtype']: r['vol_s'] for r in rows if r['model'] == models[0] and 'vol_s' in r}
    best = max((p for p in PRECISIONS[1:] if p in speed), key=speed.get)
    ratio = speed[best] / speed['float32']
    report(dict(p='P10', ratio=round(ratio, 2), best=best, size=size, batch=batch, steps=steps, backend=keras.backend.backend(),
                device=_device(), rows=rows),
           f"P10 {ratio:.2f}x | {models[0]} at {size}^3, batch {batch}: {best} {speed[best]:.0f} vol/s, float32 {speed['float32']:.0f} vol/s"
           + "".join(f"; {r['model']} {r['dtype'].replace('mixed_', '')} {r['vol_s']:.0f}" for r in rows[3:] if 'vol_s' in r)
           + f" ({keras.backend.backend()}, {_device()})", a.quick, a.name)

if __name__ == '__main__': main()
