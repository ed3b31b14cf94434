// Developer tool: a Chrome trace of the page during the 64-PE storm at max speed; prints where
// the main thread's time goes by trace event (script, style, layout, paint, GC…).
/* global window -- the page-side callbacks of page.evaluate */
// Usage: npm run build && node tools/trace-storm.mjs [port] [seconds]
import { openStormPage } from './storm-page.mjs';

const port = Number(process.argv[2] ?? 4194);
const seconds = Number(process.argv[3] ?? 5);
const { browser, page, close } = await openStormPage(port);
try {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'],
  });
  await page.evaluate(() => window.gicscope.play());
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const buffer = await browser.stopTracing();
  await page.evaluate(() => window.gicscope.pause());
  const trace = JSON.parse(buffer.toString());
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const byName = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.tid !== main?.tid || e.pid !== main?.pid) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  for (const [name, dur] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(dur / 1000).toFixed(1).padStart(9)} ms  ${name}`);
  // the longest tasks and what they held (direct children by duration)
  const mainEvents = events.filter(
    (e) => e.ph === 'X' && e.tid === main?.tid && e.pid === main?.pid,
  );
  const tasks = mainEvents
    .filter((e) => e.name === 'RunTask' && e.dur > 50_000)
    .sort((a, b) => b.dur - a.dur);
  console.log(`tasks over 50 ms: ${tasks.length}`);
  for (const task of tasks.slice(0, 6)) {
    const inside = mainEvents.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur,
    );
    const parts = new Map();
    for (const e of inside) {
      const label =
        e.name === 'FunctionCall'
          ? `FunctionCall ${e.args?.data?.functionName || ''} ${e.args?.data?.url?.split('/').pop() ?? ''}:${e.args?.data?.lineNumber ?? ''}`
          : e.name;
      parts.set(label, (parts.get(label) ?? 0) + e.dur);
    }
    console.log(
      `  task ${(task.dur / 1000).toFixed(0)} ms: ` +
        [...parts]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, d]) => `${k} ${(d / 1000).toFixed(0)}`)
          .join(' | '),
    );
  }
} finally {
  await close();
}
