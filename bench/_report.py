"What every benchmark adds to its figures: the hardware, the command, and a results file for full runs."
import json, os, platform, sys
from pathlib import Path
import volclf   # before any script imports TensorFlow: its CPU kernels as volclf's users get them (oneDNN on every x86 CPU, `volclf.core`)

def _relative(arg:str) -> str:
    "A path inside the project as the project-relative path, so the command reads the same on every machine."
    root = Path(__file__).resolve().parent.parent
    try: return str(Path(arg).resolve().relative_to(root)) if os.path.isabs(arg) else arg
    except ValueError: return arg

def results_file(name:str|None=None) -> Path:
    "bench/results/<name>.json; without a name, the running script's own (p9_vessel.py → p9_vessel.json)."
    return Path(__file__).resolve().parent/'results'/((name or Path(sys.argv[0]).stem) + '.json')

def cpu_model() -> str:
    "The processor's model name (Linux: /proc/cpuinfo), else what `platform` knows: the figures of a time budget depend on it."
    try: return next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except (OSError, StopIteration): return platform.processor() or platform.machine()

def cpu_flags() -> list:
    "The processor's vector and matrix extensions that decide a step's speed (AVX2, AVX-512, its bfloat16, AMX): a figure is only comparable on a machine with the same."
    try: have = set(next(l.split(':', 1)[1].split() for l in open('/proc/cpuinfo') if l.startswith('flags')))
    except (OSError, StopIteration): return []
    return [f for f in ('avx2', 'avx512f', 'avx512_bf16', 'amx_bf16') if f in have]

def report(result:dict, line:str, quick:bool=False, name:str|None=None) -> dict:
    "Add hardware and command to `result`, save it as bench/results/<name or script>.json unless `quick`, print it and `line` last."
    script = Path(sys.argv[0]).name
    gpu = False
    if 'tensorflow' in sys.modules: gpu = bool(sys.modules['tensorflow'].config.list_physical_devices('GPU'))
    if 'jax' in sys.modules: gpu = gpu or any(d.platform == 'gpu' for d in sys.modules['jax'].devices())
    result = dict(result, cores=os.cpu_count(), cpu=platform.processor() or platform.machine(), cpu_model=cpu_model(), cpu_flags=cpu_flags(), gpu=gpu,
                  command=' '.join(['python', f'bench/{script}'] + [_relative(a) for a in sys.argv[1:]]))
    if not quick:
        f = results_file(name); f.parent.mkdir(exist_ok=True)
        f.write_text(json.dumps(result, indent=1))
    print(json.dumps(result))
    print(line + f", {os.cpu_count()} cores" + (", GPU" if gpu else ""))
    return result

def alternate(arms:dict, data, rounds:int, steps:int) -> tuple:
    "Time a training step of each compiled model in `arms` on `data` (a repeating tf.data set), the arms alternating a window of `steps` steps each, `rounds` times, so that a machine whose speed drifts slows every arm alike. Steps are timed one by one from Keras's batch-end callbacks (as `volclf.plan.probe_step` does), a window's first step left out. Returns (each arm's median of its windows' medians, each arm's window medians)."
    import keras, time
    import numpy as np
    for m in arms.values(): m.fit(data, steps_per_epoch=2, epochs=1, verbose=0)     # builds the graphs
    times = {k: [] for k in arms}
    for _ in range(rounds):
        for k, m in arms.items():
            ends = []
            clock = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: ends.append(time.perf_counter()))
            m.fit(data, steps_per_epoch=steps + 1, epochs=1, verbose=0, callbacks=[clock])
            times[k].append(float(np.median(np.diff(ends))))
    return {k: float(np.median(v)) for k, v in times.items()}, times
