#!/usr/bin/env python3
"""P5: AdrenalMNIST3D (MedMNIST v2, 28³ shape masks, normal vs hyperplasia), test AUC and accuracy over seeds,
through volclf's plan alone.

Protocol (`_protocol.py`): the official train split (1188) trains, the official val split (98) chooses the kept
epochs and the decision threshold, the official test split (298) is used once per seed. Nothing is set for this
dataset: the plan reads the training split's fingerprint and fits a budget of --minutes per seed on this machine.
(The hand-picked recipe this replaced, a ResNet-10 of width 16 with 12 epochs, scored AUC 0.880 ± 0.015, ACC
0.828 ± 0.014 on a Xeon with bfloat16.)

    python bench/p5_adrenal.py [--seeds 0 1 2] [--minutes 10] [--quick]
"""
from _protocol import data_file, arguments, run_plan, pm, facts
from _report import report

PUBLISHED = [  # MedMNIST v2 (Yang et al., Scientific Data 2023), AdrenalMNIST3D test: (method, AUC, ACC)
    ('ResNet-18 + 2.5D', 0.718, 0.772), ('ResNet-18 + 3D', 0.827, 0.721), ('ResNet-18 + ACS', 0.839, 0.754),
    ('ResNet-50 + 2.5D', 0.735, 0.763), ('ResNet-50 + 3D', 0.828, 0.745), ('ResNet-50 + ACS', 0.828, 0.758),
    ('auto-sklearn', 0.828, 0.802), ('AutoKeras', 0.804, 0.705)]

def main():
    a = arguments(__doc__, minutes=10.)
    from volclf.data import from_medmnist
    ds = from_medmnist(data_file('medmnist', 'adrenalmnist3d.npz'))
    res = run_plan('P5 adrenal', ds.part('train'), ds.part('val'), ds.part('test'), a)
    s = res['summary']
    for m, auc, acc in PUBLISHED: print(f"  {m:<18} AUC {auc:.3f}  ACC {acc:.3f}")
    print(f"  {'volclf (this run)':<18} AUC {pm(s, 'auc')}  ACC {pm(s, 'accuracy')}")
    report(dict(p='P5', dataset='AdrenalMNIST3D 28^3', auc=s['metrics']['auc'], accuracy=s['metrics']['accuracy'],
                balanced_accuracy=s['metrics']['balanced_accuracy'], published=PUBLISHED, **facts(res)),
           f"P5 AUC {pm(s, 'auc')} | AdrenalMNIST3D test, ACC {pm(s, 'accuracy')}, balanced {pm(s, 'balanced_accuracy')}, seeds {res['seeds']} "
           f"(best published AUC 0.839, ACC 0.802); planned, {max(res['minutes']):.1f} min per seed at most", a.quick)

if __name__ == '__main__': main()
