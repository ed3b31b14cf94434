// The simulation worker, started the moment the entry chunk runs: this module has no imports, so
// it is evaluated before the rest of the entry (the store, the client, the link parser), and the
// worker's script downloads and compiles while they do.

function spawn(): Worker {
  return new Worker(new URL('../../worker/gic.worker.ts', import.meta.url), { type: 'module' });
}

let early: Worker | null = typeof Worker === 'function' ? spawn() : null;

/** The worker started at load the first time, a fresh one after that (a restart after a crash). */
export function takeWorker(): Worker {
  const worker = early ?? spawn();
  early = null;
  return worker;
}
