import { tokenRoute } from '../topology/token-geometry.ts';
import { viaBus } from './geometry.ts';
import type { DiagramLayout, Point } from './types.ts';

const PE_OF = /^(?:redistributor|cpu|pe):(\d+)$/;

function wirePoints(layout: DiagramLayout, id: string): readonly Point[] {
  return layout.wires.find((w) => w.id === id)?.points ?? [];
}

/** From a cell to its CPU interface along the wires: down the bus for an SPI. */
function cellToCpu(layout: DiagramLayout, key: string, pe: number): Point[] | null {
  const cell = layout.cells.find((c) => c.key === key);
  const forward = wirePoints(layout, `forward:${pe}`);
  if (!cell || forward.length < 2) return null;
  const start = { x: cell.x + cell.w / 2, y: cell.y + cell.h / 2 };
  if (cell.grid === 'distributor') {
    const feed = layout.feeds[pe];
    if (!feed) return null;
    return [start, { x: start.x, y: layout.busY }, ...feed, ...forward];
  }
  const below = forward[0];
  return [start, { x: start.x, y: below.y }, below, ...forward.slice(1)];
}

/**
 * The way a token travels for an event's path (EventView.path: cell keys, `redistributor:N`,
 * `cpu:N`, `its`), following the drawn wires; an acknowledge goes down the line into the PE. Null when
 * an end is not drawn (a PE shown only as a tile).
 */
export function routeFor(
  layout: DiagramLayout,
  path: readonly string[],
  kind: string,
  nmi: boolean,
): Point[] | null {
  if (path.length < 2) return null;
  const first = path[0];
  const last = path[path.length - 1];
  const target = PE_OF.exec(last);
  if (first === 'its' && target) {
    // an MSI translated: down from the ITS to the bus and along it to the Redistributor, the
    // way an SPI goes from the Distributor
    const feed = layout.feeds[Number(target[1])];
    return layout.itsDrop && feed ? viaBus(layout.itsDrop, feed, layout.busY) : null;
  }
  if (kind === 'acknowledged' && target) {
    const pe = Number(target[1]);
    const line = wirePoints(layout, `${nmi ? 'nmi' : 'irq'}:${pe}`);
    return line.length >= 2 ? [...line] : null;
  }
  if (target && last.startsWith('cpu:') && !PE_OF.test(first))
    return cellToCpu(layout, first, Number(target[1]));
  const source = PE_OF.exec(first);
  if (source && kind !== 'sgi-generated' && first.startsWith('cpu:') && !PE_OF.test(last)) {
    const back = cellToCpu(layout, last, Number(source[1]));
    if (back) return back.reverse();
  }
  const boxes = path.map((key) => {
    const a = layout.anchors[key];
    return a ? { x: a.top.x - 1, y: a.top.y, width: 2, height: a.bottom.y - a.top.y } : null;
  });
  if (boxes.some((b) => b === null)) return null;
  return tokenRoute(boxes as NonNullable<(typeof boxes)[number]>[]);
}
