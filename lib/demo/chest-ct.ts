/**
 * The demo's chest CT phantom in Hounsfield units, built as a chest is, so the lung and
 * mediastinal windows each show what they show on a real scan: skin, subcutaneous fat and chest
 * wall muscle; oblique ribs, the scapulae, the sternum and the spine with its canal; two lungs
 * from apex to the diaphragm's domes (liver below the right, stomach with its gas below the left)
 * with vessels branching from each hilum and thinning towards the periphery; the trachea and main
 * bronchi, oesophagus, aortic arch, ascending and descending aorta, superior vena cava, pulmonary
 * trunk and arteries, and the heart in its pericardial fat; the scanner's table under the back.
 * It has findings to read: a 12 mm solid nodule in the right upper lobe (to measure, as Lung-RADS
 * does) and a small calcified granuloma in the left lower lobe. Small structures are averaged
 * through the slice's thickness, as a scanner's detector averages them.
 *
 * Coordinates are millimetres in the patient: x towards the patient's left, y posterior, `depth`
 * below the lung apex.
 */
import { seededRandom } from './random';

type Point = [x: number, y: number, depth: number];

const HU = {
  air: -1000,
  lung: -860,
  fat: -95,
  muscle: 48,
  blood: 40,
  heart: 44,
  liver: 58,
  spleen: 50,
  stomach: 30,
  cortex: 950,
  marrow: 230,
  cartilage: 110,
  csf: 8,
  nodule: 28,
  calcified: 650,
  table: 160,
} as const;

/** (u/rx)² + (v/ry)²: below 1 inside the ellipse. */
function ellipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): number {
  const u = (x - cx) / rx;
  const v = (y - cy) / ry;
  return u * u + v * v;
}

/** Distance from (x, y) to the segment a-b, mm. */
function segmentDistance(x: number, y: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

/** How much of a circle of radius r around a point at distance `distance` covers (0..1, 0.7 mm edge). */
function cover(distance: number, radius: number): number {
  return Math.max(0, Math.min(1, (radius - distance) / 0.7 + 0.5));
}

/** A vessel: a tube from `from` to `to`, its radius tapering from r0 to r1. */
interface Vessel {
  from: Point;
  to: Point;
  r0: number;
  r1: number;
}

/** Distance from p to the vessel's axis, and the radius there. */
function vesselDistance(v: Vessel, p: Point): { distance: number; radius: number } {
  const d: Point = [v.to[0] - v.from[0], v.to[1] - v.from[1], v.to[2] - v.from[2]];
  const w: Point = [p[0] - v.from[0], p[1] - v.from[1], p[2] - v.from[2]];
  const length2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  const t = Math.max(0, Math.min(1, (w[0] * d[0] + w[1] * d[1] + w[2] * d[2]) / length2));
  const e = [w[0] - t * d[0], w[1] - t * d[1], w[2] - t * d[2]];
  return { distance: Math.hypot(e[0]!, e[1]!, e[2]!), radius: v.r0 + t * (v.r1 - v.r0) };
}

/** The thoracic cavity inside the ribs at a depth: centre and semi-axes, mm. */
const cavity = { cx: 0, cy: 5, rx: 136, ry: 90 };

/** Where the diaphragm's dome lies under a lung: deeper towards the cavity's rim (the recesses). */
function domeDepth(x: number, y: number): number {
  const rim = Math.min(1, ellipse(x, y, cavity.cx, cavity.cy, cavity.rx, cavity.ry));
  return (x < 0 ? 188 : 200) + 34 * rim;
}

/** Whether a point lies in a lung, before the mediastinum and the vessels are drawn. */
function inLung(x: number, y: number, depth: number): boolean {
  if (depth < 2 || depth >= domeDepth(x, y)) return false;
  // The lungs come close in front (the anterior junction), the mediastinum parts them behind.
  if (Math.abs(x) < (y < -40 ? 13 : y < -20 ? 13 + (y + 40) * 0.1 : 15)) return false;
  const grow = Math.min(1, 0.3 + 0.7 * Math.sqrt(depth / 70));
  const side = Math.sign(x);
  if (ellipse(x, y, side * 62, 12 - 10 * grow, 80 * grow, 100 * grow) > 1) return false;
  return ellipse(x, y, cavity.cx, cavity.cy, cavity.rx - 2, cavity.ry - 2) <= 1;
}

/** Divisions from the hilum to the smallest vessels drawn. */
const GENERATIONS = 4;

/**
 * The pulmonary vessels: from each hilum, branches towards points spread through the lung, each
 * dividing in two or three, narrower each generation (seeded: the same tree every run).
 */
function vesselTree(): Vessel[] {
  const random = seededRandom(7);
  const vessels: Vessel[] = [];
  const lungPoint = (side: number): Point => {
    for (;;) {
      const p: Point = [side * (25 + random() * 110), -80 + random() * 170, 10 + random() * 215];
      if (inLung(p[0], p[1], p[2])) return p;
    }
  };
  const grow = (from: Point, target: Point, radius: number, generation: number) => {
    const reach = generation === GENERATIONS ? 1 : 0.4 + random() * 0.15;
    const to: Point = [
      from[0] + (target[0] - from[0]) * reach,
      from[1] + (target[1] - from[1]) * reach,
      from[2] + (target[2] - from[2]) * reach,
    ];
    const end = Math.max(0.55, radius * 0.7);
    vessels.push({ from, to, r0: radius, r1: end });
    if (generation === GENERATIONS) return;
    const children = 2 + (random() < 0.4 ? 1 : 0);
    for (let k = 0; k < children; k++) {
      const jitter = (scale: number) => (random() - 0.5) * scale;
      const spread = 60 - 8 * generation;
      const next: Point = [
        target[0] + jitter(spread),
        target[1] + jitter(spread),
        target[2] + jitter(spread),
      ];
      const aim = inLung(next[0], next[1], next[2]) ? next : target;
      grow(to, aim, end, generation + 1);
    }
  };
  for (const side of [-1, 1]) {
    const hilum: Point = [side * 42, 8, 100];
    for (let branch = 0; branch < 16; branch++) grow(hilum, lungPoint(side), 5, 0);
    // The small peripheral vessels between the branches drawn, each pointing away from the hilum.
    for (let twig = 0; twig < 450; twig++) {
      const from = lungPoint(side);
      const away = [from[0] - hilum[0], from[1] - hilum[1], from[2] - hilum[2]];
      const length = (8 + random() * 12) / Math.hypot(away[0]!, away[1]!, away[2]!);
      const to: Point = [
        from[0] + away[0]! * length + (random() - 0.5) * 6,
        from[1] + away[1]! * length + (random() - 0.5) * 6,
        from[2] + away[2]! * length + (random() - 0.5) * 6,
      ];
      const radius = 0.55 + random() * 0.5;
      vessels.push({ from, to, r0: radius, r1: radius * 0.8 });
    }
  }
  return vessels;
}

/** A rib's cut on this slice: its centre and the direction it runs in (unit), mm. */
interface RibCut {
  x: number;
  y: number;
  tx: number;
  ty: number;
  costal: boolean;
}

/**
 * Where the ribs cross the slice. Each of twelve pairs leaves the spine at its level and runs
 * round the chest and down (about 110 mm from back to front), so a slice cuts several obliquely
 * on each side; the front ends are costal cartilage.
 */
function ribCuts(depth: number): RibCut[] {
  const cuts: RibCut[] = [];
  const rx = cavity.rx + 5;
  const ry = cavity.ry + 5;
  for (let rib = 1; rib <= 12; rib++) {
    const theta = (Math.PI * (depth - (19 * rib - 14))) / 110;
    if (theta < 0.14 * Math.PI || theta > 0.9 * Math.PI) continue;
    for (const side of [-1, 1]) {
      const tx = side * rx * Math.cos(theta);
      const ty = -ry * Math.sin(theta);
      const length = Math.hypot(tx, ty);
      cuts.push({
        x: side * rx * Math.sin(theta),
        y: cavity.cy + ry * Math.cos(theta),
        tx: tx / length,
        ty: ty / length,
        costal: theta > 0.75 * Math.PI,
      });
    }
  }
  return cuts;
}

function ribValue(cuts: RibCut[], x: number, y: number): number | null {
  for (const cut of cuts) {
    const along = (x - cut.x) * cut.tx + (y - cut.y) * cut.ty;
    const across = -(x - cut.x) * cut.ty + (y - cut.y) * cut.tx;
    const outer = (along / 10) ** 2 + (across / 5.5) ** 2;
    if (outer > 1) continue;
    if (cut.costal) return HU.cartilage;
    return (along / 8) ** 2 + (across / 3.5) ** 2 <= 1 ? HU.marrow : HU.cortex;
  }
  return null;
}

/** The spine, the sternum and the scapulae at a depth; null where there is no bone. */
function boneValue(x: number, y: number, depth: number): number | null {
  const body = ellipse(x, y, 0, 62, 17, 16);
  if (body <= 1) return body <= 0.78 ? HU.marrow : HU.cortex;
  const canal = ellipse(x, y, 0, 88, 8, 8);
  if (canal <= 1) return HU.csf;
  if (ellipse(x, y, 0, 88, 13, 12) <= 1 && y > 80) return HU.cortex;
  if (ellipse(x, y, 0, 107, 4.5, 12) <= 1) return HU.cortex;
  if (ellipse(x, y, 0, 86, 30, 5) <= 1 && Math.abs(x) > 10) return HU.cortex;
  if (depth > 30 && depth < 175 && ellipse(x, y, 0, -90, 17, 6) <= 1) {
    return ellipse(x, y, 0, -90, 14, 3.5) <= 1 ? HU.marrow : HU.cortex;
  }
  if (depth > 10 && depth < 120 && y > 30 && y < 90) {
    const scapula = ellipse(x, y, 0, 10, 140, 96);
    if (scapula > 0.94 && scapula <= 1) return HU.cortex;
  }
  return null;
}

/** The soft tissue of the mediastinum and the upper abdomen; null where neither is. */
function mediastinumValue(x: number, y: number, depth: number): number | null {
  const tube = (cx: number, cy: number, r: number) => ellipse(x, y, cx, cy, r, r) <= 1;
  if (depth < 78 && tube(0, 15, 10)) return tube(0, 15, 8) ? HU.air : HU.muscle;
  if (depth >= 75 && depth < 104) {
    const right = -(8 + (depth - 75) * 1.1);
    const left = 8 + (depth - 75) * 1.3;
    if (tube(right, 18, 7) || tube(left, 20, 7)) {
      return tube(right, 18, 5.2) || tube(left, 20, 5.2) ? HU.air : HU.muscle;
    }
  }
  if (tube(9, 36, 7)) return tube(9, 36, 1.6) ? HU.air : HU.muscle;
  if (depth > 42 && tube(28, 50, 12)) return HU.blood;
  const band = (a: [number, number], b: [number, number], r: number) =>
    segmentDistance(x, y, a, b) <= r;
  // The arch runs from the ascending aorta, left of the trachea, to the descending aorta.
  if (depth >= 38 && depth <= 52 && (band([-8, -22], [22, 0], 13) || band([22, 0], [28, 50], 13))) {
    return HU.blood;
  }
  if (depth > 50 && depth < 118 && tube(-8, -22, 15)) return HU.blood;
  if (depth > 24 && depth < 115 && tube(-32, -10, 10)) return HU.blood;
  if (depth >= 170 && tube(-18, 24, 11)) return HU.blood;
  if (depth < 40 && (tube(-14, -24, 7) || tube(4, -22, 6) || tube(18, -6, 6))) return HU.blood;
  if (depth > 84 && depth < 112 && tube(22, -30, 13)) return HU.blood;
  // The pulmonary arteries, from the trunk to each hilum (the right one below the left).
  if (depth > 88 && depth < 100 && band([22, -30], [42, 8], 8)) return HU.blood;
  if (depth > 96 && depth < 106 && band([22, -30], [-42, 8], 8)) return HU.blood;
  const heartScale = depth > 108 && depth < 206 ? Math.sin((Math.PI * (depth - 108)) / 98) : 0;
  if (heartScale > 0.05) {
    const size = heartScale ** 0.55;
    const heart = ellipse(x, y, 20, -24, 64 * size, 50 * size);
    if (heart <= 1) return HU.heart;
    if (ellipse(x, y, 20, -24, 64 * size + 5, 50 * size + 5) <= 1) return HU.fat;
  }
  if (depth >= domeDepth(x, y) && ellipse(x, y, cavity.cx, cavity.cy, cavity.rx, cavity.ry) <= 1) {
    if (x < 12 || ellipse(x, y, 10, -45, 45, 30) <= 1) return HU.liver;
    if (tube(62, -22, 26)) return y < -34 ? HU.air : HU.stomach;
    if (ellipse(x, y, 92, 48, 26, 40) <= 1) return HU.spleen;
    return HU.fat;
  }
  return null;
}

/** The nodule and the granuloma: their HU and how much of a point's neighbourhood they fill. */
const findings = [
  { centre: [-86, -14, 62] as Point, radius: 6, hu: HU.nodule },
  { centre: [74, 40, 168] as Point, radius: 2.5, hu: HU.calcified },
];

/**
 * A chest CT phantom, built once (its vessel tree), whose `slice` gives one axial slice of
 * `size` x `size` pixels of `pixelMm`, centred on the body, in HU with the scanner's noise.
 */
export class ChestCtPhantom {
  private readonly vessels = vesselTree();

  constructor(
    private readonly size: number,
    private readonly pixelMm: number,
  ) {}

  /** Where a pixel's centre lies, mm. */
  private mm(index: number): number {
    return (index - this.size / 2) * this.pixelMm;
  }

  /** The fraction of each lung pixel that vessels (or the findings) fill, and the finding's HU. */
  private smallStructures(depth: number, thickness: number) {
    const fill = new Float32Array(this.size * this.size);
    const hu = new Float32Array(this.size * this.size).fill(HU.blood);
    const half = thickness / 2;
    // Where the detector averages through the slice's thickness, mm from its centre.
    const through = [-thickness / 3, 0, thickness / 3];
    const paint = (
      lo: Point,
      hi: Point,
      coverage: (p: Point) => number,
      value: number | null = null,
    ) => {
      if (hi[2] < depth - half || lo[2] > depth + half) return;
      const first = (mm: number) => Math.max(0, Math.floor(mm / this.pixelMm + this.size / 2));
      const last = (mm: number) =>
        Math.min(this.size - 1, Math.ceil(mm / this.pixelMm + this.size / 2));
      for (let row = first(lo[1]); row <= last(hi[1]); row++) {
        for (let col = first(lo[0]); col <= last(hi[0]); col++) {
          let sum = 0;
          for (const dz of through) sum += coverage([this.mm(col), this.mm(row), depth + dz]);
          const f = sum / through.length;
          const at = row * this.size + col;
          if (f > fill[at]!) {
            fill[at] = f;
            if (value !== null) hu[at] = value;
          }
        }
      }
    };
    for (const v of this.vessels) {
      const r = Math.max(v.r0, v.r1) + 1;
      const lo: Point = [0, 1, 2].map((k) => Math.min(v.from[k]!, v.to[k]!) - r) as Point;
      const hi: Point = [0, 1, 2].map((k) => Math.max(v.from[k]!, v.to[k]!) + r) as Point;
      paint(lo, hi, (p) => {
        const { distance, radius } = vesselDistance(v, p);
        return cover(distance, radius);
      });
    }
    for (const finding of findings) {
      const r = finding.radius + 1;
      const [cx, cy, cz] = finding.centre;
      paint(
        [cx - r, cy - r, cz - r],
        [cx + r, cy + r, cz + r],
        (p) => {
          const direction = Math.atan2(p[1] - cy, p[0] - cx);
          const lobulated = finding.radius * (1 + 0.08 * Math.sin(3 * direction + p[2] * 0.3));
          return cover(Math.hypot(p[0] - cx, p[1] - cy, p[2] - cz), lobulated);
        },
        finding.hu,
      );
    }
    return { fill, hu };
  }

  /** One axial slice at `depth` mm below the apex, `thickness` mm thick, in HU. */
  slice(depth: number, thickness: number, random: () => number): Int16Array {
    const out = new Int16Array(this.size * this.size);
    const ribs = ribCuts(depth);
    const small = this.smallStructures(depth, thickness);
    const bodyRy = 115 + (depth > 180 ? (depth - 180) * 0.15 : 0);
    for (let row = 0; row < this.size; row++) {
      const y = this.mm(row);
      for (let col = 0; col < this.size; col++) {
        const x = this.mm(col);
        const at = row * this.size + col;
        out[at] = Math.round(this.tissue(x, y, depth, bodyRy, ribs, small, at) + noise(random));
      }
    }
    return out;
  }

  private tissue(
    x: number,
    y: number,
    depth: number,
    bodyRy: number,
    ribs: RibCut[],
    small: { fill: Float32Array; hu: Float32Array },
    at: number,
  ): number {
    if (ellipse(x, y, 0, 5, 160, bodyRy) > 1) {
      const table = 130 + 0.0008 * x * x;
      return y > table && y < table + 6 && Math.abs(x) < 175 ? HU.table : HU.air;
    }
    const bone = boneValue(x, y, depth) ?? ribValue(ribs, x, y);
    if (bone !== null) return bone;
    if (ellipse(x, y, 0, 5, 158, bodyRy - 2) > 1) return HU.muscle;
    if (ellipse(x, y, 28, 100, 22, 14) <= 1 || ellipse(x, y, -28, 100, 22, 14) <= 1) {
      return HU.muscle;
    }
    if (ellipse(x, y, 0, 5, 148, bodyRy - 11) > 1) return HU.fat;
    if (ellipse(x, y, cavity.cx, cavity.cy, cavity.rx, cavity.ry) > 1) return HU.muscle;
    const soft = mediastinumValue(x, y, depth);
    if (soft !== null) return soft;
    if (!inLung(x, y, depth)) return HU.fat;
    const fill = small.fill[at]!;
    return HU.lung + fill * (small.hu[at]! - HU.lung);
  }
}

/** The scanner's noise: close to Gaussian, sigma about 9 HU. */
function noise(random: () => number): number {
  return (random() + random() + random() - 1.5) * 18;
}
