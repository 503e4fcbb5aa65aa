"""One command reproduces the released pneumonia-cxr model and every file beside it:

    /usr/bin/python3 models/train/train.py [--data PATH] [--out DIR] [--epochs N]

Trains the ensemble members on the train split, fits temperature and operating points on val,
exports model.onnx + model.json + head.json, reads the test split once for eval-reference.json and
MODEL_CARD.md, and writes the fixtures. --epochs overrides the recipe for smoke runs only.
"""
import argparse
import copy
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

import data
import metrics
from model import Classifier, Released

RECIPE = {
    "widths": (32, 64, 128),
    "seeds": (1, 2, 3, 4),
    "flip_tta": True,
    "epochs": 20,
    "batch_size": 64,
    "lr": 2e-3,
    "weight_decay": 5e-4,
    "augment": {"rotate_deg": 10, "scale": 1.15, "translate": 0.08, "hflip": True,
                "gamma": 1.4, "contrast": 1.3, "brightness": 0.08, "blur_p": 0.2},
    "clean": {"folds": 4, "epochs": 12},
}


def setup(seed):
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


@torch.no_grad()
def predict(model, x, batch=256):
    model.eval()
    return torch.cat([model(x[i:i + batch])[0] for i in range(0, len(x), batch)]).double().numpy()[:, 0]


def train_member(recipe, seed, train, val, log):
    """AdamW with a one-cycle cosine schedule, optional mixup, label smoothing, sharpness-aware minimisation (SAM),
    weight EMA, internal upsampling and MixStyle; logs val AUC/NLL per epoch; returns (final-epoch model, EMA model or None)."""
    setup(seed)
    gen = torch.Generator().manual_seed(seed)
    model = Classifier(recipe["widths"], upsample=recipe.get("upsample", 1),
                       normalisation=recipe.get("normalisation", "meanstd"), mixstyle=recipe.get("mixstyle"))
    x, y = train
    steps = recipe["epochs"] * ((len(x) + recipe["batch_size"] - 1) // recipe["batch_size"])
    opt = torch.optim.AdamW(model.parameters(), recipe["lr"], weight_decay=recipe["weight_decay"])
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, recipe["lr"], total_steps=steps, pct_start=0.15)
    mixup = recipe.get("mixup", 0.0)
    smooth = recipe.get("label_smoothing", 0.0)
    sam = recipe.get("sam", 0.0)
    lam_rng = np.random.default_rng(seed)
    ema = copy.deepcopy(model) if recipe.get("ema") else None
    for epoch in range(recipe["epochs"]):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        total = 0.0
        for i in range(0, len(x), recipe["batch_size"]):
            idx = order[i:i + recipe["batch_size"]]
            xb, yb = data.augment(x[idx], gen, recipe["augment"]), y[idx].float()
            if mixup:
                lam = float(lam_rng.beta(mixup, mixup))
                perm = torch.randperm(len(idx), generator=gen)
                xb, yb = lam * xb + (1 - lam) * xb[perm], lam * yb + (1 - lam) * yb[perm]
            loss = member_loss(model, xb, yb, smooth)
            opt.zero_grad()
            loss.backward()
            if sam:
                sam_second_pass(model, opt, sam, lambda: member_loss(model, xb, yb, smooth))
            opt.step()
            sched.step()
            if ema is not None:
                update_ema(ema, model, recipe["ema"])
            total += float(loss) * len(idx)
        for tag, m in (("", model), (" ema", ema)) if ema is not None else (("", model),):
            z = predict(m, val[0])
            log(f"seed {seed} epoch {epoch + 1:2d}{tag} loss {total / len(x):.4f} val auc "
                f"{metrics.auc(val[1].numpy(), z):.4f} nll {metrics.nll(val[1].numpy(), 1 / (1 + np.exp(-z))):.4f}")
    return model.eval(), (ema.eval() if ema is not None else None)


def member_loss(model, x, y, smoothing=0.0):
    """Mean binary cross-entropy of the first logit against y, label-smoothed to y * (1 - e) + e / 2."""
    return F.binary_cross_entropy_with_logits(model(x)[0][:, 0], y * (1 - smoothing) + 0.5 * smoothing)


def sam_second_pass(model, opt, rho, loss_fn):
    """Sharpness-aware minimisation (Foret et al. 2021): move the weights by rho along the normalised gradient,
    take the gradient there and put the weights back exactly, so the optimiser steps with the gradient at the
    worst nearby point. The second forward leaves the BatchNorm running statistics alone (momentum 0)."""
    params = [p for p in model.parameters() if p.grad is not None]
    with torch.no_grad():
        saved = [p.detach().clone() for p in params]
        norm = torch.norm(torch.stack([p.grad.norm() for p in params]))
        for p in params:
            p.add_(p.grad * (rho / (norm + 1e-12)))
    norms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    momenta = [m.momentum for m in norms]
    for m in norms:
        m.momentum = 0.0
    opt.zero_grad()
    loss_fn().backward()
    for m, momentum in zip(norms, momenta):
        m.momentum = momentum
    with torch.no_grad():
        for p, w in zip(params, saved):
            p.copy_(w)


@torch.no_grad()
def update_ema(ema, model, decay):
    """Exponential moving average of the weights and of the BatchNorm running statistics."""
    for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
        if e.dtype.is_floating_point:
            e.mul_(decay).add_(m, alpha=1 - decay)
        else:
            e.copy_(m)


def main():
    import calibrate
    import clean
    import export
    import fixtures
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=data.DEFAULT_DATA)
    ap.add_argument("--out", default=os.path.normpath(os.path.join(data.HERE, "..", "pneumonia-cxr")))
    ap.add_argument("--epochs", type=int, help="override the recipe (smoke runs only)")
    args = ap.parse_args()
    recipe = copy.deepcopy(RECIPE)
    if args.epochs:
        recipe["epochs"] = args.epochs
    start = time.time()
    log = lambda msg: print(f"[{time.time() - start:7.1f}s] {msg}", flush=True)

    train, val = data.load_split(args.data, "train"), data.load_split(args.data, "val")
    train, cleaning = clean.pruned(recipe, train, val, train_member, predict, log)
    members = []
    for seed in recipe["seeds"]:
        final, ema = train_member(recipe, seed, train, val, log)
        members.append(ema if recipe.get("ema") else final)
    released = Released(members, recipe["flip_tta"]).eval()

    val_logits = predict(released, val[0])
    temperature = calibrate.fit_temperature(val_logits, val[1].numpy())
    points = calibrate.operating_points(val_logits, val[1].numpy(), temperature)
    log(f"val auc {metrics.auc(val[1].numpy(), val_logits):.4f} T {temperature:.4f} {points}")

    test = data.load_split(args.data, "test")  # read once, for the card
    reference = export.evaluate(released, val, test, temperature, points, predict)
    fixtures.write(os.path.join(args.out, "fixtures"), released, val, test)
    export.write_all(args.out, released, recipe, cleaning, temperature, points, reference, time.time() - start)
    log(f"done: test auc {reference['test']['auc']:.4f}")


if __name__ == "__main__":
    main()
