import { describe, expect, it } from 'vitest';
import { moveInGrid } from './grid-keys.ts';
import type { CellItem, GridItem } from './types.ts';

const grid: GridItem = { id: 'g', label: 'g', keys: ['a', 'b', 'c', 'd', 'e'], columns: 2 };
const at = (key: string) => ({ key }) as CellItem;

describe('arrow keys inside a grid of cells', () => {
  it('left/right move by one and stop at the ends', () => {
    expect(moveInGrid(grid, at('b'), 'ArrowRight')).toBe('c');
    expect(moveInGrid(grid, at('a'), 'ArrowLeft')).toBe('a');
    expect(moveInGrid(grid, at('e'), 'ArrowRight')).toBe('e');
  });

  it('up/down move by a row and stay put past the edge', () => {
    expect(moveInGrid(grid, at('a'), 'ArrowDown')).toBe('c');
    expect(moveInGrid(grid, at('d'), 'ArrowDown')).toBe('d');
    expect(moveInGrid(grid, at('c'), 'ArrowUp')).toBe('a');
    expect(moveInGrid(grid, at('b'), 'ArrowUp')).toBe('b');
  });

  it('Home and End; any other key is not a move', () => {
    expect(moveInGrid(grid, at('c'), 'Home')).toBe('a');
    expect(moveInGrid(grid, at('c'), 'End')).toBe('e');
    expect(moveInGrid(grid, at('c'), 'x')).toBeNull();
  });
});
