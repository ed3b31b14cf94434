import { easeCubicInOut, select } from 'd3';
import { beginAnimation } from '../../motion.ts';
import { pointAlong, routeLength } from '../topology/token-geometry.ts';
import { PALETTE } from './palette.ts';
import { polyline } from './svg.ts';
import type { Point } from './types.ts';

export interface Token {
  readonly points: readonly Point[];
  readonly nmi: boolean;
}

export interface TokenLayer {
  play(tokens: readonly Token[]): void;
  destroy(): void;
}

const PIXELS_PER_SECOND = 700;
const MAX_TOKENS_AT_ONCE = 24;

/**
 * d3 owns one <g> of the diagram: each token lights its route and a dot travels along it, so an
 * interrupt is seen moving Distributor → Redistributor → CPU interface → PE. React owns the rest.
 */
export function createTokenLayer(element: SVGGElement): TokenLayer {
  const layer = select(element);
  let flying = 0;
  const fly = (token: Token) => {
    const points = token.points;
    const duration = Math.max(300, (routeLength(points) / PIXELS_PER_SECOND) * 1000);
    const colour = token.nmi ? PALETTE.nmi : PALETTE.accent;
    const end = beginAnimation();
    flying += 1;
    const group = layer.append('g').attr('class', 'token');
    group
      .append('path')
      .attr('d', polyline(points))
      .attr('fill', 'none')
      .attr('stroke', colour)
      .attr('stroke-width', 3)
      .attr('stroke-opacity', 0.55);
    group
      .append('circle')
      .attr('r', 7)
      .attr('fill', colour)
      .attr('stroke', PALETTE.text)
      .attr('stroke-width', 2)
      .transition()
      .duration(duration)
      .ease(easeCubicInOut)
      .attrTween('transform', () => (t) => {
        const p = pointAlong(points, t);
        return `translate(${p.x},${p.y})`;
      })
      .on('end interrupt', () => {
        group.transition().duration(200).style('opacity', 0).remove();
        flying -= 1;
        end();
      });
  };
  return {
    play(tokens) {
      const room = Math.max(0, MAX_TOKENS_AT_ONCE - flying);
      for (const token of tokens.slice(-room)) fly(token);
    },
    destroy() {
      layer.selectAll('*').interrupt();
      layer.selectAll('*').remove();
    },
  };
}
