/**
 * Training recipe options in models/train/train.py that the card reports results for: label
 * smoothing (`member_loss`) against binary cross-entropy computed here from PyTorch's logits, and
 * SAM's second pass (`sam_second_pass`) against the same perturbation done by hand on a copy of
 * the model: the optimiser gets the gradient at w + rho * g / |g|, and the weights and BatchNorm
 * running statistics are left exactly as they were; border masking (`data.frame`) against the
 * frame it must leave; label-noise pruning (`clean.confident_errors`, `clean.folds`) against
 * confident learning's definition recomputed here; MixStyle (`model.mix_style`) against its definition: the
 * content of each channel is kept and its mean and standard deviation become one Beta-drawn mix of the
 * sample's own and another sample's, and it never runs at inference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trainingPython } from './support';

interface TrainingReference {
  logits: number[];
  labels: number[];
  loss: Record<string, number>;
  weightDrift: number;
  runningStatsDrift: number;
  samVersusByHand: number;
  samVersusPlainGradient: number;
  frameInput: number[];
  framed: number[];
  frameUntouched: number;
  clean: { y: number[]; p: number[]; errors: number[]; fold: number[] };
  mixStyle: {
    shape: [number, number, number, number];
    x: number[];
    mixed: number[];
    pZero: number;
    inference: number;
    training: number;
  };
}

let reference: TrainingReference;

beforeAll(() => {
  const code = `
import copy, json, numpy as np, torch
import clean, data
from model import Classifier, mix_style
from train import member_loss, sam_second_pass
def mix_style_case():
    torch.manual_seed(4)
    x = torch.randn(6, 3, 5, 5) * (0.2 + 3 * torch.rand(6, 3, 1, 1)) + 4 * torch.randn(6, 3, 1, 1)
    mixed = mix_style(x, 1.0, 0.1)
    styled = Classifier(widths=(8, 16, 32), mixstyle={"p": 1.0, "alpha": 0.1, "after": [1, 2]})
    plain = Classifier(widths=(8, 16, 32))
    plain.load_state_dict(styled.state_dict())
    images = torch.rand(8, 1, 28, 28)
    gap = lambda: float((styled(images)[0] - plain(images)[0]).abs().max())
    with torch.no_grad():  # inference first: a training forward moves the BatchNorm running statistics
        styled.eval(); plain.eval()
        inference = gap()
        styled.train(); plain.train()
        training = gap()
    return {"shape": list(x.shape), "x": x.flatten().tolist(), "mixed": mixed.flatten().tolist(),
            "pZero": float((mix_style(x, 0.0, 0.1) - x).abs().max()), "inference": inference, "training": training}
def clean_case():
    rng = np.random.default_rng(5)
    y = (rng.random(400) < 0.74).astype(np.int64)
    p = np.clip(np.where(y == 1, rng.beta(2.5, 1.5, 400), rng.beta(1.5, 2.5, 400)), 0, 1)
    return {"y": y.tolist(), "p": p.tolist(), "errors": clean.confident_errors(y, p).tolist(),
            "fold": clean.folds(y, 4).tolist()}
torch.manual_seed(0)
model = Classifier(widths=(8, 16, 32)).train()
with torch.no_grad():
    model.head.bias.fill_(2.0)  # confident logits, so smoothing moves the loss
x, y = torch.rand(6, 1, 28, 28), torch.tensor([0.0, 1.0, 1.0, 1.0, 1.0, 0.0])
with torch.no_grad():
    logits = model(x)[0][:, 0]
loss = {str(e): float(member_loss(model, x, y, e)) for e in (0.0, 0.1, 0.3)}
opt = torch.optim.SGD(model.parameters(), lr=0.1)
opt.zero_grad()
member_loss(model, x, y, 0.1).backward()
plain = [p.grad.clone() for p in model.parameters()]
before = copy.deepcopy(model)
sam_second_pass(model, opt, 0.05, lambda: member_loss(model, x, y, 0.1))
norm = torch.cat([g.flatten() for g in plain]).norm()
by_hand = copy.deepcopy(before)
by_hand.zero_grad()
with torch.no_grad():
    for p, g in zip(by_hand.parameters(), plain):
        p.add_(0.05 * g / norm)
for m in by_hand.modules():
    if isinstance(m, torch.nn.BatchNorm2d):
        m.momentum = 0.0
member_loss(by_hand, x, y, 0.1).backward()
drift = lambda a, b: max(float((s - t).abs().max()) for s, t in zip(a, b))
stats = lambda m: [v for k, v in m.state_dict().items() if "running" in k]
print(json.dumps({"logits": logits.tolist(), "labels": y.tolist(), "loss": loss,
    "weightDrift": drift(model.parameters(), before.parameters()),
    "runningStatsDrift": drift(stats(model), stats(before)),
    "samVersusByHand": drift([p.grad for p in model.parameters()], [p.grad for p in by_hand.parameters()]),
    "samVersusPlainGradient": drift([p.grad for p in model.parameters()], plain),
    "frameInput": x.flatten().tolist(),
    "framed": data.frame(x, torch.Generator().manual_seed(3), 1.0, 4).flatten().tolist(),
    "frameUntouched": float((data.frame(x, torch.Generator().manual_seed(3), 0.0, 4) - x).abs().max()),
    "clean": clean_case(), "mixStyle": mix_style_case()}))`;
  reference = trainingPython<TrainingReference>(code);
}, 120_000);

/** Per-channel mean and unbiased standard deviation (torch's default var) of an [N, C, H, W] array. */
function channelStats(values: number[], shape: number[]): { mean: number; sd: number }[][] {
  const [n, c, h, w] = shape as [number, number, number, number];
  const size = h * w;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: c }, (_, k) => {
      const v = values.slice((i * c + k) * size, (i * c + k + 1) * size);
      const mean = v.reduce((a, b) => a + b, 0) / size;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (size - 1));
      return { mean, sd };
    }),
  );
}

/** Mean binary cross-entropy of logits against labels smoothed to y * (1 - e) + e / 2. */
function smoothedCrossEntropy(logits: number[], labels: number[], e: number): number {
  let sum = 0;
  logits.forEach((z, i) => {
    const t = labels[i]! * (1 - e) + e / 2;
    const p = 1 / (1 + Math.exp(-z));
    sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
  });
  return sum / logits.length;
}

describe('training recipe options', () => {
  it('label smoothing is cross-entropy against y * (1 - e) + e / 2, and e = 0 is plain', () => {
    for (const [e, loss] of Object.entries(reference.loss)) {
      expect(
        Math.abs(loss - smoothedCrossEntropy(reference.logits, reference.labels, Number(e))),
      ).toBeLessThan(1e-6);
    }
    expect(reference.loss['0.3']).not.toBeCloseTo(reference.loss['0.0']!, 3);
  });

  it('SAM hands the optimiser the gradient at the perturbed weights and leaves the model as it was', () => {
    expect(reference.samVersusByHand).toBeLessThan(1e-6);
    expect(reference.samVersusPlainGradient).toBeGreaterThan(1e-4);
    expect(reference.weightDrift).toBe(0);
    expect(reference.runningStatsDrift).toBe(0);
  });

  it('border masking replaces 0-4 pixels on each side with one constant and leaves the rest', () => {
    const side = 28;
    const pixels = side * side;
    const widths = new Set<number>();
    for (let i = 0; i < reference.frameInput.length / pixels; i++) {
      const before = reference.frameInput.slice(i * pixels, (i + 1) * pixels);
      const after = reference.framed.slice(i * pixels, (i + 1) * pixels);
      const changed = (r: number, c: number) => after[r * side + c] !== before[r * side + c];
      const run = (at: (k: number) => boolean) => {
        let k = 0;
        while (k < side && at(k)) k++;
        return k;
      };
      const mid = side / 2;
      const [top, bottom, left, right] = [
        run((k) => changed(k, mid)),
        run((k) => changed(side - 1 - k, mid)),
        run((k) => changed(mid, k)),
        run((k) => changed(mid, side - 1 - k)),
      ];
      const fills = new Set<number>();
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) {
          const outside = r < top! || r >= side - bottom! || c < left! || c >= side - right!;
          expect(changed(r, c), `image ${i} (${r}, ${c})`).toBe(outside);
          if (outside) fills.add(after[r * side + c]!);
        }
      }
      for (const w of [top, bottom, left, right]) {
        expect(w).toBeLessThanOrEqual(4);
        widths.add(w!);
      }
      expect(fills.size).toBeLessThanOrEqual(1);
      for (const fill of fills) expect(fill >= 0 && fill <= 1).toBe(true);
    }
    expect(widths.size).toBeGreaterThan(2);
    expect(reference.frameUntouched).toBe(0);
  });

  it('label-noise pruning drops exactly the off-diagonal of the confident joint', () => {
    const { y, p, errors } = reference.clean;
    const prob = (i: number, j: number) => (j === 1 ? p[i]! : 1 - p[i]!);
    const threshold = [0, 1].map((j) => {
      const own = y.flatMap((label, i) => (label === j ? [prob(i, j)] : []));
      return own.reduce((a, b) => a + b, 0) / own.length;
    });
    const expected = y.flatMap((label, i) => {
      const margins = [0, 1].map((j) => prob(i, j) - threshold[j]!);
      const above = margins.map((m) => m >= 0);
      if (!above[0] && !above[1]) return [];
      const counted = above[0] && above[1] ? (margins[1]! > margins[0]! ? 1 : 0) : above[1] ? 1 : 0;
      return counted === label ? [] : [i];
    });
    expect(errors).toEqual(expected);
    expect(errors.length).toBeGreaterThan(10);
    expect(errors.some((i) => y[i] === 0) && errors.some((i) => y[i] === 1)).toBe(true);
  });

  it('folds are stratified: each class is dealt evenly over the 4 folds', () => {
    const { y, fold } = reference.clean;
    expect(fold).toHaveLength(y.length);
    for (const label of [0, 1]) {
      const counts = [0, 1, 2, 3].map(
        (k) => fold.filter((f, i) => f === k && y[i] === label).length,
      );
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(new Set(fold)).toEqual(new Set([0, 1, 2, 3]));
  });

  it('MixStyle keeps each channel content and gives it one mix of two samples mean and std', () => {
    const { shape, x, mixed } = reference.mixStyle;
    const [n, c, h, w] = shape;
    const size = h * w;
    const before = channelStats(x, shape);
    const after = channelStats(mixed, shape);
    let restyled = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < c; k++) {
        const { mean: m0, sd: s0 } = before[i]![k]!;
        const { mean: m1, sd: s1 } = after[i]![k]!;
        for (let p = 0; p < size; p++) {
          const at = (i * c + k) * size + p;
          expect(Math.abs((mixed[at]! - m1) / s1 - (x[at]! - m0) / s0)).toBeLessThan(1e-4);
        }
      }
      const explains = (j: number): boolean => {
        const own = before[i]![0]!;
        const other = before[j]![0]!;
        const lam =
          Math.abs(own.mean - other.mean) > 1e-3
            ? (after[i]![0]!.mean - other.mean) / (own.mean - other.mean)
            : (after[i]![0]!.sd - other.sd) / (own.sd - other.sd);
        if (!(lam >= -1e-4 && lam <= 1 + 1e-4)) return false;
        return before[i]!.every((stats, k) => {
          const partner = before[j]![k]!;
          const target = after[i]![k]!;
          return (
            Math.abs(lam * stats.mean + (1 - lam) * partner.mean - target.mean) < 1e-3 &&
            Math.abs(lam * stats.sd + (1 - lam) * partner.sd - target.sd) < 1e-3
          );
        });
      };
      const partners = [...Array(n).keys()].filter((j) => j !== i && explains(j));
      const unchanged = before[i]!.every(
        (stats, k) =>
          Math.abs(stats.mean - after[i]![k]!.mean) < 1e-3 &&
          Math.abs(stats.sd - after[i]![k]!.sd) < 1e-3,
      );
      expect(unchanged || partners.length > 0, `sample ${i}`).toBe(true);
      if (!unchanged) restyled++;
    }
    expect(restyled).toBeGreaterThan(n / 2);
    expect(reference.mixStyle.pZero).toBe(0);
  });

  it('MixStyle changes training forwards only: at inference the model is the plain one', () => {
    expect(reference.mixStyle.inference).toBe(0);
    expect(reference.mixStyle.training).toBeGreaterThan(1e-3);
  });
});
