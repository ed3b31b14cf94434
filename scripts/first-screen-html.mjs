// The built index.html carries the first screen as static HTML (issue 13): the default opening,
// rendered at build time by the page's own React tree (tools/first-screen-html.tsx), so the
// browser paints the diagram as it parses the page, before any module has run. It waits in a
// <template>; the classic script after it (public/first-screen-gate.js: the CSP allows no inline
// script) puts it into #root only for the default opening, so a page opened on a link never
// holds the default scenario. It is inert (a picture: nothing in it can be clicked or focused)
// until React's first render replaces it.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const RENDERER = fileURLToPath(new URL('../tools/first-screen-html.tsx', import.meta.url));

/** Stylesheets mean nothing to a render to a string (the page links them): empty modules. */
const noStylesheets = {
  name: 'gicscope-first-screen-no-css',
  enforce: 'pre',
  resolveId(id) {
    return id.endsWith('.css') ? '\0first-screen-empty.css.js' : undefined;
  },
  load(id) {
    return id === '\0first-screen-empty.css.js' ? 'export default "";' : undefined;
  },
};
const ROOT = '<div id="root"></div>';

/** A Vite plugin (build only): the static first screen after #root, and the script that shows it. */
export function firstScreenHtml() {
  let base = './';
  return {
    name: 'gicscope-first-screen-html',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (!html.includes(ROOT)) throw new Error(`first-screen-html: index.html needs ${ROOT}`);
        const { module } = await runnerImport(RENDERER, { plugins: [noStylesheets] });
        const markup = await module.renderFirstScreen();
        return html.replace(
          ROOT,
          `${ROOT}\n    <template id="first-screen"><div class="first-screen" inert>${markup}</div></template>` +
            `\n    <script src="${base}first-screen-gate.js"></script>`,
        );
      },
    },
  };
}
