"""Re-run nbs/tutorials/benchmarks.ipynb except the cells that run the benchmark scripts, whose saved outputs are kept.

Usage: python tools/refresh_benchmarks_page.py
After a benchmark script has been run from a shell (e.g. `python bench/p9_vessel.py --out runs/benchmarks/p9`), put
the lines it printed, filtered as its cell filters them, into that cell's output; this then redraws the tables and
figures from bench/results/ and runs/benchmarks/ (the training curves are kept as they were when no run folders are
there). Then run `nbdev_clean`.
"""
import copy, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
sys.path.insert(0, str(Path(__file__).parent))
from refresh_nbs import _quiet

def main():
    p = Path(__file__).resolve().parent.parent/'nbs'/'tutorials'/'benchmarks.ipynb'
    nb = nbformat.read(p, as_version=4); run = copy.deepcopy(nb)
    skip = [i for i, c in enumerate(run.cells) if c.cell_type == 'code' and "subprocess.run([sys.executable, str(root/'bench'" in c.source]
    if not list((p.parents[2]/'runs'/'benchmarks').glob('*/seed0/metrics.json')):    # no run folders here: keep the curves drawn from the last ones
        skip += [i for i, c in enumerate(run.cells) if c.cell_type == 'code' and "/'seed0'/'metrics.json'" in c.source]
    for i in skip: run.cells[i].source = ''
    NotebookClient(run, timeout=600, kernel_name='python3', resources={'metadata': {'path': str(p.parent)}}).execute()
    _quiet(run)
    for i, (a, b) in enumerate(zip(nb.cells, run.cells)):
        if a.cell_type == 'code' and i not in skip: a.outputs, a.execution_count = b.outputs, b.execution_count
    nbformat.write(nb, p); print(f"refreshed {p}; kept the outputs of cells {skip}")

if __name__ == '__main__': main()
