import type { Gic, Hppi, InterruptGroup, InterruptView, Outputs, Priority } from '../api.ts';

/**
 * A slow, obviously-correct model of HPPI selection and signalling (reference §4.5, §6), computed
 * from scratch from the read-only views after every step. It shares no code with the
 * incremental delivery path.
 */

function effectivePriority(v: InterruptView, ds: boolean): number {
  if (!v.nmi) return v.priority;
  return !ds && v.group === 'G1NS' ? 0x80 : 0x00;
}

function groupEnabledAtCpu(gic: Gic, pe: number, g: InterruptGroup): boolean {
  const c = gic.cpuInterface(pe);
  return g === 'G0' ? c.igrpen0 : g === 'G1S' ? c.igrpen1S : c.igrpen1Ns;
}

function interruptsOf(gic: Gic, pe: number): InterruptView[] {
  const out: InterruptView[] = [];
  for (let i = 0; i < 32; i++) out.push(gic.interrupt(i, pe));
  for (let i = 32; i <= gic.config.maxSpiIntId; i++) {
    const v = gic.interrupt(i);
    if (v.route?.targetPe === pe) out.push(v);
  }
  return out;
}

export function referenceHppi(gic: Gic, pe: number): Hppi | null {
  const d = gic.distributor();
  const qemu = gic.config.profile === 'qemu';
  if (!qemu && gic.redistributor(pe).processorSleep) return null;
  let best: { v: InterruptView; prio: number } | null = null;
  for (const v of interruptsOf(gic, pe)) {
    const distEnabled =
      v.group === 'G0' ? d.enableGrp0 : v.group === 'G1S' ? d.enableGrp1S : d.enableGrp1Ns;
    if (!v.pending || !v.enabled || v.active || !distEnabled) continue;
    if (!qemu && !groupEnabledAtCpu(gic, pe, v.group)) continue;
    const prio = effectivePriority(v, d.ds);
    const better =
      best === null ||
      prio < best.prio ||
      (prio === best.prio && v.nmi && !best.v.nmi) ||
      (prio === best.prio && v.nmi === best.v.nmi && v.intid < best.v.intid);
    if (better) best = { v, prio };
  }
  if (best === null) return null;
  return {
    intid: best.v.intid,
    priority: best.prio as Priority,
    group: best.v.group,
    nmi: best.v.nmi,
  };
}

/** Running priority from the APR views: an active NMI first, then the lowest set bit. */
export function referenceRunningPriority(gic: Gic, pe: number): number {
  const c = gic.cpuInterface(pe);
  const a = c.activePriorities;
  if (gic.config.nmi) {
    if (a.nmiS) return 0;
    if (a.nmiNs) return gic.distributor().ds ? 0 : 0x80;
  }
  const shift = 8 - gic.config.preemptionBits;
  for (let i = 0; i < a.ap0r.length; i++) {
    const w = ((a.ap0r[i] ?? 0) | (a.ap1rNs[i] ?? 0) | (a.ap1rS[i] ?? 0)) >>> 0;
    for (let b = 0; b < 32; b++) {
      if ((w >>> b) & 1) return ((i * 32 + b) << shift) & 0xff;
    }
  }
  return 0xff;
}

export function referenceOutputs(gic: Gic, pe: number, hppi: Hppi | null): Outputs {
  const none = { irq: false, fiq: false, nmi: false };
  if (hppi === null || !groupEnabledAtCpu(gic, pe, hppi.group)) return none;
  const c = gic.cpuInterface(pe);
  const ds = gic.distributor().ds;
  const peSecure = gic.config.securityExtensions && c.securityState !== 'non-secure';
  if (hppi.nmi) {
    if (!ds && hppi.group === 'G1NS' && (c.pmr < 0x80 || (peSecure && c.pmr === 0x80))) return none;
  } else if (hppi.priority >= c.pmr) {
    return none;
  }
  const rpr = referenceRunningPriority(gic, pe);
  if (rpr !== 0xff) {
    let bpr: number;
    let nsStyle = false;
    if (
      hppi.group === 'G0' ||
      (hppi.group === 'G1S' && c.cbprS) ||
      (hppi.group === 'G1NS' && c.cbprNs)
    ) {
      bpr = c.bpr0;
    } else if (hppi.group === 'G1S') {
      bpr = c.bpr1S;
    } else {
      bpr = c.bpr1Ns;
      nsStyle = true;
    }
    const mask = (0xff << ((nsStyle ? bpr - 1 : bpr) + 1)) & 0xff;
    const nmiActive =
      hppi.group === 'G1NS'
        ? c.activePriorities.nmiNs
        : hppi.group === 'G1S'
          ? c.activePriorities.nmiS
          : c.activePriorities.nmi0;
    const preempts =
      (hppi.priority & mask) < (rpr & mask) ||
      (hppi.nmi && (hppi.priority & mask) === (rpr & mask) && !nmiActive);
    if (!preempts) return none;
  }
  const state = gic.config.securityExtensions ? c.securityState : 'non-secure';
  const fiq =
    hppi.group === 'G0' ||
    (hppi.group === 'G1S' && state !== 'secure') ||
    (hppi.group === 'G1NS' && state !== 'non-secure');
  if (fiq) return { irq: false, fiq: true, nmi: false };
  return hppi.nmi ? { irq: false, fiq: false, nmi: true } : { irq: true, fiq: false, nmi: false };
}
