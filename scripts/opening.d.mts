import type { Plugin } from 'vite';

/** The id the page imports the shipped default opening by. */
export const OPENING_MODULE: string;
/** Serves the default opening, computed by the worker's code at build time. */
export function openingModule(): Plugin;
