// The default opening shipped with the page (issue 13): a virtual module whose data the worker's
// own code computes while the page is built (tools/opening.ts), so it can never go stale; the
// unit test src/ui/boot/opening.test.ts imports the same module and compares it with what the
// worker sends. JSON.parse of a string literal: V8 parses JSON faster than an object literal,
// and it is no eval (the CSP forbids that).
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export const OPENING_MODULE = 'virtual:gicscope-opening';
const RESOLVED = `\0${OPENING_MODULE}`;
const RECORDER = fileURLToPath(new URL('../tools/opening.ts', import.meta.url));

/** A Vite plugin serving `virtual:gicscope-opening`: `export default <Opening>`. */
export function openingModule() {
  return {
    name: 'gicscope-opening',
    resolveId(id) {
      return id === OPENING_MODULE ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const { module, dependencies } = await runnerImport(RECORDER);
      // the dev server rebuilds it when the engine, a scenario or the page's opening changes
      for (const file of dependencies) this.addWatchFile(file);
      const opening = await module.recordDefaultOpening();
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(opening))});\n`;
    },
  };
}
