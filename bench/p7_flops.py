#!/usr/bin/env python3
"""P7: achieved training FLOP/s per model, against this CPU's peak.

FLOPs are `volclf.models.count_flops` (2 × the multiply-adds of convolutions and dense layers, one forward pass)
× 3 for a training step (forward, gradients for inputs, gradients for weights). Each model trains with Adam on
random batches of 8 (tf.data, in memory) in float32 and in mixed bfloat16; after a warm-up epoch, a timed epoch of
`--steps` steps gives volumes per second, and × 3 × forward FLOPs gives FLOP/s.

Peak: the vCPUs × the clock in /proc/cpuinfo × FLOPs per cycle per core: 64 for float32 (two 512-bit FMA pipes,
the most any AVX-512 core has) and 128 for bfloat16 (`vdpbf16ps` does twice the float32 work). The development
machine reports only "AMD EPYC" at 2.6 GHz; a first run that assumed 256-bit pipes (Zen 4) measured the ct model
above 100% of that peak, so it has full-width pipes or boosts well above the reported clock. The percentages are
therefore lower bounds. Override with `--peak-fp32`/`--peak-bf16` (GFLOP/s) on known hardware.

    python bench/p7_flops.py [--quick] [--steps N]
"""
import argparse, os, re, time
from pathlib import Path
from _report import report

MODELS = [('seed', 64), ('ct', 64), ('voxnet', 32), ('resnet18', 64), ('densenet121', 32)]

def clock_ghz() -> float:
    m = re.findall(r'cpu MHz\s*:\s*([\d.]+)', Path('/proc/cpuinfo').read_text())
    return float(m[0]) / 1000 if m else float('nan')

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="two small models at 16³, few steps")
    ap.add_argument('--steps', type=int, default=6)
    ap.add_argument('--peak-fp32', type=float, help="GFLOP/s (default: from /proc/cpuinfo, see above)")
    ap.add_argument('--peak-bf16', type=float)
    a = ap.parse_args()
    import keras, numpy as np, tensorflow as tf
    from volclf.models import get_model, count_flops
    models, steps, batch = ([('seed', 16), ('voxnet', 16)], 2, 4) if a.quick else (MODELS, a.steps, 8)
    ghz, cores = clock_ghz(), os.cpu_count()
    peak = dict(float32=a.peak_fp32 or cores * ghz * 64, mixed_bfloat16=a.peak_bf16 or cores * ghz * 128)
    rows = []
    for name, size in models:
        for dtype in ('float32', 'mixed_bfloat16'):
            keras.utils.set_random_seed(0)
            m = get_model(name, (size,) * 3 + (1,), 2, dtype)
            x = np.random.default_rng(0).random((batch, size, size, size, 1), np.float32)
            ds = tf.data.Dataset.from_tensors((x, np.arange(batch) % 2)).repeat()
            t = []
            cb = keras.callbacks.LambdaCallback(on_epoch_begin=lambda e, l: t.append(time.perf_counter()),
                                                on_epoch_end=lambda e, l: t.append(time.perf_counter()))
            m.fit(ds, epochs=2, steps_per_epoch=steps, verbose=0, callbacks=[cb])
            vps = steps * batch / (t[3] - t[2])
            flops = 3 * count_flops(m)
            achieved = vps * flops / 1e9
            rows.append(dict(model=name, size=size, dtype=dtype, vol_s=round(vps, 2), gflop_per_vol=round(flops / 1e9, 3),
                             gflops=round(achieved, 1), peak_gflops=round(peak[dtype], 1), fraction=round(achieved / peak[dtype], 3)))
            print(f"{name:12s} {size}³ {dtype:15s} {vps:7.2f} vol/s  {flops / 1e9:7.2f} GFLOP/vol  {achieved:7.1f} GFLOP/s  "
                  f"{100 * achieved / peak[dtype]:5.1f}% of {peak[dtype]:.0f}", flush=True)
    best = max(rows, key=lambda r: r['gflops'])
    report(dict(p='P7', rows=rows, clock_ghz=ghz, peak=peak, batch=batch, steps=steps),
           f"P7 {best['gflops']:.0f} GFLOP/s | best: {best['model']} {best['size']}^3 {best['dtype']} "
           f"({100 * best['fraction']:.0f}% of {best['peak_gflops']:.0f}); " +
           "; ".join(f"{r['model']} {r['dtype'].replace('mixed_', '')} {r['gflops']:.0f}" for r in rows), a.quick)

if __name__ == '__main__': main()
