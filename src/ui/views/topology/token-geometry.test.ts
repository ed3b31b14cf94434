import { describe, expect, it } from 'vitest';
import { pointAlong, routeLength, tokenRoute } from './token-geometry.ts';

describe('token route', () => {
  it('goes from centre to centre with an elbow between boxes that are not aligned', () => {
    const route = tokenRoute([
      { x: 0, y: 0, width: 20, height: 20 },
      { x: 100, y: 200, width: 40, height: 20 },
    ]);
    expect(route).toEqual([
      { x: 10, y: 10 },
      { x: 10, y: 210 },
      { x: 120, y: 210 },
    ]);
    expect(routeLength(route)).toBe(200 + 110);
  });

  it('needs no elbow between aligned boxes and is empty for no boxes', () => {
    expect(
      tokenRoute([
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 0, y: 50, width: 10, height: 10 },
      ]),
    ).toHaveLength(2);
    expect(tokenRoute([])).toEqual([]);
  });

  it('finds the point a fraction of the way along the route', () => {
    const route = [
      { x: 0, y: 0 },
      { x: 0, y: 100 },
      { x: 100, y: 100 },
    ];
    expect(pointAlong(route, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(route, 0.25)).toEqual({ x: 0, y: 50 });
    expect(pointAlong(route, 0.75)).toEqual({ x: 50, y: 100 });
    expect(pointAlong(route, 1)).toEqual({ x: 100, y: 100 });
  });
});
