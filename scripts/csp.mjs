// The page's Content-Security-Policy (issue 13): everything from the page's own origin, no inline
// script, no eval. `vite preview` (npm start) sends it as a header, and the built index.html
// carries it as a <meta> tag, so a copy of dist/ served by any static server keeps it.
// The dev server (npm run dev) has none: React's fast refresh injects an inline script there.

/** Directives for both header and meta tag. */
const DIRECTIVES = [
  ['default-src', "'self'"],
  // no 'unsafe-inline', no 'unsafe-eval': the entry and the chunks are files
  ['script-src', "'self'"],
  // the simulation's module Web Worker and the offline service worker
  ['worker-src', "'self'"],
  // stylesheets are files; React and d3 set styles through the CSSOM, which style-src allows
  ['style-src', "'self'"],
  // blob: the diagram's PNG export draws its own SVG on a canvas (share/picture-export.ts)
  ['img-src', "'self' blob:"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** Only a header can say this (a <meta> policy ignores it, with a console warning). */
const HEADER_ONLY = [['frame-ancestors', "'none'"]];

const join = (directives) => directives.map(([name, value]) => `${name} ${value}`).join('; ');

export const CSP_META = join(DIRECTIVES);
export const CSP_HEADER = join([...DIRECTIVES, ...HEADER_ONLY]);

/** A Vite plugin: the policy as a <meta> right after the charset, before any script (build only). */
export function cspMeta() {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`;
  return {
    name: 'gicscope-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        // a <meta> policy covers only what the parser meets after it
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('index.html needs <meta charset> first in <head>');
        return html.replace(charset, (m) => `${m}\n    ${tag}`);
      },
    },
  };
}
