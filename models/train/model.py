"""Small residual CNN whose last conv block feeds global average pooling and one linear head,
plus the released wrapper that puts normalisation, ensembling and flip-TTA inside one graph."""
import torch
import torch.nn as nn
import torch.nn.functional as F

# PneumoniaMNIST train-split pixel statistics (0..1 scale), rounded; applied inside the graph.
PIXEL_MEAN = 0.5719
PIXEL_STD = 0.1684


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
    grid (2: 56 -> 28 -> 14) while the model's input stays 28x28."""

    def __init__(self, widths=(32, 64, 128), upsample=1):
        super().__init__()
        self.upsample = upsample
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
        return self.body(x)


class Classifier(nn.Module):
    """Backbone + GAP + linear head; forward returns (logits [B,L], features [B,C,h,w])."""

    def __init__(self, widths=(32, 64, 128), labels=1, upsample=1):
        super().__init__()
        self.backbone = Backbone(widths, upsample)
        self.head = nn.Linear(self.backbone.channels, labels)

    def forward(self, x):
        a = self.backbone((x - PIXEL_MEAN) / PIXEL_STD)
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
        z = (image - PIXEL_MEAN) / PIXEL_STD
        feats = []
        for b in self.backbones:
            feats.append(b(z))
            if self.flip_tta:
                feats.append(hflip(b(hflip(z))))
        features = torch.cat(feats, 1)
        return self.head(features.mean((2, 3))), features
