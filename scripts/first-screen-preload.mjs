// The React tree's chunk (src/ui/boot/render.tsx) is a dynamic import of the entry, so that the
// entry starts the simulation worker before React arrives. Vite preloads a dynamic import's
// chunks only once the import() runs, i.e. after the entry was fetched, compiled and run: a
// second round trip before the first screen (issue 13). This plugin lists that chunk and its
// static imports in index.html as <link rel="modulepreload">, so they download (and compile off
// the main thread) alongside the entry, and their stylesheets as <link rel="stylesheet">.
import { relative } from 'node:path';

const FIRST_SCREEN = 'src/ui/boot/render.tsx';

/** A Vite plugin (build only): modulepreload links for the first screen's dynamic chunk. */
export function firstScreenPreload() {
  let root = '';
  let base = './';
  return {
    name: 'gicscope-first-screen-preload',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle ?? {};
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const render = chunks.find(
          (c) => c.facadeModuleId && relative(root, c.facadeModuleId) === FIRST_SCREEN,
        );
        if (!render) throw new Error(`first-screen-preload: no chunk for ${FIRST_SCREEN}`);
        const files = [render.fileName, ...render.imports].filter((file) => !html.includes(file));
        // and its stylesheets: the static first screen (first-screen-html.mjs) is drawn with them
        const styles = new Set(
          [render, ...render.imports.map((file) => bundle[file])].flatMap((chunk) => [
            ...(chunk?.viteMetadata?.importedCss ?? []),
          ]),
        );
        return [
          ...[...styles]
            .filter((file) => !html.includes(file))
            .map((file) => ({
              tag: 'link',
              attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${file}` },
              injectTo: 'head',
            })),
          ...files.map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head',
          })),
        ];
      },
    },
  };
}
