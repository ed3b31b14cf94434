/** A rectangle relative to the topology's top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

const centre = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/**
 * The points a token visits: the centre of each box in turn, with an elbow between two boxes
 * so that it travels along the block layout (down, then across) instead of cutting through it.
 */
export function tokenRoute(boxes: readonly Box[]): Point[] {
  const points: Point[] = [];
  for (const box of boxes) {
    const next = centre(box);
    const previous = points[points.length - 1];
    if (previous && previous.x !== next.x && previous.y !== next.y)
      points.push({ x: previous.x, y: next.y });
    points.push(next);
  }
  return points;
}

/** Total length of a polyline, used to give every token the same speed. */
export function routeLength(points: readonly Point[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i += 1)
    length += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  return length;
}

/** The point a fraction `t` (0…1) of the way along a polyline. */
export function pointAlong(points: readonly Point[], t: number): Point {
  const first = points[0];
  if (!first) return { x: 0, y: 0 };
  let remaining = Math.max(0, Math.min(1, t)) * routeLength(points);
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1];
    const b = points[i];
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (remaining <= length && length > 0) {
      const f = remaining / length;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    remaining -= length;
  }
  return points[points.length - 1];
}
