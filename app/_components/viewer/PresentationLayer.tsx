import type { Presented, PresentedShape } from './types';

/** The colour a layer is drawn in where its state recommends none. */
const DEFAULT_COLOUR = '#ffd54f';

const pathOf = (points: [number, number][]) =>
  points.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');

/** A smooth curve through the points (Catmull-Rom as cubic Béziers), for INTERPOLATED. */
function curveOf(points: [number, number][]): string {
  if (points.length < 3) return pathOf(points);
  const at = (k: number) => points[Math.max(0, Math.min(points.length - 1, k))]!;
  let d = `M${points[0]![0]},${points[0]![1]}`;
  for (let k = 0; k < points.length - 1; k++) {
    const [p0, p1, p2, p3] = [at(k - 1), at(k), at(k + 1), at(k + 2)];
    const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C${c1.join(',')} ${c2.join(',')} ${p2.join(',')}`;
  }
  return d;
}

function Shape({ shape, colour }: { shape: PresentedShape; colour: string }) {
  const fill = shape.filled ? colour : 'none';
  const [a, b, c, d] = shape.points;
  switch (shape.type) {
    case 'POINT':
      return a ? <circle data-type="POINT" cx={a[0]} cy={a[1]} r={2.5} fill={colour} /> : null;
    case 'CIRCLE':
      return a && b ? (
        <circle
          data-type="CIRCLE"
          cx={a[0]}
          cy={a[1]}
          r={Math.hypot(b[0] - a[0], b[1] - a[1])}
          fill={fill}
        />
      ) : null;
    case 'ELLIPSE': {
      // The major axis' ends, then the minor axis' ends.
      if (!a || !b || !c || !d) return null;
      const angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
      const [cx, cy] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      return (
        <ellipse
          data-type="ELLIPSE"
          cx={cx}
          cy={cy}
          rx={Math.hypot(b[0] - a[0], b[1] - a[1]) / 2}
          ry={Math.hypot(d[0] - c[0], d[1] - c[1]) / 2}
          transform={`rotate(${angle} ${cx} ${cy})`}
          fill={fill}
        />
      );
    }
    case 'INTERPOLATED':
      return <path data-type="INTERPOLATED" d={curveOf(shape.points)} fill={fill} />;
    default:
      return <path data-type={shape.type} d={pathOf(shape.points)} fill={fill} />;
  }
}

/**
 * A presentation state's annotations over the viewport, layer by layer in its order, each in the
 * colour the state recommends: graphics and texts where the controller put them on the canvas
 * (they follow pan, zoom, rotation and flips).
 */
export function PresentationLayer({ presented }: { presented: Presented }) {
  return (
    <svg
      className="presentation-layer"
      role="img"
      aria-label={`Annotations of presentation state ${presented.label}`}
    >
      {presented.layers.map((layer) => {
        const colour = layer.colour ?? DEFAULT_COLOUR;
        return (
          <g key={layer.name} data-layer={layer.name} stroke={colour} color={colour}>
            {layer.shapes.map((shape, k) => (
              <Shape key={k} shape={shape} colour={colour} />
            ))}
            {layer.texts.map((text, k) => (
              <g key={k}>
                {text.leader ? (
                  <line
                    x1={text.leader.from[0]}
                    y1={text.leader.from[1]}
                    x2={text.leader.to[0]}
                    y2={text.leader.to[1]}
                  />
                ) : null}
                <text x={text.at[0]} y={text.at[1]} dy="1em" textAnchor={text.align} fill={colour}>
                  {text.text}
                </text>
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
