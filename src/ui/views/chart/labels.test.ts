import { describe, expect, it } from 'vitest';
import { LabelPlacer, overlaps, spreadVertically, textBox } from './labels.ts';

describe('chart labels', () => {
  it('a label that would overlap one already placed is refused', () => {
    const placer = new LabelPlacer(0);
    expect(placer.place(textBox('PMR 0xC0', 10, 20, 12))).toBe(true);
    expect(placer.place(textBox('RPR 0xFF', 20, 22, 12))).toBe(false);
    expect(placer.place(textBox('RPR 0xFF', 10, 40, 12))).toBe(true);
  });

  it('placeFirst takes the first free candidate', () => {
    const placer = new LabelPlacer(0);
    placer.place(textBox('aaaa', 0, 10, 12));
    const box = placer.placeFirst([textBox('b', 0, 10, 12), textBox('b', 0, 30, 12)]);
    expect(box?.y).toBeCloseTo(30 - 12 * 0.8);
  });

  it('spreads equal positions apart and keeps them inside the range', () => {
    const ys = spreadVertically([100, 100, 101, 250], 14, 0, 255);
    expect(ys).toEqual([100, 114, 128, 250]);
    const bottom = spreadVertically([255, 255, 255], 14, 0, 255);
    expect(bottom).toEqual([227, 241, 255]);
  });

  it('boxes: anchored text and overlap test', () => {
    expect(textBox('abcd', 100, 50, 10, 'end').x).toBeCloseTo(100 - 4 * 10 * 0.61);
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 5, h: 5 })).toBe(false);
  });
});
