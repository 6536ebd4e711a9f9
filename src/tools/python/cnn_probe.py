#!/usr/bin/python3
"""Feasibility probe (bench code, not part of CathodeJ): can a small CNN meet issue 18's segmentation targets?

Protocol of issue 18 / SliceEvaluation on ../shared/data/real-nmc-nanoct: 1 % class-stratified random pixels of
one slice (seed 1; the very pixels org.cathodej.segment.SliceEvaluation.stratifiedScribbles draws: Java's
SplittableRandom is reproduced below), train once on the first and once on the last slice of each set, apply to
all four slices; report the held-out means (over the three other slices) of accuracy, balanced accuracy, mean IoU
and per-phase IoU, computed per slice as org.cathodej.segment.Comparison does. Label mapping: 0 (NMC) -> CAM,
2 (darkest) -> pore, 1 (carbon binder) -> the ISE slot.

The nets are trained with a masked (sparse) cross-entropy on the scribbled pixels only, or, as an upper bound of
what one slice can teach, on every pixel of the training slice (--dense). CPU only, fixed seeds,
torch.set_num_threads(--threads, default 1).

Needs Debian's python3-torch and python3-skimage; run with /usr/bin/python3 from the checkout, e.g.
    nice -n 10 /usr/bin/python3 src/tools/python/cnn_probe.py dil16 unet --sets A,B
"""
import argparse
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from skimage import io

SETS = {"A": ["1501", "1502", "1503", "1504"], "B": ["103", "360", "510", "1098"]}
PORE, CAM, BINDER, OTHER = 0, 1, 2, 3  # CathodeJ's phase indices (pore, CAM, ISE slot)
TRUTH_TO_PHASE = {0: CAM, 1: BINDER, 2: PORE}
MASK64 = (1 << 64) - 1


def shared_data():
    """shared/data found by walking up from the working directory (as org.cathodej.bench.SharedData)."""
    p = os.path.abspath(os.getcwd())
    while True:
        d = os.path.join(p, "shared", "data")
        if os.path.isdir(d):
            return d
        parent = os.path.dirname(p)
        if parent == p:
            sys.exit("shared/data not found above " + os.getcwd())
        p = parent


class JavaSplittableRandom:
    """java.util.SplittableRandom(seed).nextInt(bound), bit for bit (checked against the scribbles Java draws), so the scribbles are Java's."""
    GOLDEN_GAMMA = 0x9E3779B97F4A7C15

    def __init__(self, seed):
        self.seed = seed & MASK64

    def _next_seed(self):
        self.seed = (self.seed + self.GOLDEN_GAMMA) & MASK64
        return self.seed

    @staticmethod
    def _mix32(z):
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
        r = (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32
        return r - (1 << 32) if r >= (1 << 31) else r  # as a Java int

    def next_int(self, bound):
        r = self._mix32(self._next_seed())
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if not -(1 << 31) <= u + m - r < (1 << 31):  # Java int overflow: reject
                u = (self._mix32(self._next_seed()) & 0xFFFFFFFF) >> 1
                continue
            return r


def stratified_scribbles(phase, fraction, seed):
    """As SliceEvaluation.stratifiedScribbles on one slice: per phase (pore, CAM, ISE) round(fraction x count)
    pixels by a partial Fisher-Yates with one generator; returns the phase at the drawn pixels, -1 elsewhere."""
    flat = phase.ravel()
    out = np.full(flat.shape, -1, np.int64)
    rnd = JavaSplittableRandom(seed)
    for c in (PORE, CAM, BINDER):
        idx = np.nonzero(flat == c)[0].tolist()
        m = len(idx)
        if m == 0:
            continue
        k = int(max(1, min(m, math.floor(fraction * m + 0.5))))
        for i in range(k):
            j = i + rnd.next_int(m - i)
            idx[i], idx[j] = idx[j], idx[i]
            out[idx[i]] = c
    return out.reshape(phase.shape)


def load(names):
    d = os.path.join(shared_data(), "real-nmc-nanoct")
    grey = np.stack([io.imread(os.path.join(d, n + ".tif")).astype(np.float32) for n in names])
    lab = np.stack([io.imread(os.path.join(d, n + "_label.tif")) for n in names])
    phase = np.full(lab.shape, OTHER, np.int64)
    for v, p in TRUTH_TO_PHASE.items():
        phase[lab == v] = p
    return grey, phase


def normalise(slice_):
    """Per-slice linear map of the 1st / 99th percentiles to -1 / 1 (as normalisation=slice, centred)."""
    lo, hi = np.percentile(slice_[np.isfinite(slice_)], [1, 99])
    return (2 * (slice_ - lo) / max(hi - lo, 1e-12) - 1).astype(np.float32)


# ---- scoring, as org.cathodej.segment.Comparison ----

def confusion(truth, seg):
    m = np.zeros((4, 4), np.int64)
    np.add.at(m, (truth.ravel(), seg.ravel()), 1)
    return m


def scores(m):
    tp = np.diag(m)[:3].astype(float)
    union = m[:3].sum(1) + m[:, :3].sum(0) - tp
    iou = np.where(union > 0, tp / np.maximum(union, 1), np.nan)
    tc = m[:3].sum(1)
    recall = np.where(tc > 0, tp / np.maximum(tc, 1), np.nan)
    return {"acc": np.trace(m) / m.sum(), "bacc": np.nanmean(recall), "miou": np.nanmean(iou),
            "cam": iou[CAM], "pore": iou[PORE], "binder": iou[BINDER]}


# ---- the nets ----

class Dilated(nn.Module):
    """3x3 convolutions with growing dilation (context aggregation), then a 1x1 classifier."""

    def __init__(self, width, dilations):
        super().__init__()
        layers, cin = [], 1
        for d in dilations:
            layers += [nn.Conv2d(cin, width, 3, padding=d, dilation=d, padding_mode="reflect"), nn.ReLU(inplace=True)]
            cin = width
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(width, 3, 1)
        self.divisor = 1

    def forward(self, x):
        return self.head(self.body(x))


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, padding_mode="reflect"), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1, padding_mode="reflect"), nn.ReLU(inplace=True))


class TinyUNet(nn.Module):
    """Three poolings (receptive field about 70 px), widths w, 2w, 4w, 4w."""

    def __init__(self, w):
        super().__init__()
        self.e1, self.e2, self.e3, self.b = block(1, w), block(w, 2 * w), block(2 * w, 4 * w), block(4 * w, 4 * w)
        self.d3, self.d2, self.d1 = block(8 * w, 2 * w), block(4 * w, w), block(2 * w, w)
        self.head = nn.Conv2d(w, 3, 1)
        self.divisor = 8

    def forward(self, x):
        e1 = self.e1(x)
        e2 = self.e2(F.max_pool2d(e1, 2))
        e3 = self.e3(F.max_pool2d(e2, 2))
        b = self.b(F.max_pool2d(e3, 2))
        up = lambda t: F.interpolate(t, scale_factor=2, mode="nearest")
        d3 = self.d3(torch.cat([up(b), e3], 1))
        d2 = self.d2(torch.cat([up(d3), e2], 1))
        d1 = self.d1(torch.cat([up(d2), e1], 1))
        return self.head(d1)


CONFIGS = {
    # name: (factory, training options)
    "dil16": (lambda: Dilated(16, [1, 2, 4, 8, 16, 1]), {}),
    "dil16-bal": (lambda: Dilated(16, [1, 2, 4, 8, 16, 1]), {"balanced": True}),
    "dil32-bal": (lambda: Dilated(32, [1, 2, 4, 8, 16, 1]), {"balanced": True}),
    "unet8": (lambda: TinyUNet(8), {}),
}


def dihedral(t, k):
    t = torch.rot90(t, k % 4, dims=(-2, -1))
    return torch.flip(t, dims=(-1,)) if k >= 4 else t


def train(net, image, target, opts, seed, steps, crop, batch, log):
    """image: normalised training slice (H, W); target: phase per pixel, -1 where unlabelled (ignored)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    img = torch.from_numpy(image)[None, None]
    tgt = torch.from_numpy(target)[None, None]
    counts = np.array([(target == c).sum() for c in range(3)], float)
    weight = None
    if opts.get("balanced"):
        w = counts.sum() / (3 * np.maximum(counts, 1))
        weight = torch.tensor(w, dtype=torch.float32)
    opt = torch.optim.AdamW(net.parameters(), lr=opts.get("lr", 3e-3), weight_decay=opts.get("wd", 1e-4))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=opts.get("lr", 3e-3), total_steps=steps, pct_start=0.1)
    h, w = image.shape
    net.train()
    for step in range(steps):
        xs, ys = [], []
        for _ in range(batch):
            y0, x0 = rng.integers(0, h - crop + 1), rng.integers(0, w - crop + 1)
            k = int(rng.integers(0, 8))
            x = dihedral(img[..., y0:y0 + crop, x0:x0 + crop], k)
            # small grey-level jitter: the held-out slices' normalised grey levels differ a little
            x = x * float(rng.uniform(0.9, 1.1)) + float(rng.uniform(-0.1, 0.1))
            xs.append(x)
            ys.append(dihedral(tgt[..., y0:y0 + crop, x0:x0 + crop], k))
        x, y = torch.cat(xs), torch.cat(ys)[:, 0]
        if (y >= 0).sum() == 0:
            continue
        loss = F.cross_entropy(net(x), y, weight=weight, ignore_index=-1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if log and (step % 100 == 0 or step == steps - 1):
            print(f"    step {step} loss {loss.item():.4f}", flush=True)


@torch.no_grad()
def predict(net, image):
    net.eval()
    h, w = image.shape
    d = net.divisor
    ph, pw = (-h) % d, (-w) % d
    x = torch.from_numpy(image)[None, None]
    if ph or pw:
        x = F.pad(x, (0, pw, 0, ph), mode="reflect")
    return net(x)[0, :, :h, :w].argmax(0).numpy()


def run(setname, ts, cfg, args):
    grey, phase = load(SETS[setname])
    norm = np.stack([normalise(s) for s in grey])
    target = phase[ts] if args.dense else stratified_scribbles(phase[ts], args.fraction, args.seed)
    if args.dense:
        target = np.where(target == OTHER, -1, target)
    factory, opts = CONFIGS[cfg]
    torch.manual_seed(args.seed)
    net = factory()
    t0 = time.process_time()
    train(net, norm[ts], target.astype(np.int64), opts, args.seed, args.steps, args.crop, args.batch, args.verbose)
    t1 = time.process_time()
    per = [scores(confusion(phase[z], predict(net, norm[z]))) for z in range(len(grey))]
    t2 = time.process_time()
    held = {k: np.nanmean([p[k] for z, p in enumerate(per) if z != ts]) for k in per[0]}
    params = sum(p.numel() for p in net.parameters())
    return held, per[ts], params, t1 - t0, t2 - t1, int((target >= 0).sum())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("configs", nargs="+", choices=sorted(CONFIGS))
    ap.add_argument("--sets", default="A,B")
    ap.add_argument("--slices", default="first,last")
    ap.add_argument("--dense", action="store_true", help="train on every pixel of the training slice")
    ap.add_argument("--fraction", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--crop", type=int, default=96)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--check-scribbles", metavar="DIR", help="compare the scribbles with Java's: DIR/scribbles_<slice>.u8 holds "
                    "SliceEvaluation.stratifiedScribbles(truth, new PhaseLabels(2, 0, 1), z, 0.01, 1) of the training slice, one byte a pixel")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.check_scribbles:
        for s in args.sets.split(","):
            for ts in (0, 3):
                name = SETS[s][ts]
                _, phase = load(SETS[s])
                mine = stratified_scribbles(phase[ts], args.fraction, args.seed)
                java = np.fromfile(os.path.join(args.check_scribbles, f"scribbles_{name}.u8"), np.uint8).reshape(mine.shape)
                same = np.array_equal(np.where(mine >= 0, mine + 1, 0), java)
                print(f"{name}: {int((mine >= 0).sum())} scribbles, identical to Java's: {same}")
        return
    print(f"# {'dense' if args.dense else 'sparse'} labels, steps {args.steps}, crop {args.crop}, batch {args.batch}, "
          f"seed {args.seed}, torch threads {args.threads}, torch {torch.__version__}")
    print("| set | train slice | net | labels | params | accuracy | balanced acc. | mean IoU | IoU CAM | IoU pore | IoU binder "
          "| in-sample mean IoU / binder | train CPU s | apply CPU s (4 slices) |")
    for s in args.sets.split(","):
        for sl in args.slices.split(","):
            ts = 0 if sl == "first" else len(SETS[s]) - 1
            for cfg in args.configs:
                h, ins, params, tt, ta, nlab = run(s, ts, cfg, args)
                print(f"| {s} | {sl} | {cfg} | {'dense' if args.dense else 'sparse'} {nlab} | {params} | {h['acc']:.3f} | "
                      f"{h['bacc']:.3f} | {h['miou']:.3f} | {h['cam']:.3f} | {h['pore']:.3f} | {h['binder']:.3f} | "
                      f"{ins['miou']:.3f} / {ins['binder']:.3f} | {tt:.0f} | {ta:.1f} |", flush=True)


if __name__ == "__main__":
    main()
