import { describe, expect, it } from 'vitest';
import type { GicEvent } from './api.ts';
import { GicListenerError } from './events.ts';
import { bootedGic, setUpSpi } from './testing/setup.ts';

describe('a throwing subscriber cannot corrupt the model', () => {
  it('ICC_IAR1_EL1 › a subscriber throwing in "acknowledged" leaves no stale HPPI: the next read does not acknowledge the same interrupt again', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { priority: 0x80, trigger: 'edge' });
    gic.setLevel(40, true);
    gic.setLevel(40, false);
    gic.subscribe((e) => {
      if (e.kind === 'acknowledged') throw new Error('subscriber bug');
    });

    let error: unknown = null;
    try {
      gic.readSysreg(0, 'ICC_IAR1_EL1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GicListenerError);
    const failure = error as GicListenerError;
    // The call completed: its value travels with the error, the cause is the subscriber's.
    expect(failure.result).toBe(40n);
    expect((failure.cause as Error).message).toBe('subscriber bug');
    expect(failure.failures).toBe(1);

    expect(gic.interrupt(40).state).toBe('active');
    expect(gic.cpuInterface(0).hppi).toBeNull();
    expect(gic.outputs(0)).toEqual({ irq: false, fiq: false, nmi: false });
    expect(gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(1023n);
  });

  it('every other listener still gets every event of the call, in order', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { priority: 0x80, trigger: 'edge' });
    gic.setLevel(40, true);
    const seen: string[] = [];
    gic.subscribe((e) => {
      if (e.kind === 'acknowledged') throw new Error('first listener fails');
    });
    gic.subscribe((e: GicEvent) => seen.push(e.kind));
    expect(() => gic.readSysreg(0, 'ICC_IAR1_EL1')).toThrow(GicListenerError);
    expect(seen).toEqual([
      'acknowledged',
      'pending-cleared',
      'register-read',
      'hppi-changed',
      'outputs-changed',
    ]);
  });

  it('the number fast path reports the same way, with the INTID in `result`', () => {
    const gic = bootedGic();
    setUpSpi(gic, 41, { trigger: 'edge' });
    gic.setLevel(41, true);
    const off = gic.subscribe(() => {
      throw new Error('boom');
    });
    expect(() => gic.readSysreg32(0, 'ICC_IAR1_EL1')).toThrow(
      expect.objectContaining({ name: 'GicListenerError', result: 41 }) as Error,
    );
    off();
    gic.writeSysreg(0, 'ICC_EOIR1_EL1', 41);
    expect(gic.interrupt(41).state).toBe('inactive');
  });

  it('a failure is reported once: the next call is clean', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'edge' });
    let fail = true;
    gic.subscribe(() => {
      if (fail) throw new Error('once');
    });
    expect(() => gic.setLevel(40, true)).toThrow(GicListenerError);
    fail = false;
    expect(() => gic.setLevel(40, false)).not.toThrow();
    expect(gic.interrupt(40).state).toBe('pending');
  });

  it('a listener may look (views, peeks) but a call that changes the model from inside one is refused and reported', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'edge' });
    setUpSpi(gic, 42, { trigger: 'edge' });
    gic.setLevel(40, true);
    let looked: unknown = null;
    gic.subscribe((e) => {
      if (e.kind !== 'acknowledged') return;
      looked = [gic.cpuInterface(0).runningPriority, gic.peekSysreg(0, 'ICC_RPR_EL1')];
      gic.setLevel(42, true); // a re-entrant change: refused
    });
    let error: unknown = null;
    try {
      gic.readSysreg(0, 'ICC_IAR1_EL1');
    } catch (e) {
      error = e;
    }
    expect(looked).toEqual([0xa0, 0xa0n]);
    expect(error).toBeInstanceOf(GicListenerError);
    expect(((error as GicListenerError).cause as Error).message).toMatch(
      /setLevel was called from a GIC event listener/,
    );
    expect(gic.interrupt(42).state).toBe('inactive');
    // The model is consistent and usable afterwards.
    gic.setLevel(42, true);
    expect(gic.interrupt(42).state).toBe('pending');
  });
});
