import { select } from 'd3';
import { beginAnimation, motionEnabled } from '../../motion.ts';
import type { LadderGeometry, Rung } from './geometry.ts';

export interface LadderCallbacks {
  onSelect(intid: number): void;
}

export interface LadderChart {
  update(geometry: LadderGeometry, selectedIntid: number | null): void;
  destroy(): void;
}

const DURATION = 300;

/** d3 owns the ladder's SVG: scale, PMR/RPR lines, active levels and pending rungs. */
export function createLadderChart(
  svgElement: SVGSVGElement,
  callbacks: LadderCallbacks,
): LadderChart {
  const svg = select(svgElement);
  const bands = svg.append('g').attr('class', 'bands');
  const axis = svg.append('g').attr('class', 'axis');
  const lines = svg.append('g').attr('class', 'lines');
  const rungs = svg.append('g').attr('class', 'rungs');
  const scaleX = 56;

  return {
    update(g, selectedIntid) {
      const animate = motionEnabled();
      bands
        .selectAll('rect')
        .data(g.bands)
        .join('rect')
        .attr('x', scaleX)
        .attr('width', 12)
        .attr('y', (d) => d.y)
        .attr('height', (d) => d.height)
        .attr('class', 'band');
      axis
        .selectAll('text')
        .data(g.ticks)
        .join('text')
        .attr('x', scaleX - 6)
        .attr('y', (d) => d.y + 4)
        .attr('text-anchor', 'end')
        .text((d) => d.label);
      const marks = [
        { key: 'pmr', y: g.pmr.y, label: g.pmr.label, cls: 'pmr' },
        { key: 'rpr', y: g.running.y, label: g.running.label, cls: 'running' },
        ...g.active.map((a, i) => ({ key: `active${i}`, y: a.y, label: a.label, cls: 'active' })),
      ];
      const line = lines
        .selectAll<SVGGElement, (typeof marks)[number]>('g')
        .data(marks, (d) => d.key)
        .join((enter) => {
          const group = enter.append('g');
          group.append('line');
          group.append('text');
          return group;
        })
        .attr('class', (d) => `mark ${d.cls}`);
      const transform = (d: { y: number }) => `translate(0,${d.y})`;
      const moving: Promise<void>[] = [];
      if (animate) {
        const t = line.transition().duration(DURATION).attr('transform', transform);
        moving.push(t.end());
      } else line.attr('transform', transform);
      line
        .select('line')
        .attr('x1', scaleX - 4)
        .attr('x2', scaleX + 16)
        .attr('stroke-dasharray', (d) => (d.cls === 'pmr' ? '4 2' : null));
      line
        .select('text')
        .attr('x', scaleX + 18)
        .attr('y', 4)
        .text((d) => d.label);
      const rung = rungs
        .selectAll<SVGGElement, Rung>('g')
        .data(g.rungs, (d) => String(d.intid))
        .join((enter) => {
          const group = enter.append('g').attr('class', 'rung');
          group.append('circle').attr('r', 4);
          group.append('text').attr('x', 8).attr('y', 4);
          group.append('title');
          return group;
        })
        .attr('class', (d) => `rung ${d.mark}${d.intid === selectedIntid ? ' selected' : ''}`)
        .on('click', (_e, d) => callbacks.onSelect(d.intid));
      const place = (d: Rung) => `translate(${d.x + 120},${d.y})`;
      if (animate) moving.push(rung.transition().duration(DURATION).attr('transform', place).end());
      else rung.attr('transform', place);
      rung.select('text').text((d) => d.label);
      rung.select('title').text((d) => d.reason);
      if (moving.length) {
        const done = beginAnimation();
        void Promise.allSettled(moving).then(done);
      }
    },
    destroy() {
      svg.selectAll('*').interrupt().remove();
    },
  };
}
