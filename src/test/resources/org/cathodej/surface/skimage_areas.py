"""Reference areas from scikit-image for SkimageCrossCheckTest (run with the system python3 + python3-skimage).

volume RAW W H D SX SY SZ LABEL...: RAW holds W*H*D uint8 labels, x fastest then y then z. For each method
(lewiner, lorensen) and label, prints "method label area" of marching_cubes((labels == label) as float32,
level=0.5, spacing=(SZ, SY, SX), method=method) followed by mesh_surface_area (no padding).
configs SX SY SZ: the area of every 2x2x2 configuration (bit k set = corner (k&1, k>>1&1, k>>2&1) inside),
printed as "method config area".
"""
import sys
import numpy as np
from skimage.measure import marching_cubes, mesh_surface_area

METHODS = ("lewiner", "lorensen")


def area(indicator, spacing, method):
    if indicator.min() == indicator.max():
        return 0.0
    verts, faces, _, _ = marching_cubes(indicator, 0.5, spacing=spacing, method=method)
    return float(mesh_surface_area(verts, faces))


def main(argv):
    if argv[0] == "volume":
        raw, w, h, d = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
        spacing = (float(argv[7]), float(argv[6]), float(argv[5]))
        labels = np.fromfile(raw, dtype=np.uint8).reshape(d, h, w)
        for method in METHODS:
            for label in argv[8:]:
                indicator = (labels == int(label)).astype(np.float32)
                print(method, label, repr(area(indicator, spacing, method)))
    else:
        spacing = (float(argv[3]), float(argv[2]), float(argv[1]))
        for method in METHODS:
            for c in range(256):
                cube = np.zeros((2, 2, 2), np.float32)
                for k in range(8):
                    if c >> k & 1:
                        cube[k >> 2 & 1, k >> 1 & 1, k & 1] = 1
                print(method, c, repr(area(cube, spacing, method)))


if __name__ == "__main__":
    main(sys.argv[1:])
