#!/usr/bin/env python3
"""Open `VolumeViewer` in a real JupyterLab in headless Chromium, drive it, and save screenshots.

Checks that the viewer renders where people use it, not only in theory: it writes a small notebook, starts
JupyterLab on it, runs its cell with Shift+Enter as a user would, waits for the three plane images, moves the
axial slider with the keyboard, toggles the overlay, and saves a screenshot after each step. It prints what it saw
(image count and sizes, the slider's value) and exits non-zero when the viewer does not render.

Needs Chromium (`apt-get install chromium`) and Playwright's Python package (`pip install playwright`; its own
browser download is not used). Not part of CI: run it by hand after changing the viewer.

    python tools/lab_screenshot.py [--out DIR] [--chromium /usr/bin/chromium]
"""
import argparse, json, os, secrets, socket, subprocess, sys, tempfile, time
from pathlib import Path

NOTEBOOK = {"cells": [
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source":
     "from volclf.data import synthetic_tumors\nfrom volclf.viz import VolumeViewer\n"
     "ds = synthetic_tumors(4, (48, 48, 48), seed=0)\n"
     "VolumeViewer(ds.x[1], ds.masks[1], spacing=(1.5, 1, 1), title=f'phantom: {ds.classes[ds.y[1]]}')"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5}

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default='lab_screenshots')
    ap.add_argument('--chromium', default='/usr/bin/chromium')
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright
    out, work = Path(a.out), Path(tempfile.mkdtemp(prefix='lab_'))
    out.mkdir(parents=True, exist_ok=True)
    (work/'viewer.ipynb').write_text(json.dumps(NOTEBOOK))
    port, token = free_port(), secrets.token_hex(16)
    lab = subprocess.Popen([sys.executable, '-m', 'jupyter', 'lab', '--no-browser', '--allow-root', f'--port={port}',
                            f'--ServerApp.token={token}', f'--ServerApp.root_dir={work}', '--ServerApp.open_browser=False'],
                           stdout=subprocess.DEVNULL, stderr=open(work/'lab.log', 'w'))
    try:
        for _ in range(120):
            try: socket.create_connection(('127.0.0.1', port), 1).close(); break
            except OSError: time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=a.chromium, args=[
                '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run'])
            page = browser.new_page(viewport={'width': 1400, 'height': 900})
            page.goto(f'http://127.0.0.1:{port}/lab/tree/viewer.ipynb?token={token}', timeout=120_000)
            page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=120_000)
            page.wait_for_selector('text=| Idle', timeout=120_000)                  # the kernel is up
            time.sleep(2)
            page.click('.jp-Notebook .jp-Cell .jp-InputArea-prompt'); page.keyboard.press('Shift+Enter')   # run the cell
            try: page.wait_for_selector('.jp-OutputArea-output .widget-image', timeout=180_000)
            except Exception:
                page.screenshot(path=str(out/'0_failed.png'), full_page=True)
                print(page.inner_text('.jp-Notebook')[:2000], file=sys.stderr); raise
            time.sleep(2)
            page.screenshot(path=str(out/'1_rendered.png'), full_page=True)
            imgs = page.eval_on_selector_all('.jp-OutputArea-output .widget-image', 'els => els.map(e => [e.naturalWidth, e.naturalHeight])')
            handle = page.locator('.jp-OutputArea-output .widget-slider .noUi-handle').first
            before = page.locator('.jp-OutputArea-output .widget-readout').first.inner_text()
            handle.click()
            for _ in range(10): page.keyboard.press('ArrowRight')
            time.sleep(1.5)
            after = page.locator('.jp-OutputArea-output .widget-readout').first.inner_text()
            page.screenshot(path=str(out/'2_axial_moved.png'), full_page=True)
            page.locator('.jp-OutputArea-output .widget-checkbox input').first.click()
            time.sleep(1.5)
            page.screenshot(path=str(out/'3_overlay_off.png'), full_page=True)
            browser.close()
        print(f"plane images rendered: {len(imgs)} with natural sizes {imgs}; axial slider {before} -> {after}")
        print(f"screenshots in {out}: " + ", ".join(sorted(q.name for q in out.glob('*.png'))))
        ok = len(imgs) == 3 and all(w > 0 and h > 0 for w, h in imgs) and before != after
        if not ok: print("the viewer did not render or respond as expected", file=sys.stderr)
        return 0 if ok else 1
    finally:
        lab.terminate(); lab.wait(10)

if __name__ == '__main__': sys.exit(main())
