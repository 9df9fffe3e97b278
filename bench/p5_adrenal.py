#!/usr/bin/env python3
"""P5: AdrenalMNIST3D (MedMNIST v2, 28³ shape masks, normal vs hyperplasia), test AUC and accuracy over seeds,
through volclf's plan alone.

Protocol (`_protocol.py`): the official train split (1188) trains, the official val split (98) chooses the kept
epochs and the decision threshold, the official test split (298) is used once per seed. Nothing is set for this
dataset: the plan reads the training split's fingerprint and fits a budget of --minutes per seed on this machine.
(The hand-picked recipe this replaced, a ResNet-10 of width 16 with 12 epochs, scored AUC 0.880 ± 0.015, ACC
0.828 ± 0.014 on a Xeon with bfloat16.)

    python bench/p5_adrenal.py [--seeds 0 1 2] [--minutes 10] [--quick]
    python bench/p5_adrenal.py --grid 64 --out DIR   # the same masks resampled to 64³ (another resolution): p5_adrenal_64.json
    python bench/p5_adrenal.py --kept --out DIR      # train nothing: the saved runs' kept epoch against their last (by_kept)
"""
from _protocol import medmnist_benchmark

PUBLISHED = [  # MedMNIST v2 (Yang et al., Scientific Data 2023), AdrenalMNIST3D test: (method, AUC, ACC)
    ('ResNet-18 + 2.5D', 0.718, 0.772), ('ResNet-18 + 3D', 0.827, 0.721), ('ResNet-18 + ACS', 0.839, 0.754),
    ('ResNet-50 + 2.5D', 0.735, 0.763), ('ResNet-50 + 3D', 0.828, 0.745), ('ResNet-50 + ACS', 0.828, 0.758),
    ('auto-sklearn', 0.828, 0.802), ('AutoKeras', 0.804, 0.705)]

if __name__ == '__main__': medmnist_benchmark(__doc__, 'P5', 'adrenal', 'adrenalmnist3d.npz', 'AdrenalMNIST3D 28^3', PUBLISHED)
