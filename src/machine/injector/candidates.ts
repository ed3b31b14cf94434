import type { InterruptView } from '../../gic/index.ts';
import type { Core } from '../core.ts';
import type { NmiCandidate } from '../events.ts';
import type { InjectorMode } from '../scenario/index.ts';

/** The byte the GIC stores when the guest writes `written` into a NS Group 1 priority (reference §2.4). */
export function storedPriority(core: Core, written: number): number {
  return core.gic.config.securityExtensions ? 0x80 | (written >> 1) : written;
}

const SECURE = { secure: true } as const;

/**
 * The enabled SPIs and each PE's enabled PPIs (with `pending`, only the pending ones), in INTID
 * order (PPIs by PE). The enable and pending bits are peeked 32 at a time, so only those views
 * are built: an injection looks at a handful of interrupts, not at every one of a 64-PE machine.
 */
export function enabledInterrupts(core: Core, pending = false): InterruptView[] {
  const gic = core.gic;
  const peCount = core.plan.peCount;
  const ppis: number[] = [];
  for (let pe = 0; pe < peCount; pe++) {
    let bits = gic.peekRedistributor32(pe, 0x10100, 4, SECURE);
    if (pending) bits &= gic.peekRedistributor32(pe, 0x10200, 4, SECURE);
    ppis.push(bits >>> 16);
  }
  const views: InterruptView[] = [];
  for (let intid = 16; intid < 32; intid++)
    for (let pe = 0; pe < peCount; pe++)
      if ((((ppis[pe] ?? 0) >>> (intid - 16)) & 1) !== 0) views.push(gic.interrupt(intid, pe));
  const max = gic.config.maxSpiIntId as number;
  for (let base = 32; base <= max; base += 32) {
    let bits = gic.peekDistributor32(0x100 + base / 8, 4, SECURE);
    if (pending) bits &= gic.peekDistributor32(0x200 + base / 8, 4, SECURE);
    for (let i = 0; bits !== 0 && i < 32; i++, bits >>>= 1)
      if ((bits & 1) !== 0 && base + i <= max) views.push(gic.interrupt(base + i));
  }
  return views;
}

function isCandidate(core: Core, mode: InjectorMode, v: InterruptView): boolean {
  if (!v.enabled) return false;
  switch (mode) {
    case 'architected':
      return v.nmi;
    case 'rfc-round-robin': {
      const written = pseudoNmiPriority(core);
      return v.nmi || (written !== null && v.priority === storedPriority(core, written));
    }
  }
}

/** The NMI priority byte the guest writes, if any PE uses pseudo-NMIs. */
function pseudoNmiPriority(core: Core): number | null {
  return core.plans.find((p) => p.nmiPriority !== null)?.nmiPriority ?? null;
}

export function findCandidates(core: Core, mode: InjectorMode): NmiCandidate[] {
  return enabledInterrupts(core)
    .filter((v) => isCandidate(core, mode, v))
    .map((v) => ({
      intid: v.intid,
      pe: v.pe,
      priority: v.priority,
      nmiProperty: v.nmi,
      targetPe: v.pe ?? v.route?.targetPe ?? null,
    }));
}

/** Why there is nothing to inject, and what to change. */
export function noCandidateReason(core: Core, mode: InjectorMode): { reason: string; fix: string } {
  const gicNmi = core.gic.config.nmi;
  if (mode === 'architected') {
    return gicNmi
      ? {
          reason:
            'no enabled interrupt has the GICv3.3 non-maskable property (GICD_INMIR / GICR_INMIR0)',
          fix: 'with guest.nmi = "architected", request_nmi sets the INMIR bit — add a request-nmi call',
        }
      : {
          reason:
            'GICv3.3 NMIs are off (machine.nmi = false): no interrupt can have the non-maskable property',
          fix: 'set machine.nmi to true and guest.nmi to "architected", or use the rfc-round-robin mode',
        };
  }
  const written = pseudoNmiPriority(core);
  if (written === null && !gicNmi) {
    return {
      reason: 'the guest runs without pseudo-NMIs, so no interrupt has an NMI priority',
      fix: 'set guest.nmi to "pseudo" (irqchip.gicv3_pseudo_nmi=1) and request an NMI',
    };
  }
  const prio = written === null ? '' : `at priority 0x${written.toString(16)}`;
  const prop = gicNmi ? `${prio === '' ? '' : ' or '}with the non-maskable property` : '';
  return {
    reason: `no enabled SPI/PPI ${prio}${prop} — has the guest called request_nmi?`,
    fix: 'add {"do": "request-nmi", "intid": 33, "name": "uart-pl011"} to guest.setup (the line must not be enabled or requested before)',
  };
}
