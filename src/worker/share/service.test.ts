import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  createMemoryPair,
  type FromWorker,
  type MachineView,
  type ToWorker,
} from '../../protocol/index.ts';
import { Host } from '../host.ts';
import { machineEngineFactory } from '../machine-engine.ts';
import { ShareService } from './service.ts';

const fixtures = resolve(import.meta.dirname, '../../../fixtures/qemu');
const probeGz = readFileSync(resolve(fixtures, 'gic-probe-smp2.log.gz'));
const probeText = gunzipSync(probeGz).toString('utf8');

const arrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

type Reply = Extract<FromWorker, { type: 'reply' }>;

/** A worker as the app builds it (service in front of the host), over an in-memory channel. */
function worker() {
  const [page, inside] = createMemoryPair<ToWorker, FromWorker>();
  const service = new ShareService(inside, {
    now: () => performance.now(),
    pause: () => new Promise((r) => setImmediate(r)),
  });
  new Host(service.hostPort(), service.factory(machineEngineFactory), {
    now: () => performance.now(),
    later: () => () => undefined,
    soon: (tick) => {
      const handle = setImmediate(tick);
      return () => clearImmediate(handle);
    },
  });
  const received: FromWorker[] = [];
  const waiters = new Map<number, (reply: Reply) => void>();
  let view: MachineView | null = null;
  page.listen((message) => {
    received.push(message);
    if (message.type === 'loaded') view = message.view;
    if (message.type === 'frame') page.send({ type: 'frame-ack', frame: message.frame });
    if (message.type === 'reply') waiters.get(message.id)?.(message);
  });
  let next = 1;
  const request = (message: Record<string, unknown>) => {
    const id = next++;
    const reply = new Promise<Reply>((done) => waiters.set(id, done));
    page.send({ ...message, id } as ToWorker);
    return { id, reply };
  };
  page.send({ type: 'hello', version: PROTOCOL_VERSION });
  return { request, received, view: () => view };
}

describe('opening a QEMU trace in the worker', () => {
  it('replays a gzip trace with progress and loads it like a scenario, with the agreement summary', async () => {
    const w = worker();
    const { id, reply } = w.request({
      type: 'open-trace',
      name: 'gic-probe-smp2.log.gz',
      data: arrayBuffer(probeGz),
    });
    const answer = await reply;
    expect(answer).toMatchObject({ ok: true });
    const progress = w.received.filter((m) => m.type === 'progress' && m.request === id);
    expect(progress.map((p) => p.type === 'progress' && p.phase)).toContain('replaying');
    const view = w.view()!;
    expect(view.config).toMatchObject({ peCount: 2, spiCount: 224, timeUnit: 'line' });
    expect(view.trace).toMatchObject({
      name: 'gic-probe-smp2.log.gz',
      lines: 608,
      records: 608,
      compared: 428,
      agreed: 428,
      mismatchCount: 0,
    });
  });

  it('steps a record at a time, logs what QEMU said with its line, and steps back', async () => {
    const w = worker();
    await w.request({ type: 'open-trace', name: 'probe.log', data: arrayBuffer(probeGz) }).reply;
    await w.request({ type: 'step', count: 12, unit: 'event' }).reply;
    const rows = w.received.flatMap((m) => (m.type === 'frame' ? m.events : []));
    const lines = rows.filter((r) => r.kind === 'qemu-record').map((r) => r.fields.line);
    expect(lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rows.find((r) => r.fields.line === 6)?.text).toBe(
      'line 6: GICD read 0x4 → 0x37a0007 (4 bytes)',
    );
    expect(rows.some((r) => r.kind === 'register-read' && r.text.includes('GICD_TYPER'))).toBe(
      true,
    );
    const last = w.received.filter((m) => m.type === 'frame').at(-1);
    expect(last?.type === 'frame' && last.diff.time).toBe(12);
    await w.request({ type: 'step-back', count: 2 }).reply;
    const back = w.received.filter((m) => m.type === 'frame').at(-1);
    expect(back?.type === 'frame' && back.diff.time).toBe(10);
  });

  it('flags an altered value at its line in the summary and in the log, and seeks to it', async () => {
    const lines = probeText.split('\n');
    const at = lines.findIndex((l) => /ICC_IAR1 read cpu 0x0 value 0x3ff$/.test(l));
    lines[at] = lines[at].replace(/0x3ff$/, '0x21');
    const w = worker();
    await w.request({
      type: 'open-trace',
      name: 'altered.log',
      data: arrayBuffer(new TextEncoder().encode(lines.join('\n'))),
    }).reply;
    const trace = w.view()!.trace!;
    expect(trace.mismatchCount).toBe(1);
    expect(trace.mismatches[0]).toMatchObject({
      line: at + 1,
      check: 'ICC_IAR1_EL1',
      pe: 0,
      qemu: '0x21',
      model: '0x3ff',
    });
    await w.request({ type: 'seek', eventSeq: trace.mismatches[0].eventSeq }).reply;
    const rows = w.received.flatMap((m) => (m.type === 'frame' ? m.events : []));
    const flagged = rows.find((r) => r.kind === 'qemu-mismatch');
    expect(flagged).toMatchObject({ warning: true, seq: trace.mismatches[0].eventSeq });
    expect(flagged?.text).toBe(
      `line ${at + 1}: ICC_IAR1_EL1 on PE 0 — QEMU reported 0x21, the model says 0x3ff`,
    );
  });

  it('refuses a file that is not a GICv3 trace and one that is cut off; the session survives', async () => {
    const w = worker();
    await w.request({ type: 'load-scenario', source: { kind: 'builtin', id: 'rfc-nmi' } }).reply;
    const notTrace = await w.request({
      type: 'open-trace',
      name: 'notes.txt',
      data: arrayBuffer(new TextEncoder().encode('hello\nworld\n')),
    }).reply;
    expect(notTrace).toMatchObject({ ok: false });
    expect(notTrace.ok ? '' : notTrace.error).toMatch(
      /^notes\.txt: This is not a QEMU GICv3 trace/,
    );
    const cut = await w.request({
      type: 'open-trace',
      name: 'cut.log.gz',
      data: arrayBuffer(probeGz.subarray(0, probeGz.length - 100)),
    }).reply;
    expect(cut.ok ? '' : cut.error).toMatch(/does not unpack .*is the file cut off\?/);
    const cutText = await w.request({
      type: 'open-trace',
      name: 'cut.log',
      data: arrayBuffer(new TextEncoder().encode(probeText.slice(0, 2050))),
    }).reply;
    expect(cutText.ok ? '' : cutText.error).toMatch(/line \d+: expected .*is the log cut off\?\)$/);
    const step = await w.request({ type: 'step', count: 1, unit: 'event' }).reply;
    expect(step.ok).toBe(true);
    expect(w.view()?.config.kernel).not.toBe('recorded QEMU guest');
  });

  it('cancels an opening on request', async () => {
    const big = new TextEncoder().encode(probeText.repeat(60));
    const w = worker();
    const open = w.request({ type: 'open-trace', name: 'big.log', data: arrayBuffer(big) });
    await new Promise((r) => setImmediate(r));
    const cancel = await w.request({ type: 'cancel', request: open.id }).reply;
    expect(cancel.ok).toBe(true);
    const answer = await open.reply;
    expect(answer).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cancelled/) as string,
    });
  });
});

describe('exports from the worker', () => {
  it('exports the loaded scenario as Perfetto JSON and as VCD with its companions', async () => {
    const w = worker();
    await w.request({ type: 'load-scenario', source: { kind: 'builtin', id: 'pmr-ladder' } }).reply;
    const perfetto = w.request({ type: 'export', format: 'perfetto' });
    expect(await perfetto.reply).toMatchObject({ ok: true });
    const files = w.received.find((m) => m.type === 'exported' && m.request === perfetto.id);
    expect(files?.type === 'exported' && files.files.map((f) => f.name)).toEqual([
      'pmr-ladder.perfetto.json',
    ]);
    const vcd = w.request({ type: 'export', format: 'vcd' });
    await vcd.reply;
    const vcdFiles = w.received.find((m) => m.type === 'exported' && m.request === vcd.id);
    expect(vcdFiles?.type === 'exported' && vcdFiles.files.map((f) => f.name)).toEqual([
      'pmr-ladder.vcd',
      'pmr-ladder-intid.txt',
      'pmr-ladder-priority.txt',
      'pmr-ladder.gtkw',
    ]);
  });

  it('exports an opened trace, a moment per line', async () => {
    const w = worker();
    await w.request({ type: 'open-trace', name: 'probe.log.gz', data: arrayBuffer(probeGz) }).reply;
    const out = w.request({ type: 'export', format: 'perfetto' });
    await out.reply;
    const files = w.received.find((m) => m.type === 'exported' && m.request === out.id);
    const file = files?.type === 'exported' ? files.files[0] : undefined;
    expect(file?.name).toBe('probe.perfetto.json');
    const trace = JSON.parse(file?.text ?? '{}') as { otherData: { timeUnit: string } };
    expect(trace.otherData.timeUnit).toMatch(/QEMU trace line/);
  });

  it('a restarted worker that resumed the page’s session exports it (a crash loses nothing)', async () => {
    const w = worker();
    const text = readFileSync(
      resolve(import.meta.dirname, '../../../e2e/scenarios/three-nmis.json'),
      'utf8',
    );
    const resumed = await w.request({
      type: 'resume',
      point: {
        source: { kind: 'json', text },
        checkpoint: null,
        inputs: [],
        cursor: { time: 20_000, inputs: 0 },
        speed: 1,
      },
    }).reply;
    expect(resumed).toMatchObject({ ok: true });
    const perfetto = w.request({ type: 'export', format: 'perfetto' });
    expect(await perfetto.reply).toMatchObject({ ok: true });
    const files = w.received.find((m) => m.type === 'exported' && m.request === perfetto.id);
    expect(files?.type === 'exported' && files.files.map((f) => f.name)).toEqual([
      'three-nmis.perfetto.json',
    ]);
  });

  it('says there is nothing to export before anything is loaded', async () => {
    const w = worker();
    const reply = await w.request({ type: 'export', format: 'vcd' }).reply;
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Nothing to export/) as string,
    });
  });
});
