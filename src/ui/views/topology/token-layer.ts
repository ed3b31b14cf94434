import { easeCubicInOut, line, select, type Selection } from 'd3';
import { beginAnimation } from '../../motion.ts';
import { pointAlong, routeLength, tokenRoute, type Box } from './token-geometry.ts';

export interface TokenRequest {
  /** `data-key`s of the elements the token visits */
  readonly path: readonly string[];
  readonly nmi: boolean;
}

export interface TokenLayer {
  play(tokens: readonly TokenRequest[]): void;
  destroy(): void;
}

const PIXELS_PER_SECOND = 900;
const MAX_TOKENS_AT_ONCE = 24;

/**
 * d3 owns the SVG overlay above the topology: it draws each token's route and moves a dot along
 * it. React owns the cells underneath; the layer only measures them by `data-key`.
 */
export function createTokenLayer(svgElement: SVGSVGElement, host: HTMLElement): TokenLayer {
  const svg = select(svgElement);
  let flying = 0;

  const boxOf = (key: string): Box | null => {
    const element = host.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (!element) return null;
    const origin = host.getBoundingClientRect();
    const rect = element.getBoundingClientRect();
    return {
      x: rect.left - origin.left,
      y: rect.top - origin.top,
      width: rect.width,
      height: rect.height,
    };
  };

  const fly = (request: TokenRequest) => {
    const boxes = request.path.map(boxOf).filter((box): box is Box => box !== null);
    if (boxes.length < 2) return;
    const points = tokenRoute(boxes);
    const duration = Math.max(250, (routeLength(points) / PIXELS_PER_SECOND) * 1000);
    const end = beginAnimation();
    flying += 1;
    const group: Selection<SVGGElement, unknown, null, undefined> = svg
      .append('g')
      .attr('class', `token${request.nmi ? ' token-nmi' : ''}`);
    group
      .append('path')
      .attr(
        'd',
        line<{ x: number; y: number }>(
          (p) => p.x,
          (p) => p.y,
        )(points),
      )
      .attr('class', 'token-trail');
    const dot = group.append('circle').attr('r', 7).attr('class', 'token-dot');
    dot
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
    play: (tokens) => {
      const room = Math.max(0, MAX_TOKENS_AT_ONCE - flying);
      for (const token of tokens.slice(-room)) fly(token);
    },
    destroy: () => {
      svg.selectAll('*').interrupt();
      svg.selectAll('*').remove();
    },
  };
}
