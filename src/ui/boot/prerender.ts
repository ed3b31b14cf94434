import { createContext, useContext } from 'react';

/**
 * Set while the build renders the first screen to static HTML (tools/first-screen-html.tsx): no
 * layout to measure and no chunk to load there, so the diagram takes the width a desk window
 * gives it and every lazy view draws what it draws before its chunk arrives, nothing.
 */
export interface Prerender {
  /** the diagram host's width (px) the static picture is drawn for */
  readonly diagramWidth: number;
}

/**
 * The diagram host's width in a 1280-px-wide window, the desk size the static picture is drawn
 * for (e2e/first-screen.spec.ts checks the live page agrees); at other widths the picture is
 * scaled to its host until React draws it at the real width.
 */
export const DESK_DIAGRAM_WIDTH = 865;

export const PrerenderContext = createContext<Prerender | null>(null);

export function usePrerender(): Prerender | null {
  return useContext(PrerenderContext);
}
