#!/usr/bin/env python3
"""Check the docs pages as the site will show them, without Quarto (which cannot be installed on the development machines).

Runs `nbdev_proc_nbs` (what the docs build runs first: it executes the show_doc cells), then reads every processed
notebook in `_proc/` and fails on what a reader would see as broken:
  - an error output or a traceback; `__main__.` in an output (an object shown instead of its message);
  - internal wording in text or outputs (paths of this project's test-data checkout, goals, TODOs);
  - a Python warning in an output, which shows the path of the machine that ran the notebook and the source line;
  - an output longer than a screen (MAX_LINES lines);
  - an image that does not load: a markdown image whose file is missing, an empty PNG, a widget saved with no static view;
  - a backticked private name (`_helper`) that nbdev would link to an anchor that does not exist;
  - a parameter table showing `NoneType` (a parameter with a None default and no annotation);
  - a cell that mixes imports and other code, which the docs build executes (nbdev runs every cell with an import).
With --html DIR it also writes each page as HTML (nbconvert), and with --screenshots DIR (needs --html and Chromium)
a screenshot of each, to look at.

    python tools/docs_check.py [--skip-proc] [--html DIR] [--screenshots DIR]
"""
import argparse, base64, json, re, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 60
INTERNAL = [r'\.\./shared', r'/shared/data\b', r"this project's checkout", r'\bgoals?\b', r'\b(TODO|FIXME|XXX)\b', r'\bissue \d+', r'\bVOLCLF_REQUIRE_DATA\b']
ALLOW = {'97_test_utils.ipynb': {r'\.\./shared', r'/shared/data\b', r'\bVOLCLF_REQUIRE_DATA\b'}}   # the contributors' page documents the test data
NOISE = re.compile(r'^(WARNING: All log messages before absl|[IWE]\d{4} [\d:.]+ +\d+ \S+:\d+\])')

def private_names() -> set:
    "Private names nbdev knows (and would link) from volclf/_modidx.py."
    ns = {}
    exec((ROOT/'volclf'/'_modidx.py').read_text(), ns)
    syms = ns['d']['syms']
    return {k.rsplit('.', 1)[-1] for mod in syms.values() for k in mod if k.rsplit('.', 1)[-1].startswith('_') and not k.rsplit('.', 1)[-1].startswith('__')}

def text_of(o) -> str:
    if o.get('output_type') == 'stream': return ''.join(o.get('text', ''))
    d = o.get('data', {})
    return ''.join(d.get('text/markdown') or d.get('text/plain') or '')

def problems(nb_path:Path, privates:set) -> list:
    "What is wrong with one processed notebook, one line each."
    nb, out = json.loads(nb_path.read_text()), []
    rel = nb_path.relative_to(ROOT/'_proc')
    internal = [p for p in INTERNAL if p not in ALLOW.get(str(rel), set())]
    for i, c in enumerate(nb['cells']):
        where = f"{rel} cell {i}"
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown':
            for pat in internal:
                if m := re.search(pat, src, re.I): out.append(f"{where}: internal wording {m.group(0)!r} in the text")
            for m in re.finditer(r'!\[[^\]]*\]\(([^)\s]+)', src):
                target = m.group(1)
                if not re.match(r'(https?:|data:)', target) and not (ROOT/'nbs'/rel.parent/target).exists():
                    out.append(f"{where}: image {target} not found")
            for m in re.finditer(r'`(_[A-Za-z]\w*)(?:\(\))?`', src):
                if m.group(1) in privates: out.append(f"{where}: `{m.group(1)}` would link to a private helper with no anchor")
            continue
        if c['cell_type'] != 'code': continue
        for o in c.get('outputs', []):
            t = text_of(o)
            if o.get('output_type') == 'error' or 'Traceback (most recent call last)' in t: out.append(f"{where}: an error output"); continue
            if o.get('output_type') == 'stream' and o.get('name') == 'stderr':
                t = ''.join(l for l in t.splitlines(True) if not NOISE.match(l))
            if '__main__.' in t: out.append(f"{where}: an output shows a __main__ object")
            if m := re.search(r'\S+\.py:\d+: \w*Warning\b', t): out.append(f"{where}: an output shows a warning with its source line ({m.group(0)}): a path of the machine that ran it")
            if 'NoneType' in t: out.append(f"{where}: an output shows NoneType (an unannotated None default?)")
            for pat in internal:
                if m := re.search(pat, t, re.I): out.append(f"{where}: internal wording {m.group(0)!r} in an output")
            if (n := len(t.splitlines())) > MAX_LINES: out.append(f"{where}: an output of {n} lines (more than a screen, {MAX_LINES})")
            d = o.get('data', {})
            if 'image/png' in d:
                try: ok = base64.b64decode(''.join(d['image/png']))[:8] == b'\x89PNG\r\n\x1a\n'
                except Exception: ok = False
                if not ok: out.append(f"{where}: an image output that is not a PNG")
            if 'application/vnd.jupyter.widget-view+json' in d and not set(d) & {'image/png', 'text/html'}:
                out.append(f"{where}: a live widget with no static view (blank on the site)")
    return out

def screenshots(html_dir:Path, shots:Path):
    chrome = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
    if not chrome: sys.exit("--screenshots needs Chromium (apt-get install chromium)")
    shots.mkdir(parents=True, exist_ok=True)
    for page in sorted(html_dir.rglob('*.html')):
        png = shots/(str(page.relative_to(html_dir)).replace('/', '__').replace('.html', '.png'))
        subprocess.run([chrome, '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                        '--disable-sync', '--no-first-run', '--hide-scrollbars', '--window-size=1280,2400', f'--screenshot={png}', page.as_uri()],
                       capture_output=True, timeout=120)
        print(f"screenshot {png}")

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--skip-proc', action='store_true', help="use the _proc/ a previous nbdev_proc_nbs left")
    ap.add_argument('--html', type=Path, help="also write each page as HTML here")
    ap.add_argument('--screenshots', type=Path, help="and a screenshot of each (needs --html and Chromium)")
    a = ap.parse_args()
    if not a.skip_proc:
        shutil.rmtree(ROOT/'_proc', ignore_errors=True)     # every page processed again: nbdev skips those it processed before, and their warnings
        r = subprocess.run([str(Path(sys.executable).parent/'nbdev_proc_nbs')], cwd=ROOT, capture_output=True, text=True)
        if r.returncode: sys.exit(f"nbdev_proc_nbs failed:\n{r.stderr[-3000:]}")
    privates, found = private_names(), []
    if not a.skip_proc:     # nbdev runs every cell holding an import when it builds the docs: one that also computes runs there too
        found += [f"a cell mixes imports and other code, so the docs build runs it (move its imports to the notebook's import cell):\n{m.strip()}"
                  for m in re.findall(r'Found cells containing imports and other code\. See FAQ\.\n---\n(.*?)\n---', r.stderr, re.S)]
    pages = sorted(p for p in (ROOT/'_proc').rglob('*.ipynb') if '.ipynb_checkpoints' not in str(p))
    for p in pages: found += problems(p, privates)
    for f in found: print(f)
    if a.html:
        a.html.mkdir(parents=True, exist_ok=True)
        for p in pages:
            dest = a.html/p.relative_to(ROOT/'_proc').parent
            subprocess.run([sys.executable, '-m', 'nbconvert', '--to', 'html', '--output-dir', str(dest), str(p)], capture_output=True, check=True)
        if a.screenshots: screenshots(a.html, a.screenshots)
    print(f"docs check: {len(pages)} pages, {len(found)} problems")
    sys.exit(1 if found else 0)

if __name__ == '__main__': main()
