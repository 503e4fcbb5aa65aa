"""PneumoniaMNIST loading and batch augmentation (all on torch tensors, seeded)."""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
# The repository lives beside the shared folder: <root>/main/models/train -> <root>/shared.
DEFAULT_DATA = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "shared", "data", "cxr", "pneumoniamnist", "pneumoniamnist.npz"))


def load_split(path, split):
    """Return (images float32 [N,1,28,28] in [0,1], labels int64 [N]) for 'train', 'val' or 'test'."""
    with np.load(path) as d:
        images = d[f"{split}_images"]
        labels = d[f"{split}_labels"].reshape(-1)
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    return x, torch.from_numpy(labels.astype(np.int64))


def augment(x, gen, cfg):
    """Random affine (rotation, scale, translation, optional h-flip) and intensity jitter.

    x: [B,1,H,W] in [0,1]. gen: torch.Generator. cfg: dict with rotate_deg, scale, translate (fraction),
    hflip (bool), gamma, contrast, brightness (ranges), blur_p; optional erase_p, erase_area (see `erase`),
    frame_p, frame_max (see `frame`).
    """
    b = x.shape[0]

    def uniform(lo, hi):
        return lo + (hi - lo) * torch.rand(b, generator=gen)

    angle = uniform(-cfg["rotate_deg"], cfg["rotate_deg"]) * math.pi / 180
    scale = torch.exp(uniform(-math.log(cfg["scale"]), math.log(cfg["scale"])))
    tx = uniform(-cfg["translate"], cfg["translate"]) * 2
    ty = uniform(-cfg["translate"], cfg["translate"]) * 2
    flip = torch.where(torch.rand(b, generator=gen) < (0.5 if cfg["hflip"] else 0.0), -1.0, 1.0)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

    gamma = torch.exp(uniform(-math.log(cfg["gamma"]), math.log(cfg["gamma"]))).view(b, 1, 1, 1)
    x = x.clamp(1e-6, 1) ** gamma
    mean = x.mean((1, 2, 3), keepdim=True)
    contrast = uniform(1 / cfg["contrast"], cfg["contrast"]).view(b, 1, 1, 1)
    brightness = uniform(-cfg["brightness"], cfg["brightness"]).view(b, 1, 1, 1)
    x = (x - mean) * contrast + mean + brightness

    if cfg["blur_p"] > 0:
        k = torch.tensor([0.25, 0.5, 0.25])
        kernel = (k[:, None] * k[None, :]).view(1, 1, 3, 3)
        blurred = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), kernel)
        pick = (torch.rand(b, generator=gen) < cfg["blur_p"]).view(b, 1, 1, 1)
        x = torch.where(pick, blurred, x)
    if cfg.get("erase_p", 0) > 0:
        x = erase(x, gen, cfg["erase_p"], cfg.get("erase_area", (0.02, 0.15)))
    if cfg.get("frame_p", 0) > 0:
        x = frame(x, gen, cfg["frame_p"], cfg.get("frame_max", 4))
    return x.clamp(0, 1)


def frame(x, gen, p, widest):
    """Border masking: with probability p, each side of the image independently loses 0..widest pixels to one
    random constant in [0,1] (collimation, a dark or bright border, a cropped marker), so the label cannot
    ride on what lies at the edge of the field."""
    b, _, h, w = x.shape
    sides = torch.randint(0, widest + 1, (b, 4), generator=gen)
    fill, pick = torch.rand(b, generator=gen), torch.rand(b, generator=gen) < p
    rows = torch.arange(h).view(1, h, 1)
    cols = torch.arange(w).view(1, 1, w)
    top, bottom, left, right = (sides[:, i].view(b, 1, 1) for i in range(4))
    outside = (rows < top) | (rows >= h - bottom) | (cols < left) | (cols >= w - right)
    return torch.where((outside & pick.view(b, 1, 1)).unsqueeze(1), fill.view(b, 1, 1, 1), x)


def erase(x, gen, p, area):
    """Random erasing: with probability p, one rectangle per image (area a fraction in `area`, aspect ratio
    0.5-2) is filled with a random constant in [0,1], so no small region (a marker, a tube, a border)
    can carry the label on its own."""
    b, _, h, w = x.shape
    u = lambda: torch.rand(b, generator=gen)
    frac = area[0] + (area[1] - area[0]) * u()
    aspect = torch.exp((u() * 2 - 1) * math.log(2))
    eh = (torch.sqrt(frac * aspect) * h).round().clamp(1, h)
    ew = (torch.sqrt(frac / aspect) * w).round().clamp(1, w)
    top, left = (u() * (h - eh + 1)).floor(), (u() * (w - ew + 1)).floor()
    fill, pick = u(), u() < p
    rows = torch.arange(h).view(1, h, 1)
    cols = torch.arange(w).view(1, 1, w)
    inside = ((rows >= top.view(b, 1, 1)) & (rows < (top + eh).view(b, 1, 1))
              & (cols >= left.view(b, 1, 1)) & (cols < (left + ew).view(b, 1, 1)) & pick.view(b, 1, 1))
    return torch.where(inside.unsqueeze(1), fill.view(b, 1, 1, 1), x)
