"""Small residual CNN whose last conv block feeds global average pooling and one linear head,
plus the released wrapper that puts normalisation, ensembling and flip-TTA inside one graph."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# PneumoniaMNIST train-split pixel statistics (0..1 scale), rounded; applied inside the graph.
PIXEL_MEAN = 0.5719
PIXEL_STD = 0.1684
# Upper edges of the 256 8-bit levels on the 0..1 scale: level k holds (k - 0.5) / 255 < x <= (k + 0.5) / 255.
LEVEL_EDGES = (torch.arange(256, dtype=torch.float32) + 0.5) / 255


def rank_normalise(x):
    """Per-image histogram equalisation: each pixel becomes the fraction of its image's pixels whose 8-bit level
    is at or below its own, centred and scaled by sqrt(12) (unit variance for a uniform). Built from comparisons,
    integer counts and a 0/1 x integer MatMul, so every runtime computes the same float32 values exactly.
    below[p, l] = [x_p <= edge_l]; counts[l] = sum_p below[p, l]; the pixel's rank is counts at its own level,
    sum_l below[p, l] * (counts[l] - counts[l + 1]) with counts[256] = 0 (the sum telescopes from its level up)."""
    pixels = x.shape[2] * x.shape[3]
    below = (x.reshape(x.shape[0], pixels, 1) <= LEVEL_EDGES).float()
    counts = below.sum(1, keepdim=True)
    steps = counts - F.pad(counts[:, :, 1:], (0, 1))
    ranks = torch.matmul(below, steps.transpose(1, 2))
    return ((ranks / pixels - 0.5) * math.sqrt(12)).reshape(x.shape)


NORMALISATIONS = {  # what each method computes, for model.json and the card
    "meanstd": f"(x - {PIXEL_MEAN}) / {PIXEL_STD}, the train split's pixel mean and standard deviation",
    "rank": "per-image histogram equalisation: (fraction of the image's pixels whose 8-bit level round(x * 255) "
            "is at or below the pixel's own - 0.5) * sqrt(12)",
}


def normalise(x, method):
    """The graph's input normalisation: "meanstd" (the train split's pixel statistics) or "rank" (rank_normalise)."""
    if method == "rank":
        return rank_normalise(x)
    return (x - PIXEL_MEAN) / PIXEL_STD


def mix_style(x, p, alpha):
    """MixStyle (Zhou et al., ICLR 2021), training only: with probability p per batch, each sample's per-channel
    mean and standard deviation are replaced by a Beta(alpha, alpha) mix of its own and those of another sample
    of the batch (a random permutation), so the layers after it see the same content under other samples'
    acquisition "styles". The statistics are detached, as in the paper. Draws from torch's global generator."""
    if len(x) < 2 or float(torch.rand(1)) > p:
        return x
    mu = x.mean((2, 3), keepdim=True).detach()
    sig = (x.var((2, 3), keepdim=True) + 1e-6).sqrt().detach()
    lam = torch.distributions.Beta(alpha, alpha).sample((len(x), 1, 1, 1))
    perm = torch.randperm(len(x))
    mixed_mu = lam * mu + (1 - lam) * mu[perm]
    mixed_sig = lam * sig + (1 - lam) * sig[perm]
    return (x - mu) / sig * mixed_sig + mixed_mu


def conv_bn(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Block(nn.Module):
    """Basic residual block (two 3x3 convs), projection shortcut when the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv_bn(cin, cout, stride)
        self.conv2 = nn.Sequential(nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        s = x if self.short is None else self.short(x)
        return F.relu(self.conv2(self.conv1(x)) + s)


class Backbone(nn.Module):
    """Normalised [B,1,28,28] -> features [B,C,h,w] (after the final ReLU). widths: channels per stage;
    every stage after the first halves the resolution (28 -> 14 -> 7 for three stages). upsample > 1
    first enlarges the input bilinearly inside the network (an ONNX Resize), so the convs see a finer
    grid (2: 56 -> 28 -> 14) while the model's input stays 28x28. mixstyle {"p", "alpha", "after": [stage
    numbers, 1-based]} applies mix_style after those stages' blocks while training; inference never runs it."""

    def __init__(self, widths=(32, 64, 128), upsample=1, mixstyle=None):
        super().__init__()
        self.upsample = upsample
        self.mixstyle = mixstyle
        layers = [conv_bn(1, widths[0])]
        cin = widths[0]
        for i, w in enumerate(widths):
            layers.append(Block(cin, w, 1 if i == 0 else 2))
            cin = w
        self.body = nn.Sequential(*layers)
        self.channels = cin

    def forward(self, x):
        if self.upsample > 1:
            x = F.interpolate(x, scale_factor=self.upsample, mode="bilinear", align_corners=False)
        if not (self.training and self.mixstyle):
            return self.body(x)
        for stage, layer in enumerate(self.body):  # body[0] is the stem, body[k] the stage-k block
            x = layer(x)
            if stage in self.mixstyle["after"]:
                x = mix_style(x, self.mixstyle["p"], self.mixstyle["alpha"])
        return x


class Classifier(nn.Module):
    """Normalisation + backbone + GAP + linear head; forward returns (logits [B,L], features [B,C,h,w])."""

    def __init__(self, widths=(32, 64, 128), labels=1, upsample=1, normalisation="meanstd", mixstyle=None):
        super().__init__()
        self.normalisation = normalisation
        self.backbone = Backbone(widths, upsample, mixstyle)
        self.head = nn.Linear(self.backbone.channels, labels)

    def forward(self, x):
        a = self.backbone(normalise(x, self.normalisation))
        return self.head(a.mean((2, 3))), a


def hflip(t):
    """Horizontal flip as a Gather: torch.flip exports as Slice(step=-1), which onnxruntime-web's
    WebGPU Slice kernel mishandles (drops a column, so the next Conv fails). The indices are a
    constant: computed from Shape at run time (Range), onnxruntime-node's optimised Conv fails."""
    return t.index_select(3, torch.tensor(list(range(int(t.shape[3]) - 1, -1, -1))))


class Released(nn.Module):
    """K passes (members x optional horizontal flip) whose feature maps are concatenated along channels
    (flipped passes flipped back) and fed to ONE head whose weights are the members' heads / K.
    So logits == head(GAP(features)) exactly, and CAM from `features` + head weights is exact Grad-CAM."""

    def __init__(self, members, flip_tta):
        super().__init__()
        (self.normalisation,) = {m.normalisation for m in members}
        self.backbones = nn.ModuleList([m.backbone for m in members])
        self.flip_tta = flip_tta
        passes = len(members) * (2 if flip_tta else 1)
        weights, biases = [], []
        for m in members:
            for _ in range(2 if flip_tta else 1):
                weights.append(m.head.weight.detach() / passes)
                biases.append(m.head.bias.detach() / passes)
        self.head = nn.Linear(sum(w.shape[1] for w in weights), weights[0].shape[0])
        with torch.no_grad():
            self.head.weight.copy_(torch.cat(weights, 1))
            self.head.bias.copy_(torch.stack(biases).sum(0))

    def forward(self, image):
        z = normalise(image, self.normalisation)
        feats = []
        for b in self.backbones:
            feats.append(b(z))
            if self.flip_tta:
                feats.append(hflip(b(hflip(z))))
        features = torch.cat(feats, 1)
        return self.head(features.mean((2, 3))), features
