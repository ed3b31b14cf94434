import type { Plugin } from 'vite';

/** Puts the static first screen into the built index.html, with the script that shows it. */
export function firstScreenHtml(): Plugin;
