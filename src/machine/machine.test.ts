import { describe, expect, it } from 'vitest';
import { createMachine } from './machine.ts';
import { describeEvent } from './describe.ts';
import { builtinScenario } from './scenario/builtins/index.ts';
import { parseScenario } from './scenario/index.ts';
import type { ScenarioInput } from './scenario/index.ts';
import type { MachineEvent } from './events.ts';
import { collectEvents } from './testing/collect.ts';

function scenario(input: Partial<ScenarioInput>): ReturnType<typeof createMachine> {
  const r = parseScenario({
    format: 'gicscope-scenario',
    version: 1,
    id: 't',
    title: 't',
    machine: { pes: 2 },
    runUntil: '200us',
    ...input,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return createMachine(r.value);
}

function lines(events: readonly MachineEvent[]): string[] {
  return events.map(describeEvent);
}

describe('machine', () => {
  it('replays the same trace after restoring a snapshot (deterministic)', () => {
    const s = builtinScenario('rfc-nmi');
    if (s === null) throw new Error('missing');
    const m = createMachine(s);
    m.runUntil(120_000);
    const checkpoint = m.snapshot();
    const first = lines(collectEvents(m, () => (m.injectNmi(), m.runUntil(260_000))));
    m.restore(checkpoint);
    const second = lines(collectEvents(m, () => (m.injectNmi(), m.runUntil(260_000))));
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(10);
  });

  it('step() stops after the first agenda entry that produced a GIC event', () => {
    const m = scenario({});
    const events = m.step();
    expect(events.some((e) => e.kind === 'gic')).toBe(true);
    expect(m.now()).toBe(0);
  });

  it('runUntilAcknowledge() stops at the acknowledge', () => {
    const m = scenario({ devices: [{ type: 'arch-timer', period: '20us' }] });
    const events = m.runUntilAcknowledge();
    const acks = events.filter((e) => e.kind === 'gic' && e.event.kind === 'acknowledged');
    expect(acks).toEqual([
      expect.objectContaining({ event: expect.objectContaining({ intid: 27 }) as unknown }),
    ]);
    expect(events.some((e) => e.kind === 'interrupt-handled')).toBe(false);
  });

  it('refuses request_nmi on an enabled line with the kernel message', () => {
    const m = scenario({
      guest: { setup: [{ do: 'request-irq', intid: 40, name: 'eth0' }] },
      timeline: [
        {
          at: '50us',
          do: 'write-register',
          target: { block: 'distributor', offset: 0x104, size: 4 },
          value: 1 << 9,
        },
        { at: '60us', do: 'request-nmi', intid: 41, name: 'late' },
        { at: '70us', do: 'request-nmi', intid: 40, name: 'again' },
        { at: '80us', do: 'request-nmi', intid: 8192, name: 'lpi' },
        { at: '90us', do: 'request-nmi', intid: 42, name: 'shared', shared: true },
      ],
    });
    const refused = collectEvents(m, () => m.runToEnd()).filter(
      (e) => e.kind === 'guest-called' && e.result !== 'ok',
    );
    expect(refused.map((e) => (e.kind === 'guest-called' ? e.message : ''))).toEqual([
      'GICv3: Cannot set NMI property of enabled IRQ 41',
      'genirq: Flags mismatch irq 40. (again) vs. (eth0)',
      expect.stringMatching(/LPIs cannot be NMIs/) as string,
      'request_nmi(42): NMIs cannot be shared (IRQF_SHARED)',
    ]);
  });

  it('says why the injector has no candidate and how to fix it', () => {
    const events = scenario({}).injectNmi('rfc-round-robin');
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'nmi-injection-failed',
        reason: expect.stringMatching(/priority 0x80 — has the guest called request_nmi/) as string,
      }),
    ]);
  });

  it('rotates the injector cursor over PPI NMIs on each PE', () => {
    const m = scenario({ devices: [{ type: 'pmu', period: '1ms' }] });
    m.runUntil(30_000);
    const chosen = [0, 1, 2].map(() => {
      const e = m.injectNmi().find((x) => x.kind === 'nmi-injected');
      return e?.kind === 'nmi-injected' ? `${e.chosen.intid}@${e.chosen.pe}` : null;
    });
    expect(chosen).toEqual(['23@0', '23@1', '23@0']);
  });

  it('rejects an out-of-range register write from outside with a clear error', () => {
    const r = scenario({}).writeRegister(
      { block: 'distributor', offset: 0x100, size: 4 },
      '0x1ffffffff',
    );
    expect(r).toEqual({ ok: false, error: '0x1ffffffff does not fit in 32 bits (GICD+0x100)' });
  });

  it('an NMI preempts an IRQ handler under pseudo-NMI; an IRQ does not preempt', () => {
    const m = createMachine(builtinScenario('pmr-ladder') ?? (undefined as never));
    m.runUntil(211_000);
    const pe0 = m.view().pes[0];
    expect(pe0?.frames.map((f) => f.label)).toEqual([
      'task',
      'mmc0 (INTID 41)',
      'uart-pl011 (INTID 33, NMI)',
    ]);
  });
});
