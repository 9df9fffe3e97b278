#!/usr/bin/env python3
"""P9: VesselMNIST3D (MedMNIST v3, 28³ masks of brain-vessel segments, vessel vs aneurysm), test AUC and accuracy
over seeds, through volclf's plan alone.

Protocol (`_protocol.py`): the official train split (1335) trains, the official val split (191) chooses the kept
epochs and the decision threshold, the official test split (382: 339 vessels, 43 aneurysms) is used once per seed.
Nothing is set for this dataset: the plan reads the training split's fingerprint and fits a budget of --minutes
per seed on this machine.

    python bench/p9_vessel.py [--seeds 0 1 2] [--minutes 10] [--quick]
    python bench/p9_vessel.py --grid 64 --out DIR    # the same masks resampled to 64³ (another resolution): p9_vessel_64.json
    python bench/p9_vessel.py --kept --out DIR       # train nothing: the saved runs' kept epoch against their last (by_kept)
"""
from _protocol import medmnist_benchmark

PUBLISHED = [  # MedMNIST v2 (Yang et al., Scientific Data 2023), VesselMNIST3D test: (method, AUC, ACC)
    ('ResNet-18 + 2.5D', 0.748, 0.846), ('ResNet-18 + 3D', 0.874, 0.877), ('ResNet-18 + ACS', 0.930, 0.928),
    ('ResNet-50 + 2.5D', 0.751, 0.877), ('ResNet-50 + 3D', 0.907, 0.918), ('ResNet-50 + ACS', 0.912, 0.858),
    ('auto-sklearn', 0.910, 0.915), ('AutoKeras', 0.773, 0.894)]

if __name__ == '__main__': medmnist_benchmark(__doc__, 'P9', 'vessel', 'vesselmnist3d.npz', 'VesselMNIST3D 28^3', PUBLISHED)
