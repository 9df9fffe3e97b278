"""Re-run notebooks and save their outputs (the docs show them), without TensorFlow's C++ start-up log lines.

Usage: python tools/refresh_nbs.py [--skip-slow] [nbs/01_data.ipynb ...]   (default: every notebook in nbs/)
Then run `nbdev_clean` and `python tools/readme.py`. Cells flagged `slow` or `cuda` are run too, as the docs
should show real results; expect those runs to take their time. With --skip-slow they are not run and keep the
outputs they have (the benchmarks page's training runs, say, whose results files the other cells read).
"""
import re, shutil, sys, tempfile
from pathlib import Path
import nbformat
from nbclient import NotebookClient

NOISE = re.compile(r"^(WARNING: All log messages before absl::InitializeLog|[IWE]\d{4} [\d:.]+ +\d+ \S+:\d+\]"
                   r"|To enable the following instructions|.*UserWarning: `shuffle=True` was passed|  self\.data_adapter)")

RETRACING = re.compile(r"^WARNING:tensorflow:.*triggered tf\.function retracing")   # TensorFlow's Python logger, on stdout: advice on its own internals

def _quiet(nb):
    "Drop TensorFlow's C++ log lines from stderr outputs, its retracing warnings from any stream, and outputs left empty."
    for c in nb.cells:
        if c.cell_type != 'code': continue
        outs = []
        for o in c.outputs:
            if o.output_type == 'stream':
                o.text = ''.join(l for l in o.text.splitlines(True) if not RETRACING.match(l) and not (o.name == 'stderr' and NOISE.match(l)))
                if not o.text.strip(): continue
            outs.append(o)
        c.outputs = outs

SLOW = re.compile(r"^#\|\s*(slow|cuda)\b", re.M)

def refresh(path:Path, skip_slow:bool=False):
    "Run `path` as a first-time reader would: the `runs/` its examples write beside it is moved aside meanwhile (a run found there makes training say it starts over), then put back; with `skip_slow`, cells flagged slow or cuda are left as they are."
    nb = nbformat.read(path, as_version=4)
    kept = {i: (c.source, c.outputs) for i, c in enumerate(nb.cells) if skip_slow and c.cell_type == 'code' and SLOW.search(c.source)}
    for i in kept: nb.cells[i].source = ''
    runs = path.parent/'runs'
    aside = Path(tempfile.mkdtemp(dir=path.parent, prefix='.runs-aside-')) if runs.exists() else None
    if aside: runs.rename(aside/'runs')
    try: NotebookClient(nb, timeout=3600, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}}).execute()
    finally:
        if aside: shutil.rmtree(runs, ignore_errors=True); (aside/'runs').rename(runs); aside.rmdir()
    for i, (src, outs) in kept.items(): nb.cells[i].source, nb.cells[i].outputs = src, outs
    _quiet(nb)
    nb.metadata.pop('widgets', None)        # the state of the widgets the run made: no output shows them, and it is most of a notebook's size
    nbformat.write(nb, path)
    print(f"refreshed {path}")

if __name__ == '__main__':
    root = Path(__file__).resolve().parent.parent
    args = [a for a in sys.argv[1:] if a != '--skip-slow']
    for p in (map(Path, args) if args else sorted((root/'nbs').rglob('*.ipynb'))):
        if '.ipynb_checkpoints' not in str(p): refresh(p, '--skip-slow' in sys.argv)
