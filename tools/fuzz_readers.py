#!/usr/bin/env python3
"""Fuzz volclf's readers with malformed inputs (not part of the test run).

Each reader gets valid seed files written in-process, which Hypothesis mutates (truncations, byte flips,
insertions, deletions, interesting integers written over header fields). Every input is read with `read_volume`
and `inspect` (or `from_csv`). Anything raised that is not a `VolclfError` is a bug; so is an input taking longer
than `--slow` seconds (timed with Python's garbage collector paused, so a collection of Hypothesis's own heap
is not charged to the reader). Crashing and slow inputs are saved under `--out` to reproduce.

    python tools/fuzz_readers.py                  # 10,000 inputs per reader
    python tools/fuzz_readers.py -n 500 nifti     # a quick look at one reader
    python tools/fuzz_readers.py nrrd nhdr metaimage mhd dicom_enhanced   # the readers added for issue 16
"""
import argparse, gc, io, json, logging, sys, tempfile, time, traceback, warnings
from pathlib import Path
import numpy as np

def seeds(tmp:Path) -> dict:
    "reader name -> (file suffix, [valid seed files as bytes], {companion file name: bytes})"
    import nibabel as nib, SimpleITK as sitk
    from volclf.test_utils import write_dicom_slice, write_figshare_mat, write_binvox
    from volclf.test_utils import write_enhanced_dicom
    rng = np.random.default_rng(0)
    def npy(a):
        b = io.BytesIO(); np.save(b, a); return b.getvalue()
    def npz(**arrays):
        b = io.BytesIO(); np.savez_compressed(b, **arrays); return b.getvalue()
    def nifti(a, aff, gz):
        p = tmp/('s.nii.gz' if gz else 's.nii'); nib.save(nib.Nifti1Image(a, aff), p); return p.read_bytes()
    def dicom(**kw):
        p = tmp/'s.dcm'; write_dicom_slice(p, rng.integers(0, 4000, (8, 8)).astype(np.uint16), **kw); return p.read_bytes()
    def mat(version):
        p = tmp/'s.mat'; m = np.zeros((16, 16), bool); m[4:8, 4:8] = True
        write_figshare_mat(p, rng.integers(0, 900, (16, 16)).astype(np.int16), 2, 'MR040', m, [1, 2, 3, 4], version); return p.read_bytes()
    def binvox(a):
        p = tmp/'s.binvox'; write_binvox(p, a); return p.read_bytes()
    def itk(a, name, gz=False, orient='LPS'):
        img = sitk.GetImageFromArray(a); img.SetSpacing((0.7, 0.8, 2.)); img.SetOrigin((1., 2., 3.))
        p = tmp/name; sitk.WriteImage(sitk.DICOMOrient(img, orient), str(p), useCompression=gz); return p.read_bytes()
    def enhanced(**kw):
        p = tmp/'e.dcm'; write_enhanced_dicom(p, rng.integers(0, 4000, (4, 8, 8)).astype(np.uint16), [(0, 0, 2 * k) for k in (2, 0, 3, 1)], **kw)
        return p.read_bytes()
    vol = rng.integers(0, 255, (6, 5, 4)).astype(np.uint8)
    lps = np.diag([-2., -2, 3, 1])
    i16 = vol.astype(np.int16)
    nrrd = [itk(i16, 's.nrrd'), itk(vol.astype(np.float32), 's.nrrd', True, 'PIR'), itk(i16, 's.nrrd', False, 'RAS')]
    mha = [itk(i16, 's.mha'), itk(vol.astype(np.float32), 's.mha', True, 'ASL')]
    nhdr, mhd = itk(i16, 'h.nhdr'), itk(i16, 'm.mhd')     # their data in h.raw / m.raw, kept beside the fuzzed header
    found = {n: (tmp/n).read_bytes() for n in ('h.raw', 'm.raw')}
    return {
        'nrrd': ('.nrrd', nrrd, {}), 'nhdr': ('.nhdr', [nhdr], {'h.raw': found['h.raw']}),
        'metaimage': ('.mha', mha, {}), 'mhd': ('.mhd', [mhd], {'m.raw': found['m.raw']}),
        'dicom_enhanced': ('.dcm', [enhanced(), enhanced(slope=[1, 2, 0.5, 1], intercept=-1000.)], {}),
        'npy': ('.npy', [npy(vol), npy(vol.astype(np.float32)), npy(np.zeros((3, 3)))], {}),
        'npz': ('.npz', [npz(x=vol), npz(x=vol, y=np.arange(3))], {}),
        'nifti': ('.nii', [nifti(vol.astype(np.int16), lps, False), nifti(rng.random((4, 4, 3, 2)).astype(np.float32), np.eye(4), False)], {}),
        'nifti_gz': ('.nii.gz', [nifti(vol.astype(np.int16), lps, True), nifti(vol, np.eye(4), True)], {}),
        'dicom': ('.dcm', [dicom(), dicom(slope=2.5, intercept=-10.5)], {}),
        'mat73': ('.mat', [mat('7.3')], {}),
        'mat5': ('.mat', [mat('5')], {}),
        'binvox': ('.binvox', [binvox((rng.random((5, 5, 5)) > .6).astype(np.uint8))], {}),
        'csv': ('.csv', [b"path,label,group\nv0.npy,a,p1\nv1.npy,b,p2\nv2.npy,a,p3\n"], {}),
    }

INTERESTING = [0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 2**40]

def mutations():
    from hypothesis import strategies as st
    op = st.one_of(
        st.tuples(st.just('truncate'), st.floats(0, 1)),
        st.tuples(st.just('flip'), st.floats(0, 1), st.integers(0, 255)),
        st.tuples(st.just('insert'), st.floats(0, 1), st.binary(min_size=1, max_size=16)),
        st.tuples(st.just('delete'), st.floats(0, 1), st.integers(1, 64)),
        st.tuples(st.just('int'), st.floats(0, 1), st.sampled_from(INTERESTING), st.sampled_from([1, 2, 4, 8]), st.booleans()),
        st.tuples(st.just('header'), st.integers(0, 400), st.integers(0, 255)),   # hit the first bytes harder
    )
    return st.lists(op, min_size=1, max_size=6)

def mutate(data:bytes, ops) -> bytes:
    b = bytearray(data)
    for o in ops:
        at = lambda f: min(int(f * len(b)), max(len(b) - 1, 0))
        if o[0] == 'truncate': b = b[:at(o[1])]
        elif o[0] == 'flip' and b: b[at(o[1])] = o[2]
        elif o[0] == 'insert': i = at(o[1]); b[i:i] = o[2]
        elif o[0] == 'delete': i = at(o[1]); del b[i:i + o[2]]
        elif o[0] == 'int' and b:
            i = at(o[1]); b[i:i + o[3]] = (o[2] % 2**(8 * o[3])).to_bytes(o[3], 'big' if o[4] else 'little')
        elif o[0] == 'header' and o[1] < len(b): b[o[1]] = o[2]
    return bytes(b)

def run_reader(name, suffix, seed_files, companions, n, slow, out:Path, tmp:Path) -> dict:
    from hypothesis import given, settings, HealthCheck, Phase, strategies as st
    from volclf.io import VolclfError, read_volume, inspect
    from volclf.data import from_csv
    stats = dict(reader=name, inputs=0, ok=0, volclf_error=0, other=0, slow=0, max_seconds=0.)
    work = tmp/name; work.mkdir()
    for i in range(3): np.save(work/f'v{i}.npy', np.zeros((4, 4, 4), np.uint8))
    for f, b in companions.items(): (work/f).write_bytes(b)
    path = work/f'input{suffix}'

    def read(p):
        if name == 'csv': return from_csv(p)
        inspect(p); return read_volume(p, frame=0 if name.startswith(('nifti', 'nrrd', 'nhdr', 'metaimage', 'mhd')) else None)

    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate], derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(seed_files), mutations())
    def fuzz(seed, ops):
        data = mutate(seed, ops)
        path.write_bytes(data)
        stats['inputs'] += 1
        if stats['inputs'] % 500 == 0: gc.collect()   # the harness's garbage is collected outside the timed read
        gc.disable()
        t = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore'); read(path)
            stats['ok'] += 1
        except VolclfError: stats['volclf_error'] += 1
        except Exception as e:
            stats['other'] += 1
            if stats['other'] <= 20:
                k = stats['other']; (out/f'{name}_crash{k}{suffix}').write_bytes(data)
                (out/f'{name}_crash{k}.txt').write_text(''.join(traceback.format_exception(e)))
                print(f"  {name}: {type(e).__name__}: {str(e)[:160]}", file=sys.stderr)
        dt = time.perf_counter() - t
        gc.enable()
        stats['max_seconds'] = max(stats['max_seconds'], dt)
        if dt > slow:
            stats['slow'] += 1; (out/f"{name}_slow{stats['slow']}{suffix}").write_bytes(data)
    fuzz()
    return stats

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('readers', nargs='*', help="readers to fuzz (default: all)")
    p.add_argument('-n', type=int, default=10_000, help="inputs per reader (default: %(default)s)")
    p.add_argument('--slow', type=float, default=1.0, help="seconds after which an input counts as slow")
    p.add_argument('--out', default='fuzz_out', help="where crashing and slow inputs are saved")
    a = p.parse_args()
    logging.getLogger("nibabel").setLevel(logging.ERROR)   # its notes on odd headers would flood the report
    import SimpleITK as sitk; sitk.ProcessObject.SetGlobalWarningDisplay(False)   # likewise ITK's
    out = Path(a.out); out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp); all_seeds = seeds(tmp)
        results = []
        for name in a.readers or all_seeds:
            t = time.perf_counter()
            s = run_reader(name, *all_seeds[name], a.n, a.slow, out, tmp)
            s['seconds'] = round(time.perf_counter() - t, 1); s['max_seconds'] = round(s['max_seconds'], 3)
            print(json.dumps(s), flush=True); results.append(s)
    total = {k: sum(r[k] for r in results) for k in ('inputs', 'other', 'slow')}
    print(f"fuzz {total['inputs']} inputs over {len(results)} readers: {total['other']} non-VolclfError exceptions, {total['slow']} slow (> {a.slow} s)")
    return 1 if total['other'] or total['slow'] else 0

if __name__ == '__main__': sys.exit(main())
