"""Label-noise pruning of the train split by confident learning (Northcutt et al. 2021, JAIR 70).

Kermany et al. had only the test split's labels checked by a third expert; train and val carry the two
graders' labels. Recipe option `clean` ({"folds": K, "epochs": E}) removes the train images whose
out-of-fold prediction confidently disagrees with their label before the members are trained:

1. K stratified folds of train (fixed seed); for each fold one member of the recipe (E epochs, seed 100 + k)
   trained on the other folds predicts the held-out fold (flip-TTA as in the recipe): every train image gets
   a probability from a model that never saw it.
2. Per-class thresholds t_j = mean predicted probability of class j over the images labelled j.
3. Confident joint: an image labelled i counts as class j when its probability of j is >= t_j (both: the
   larger margin over its threshold).
4. The images off the confident joint's diagonal go (labelled i, counted as j != i; cleanlab's
   `filter_by="confident_learning"`).
"""
import numpy as np
import torch

from model import Released


def folds(y, k, seed=0):
    """Fold index per image: each class shuffled with a fixed seed and dealt round-robin into k folds."""
    rng = np.random.default_rng(seed)
    fold = np.empty(len(y), dtype=np.int64)
    for label in np.unique(y):
        idx = np.flatnonzero(y == label)
        fold[rng.permutation(idx)] = np.arange(len(idx)) % k
    return fold


def confident_errors(y, p):
    """Indices (sorted) of the images whose label confident learning calls wrong. y: labels 0/1, p: P(1)."""
    y, p = np.asarray(y), np.asarray(p, dtype=np.float64)
    probs = np.stack([1 - p, p], axis=1)
    thresholds = np.array([probs[y == j, j].mean() for j in (0, 1)])
    above = probs >= thresholds
    margin = np.where(above, probs - thresholds, -np.inf)
    counted = np.where(above.any(axis=1), margin.argmax(axis=1), -1)
    return np.flatnonzero((counted >= 0) & (counted != y))


def out_of_fold(recipe, train, val, train_member, predict, log):
    """Out-of-fold P(pneumonia) for every train image (see the module docstring, step 1)."""
    x, y = train
    cfg = recipe["clean"]
    fold = folds(y.numpy(), cfg["folds"])
    fold_recipe = {**recipe, "epochs": cfg["epochs"]}
    p = np.empty(len(y), dtype=np.float64)
    for k in range(cfg["folds"]):
        held = torch.from_numpy(np.flatnonzero(fold == k))
        kept = torch.from_numpy(np.flatnonzero(fold != k))
        member, _ = train_member(fold_recipe, 100 + k, (x[kept], y[kept]), val, lambda m: log(f"fold {k}: {m}"))
        z = predict(Released([member], recipe["flip_tta"]).eval(), x[held])
        p[held.numpy()] = 1 / (1 + np.exp(-z))
    return p


def pruned(recipe, train, val, train_member, predict, log):
    """(train without the confidently mislabelled images, summary for model.json); train as is without `clean`."""
    if not recipe.get("clean"):
        return train, None
    p = out_of_fold(recipe, train, val, train_member, predict, log)
    y = train[1].numpy()
    drop = confident_errors(y, p)
    keep = torch.from_numpy(np.setdiff1d(np.arange(len(y)), drop))
    summary = {"method": "confident learning, off-diagonal of the confident joint", **recipe["clean"],
               "dropped": int(len(drop)), "droppedNormal": int((y[drop] == 0).sum()),
               "droppedPneumonia": int((y[drop] == 1).sum()), "droppedIndices": drop.tolist()}
    log(f"clean: dropped {len(drop)} of {len(y)} (normal {summary['droppedNormal']}, "
        f"pneumonia {summary['droppedPneumonia']})")
    return (train[0][keep], train[1][keep]), summary
