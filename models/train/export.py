"""ONNX export, manifest (model.json), head weights (head.json) and the python reference metrics."""
import hashlib
import json
import os

import numpy as np
import onnx
import onnx.numpy_helper
import torch

import card
import metrics
import probes
from calibrate import sigmoid
from model import NORMALISATIONS

VERSION = "1.2.0"
LABELS = [{
    "index": 0,
    "name": "pneumonia",
    "definition": "Radiographic pneumonia (bacterial or viral) as labelled in the source data set "
                  "(Kermany et al. 2018: paediatric chest X-rays graded by expert physicians); "
                  "negative = normal chest X-ray.",
    "probability": "p = sigmoid(logit / T) = 1 / (1 + exp(-logit / T)); P(normal) = 1 - p",
    "code": {"value": "233604007", "scheme": "SCT", "meaning": "Pneumonia"},
}]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def evaluate(model, val, test, temperature, points, predict):
    """Reference numbers (torch float32 forward of the exported module) for val and test, and the occlusion
    probes on val (`secondlook probe` reproduces them)."""
    out = {"probes": {"split": "val", "results": probes.probe_aucs(model, val[0], val[1].numpy(), predict)}}
    for name, (x, y) in (("val", val), ("test", test)):
        z, y = predict(model, x), y.numpy()
        p = sigmoid(z / temperature)
        row = {"n": int(len(y)), "positives": int(y.sum()), "auc": metrics.auc(y, z), "ece15": metrics.ece(y, p),
               "nll": metrics.nll(y, p),
               "operatingPoints": {op["name"]: metrics.at_threshold(y, p, op["threshold"]) for op in points}}
        if name == "test":
            row["aucCi95"] = metrics.bootstrap_auc_ci(y, z)
        out[name] = row
    return out


# onnxruntime-web's WebGPU Concat returned wrong values with 8 inputs (likely because 8 inputs and the output exceed
# WebGPU's default 8 storage buffers per shader stage); with 4 it matches wasm. torch.onnx fuses nested torch.cat
# calls into one Concat, so the split is made on the exported graph.
CONCAT_FAN_IN = 4


def split_wide_concats(graph, fan_in=CONCAT_FAN_IN):
    """Rewrite each Concat with more than `fan_in` inputs as a tree of Concats with at most `fan_in` inputs each,
    on the same axis and in the same order, so the output is unchanged."""
    nodes = []
    for node in graph.node:
        inputs = list(node.input)
        if node.op_type != "Concat" or len(inputs) <= fan_in:
            nodes.append(node)
            continue
        axis = next(a.i for a in node.attribute if a.name == "axis")
        level = 0
        while len(inputs) > fan_in:
            grouped = []
            for i in range(0, len(inputs), fan_in):
                group = inputs[i:i + fan_in]
                if len(group) == 1:
                    grouped.append(group[0])
                    continue
                name = f"{node.name}/part{level}_{i // fan_in}"
                nodes.append(onnx.helper.make_node("Concat", group, [name + "_out"], name=name, axis=axis))
                grouped.append(name + "_out")
            inputs, level = grouped, level + 1
        nodes.append(onnx.helper.make_node("Concat", inputs, list(node.output), name=node.name, axis=axis))
    del graph.node[:]
    graph.node.extend(nodes)


def add_cam_output(graph):
    """Add the output `cam` = a 1x1 Conv of `features` with the linear head's weights (no bias): per label,
    sum_c weight[l][c] * features[c](i,j) on the feature grid. Grad-CAM is ReLU(cam) / (h*w), so a Grad-CAM
    caller fetches N*L*h*w values instead of the N*C*h*w feature maps (1024 channels for 49 cells here)."""
    if any(output.name == "cam" for output in graph.output):
        return
    gemm = next(node for node in graph.node if node.op_type == "Gemm")
    weight = next(init for init in graph.initializer if init.name == gemm.input[1])
    labels, channels = weight.dims
    kernel = onnx.numpy_helper.to_array(weight).reshape(labels, channels, 1, 1)
    graph.initializer.append(onnx.numpy_helper.from_array(kernel, "cam.weight"))
    graph.node.append(onnx.helper.make_node("Conv", ["features", "cam.weight"], ["cam"], name="/cam/Conv",
                                            kernel_shape=[1, 1]))
    features = next(output for output in graph.output if output.name == "features")
    _, _, h, w = [dim.dim_param or dim.dim_value for dim in features.type.tensor_type.shape.dim]
    graph.output.append(onnx.helper.make_tensor_value_info("cam", onnx.TensorProto.FLOAT, ["N", labels, h, w]))


def export_onnx(model, path):
    torch.onnx.export(model, torch.zeros(2, 1, 28, 28), path, opset_version=17, input_names=["image"],
                      output_names=["logits", "features"],
                      dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}, "features": {0: "N"}})
    graph = onnx.load(path)
    split_wide_concats(graph.graph)
    add_cam_output(graph.graph)
    onnx.checker.check_model(graph)
    onnx.save(graph, path)


def write_all(out, model, recipe, cleaning, temperature, points, reference, seconds):
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, "model.onnx")
    export_onnx(model, onnx_path)
    with torch.no_grad():
        features = model(torch.zeros(1, 1, 28, 28))[1]
    _, channels, h, w = features.shape
    head = {"labels": [l["name"] for l in LABELS], "weight": model.head.weight.double().tolist(),
            "bias": model.head.bias.double().tolist(), "featuresShape": [channels, h, w],
            "pooling": "global average over h*w", "logit": "logit[l] = bias[l] + sum_c weight[l][c] * mean_hw(features[c])"}
    _dump(os.path.join(out, "head.json"), head)
    params = sum(p.numel() for p in model.parameters())
    manifest = {
        "id": "pneumonia-cxr",
        "version": VERSION,
        "name": "Paediatric pneumonia classifier (frontal chest X-ray, 28x28)",
        "file": "model.onnx",
        "sha256": sha256(onnx_path),
        "bytes": os.path.getsize(onnx_path),
        "opset": 17,
        "parameters": params,
        "input": {"name": "image", "shape": ["N", 1, 28, 28], "dtype": "float32", "layout": "NCHW",
                  "range": [0, 1]},
        "preprocessing": {
            "source": "decoded DICOM pixel data (after the modality LUT) or a greyscale PNG/JPEG",
            "voi": "DICOM: the file's VOI LUT or first window centre/width if present, else an auto window from "
                   "the 0.5th to the 99.5th percentile of the pixel values; PNG/JPEG: none (already display values)",
            "monochrome1": "invert after VOI",
            "colour": "RGB input: luminance 0.299 R + 0.587 G + 0.114 B",
            "display8bit": "map the VOI output linearly to 0..255",
            "crop": "centre-square (side = the shorter edge), as MedMNIST built the source images",
            "resize": {"method": "area", "size": [28, 28]},
            "scale": "0..1: divide the 8-bit display value by 255",
            "normalisation": f"inside the graph ({NORMALISATIONS[recipe.get('normalisation', 'meanstd')]}); "
                             "apply none outside",
        },
        "outputs": [
            {"name": "logits", "shape": ["N", len(LABELS)], "dtype": "float32", "role": "logits",
             "description": "uncalibrated logit per label; logits == head(global-average-pool(features)) exactly"},
            {"name": "features", "shape": ["N", channels, h, w], "dtype": "float32", "role": "cam-features",
             "description": "the activation that is average-pooled into the linear head: concatenation of the "
                            "ensemble's last conv blocks (flip-TTA passes flipped back), for exact Grad-CAM"},
            {"name": "cam", "shape": ["N", len(LABELS), h, w], "dtype": "float32", "role": "cam-grid",
             "description": "per label, sum_c head.weight[l][c] * features[c](i,j) (a 1x1 Conv of features with "
                            "the head's weights, no bias): Grad-CAM is ReLU(cam) / (h*w), and mean_hw(cam) + "
                            "bias = logit"},
        ],
        "head": {"file": "head.json", "sha256": sha256(os.path.join(out, "head.json")),
                 "shape": [len(LABELS), channels],
                 "gradCam": "cam_l(i,j) = ReLU(sum_c weight[l][c] * features[c](i,j)) / (h*w); equals autograd "
                            "Grad-CAM of logit l w.r.t. features; normalise by its max for display"},
        "labels": LABELS,
        "activation": "sigmoid (one logit, binary)",
        "calibration": {"method": "temperature", "T": temperature, "fittedOn": "val (NLL)",
                        "formula": "p = 1 / (1 + exp(-logit / T))"},
        "operatingPoints": points,
        "intendedUse": {
            "modalities": ["CR", "DX"],
            "bodyPart": "CHEST",
            "views": ["PA", "AP"],
            "population": "paediatric (source data: children aged 1-5 years, one centre in Guangzhou); "
                          "adults are out of distribution",
            "minimumImageSize": {"rows": 128, "columns": 128},
            "use": "second-read assistance only; not a diagnosis",
        },
        "training": {
            "data": "PneumoniaMNIST (MedMNIST v2), 28x28; train 4708 / val 524 / test 624",
            "licence": "CC BY 4.0",
            "citations": [
                "Jiancheng Yang, Rui Shi, Donglai Wei, Zequan Liu, Lin Zhao, Bilian Ke, Hanspeter Pfister, "
                "Bingbing Ni. MedMNIST v2 - A large-scale lightweight benchmark for 2D and 3D biomedical image "
                "classification. Scientific Data, 2023.",
                "Daniel S. Kermany et al. Identifying Medical Diagnoses and Treatable Diseases by Image-Based "
                "Deep Learning. Cell 172(5), 2018.",
            ],
            "command": "/usr/bin/python3 models/train/train.py",
            "wallSeconds": round(seconds, 1),
            "recipe": recipe,
            "cleaning": cleaning,
        },
        "evaluation": {"file": "eval-reference.json", "card": "MODEL_CARD.md"},
    }
    _dump(os.path.join(out, "model.json"), manifest)
    _dump(os.path.join(out, "eval-reference.json"),
          {"model": {"id": "pneumonia-cxr", "version": VERSION, "sha256": manifest["sha256"]},
           "temperature": temperature, "definitions": metrics.__doc__.strip(), **reference})
    card.write(os.path.join(out, "MODEL_CARD.md"), manifest, reference)
