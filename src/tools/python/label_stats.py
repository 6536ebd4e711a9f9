#!/usr/bin/python3
"""Where the authors' labels of the real nano-CT sets sit in grey level and space (bench code, not a plugin).

For each slice of ../shared/data/real-nmc-nanoct: per label, the mean and standard deviation of the grey level
and the mean distance (px) to the nearest CAM (label 0) pixel; then, for consecutive files of set A, the
correlation of the grey images at zero shift and at the shift phase correlation finds (are they neighbouring
sections, i.e. is 3D context available?). Needs Debian's python3-skimage (and SciPy, which it pulls in).

    /usr/bin/python3 src/tools/python/label_stats.py [DATA_DIR]
"""
import os
import sys

import numpy as np
from scipy import ndimage as ndi
from skimage import io
from skimage.registration import phase_cross_correlation

SET_A = (1501, 1502, 1503, 1504)
SET_B = (103, 360, 510, 1098)
NAMES = {0: "CAM", 1: "binder", 2: "pore"}


def find_data():
    here = os.path.abspath(os.getcwd())
    while True:
        candidate = os.path.join(here, "shared", "data", "real-nmc-nanoct")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            sys.exit("no shared/data/real-nmc-nanoct above " + os.getcwd() + "; give the folder as argument")
        here = parent


def load(folder, s):
    grey = io.imread(os.path.join(folder, "%d.tif" % s)).astype(float)
    label = io.imread(os.path.join(folder, "%d_label.tif" % s))
    return grey, label


def class_table(folder):
    print("| slice | " + " | ".join("%s mean / sd / px to CAM" % NAMES[c] for c in (0, 1, 2)) + " |")
    print("|---|---|---|---|")
    for s in SET_A + SET_B:
        grey, label = load(folder, s)
        to_cam = ndi.distance_transform_edt(label != 0)
        cells = []
        for c in (0, 1, 2):
            m = label == c
            cells.append("%.4g / %.3g / %.1f" % (grey[m].mean(), grey[m].std(), to_cam[m].mean()))
        print("| %d | %s |" % (s, " | ".join(cells)))


def overlap_correlation(a, b, dy, dx):
    h, w = a.shape
    ya, yb = (slice(dy, h), slice(0, h - dy)) if dy >= 0 else (slice(0, h + dy), slice(-dy, h))
    xa, xb = (slice(dx, w), slice(0, w - dx)) if dx >= 0 else (slice(0, w + dx), slice(-dx, w))
    return np.corrcoef(a[ya, xa].ravel(), b[yb, xb].ravel())[0, 1]


def neighbour_table(folder):
    print()
    print("| slices | correlation at zero shift | best shift (y, x) | correlation there |")
    print("|---|---|---|---|")
    for s, t in zip(SET_A, SET_A[1:]):
        a, _ = load(folder, s)
        b, _ = load(folder, t)
        shift, _, _ = phase_cross_correlation(a, b)
        dy, dx = int(shift[0]), int(shift[1])
        print("| %d-%d | %.3f | (%d, %d) | %.3f |" % (s, t, overlap_correlation(a, b, 0, 0), dy, dx,
                                                     overlap_correlation(a, b, dy, dx)))


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else find_data()
    class_table(data)
    neighbour_table(data)
