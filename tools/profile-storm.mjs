// Developer tool: profiles the page's main thread and the worker during the 64-PE storm at max
// speed (Chrome DevTools Protocol), and prints the functions with the most self time in each.
/* global window -- the page-side callbacks of page.evaluate */
// Usage: npm run build && node tools/profile-storm.mjs [port] [seconds]
import { openStormPage } from './storm-page.mjs';

const port = Number(process.argv[2] ?? 4194);
const seconds = Number(process.argv[3] ?? 5);

/** Inclusive time per function name (a function counted once per sample however deep). */
function inclusive(profile, count = 40) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      if (!f.url.includes('/assets/')) continue;
      const key = `${f.functionName || '(anonymous)'}:${f.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  return [...total]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, t]) => `${(t / 1000).toFixed(1).padStart(9)} ms  ${k}`)
    .join('\n');
}

function top(profile, count = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, count);
  return [
    `  total ${(total / 1000).toFixed(0)} ms`,
    ...rows.map(([k, t]) => `${(t / 1000).toFixed(1).padStart(9)} ms  ${k}`),
  ].join('\n');
}

const { page, close } = await openStormPage(port);
try {
  const cdp = await page.context().newCDPSession(page);
  // the worker: auto-attach, then talk to it through Target.sendMessageToTarget
  let workerSession = null;
  let nextId = 1;
  const waiting = new Map();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workerSession = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (m.id && waiting.has(m.id)) {
      waiting.get(m.id)(m.result);
      waiting.delete(m.id);
    }
  });
  const toWorker = (method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId: workerSession,
        message: JSON.stringify({ id, method, params }),
      });
    });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  for (let i = 0; i < 50 && !workerSession; i++) await new Promise((r) => setTimeout(r, 100));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await toWorker('Profiler.enable');
  await toWorker('Profiler.start');
  await page.evaluate(() => window.gicscope.play());
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await page.evaluate(() => window.gicscope.pause());
  const { profile: main } = await cdp.send('Profiler.stop');
  const worker = await toWorker('Profiler.stop');
  const state = await page.evaluate(() => window.gicscope.state());
  console.log(`virtual time reached ${state.time / 1e6} ms`);
  console.log('page main thread:\n' + top(main));
  if (process.env.INCLUSIVE) console.log('page inclusive:\n' + inclusive(main));
  console.log('worker:\n' + top(worker.profile));
} finally {
  await close();
}
