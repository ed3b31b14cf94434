import { select } from 'd3';
import { DIAGRAM_FONT, PALETTE } from '../diagram/palette.ts';
import { LADDER_TEXT, type LadderGeometry } from './geometry.ts';

export interface LadderCallbacks {
  onSelect(intid: number): void;
}

export interface LadderChart {
  update(geometry: LadderGeometry, selectedIntid: number | null): void;
  destroy(): void;
}

const MARK_COLOUR = { pmr: PALETTE.pending, running: PALETTE.accent, active: '#c39bd3' } as const;
const RUNG_COLOUR: Readonly<Record<string, string>> = {
  'can-preempt': PALETTE.active,
  nmi: PALETTE.nmi,
  'masked-by-pmr': PALETTE.pending,
  'waits-for-running-priority': PALETTE.accent,
  'behind-hppi': PALETTE.accent,
  blocked: PALETTE.warn,
  'masked-by-pe': PALETTE.warn,
};

type Mark = LadderGeometry['marks'][number];
type Rung = LadderGeometry['rungs'][number];

/** d3 owns the ladder's SVG and draws the pure geometry: labels never overlap (geometry.ts). */
export function createLadderChart(
  svgElement: SVGSVGElement,
  callbacks: LadderCallbacks,
): LadderChart {
  const svg = select(svgElement).attr('font-family', DIAGRAM_FONT).attr('font-size', LADDER_TEXT);
  const bands = svg.append('g').attr('class', 'bands');
  const axis = svg.append('g').attr('class', 'axis');
  const marks = svg.append('g').attr('class', 'marks');
  const rungs = svg.append('g').attr('class', 'rungs');
  return {
    update(g, selectedIntid) {
      svg.attr('viewBox', `0 0 ${g.width} ${g.height}`).attr('height', g.height);
      bands
        .selectAll('rect')
        .data(g.bands)
        .join('rect')
        .attr('x', g.scaleX)
        .attr('width', 14)
        .attr('y', (d) => d.y)
        .attr('height', (d) => d.height)
        .attr('fill', '#ffffff1f');
      axis
        .selectAll('text')
        .data(g.ticks)
        .join('text')
        .attr('x', g.scaleX - 6)
        .attr('y', (d) => d.y)
        .attr('text-anchor', 'end')
        .attr('fill', PALETTE.muted)
        .text((d) => d.label);
      const y = (at: number) => g.scaleTop + (at / 0xff) * (g.scaleBottom - g.scaleTop);
      const mark = marks
        .selectAll<SVGGElement, Mark>('g')
        .data(g.marks, (d) => d.key)
        .join((enter) => {
          const group = enter.append('g');
          group.append('path').attr('class', 'tick');
          group.append('path').attr('class', 'leader');
          group.append('text');
          return group;
        })
        .attr('class', (d) => d.cls);
      mark
        .select('path.tick')
        .attr('d', (d) => `M${g.scaleX - 4} ${y(d.at)}H${g.scaleX + 20}`)
        .attr('stroke', (d) => MARK_COLOUR[d.kind])
        .attr('stroke-width', (d) => (d.kind === 'pmr' ? 4 : 2))
        .attr('stroke-dasharray', (d) => (d.kind === 'pmr' ? '5 2' : null));
      mark
        .select('path.leader')
        .attr('d', (d) => `M${g.scaleX + 20} ${y(d.at)}L${d.x - 4} ${d.y - LADDER_TEXT * 0.35}`)
        .attr('stroke', (d) => MARK_COLOUR[d.kind])
        .attr('fill', 'none')
        .attr('stroke-width', 1);
      mark
        .select('text')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('fill', (d) => MARK_COLOUR[d.kind])
        .attr('font-weight', 700)
        .text((d) => d.text);
      const rung = rungs
        .selectAll<SVGGElement, Rung>('g')
        .data(g.rungs, (d) => d.key)
        .join((enter) => {
          const group = enter.append('g');
          group.append('path').attr('class', 'leader');
          group.append('circle').attr('r', 4);
          group.append('text');
          return group;
        })
        .attr('class', (d) => `${d.cls}${d.intid === selectedIntid ? ' selected' : ''}`)
        .on('click', (_e, d) => callbacks.onSelect(d.intid));
      rung
        .select('path.leader')
        .attr('d', (d) => `M${g.scaleX + 14} ${y(d.at)}L${d.x - 10} ${d.y - LADDER_TEXT * 0.35}`)
        .attr('stroke', (d) => RUNG_COLOUR[d.mark])
        .attr('stroke-dasharray', '2 2')
        .attr('fill', 'none');
      rung
        .select('circle')
        .attr('cx', (d) => d.x - 6)
        .attr('cy', (d) => d.y - LADDER_TEXT * 0.35)
        .attr('fill', (d) => RUNG_COLOUR[d.mark]);
      rung
        .select('text')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('fill', PALETTE.text)
        .attr('font-weight', (d) => (d.intid === selectedIntid ? 700 : 400))
        .attr('text-decoration', (d) => (d.intid === selectedIntid ? 'underline' : null))
        .text((d) => d.text);
    },
    destroy() {
      svg.selectAll('*').remove();
    },
  };
}
