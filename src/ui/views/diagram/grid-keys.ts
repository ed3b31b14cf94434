import type { CellItem, GridItem } from './types.ts';

/** The next key in a grid for an arrow, Home or End; null for other keys. */
export function moveInGrid(grid: GridItem, from: CellItem, key: string): string | null {
  const index = grid.keys.indexOf(from.key);
  const last = grid.keys.length - 1;
  const to = (i: number) => grid.keys[Math.max(0, Math.min(last, i))];
  switch (key) {
    case 'ArrowRight':
      return to(index + 1);
    case 'ArrowLeft':
      return to(index - 1);
    case 'ArrowDown':
      return index + grid.columns <= last ? to(index + grid.columns) : from.key;
    case 'ArrowUp':
      return index - grid.columns >= 0 ? to(index - grid.columns) : from.key;
    case 'Home':
      return to(0);
    case 'End':
      return to(last);
    default:
      return null;
  }
}
