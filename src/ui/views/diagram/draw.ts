import type { Tone } from './palette.ts';
import type {
  BarItem,
  BlockItem,
  BoxItem,
  CellItem,
  ChipItem,
  GridItem,
  Point,
  TextItem,
  WireItem,
} from './types.ts';

/** Collects the items of a drawing while it is laid out. */
export class Draw {
  readonly blocks: BlockItem[] = [];
  readonly cells: CellItem[] = [];
  readonly grids: GridItem[] = [];
  readonly wires: WireItem[] = [];
  readonly chips: ChipItem[] = [];
  readonly bars: BarItem[] = [];
  readonly boxes: BoxItem[] = [];
  readonly anchors: Record<string, { top: Point; bottom: Point }> = {};

  anchor(key: string, x: number, top: number, bottom: number): void {
    this.anchors[key] = { top: { x, y: top }, bottom: { x, y: bottom } };
  }
}

export function text(
  x: number,
  y: number,
  value: string,
  size: number,
  options: { bold?: boolean; anchor?: TextItem['anchor']; tone?: Tone } = {},
): TextItem {
  return {
    x,
    y,
    text: value,
    size,
    bold: options.bold ?? false,
    anchor: options.anchor ?? 'start',
    tone: options.tone ?? 'text',
  };
}
