#!/usr/bin/env python3
"""Reading overhead of `volclf.io.read_volume` over the raw library call on the same files.

NIfTI: `read_volume(p)` (checks, scaling, native byte order, reorientation to RAS+) against
`np.asanyarray(nibabel.load(p).dataobj)`. DICOM: `read_volume(folder)` (grouping, checks, sorting along the normal,
rescale) against two pydicom baselines: *bare*, `dcmread` of every file and `np.stack` of the pixel arrays (not a
correct volume: unsorted, stored values), and *sorted+rescaled*, the least a correct read does with pydicom alone
(sort by ImagePositionPatient z, `pydicom.pixels.apply_rescale` per slice, stack). Files: the real ones in
../shared/data when present, plus a CT-sized NIfTI and DICOM series written here. Each is read `--repeat` times,
the readers interleaved; the figure is the ratio of the summed median times (the largest of NIfTI, bare DICOM,
NRRD/MetaImage and Enhanced DICOM over sorted+rescaled pydicom). NRRD and MetaImage (`.nrrd`, `.mha`, raw and compressed, written by SimpleITK from
the NIfTI files): `read_volume(p)` against `sitk.GetArrayFromImage(sitk.ReadImage(p))`. Enhanced DICOM (the CT series
written as one multi-frame file): against `pydicom.dcmread(p).pixel_array` (*bare*: frames in stored order, stored values)
and against *sorted+rescaled*, the least a correct read does with pydicom alone (each frame's position and rescale
from its functional groups, frames sorted by z, rescaled).

    python bench/io_overhead.py [--quick]
"""
import argparse, json, tempfile, time, warnings
from pathlib import Path
import numpy as np
from _report import report

def median_times(fs, repeat):
    "Median seconds of each function in `fs`, calls interleaved so drifts in machine load hit all alike."
    ts = [[] for _ in fs]
    for _ in range(repeat):
        for f, t in zip(fs, ts):
            t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return [float(np.median(t)) for t in ts]

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help="fewer repeats and a smaller written volume")
    ap.add_argument('--repeat', type=int, default=None)
    a = ap.parse_args()
    import nibabel as nib, pydicom, SimpleITK as sitk
    from volclf.io import read_volume
    from volclf.test_utils import write_dicom_slice
    from volclf.test_utils import write_enhanced_dicom
    repeat = a.repeat or (3 if a.quick else 15)
    root = Path(__file__).resolve().parents[1]
    data = root.parent/'shared'/'data'
    tmp = Path(tempfile.mkdtemp())
    rng = np.random.default_rng(0)
    n = 128 if a.quick else 256
    ct = (rng.normal(0, 300, (n, n, 64)) + 40).astype(np.int16)
    nib.save(nib.Nifti1Image(ct, np.diag([-0.8, -0.8, 2.5, 1])), tmp/'ct_lps.nii.gz')
    series = tmp/'series'; series.mkdir()
    for k in rng.permutation(64): write_dicom_slice(series/f'{k:05d}', (ct[..., k] + 1024).clip(0).astype(np.uint16), (0, 0, 2.5 * k))
    nifti = [tmp/'ct_lps.nii.gz'] + (sorted(p for p in (data/'nifti').rglob('*.nii*') if 'example4d' not in p.name) if data.is_dir() else [])
    dicom = [series] + ([data/'dicom/pydicom/77654033/CT2', data/'dicom/pydicom/98892001/CT5N'] if data.is_dir() else [])
    itk = []
    for src in nifti[:3]:
        img = sitk.ReadImage(str(src))
        for ext, gz in (('.nrrd', False), ('.nrrd', True), ('.mha', False), ('.mha', True)):
            itk.append(tmp/f"{src.name.split('.')[0]}{'_gz' if gz else ''}{ext}"); sitk.WriteImage(img, str(itk[-1]), useCompression=gz)
    enhanced = [tmp/'ct_enhanced.dcm']
    write_enhanced_dicom(enhanced[0], (ct + 1024).clip(0).astype(np.uint16).transpose(2, 0, 1), [(0, 0, 2.5 * k) for k in range(64)])

    from pydicom.pixels import apply_rescale
    def raw_nifti(p): return np.asanyarray(nib.load(p).dataobj)
    def raw_itk(p): return sitk.GetArrayFromImage(sitk.ReadImage(str(p)))
    def raw_enhanced(p): return pydicom.dcmread(p).pixel_array
    def sorted_enhanced(p):
        d = pydicom.dcmread(p)
        fg = [(float(g.PlanePositionSequence[0].ImagePositionPatient[2]), g.PixelValueTransformationSequence[0]) for g in d.PerFrameFunctionalGroupsSequence]
        order = np.argsort([z for z, _ in fg])
        px = d.pixel_array
        return np.stack([px[i] * float(fg[i][1].RescaleSlope) + float(fg[i][1].RescaleIntercept) for i in order])
    def raw_dicom(d):
        dss = [pydicom.dcmread(f) for f in sorted(d.iterdir())]
        return np.stack([x.pixel_array for x in dss])
    def sorted_dicom(d):
        dss = sorted((pydicom.dcmread(f) for f in sorted(d.iterdir())), key=lambda x: float(x.ImagePositionPatient[2]))
        return np.stack([apply_rescale(x.pixel_array, x) for x in dss])
    rows = []
    for kind, paths, raws in (('nifti', nifti, [raw_nifti]), ('dicom', dicom, [raw_dicom, sorted_dicom]), ('itk', itk, [raw_itk]),
                              ('enhanced', enhanced, [raw_enhanced, sorted_enhanced])):
        for p in paths:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')                      # CT2's uneven gaps are reported, and known
                fs = [lambda: read_volume(p)] + [lambda r=r: r(p) for r in raws]
                for f in fs: f()                                     # warm caches and imports
                t_vol, *t_raw = median_times(fs, repeat)
            rows.append(dict(kind=kind, file=p.name, volclf_ms=round(1000 * t_vol, 3), raw_ms=round(1000 * t_raw[0], 3),
                             ratio=round(t_vol / t_raw[0], 3), **({} if kind not in ('dicom', 'enhanced') else dict(
                             sorted_rescaled_ms=round(1000 * t_raw[1], 3), ratio_sorted_rescaled=round(t_vol / t_raw[1], 3)))))
            print(json.dumps(rows[-1]), flush=True)
    summary = {}
    for kind, key in (('nifti', 'raw_ms'), ('dicom', 'raw_ms'), ('dicom_sorted_rescaled', 'sorted_rescaled_ms'), ('itk', 'raw_ms'), ('enhanced', 'raw_ms'), ('enhanced_sorted_rescaled', 'sorted_rescaled_ms')):
        r = [x for x in rows if x['kind'] == kind.split('_')[0]]
        summary[kind] = sum(x['volclf_ms'] for x in r) / sum(x[key] for x in r)
    worst = max(summary['nifti'], summary['dicom'], summary['itk'], summary['enhanced_sorted_rescaled'])
    report(dict(p='IO', ratio=round(worst, 3), repeat=repeat, rows=rows, overhead={k: round(v - 1, 4) for k, v in summary.items()}),
           f"IO {worst:.3f}x | read_volume over raw library, summed medians: NIfTI {summary['nifti']:.3f}x ({len(nifti)} files), "
           f"DICOM {summary['dicom']:.3f}x over bare pydicom and {summary['dicom_sorted_rescaled']:.3f}x over sorted+rescaled "
           f"({len(dicom)} series), NRRD/MetaImage {summary['itk']:.3f}x over SimpleITK ({len(itk)} files), "
           f"Enhanced DICOM {summary['enhanced_sorted_rescaled']:.3f}x over sorted+rescaled pydicom ({summary['enhanced']:.1f}x over its bare "
           f"pixel_array), {repeat} repeats", a.quick)

if __name__ == '__main__': main()
