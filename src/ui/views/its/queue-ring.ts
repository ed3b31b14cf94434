/**
 * Geometry of the ITS command queue drawn as a ring (pure, tested): one arc segment per slot shown,
 * CREADR and CWRITER as ticks. Long queues are drawn as 64 segments, each standing for a run of
 * slots.
 */
export interface RingSegment {
  readonly index: number;
  /** SVG path of the segment */
  readonly d: string;
  readonly state: 'done' | 'queued' | 'free';
}

export interface RingGeometry {
  readonly segments: readonly RingSegment[];
  readonly creadr: { readonly x: number; readonly y: number; readonly angle: number };
  readonly cwriter: { readonly x: number; readonly y: number; readonly angle: number };
}

const MAX_SEGMENTS = 64;

function polar(cx: number, cy: number, r: number, angle: number): [number, number] {
  return [cx + r * Math.sin(angle), cy - r * Math.cos(angle)];
}

export function queueRing(
  slots: number,
  creadr: number,
  cwriter: number,
  processed: number,
  size = 120,
): RingGeometry {
  const count = Math.max(1, Math.min(slots, MAX_SEGMENTS));
  const per = Math.max(1, slots / count);
  const c = size / 2;
  const outer = size / 2 - 8;
  const inner = outer - 14;
  const step = (2 * Math.PI) / count;
  const queued = (slot: number) =>
    cwriter >= creadr ? slot >= creadr && slot < cwriter : slot >= creadr || slot < cwriter;
  const done = (slot: number) => {
    // slots behind CREADR that held commands already carried out
    const back = (creadr - slot + slots) % slots;
    return back > 0 && back <= processed;
  };
  const segments: RingSegment[] = [];
  for (let i = 0; i < count; i++) {
    const a0 = i * step + 0.01;
    const a1 = (i + 1) * step - 0.01;
    const [x0, y0] = polar(c, c, outer, a0);
    const [x1, y1] = polar(c, c, outer, a1);
    const [x2, y2] = polar(c, c, inner, a1);
    const [x3, y3] = polar(c, c, inner, a0);
    const slot = Math.floor(i * per);
    const d = `M${x0.toFixed(1)},${y0.toFixed(1)} A${outer},${outer} 0 0 1 ${x1.toFixed(1)},${y1.toFixed(1)} L${x2.toFixed(1)},${y2.toFixed(1)} A${inner},${inner} 0 0 0 ${x3.toFixed(1)},${y3.toFixed(1)} Z`;
    segments.push({ index: i, d, state: queued(slot) ? 'queued' : done(slot) ? 'done' : 'free' });
  }
  const tick = (slot: number) => {
    const angle = (slot / Math.max(1, slots)) * 2 * Math.PI;
    const [x, y] = polar(c, c, outer + 6, angle);
    return { x, y, angle: (angle * 180) / Math.PI };
  };
  return { segments, creadr: tick(creadr), cwriter: tick(cwriter) };
}
