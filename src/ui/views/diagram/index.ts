// The block diagram's front door: the page component, and the pure pieces an export needs.
export { Diagram } from './Diagram.tsx';
export { diagramLayout, MIN_COLUMN_EMS } from './geometry.ts';
export { diagramInput, storyOf, type DiagramOptions } from './input.ts';
export { diagramSvg } from './svg.ts';
export { DIAGRAM_FONT_SIZE, PALETTE } from './palette.ts';
export type { DiagramInput, DiagramLayout } from './types.ts';
