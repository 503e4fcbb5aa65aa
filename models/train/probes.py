"""Occlusion probes: val AUC with a region of every image set to that image's mean grey level.

The same definitions as `lib/inference/evaluation/probes.ts` (`secondlook probe`): a region is a frame `width`
pixels wide at every edge or a box of rows and columns (inclusive ranges); the fill is the image's mean 8-bit value,
rounded half to even (numpy's np.round of sum / pixels), so the occluded image is still a valid 8-bit image.
AUCs are recorded to 4 decimals.
"""
import numpy as np
import torch

import metrics

PROBES = [  # how much the ranking rests on the edge of the field, or survives without the lungs
    {"name": "frame 2 px", "region": {"kind": "frame", "width": 2}},
    {"name": "frame 4 px", "region": {"kind": "frame", "width": 4}},
    {"name": "lungs hidden (rows 6-21, cols 4-23)", "region": {"kind": "box", "rows": [6, 21], "cols": [4, 23]}},
]


def hidden(region, side):
    """Boolean [side, side]: the pixels the region hides."""
    r, c = np.arange(side)[:, None], np.arange(side)[None, :]
    if region["kind"] == "frame":
        w = region["width"]
        return (r < w) | (r >= side - w) | (c < w) | (c >= side - w)
    (r0, r1), (c0, c1) = region["rows"], region["cols"]
    return (r >= r0) & (r <= r1) & (c >= c0) & (c <= c1)


def occlude(x, region):
    """x: float32 [N,1,S,S] holding 8-bit values / 255; the same with the region set to each image's mean."""
    values = torch.round(x * 255).to(torch.int64)
    fill = torch.from_numpy(np.round(values.sum((1, 2, 3)).numpy() / values[0].numel())).view(-1, 1, 1, 1)
    inside = torch.from_numpy(hidden(region, x.shape[-1])).view(1, 1, *x.shape[-2:])
    return (torch.where(inside, fill, values).to(torch.float32) / 255)


def probe_aucs(model, x, y, predict):
    """The PROBES with each one's val AUC (4 decimals) for a model scored by predict(model, x) -> logits."""
    return [{**probe, "auc": round(metrics.auc(y, predict(model, occlude(x, probe["region"]))), 4)}
            for probe in PROBES]
