import { describe, expect, it } from 'vitest';
import { collectEvents } from '../testing/collect.ts';
import { createMachine } from '../machine.ts';
import type { MachineEvent } from '../events.ts';
import { parseScenario } from '../scenario/index.ts';
import type { ScenarioInput } from '../scenario/index.ts';
import { pseudoNmiValues } from './kernel-profiles.ts';
import type { KernelVersion } from './kernel-profiles.ts';

type Security = 'single' | 'two-states' | 'two-states-fiq0';

function run(
  kernel: KernelVersion,
  nmi: 'pseudo' | 'none',
  security: Security = 'single',
): readonly MachineEvent[] {
  const input: ScenarioInput = {
    format: 'gicscope-scenario',
    version: 1,
    id: 'profile',
    title: 'profile',
    machine: { pes: 1, spis: 32, security },
    guest: { kernel, nmi, setup: [{ do: 'request-nmi', intid: 33, name: 'uart-pl011' }] },
    timeline: [{ at: '20us', do: 'enter-critical-section', pe: 0, for: '5us' }],
    runUntil: '40us',
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return collectEvents(createMachine(parsed.value), (m) => m.runToEnd());
}

/** Values the guest wrote to one register, in order. */
function writes(events: readonly MachineEvent[], register: string): string[] {
  return events.flatMap((e) =>
    e.kind === 'gic' && e.event.kind === 'register-written' && e.event.register === register
      ? [e.event.value]
      : [],
  );
}

describe('guest kernel profiles write the reference values (reference §5.3, §12)', () => {
  it('6.11+ pseudo-NMI: dist 0xc0, NMI 0x80, PMR 0xf0 at entry, 0xe0 on, 0xc0 off', () => {
    const events = run('6.11+', 'pseudo');
    expect(writes(events, 'GICD_IPRIORITYR8')[0]).toBe('0xc0c0c0c0');
    const pmr = writes(events, 'ICC_PMR_EL1');
    expect(pmr.slice(0, 4)).toEqual(['0xf0', '0x8', '0xf0', '0xe0']);
    expect(pmr).toContain('0xc0');
  });

  it('6.11+ request_nmi writes the NMI priority byte 0x80 for SPI 33', () => {
    const events = run('6.11+', 'pseudo');
    const bytes = events.flatMap((e) =>
      e.kind === 'gic' &&
      e.event.kind === 'interrupt-configured' &&
      e.event.intid === 33 &&
      e.event.change.property === 'priority'
        ? [e.event.change.value as number]
        : [],
    );
    expect(bytes).toEqual([0xc0, 0x80]);
  });

  it('5.3–5.11: dist 0xa0, NMI 0x20, PMR IRQOFF 0x60, IRQON 0xe0', () => {
    const events = run('5.3-5.11', 'pseudo');
    expect(writes(events, 'GICD_IPRIORITYR8')[0]).toBe('0xa0a0a0a0');
    expect(writes(events, 'ICC_PMR_EL1')).toEqual(expect.arrayContaining(['0xe0', '0x60', '0xf0']));
  });

  it('5.1 masks with PMR 0x70 and unmasks with 0xf0', () => {
    expect(writes(run('5.1', 'pseudo'), 'ICC_PMR_EL1')).toContain('0x70');
  });

  it('without pseudo-NMI the PMR is written only at boot: 0x08 probe, restore, then 0xf0 (reference §12)', () => {
    expect(writes(run('6.11+', 'none'), 'ICC_PMR_EL1')).toEqual(['0x8', '0x0', '0xf0']);
  });

  it('6.11+ with DS=0 and SCR_EL3.FIQ=0 pre-compensates: dist 0x80, NMI 0x00', () => {
    const v = pseudoNmiValues('6.11+', 'ds0-fiq0');
    expect([v.irqPriority, v.nmiPriority, v.pmrIrqOff, v.rprNmi]).toEqual([0x80, 0x00, 0xc0, 0x80]);
    expect(writes(run('6.11+', 'pseudo', 'two-states-fiq0'), 'GICD_IPRIORITYR8')[0]).toBe(
      '0x80808080',
    );
  });

  it('5.12–6.10 with DS=0 and SCR_EL3.FIQ=0 uses IRQOFF 0xa0 and expects RPR 0x90', () => {
    const v = pseudoNmiValues('5.12-6.10', 'ds0-fiq0');
    expect([v.pmrIrqOn, v.pmrIrqOff, v.rprNmi]).toEqual([0xe0, 0xa0, 0x90]);
    expect(writes(run('5.12-6.10', 'pseudo', 'two-states-fiq0'), 'ICC_PMR_EL1')).toContain('0xa0');
  });

  it('5.x refuses pseudo-NMIs when SCR_EL3.FIQ=0 with DS=0', () => {
    expect(pseudoNmiValues('5.3-5.11', 'ds0-fiq0').supported).toBe(false);
    const refused = run('5.3-5.11', 'pseudo', 'two-states-fiq0').filter(
      (e) => e.kind === 'guest-called' && e.result !== 'ok',
    );
    expect(refused.length).toBe(1);
  });

  it('an EL2 host uses split EOI: EOIR right after IAR, DIR after the handler', () => {
    const input: ScenarioInput = {
      format: 'gicscope-scenario',
      version: 1,
      id: 'split',
      title: 'split',
      machine: { pes: 1 },
      guest: { el: 'el2-host', setup: [{ do: 'request-irq', intid: 40, name: 'dev' }] },
      devices: [{ type: 'spi-source', intid: 40, name: 'dev' }],
      timeline: [{ at: '20us', do: 'raise-line', intid: 40 }],
      runUntil: '40us',
    };
    const parsed = parseScenario(input);
    if (!parsed.ok) throw new Error('invalid');
    const events = collectEvents(createMachine(parsed.value), (m) => m.runToEnd());
    const order = events.flatMap((e) =>
      e.kind === 'gic' &&
      e.event.kind === 'register-written' &&
      /EOIR1|DIR/.test(e.event.register ?? '')
        ? [e.event.register]
        : [],
    );
    expect(order).toEqual(['ICC_EOIR1_EL1', 'ICC_DIR_EL1']);
    expect(writes(events, 'ICC_CTLR_EL1')).toEqual(['0x2']);
  });
});
