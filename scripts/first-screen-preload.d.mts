import type { Plugin } from 'vite';

/** Lists the first screen's dynamic chunk in index.html as modulepreload links (build only). */
export function firstScreenPreload(): Plugin;
