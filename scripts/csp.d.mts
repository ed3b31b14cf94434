import type { Plugin } from 'vite';

/** The policy as a <meta http-equiv> carries it (no frame-ancestors). */
export const CSP_META: string;
/** The policy as `vite preview` sends it. */
export const CSP_HEADER: string;
/** Adds the policy's <meta> tag to the built index.html. */
export function cspMeta(): Plugin;
