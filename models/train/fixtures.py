"""Fixtures for the TypeScript side: autograd Grad-CAM on test images and float32 logits on val images.
They reference the npz by split and index; no pixels are stored."""
import json
import os

import torch

LOGITS_VAL_INDICES = list(range(0, 524, 16))  # 33 val images
PER_LABEL = 6  # Grad-CAM on the first 6 normal and the first 6 pneumonia test images


def autograd_gradcam(model, image, label):
    """Grad-CAM by autograd: gradient of logit[label] w.r.t. the `features` activation, spatially averaged,
    weighted channel sum, ReLU. Returns (cam [h][w], cam / max)."""
    model.eval()
    logits, features = model(image)
    features.retain_grad()
    logits[0, label].backward()
    alpha = features.grad[0].mean((1, 2))
    cam = torch.relu((alpha[:, None, None] * features[0]).sum(0)).detach().double()
    peak = float(cam.max())
    return cam.tolist(), (cam / peak if peak > 0 else cam).tolist()


def write(out, model, val, test):
    os.makedirs(out, exist_ok=True)
    items = []
    labels = test[1].tolist()
    chosen = sorted([i for i, l in enumerate(labels) if l == 0][:PER_LABEL] +
                    [i for i, l in enumerate(labels) if l == 1][:PER_LABEL])
    for i in chosen:
        image = test[0][i:i + 1].clone()
        with torch.no_grad():
            logits = model(image)[0][0].tolist()
        cams = []
        for label in range(len(logits)):
            cam, normalised = autograd_gradcam(model, image, label)
            cams.append({"label": label, "cam": cam, "camNormalised": normalised})
        items.append({"split": "test", "index": i, "label": int(test[1][i]), "logits": logits, "gradcam": cams})
    with open(os.path.join(out, "gradcam.json"), "w") as f:
        json.dump({"method": "autograd Grad-CAM w.r.t. the `features` output (ReLU of gradient-weighted "
                             "channel sum, unnormalised and normalised by its max)", "items": items}, f)
        f.write("\n")
    with torch.no_grad():
        logits = model(val[0][LOGITS_VAL_INDICES])[0]
    rows = [{"split": "val", "index": i, "label": int(val[1][i]), "logits": l}
            for i, l in zip(LOGITS_VAL_INDICES, logits.tolist())]
    with open(os.path.join(out, "logits.json"), "w") as f:
        json.dump({"dtype": "float32 (PyTorch eval-mode forward)", "items": rows}, f)
        f.write("\n")
