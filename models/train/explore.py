"""Recipe exploration on train/val only (never reads test): the numbers in the card's "What was tried".

    /usr/bin/python3 models/train/explore.py train NAME [--set KEY=JSON ...] [--seeds 1 2] [--work DIR]
    /usr/bin/python3 models/train/explore.py score NAME [NAME ...] [--work DIR]

`train` trains members of the release recipe with overrides (e.g. --set mixup=0.2 --set epochs=30
--set augment.gamma=1.6) and saves their weights under DIR/NAME/seed-S.pt. `score` combines the saved
members of the named runs into one ensemble (flip-TTA as in the recipe) and prints val AUC, val NLL and
ECE after temperature scaling, and the same on "shifted val": val under fixed synthetic shifts that the
augmentation does not cover exactly (see SHIFTS), scored with the temperature and `balanced` threshold
fitted on plain val, as a proxy for the test split's shift (normals called pneumonia), and val AUC under
probes.PROBES: a frame at the edge of the field, or the lungs, filled with the image's mean.
"""
import argparse
import copy
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import calibrate
import clean
import data
import metrics
import probes
from model import Classifier, Released
from train import RECIPE, predict, train_member


def _zoom_rotate(x, scale, degrees):
    a = math.radians(degrees)
    theta = torch.tensor([[math.cos(a) / scale, -math.sin(a) / scale, 0.0],
                          [math.sin(a) / scale, math.cos(a) / scale, 0.0]]).expand(len(x), 2, 3)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


def _noise(x, sigma):
    g = torch.Generator().manual_seed(0)
    return (x + sigma * torch.randn(x.shape, generator=g)).clamp(0, 1)


SHIFTS = {  # fixed, deterministic perturbations of the val images
    "low-res (28->14->28)": lambda x: F.interpolate(F.avg_pool2d(x, 2), scale_factor=2, mode="bilinear",
                                                    align_corners=False),
    "dark, flat (gamma 1.5, contrast 0.75)": lambda x: ((x ** 1.5 - (x ** 1.5).mean((1, 2, 3), keepdim=True)) * 0.75
                                                        + (x ** 1.5).mean((1, 2, 3), keepdim=True)).clamp(0, 1),
    "bright (gamma 0.7)": lambda x: x.clamp(1e-6, 1) ** 0.7,
    "zoom 1.12, rotate 7 deg": lambda x: _zoom_rotate(x, 1.12, 7),
    "noise sigma 0.04": lambda x: _noise(x, 0.04),
    "composite (low-res, gamma 1.3, zoom 1.08, noise 0.03)": lambda x: _noise(_zoom_rotate(
        F.interpolate(F.avg_pool2d(x, 2), scale_factor=2, mode="bilinear", align_corners=False).clamp(1e-6, 1) ** 1.3,
        1.08, 0), 0.03),
}


def _run_dir(work, name):
    return os.path.join(work, name)


def cmd_train(args):
    recipe = copy.deepcopy(RECIPE)
    for kv in args.set or []:
        key, value = kv.split("=", 1)
        target = recipe
        *path, last = key.split(".")
        for k in path:
            target = target[k]
        target[last] = json.loads(value)
    out = _run_dir(args.work, args.name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "recipe.json"), "w") as f:
        json.dump(recipe, f, indent=1)
    train, val = data.load_split(args.data, "train"), data.load_split(args.data, "val")
    start = time.time()
    log = lambda msg: print(f"[{time.time() - start:7.1f}s] {msg}", flush=True)
    train, cleaned = clean.pruned(recipe, train, val, train_member, predict, log)
    if cleaned:
        with open(os.path.join(out, "clean.json"), "w") as f:
            json.dump(cleaned, f)
    for seed in args.seeds:
        final, ema = train_member(recipe, seed, train, val, log)
        torch.save(final.state_dict(), os.path.join(out, f"seed-{seed}.pt"))
        if ema is not None:  # saved as its own run, NAME-ema
            os.makedirs(out + "-ema", exist_ok=True)
            with open(os.path.join(out + "-ema", "recipe.json"), "w") as f:
                json.dump(recipe, f, indent=1)
            torch.save(ema.state_dict(), os.path.join(out + "-ema", f"seed-{seed}.pt"))


def _load_members(work, names):
    members, flip = [], None
    for name in names:
        d = _run_dir(work, name)
        recipe = json.load(open(os.path.join(d, "recipe.json")))
        flip = recipe["flip_tta"] if flip is None else flip
        for f in sorted(os.listdir(d)):
            if f.endswith(".pt"):
                m = Classifier(recipe["widths"], upsample=recipe.get("upsample", 1),
                               normalisation=recipe.get("normalisation", "meanstd"))
                m.load_state_dict(torch.load(os.path.join(d, f)))
                members.append(m.eval())
    return members, flip


def score(val_x, val_y, model):
    y = val_y.numpy()
    z = predict(model, val_x)
    t = calibrate.fit_temperature(z, y)
    bal = calibrate.operating_points(z, y, t)[1]
    p = calibrate.sigmoid(z / t)
    row = {"auc": metrics.auc(y, z), "nll": metrics.nll(y, p), "ece": metrics.ece(y, p), "T": t,
           "acc_bal": metrics.at_threshold(y, p, bal["threshold"])["accuracy"]}
    shifted = []
    for fn in SHIFTS.values():
        zs = predict(model, fn(val_x))
        ps = calibrate.sigmoid(zs / t)
        at = metrics.at_threshold(y, ps, bal["threshold"])
        shifted.append({"auc": metrics.auc(y, zs), "nll": metrics.nll(y, ps), "ece": metrics.ece(y, ps),
                        "spec": at["specificity"], "sens": at["sensitivity"]})
    row["shifted"] = {k: float(np.mean([s[k] for s in shifted])) for k in shifted[0]}
    row["shifted_auc_each"] = [round(s["auc"], 4) for s in shifted]
    row["probes_auc"] = {probe["name"]: probe["auc"] for probe in probes.probe_aucs(model, val_x, y, predict)}
    return row


def cmd_score(args):
    torch.set_num_threads(2)
    val = data.load_split(args.data, "val")
    members, flip = _load_members(args.work, args.names)
    rows = {}
    for label, tta in (("plain", False), ("tta", True)) if flip else (("plain", False),):
        rows[label] = score(*val, Released(members, tta).eval())
    print(json.dumps({"runs": args.names, "members": len(members), **rows}))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=data.DEFAULT_DATA)
    ap.add_argument("--work", default="/tmp/secondlook-explore")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("name")
    t.add_argument("--set", action="append")
    t.add_argument("--seeds", type=int, nargs="+", default=[1])
    s = sub.add_parser("score")
    s.add_argument("names", nargs="+")
    args = ap.parse_args()
    cmd_train(args) if args.cmd == "train" else cmd_score(args)


if __name__ == "__main__":
    main()
