import type {
  Gic,
  Hppi,
  InterruptGroup,
  Outputs,
  PeSecurityState,
  Priority,
  IntId,
} from '../api.ts';

/**
 * HPPI, output lines and running priority computed from scratch from the architectural state
 * alone — the registers as software reads them, looked at with peeks — by the rules of IHI 0069
 * (reference §1.3, §2.2, §2.4, §4.2–§4.6, §6, §7), with the profile's documented deviations. It
 * shares no code with the model's incremental delivery (heaps, caches, kernels): it only reads
 * registers and applies the architecture. The one input that is not a register is the PE's
 * security state (driven by the caller, who knows it), and the one IMPLEMENTATION DEFINED choice
 * not visible in a register — which PE a 1-of-N SPI was offered to — comes from the route view.
 */

export interface ReferencePe {
  readonly hppi: Hppi | null;
  readonly outputs: Outputs;
  readonly runningPriority: number;
}

/**
 * §7: a pending 1-of-N SPI is offered to a PE that participates in 1-of-N selection for its
 * group — awake (architecture profile), GICR_CTLR.DPG clear for the group, the group enabled at
 * its CPU interface — or, when no PE participates, to none. Returns what breaks that, or null.
 */
export function oneOfNProblem(gic: Gic): string | null {
  const cfg = gic.config;
  if (cfg.oneOfN === 'unsupported') return null;
  const ctlr = gic.peekDistributor32(0x0, 4, S);
  const ds = (ctlr & (1 << 6)) !== 0;
  const participates = (pe: number, group: InterruptGroup): boolean => {
    if (cfg.profile !== 'qemu' && (gic.peekRedistributor32(pe, 0x14, 4, S) & 0x2) !== 0)
      return false;
    const dpg = group === 'G0' ? 1 << 24 : group === 'G1NS' ? 1 << 25 : 1 << 26;
    if ((gic.peekRedistributor32(pe, 0x0, 4, S) & dpg) !== 0) return false;
    return groupEnabledAtCpu(gic, pe, group);
  };
  for (let n = 1; n * 32 <= cfg.maxSpiIntId; n++) {
    const block = distBlock(gic, n);
    const want = block.enabled & block.pending & ~block.active;
    for (let bit = 0; bit < 32; bit++) {
      const intid = 32 * n + bit;
      if (((want >>> bit) & 1) === 0 || intid > cfg.maxSpiIntId) continue;
      if ((gic.peekDistributor32(0x6000 + 8 * intid, 4, S) & 0x80000000) === 0) continue;
      const group = groupOf(block, bit, ds);
      const enable = group === 'G0' ? 1 : group === 'G1NS' ? 2 : 4;
      if ((ctlr & enable) === 0) continue;
      const target = gic.interrupt(intid).route?.targetPe ?? null;
      if (target !== null && !participates(target, group))
        return `1-of-N SPI ${intid} (${group}) is offered to PE ${target}, which does not participate`;
      if (target === null) {
        for (let pe = 0; pe < cfg.peCount; pe++)
          if (participates(pe, group))
            return `1-of-N SPI ${intid} (${group}) waits for a PE although PE ${pe} participates`;
      }
    }
  }
  return null;
}

const S = { secure: true } as const;
const NS = { secure: false } as const;
const EL3 = { el3: true } as const;
const NONE: Outputs = { irq: false, fiq: false, nmi: false };

interface Candidate {
  readonly intid: number;
  readonly group: InterruptGroup;
  readonly priority: number;
  readonly nmi: boolean;
}

/** The seven bit-per-INTID registers of one 32-INTID block, as a secure read sees them. */
interface Block {
  readonly enabled: number;
  readonly pending: number;
  readonly active: number;
  readonly igroup: number;
  readonly grpmod: number;
  readonly nmi: number;
}

function distBlock(gic: Gic, n: number): Block {
  const r = (base: number): number => gic.peekDistributor32(base + 4 * n, 4, S);
  return {
    enabled: r(0x100),
    pending: r(0x200),
    active: r(0x300),
    igroup: r(0x080),
    grpmod: r(0xd00),
    nmi: gic.config.nmi ? r(0xf80) : 0,
  };
}

function redistBlock(gic: Gic, pe: number): Block {
  const r = (offset: number): number => gic.peekRedistributor32(pe, 0x10000 + offset, 4, S);
  return {
    enabled: r(0x100),
    pending: r(0x200),
    active: r(0x300),
    igroup: r(0x080),
    grpmod: r(0xd00),
    nmi: gic.config.nmi ? r(0xf80) : 0,
  };
}

/** §2.4: IGROUPR=1 → Group 1 NS; else with DS=1 Group 0; else IGRPMODR picks G1S or G0. */
function groupOf(block: Block, bit: number, ds: boolean): InterruptGroup {
  if (((block.igroup >>> bit) & 1) !== 0) return 'G1NS';
  if (ds) return 'G0';
  return ((block.grpmod >>> bit) & 1) !== 0 ? 'G1S' : 'G0';
}

/**
 * The HPPI candidates of one block (§1.3, §4.5 step 1): pending, enabled, not active, and of a
 * group the Distributor forwards (§2.2). `deliver(intid, candidate)` files each one.
 */
function candidates(
  gic: Gic,
  block: Block,
  firstIntid: number,
  priorityByte: (intid: number) => number,
  ctlr: number,
  deliver: (intid: number, c: Candidate) => void,
): void {
  const ds = (ctlr & (1 << 6)) !== 0;
  const want = block.enabled & block.pending & ~block.active;
  for (let bit = 0; bit < 32; bit++) {
    if (((want >>> bit) & 1) === 0) continue;
    const intid = firstIntid + bit;
    if (intid > gic.config.maxSpiIntId) break;
    const group = groupOf(block, bit, ds);
    const enable = group === 'G0' ? 1 : group === 'G1NS' ? 2 : 4;
    if ((ctlr & enable) === 0) continue;
    // §6: an NMI's priority is 0x00, or 0x80 for Non-secure Group 1 when DS=0.
    const nmi = ((block.nmi >>> bit) & 1) !== 0;
    const priority = nmi ? (!ds && group === 'G1NS' ? 0x80 : 0) : priorityByte(intid);
    deliver(intid, { intid, group, priority, nmi });
  }
}

/** §4.5 step 2 order: priority, then an NMI first (GICv3.3), then the lowest INTID (IMPDEF). */
function better(a: Candidate, b: Candidate): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.nmi !== b.nmi) return a.nmi;
  return a.intid < b.intid;
}

/** The PE an SPI is delivered to (§2.4, §7): the one IROUTER names, or, routed 1-of-N, the one it
 * was offered to (an IMPDEF choice no register shows). -1: none. */
function spiTarget(gic: Gic, intid: number, byAffinity: ReadonlyMap<number, number>): number {
  const lo = gic.peekDistributor32(0x6000 + 8 * intid, 4, S);
  if (gic.config.oneOfN !== 'unsupported' && (lo & 0x80000000) !== 0)
    return gic.interrupt(intid).route?.targetPe ?? -1;
  const hi = gic.peekDistributor32(0x6004 + 8 * intid, 4, S);
  return byAffinity.get((((hi & 0xff) << 24) | (lo & 0xffffff)) >>> 0) ?? -1;
}

/** §4.4, §6: an active NMI first, then the highest active group priority from the APRs. */
function runningPriority(gic: Gic, pe: number, ds: boolean): number {
  const ext = gic.config.securityExtensions;
  const words = 1 << Math.max(gic.config.preemptionBits - 5, 0);
  if (gic.config.nmi) {
    const nmiS = ext && gic.peekSysreg(pe, 'ICC_AP1R0_EL1', S) >> 63n !== 0n;
    const nmiNs = gic.peekSysreg(pe, 'ICC_AP1R0_EL1', NS) >> 63n !== 0n;
    if (nmiS) return 0;
    if (nmiNs) return ds ? 0 : 0x80;
  }
  const shift = 8 - gic.config.preemptionBits;
  for (let n = 0; n < words; n++) {
    const w =
      (gic.peekSysreg32(pe, `ICC_AP0R${n}_EL1`, S) |
        gic.peekSysreg32(pe, `ICC_AP1R${n}_EL1`, NS) |
        (ext ? gic.peekSysreg32(pe, `ICC_AP1R${n}_EL1`, S) : 0)) >>>
      0;
    for (let b = 0; b < 32; b++) if (((w >>> b) & 1) !== 0) return ((n * 32 + b) << shift) & 0xff;
  }
  return 0xff;
}

/** Group-priority mask (§4.3) for `group`, with ICC_CTLR_EL1.CBPR sending Group 1 to BPR0. */
function groupMask(gic: Gic, pe: number, group: InterruptGroup): number {
  const ext = gic.config.securityExtensions;
  const bpr0 = gic.peekSysreg32(pe, 'ICC_BPR0_EL1', ext ? EL3 : NS);
  const mask = (b: number): number => (0xff << (b + 1)) & 0xff;
  if (group === 'G0') return mask(bpr0);
  if (group === 'G1S') {
    const cbpr = (gic.peekSysreg32(pe, 'ICC_CTLR_EL1', S) & 1) !== 0;
    return cbpr ? mask(bpr0) : mask(gic.peekSysreg32(pe, 'ICC_BPR1_EL1', S));
  }
  const cbpr = (gic.peekSysreg32(pe, 'ICC_CTLR_EL1', NS) & 1) !== 0;
  // Non-secure Group 1 binary point b acts like BPR0 value b − 1 (§4.3).
  return cbpr ? mask(bpr0) : mask(gic.peekSysreg32(pe, 'ICC_BPR1_EL1', NS) - 1);
}

function groupEnabledAtCpu(gic: Gic, pe: number, group: InterruptGroup): boolean {
  const ext = gic.config.securityExtensions;
  if (group === 'G0') return gic.peekSysreg32(pe, 'ICC_IGRPEN0_EL1', ext ? EL3 : NS) !== 0;
  if (group === 'G1S') return ext && gic.peekSysreg32(pe, 'ICC_IGRPEN1_EL1', S) !== 0;
  return gic.peekSysreg32(pe, 'ICC_IGRPEN1_EL1', NS) !== 0;
}

/** The NMI bit 63 of the APR of the group (AP0R0's under qemu, which keeps one). */
function nmiActiveInGroup(gic: Gic, pe: number, group: InterruptGroup): boolean {
  if (!gic.config.nmi) return false;
  const name = group === 'G0' ? 'ICC_AP0R0_EL1' : 'ICC_AP1R0_EL1';
  const opts = group === 'G1NS' ? NS : gic.config.securityExtensions ? EL3 : NS;
  if (group === 'G1S' && !gic.config.securityExtensions) return false;
  return gic.peekSysreg(pe, name, group === 'G1S' ? S : opts) >> 63n !== 0n;
}

/**
 * Reference HPPI, outputs and running priority of every PE. `security[pe]` is the security state
 * the caller set with setPeSecurityState (non-secure when it never did).
 */
export function registerReference(gic: Gic, security: readonly PeSecurityState[]): ReferencePe[] {
  const cfg = gic.config;
  const qemu = cfg.profile === 'qemu';
  const ctlr = gic.peekDistributor32(0x0, 4, S);
  const ds = (ctlr & (1 << 6)) !== 0;
  const byAffinity = new Map<number, number>();
  cfg.affinity.forEach((a, pe) =>
    byAffinity.set(((a.aff3 << 24) | (a.aff2 << 16) | (a.aff1 << 8) | a.aff0) >>> 0, pe),
  );
  // SPI candidates with the PE each is delivered to (few: only pending, enabled, inactive ones).
  const spis: { readonly pe: number; readonly c: Candidate }[] = [];
  const spiPriority = (intid: number): number => gic.peekDistributor32(0x400 + intid, 1, S);
  for (let n = 1; n * 32 <= cfg.maxSpiIntId; n++) {
    candidates(gic, distBlock(gic, n), 32 * n, spiPriority, ctlr, (intid, c) => {
      const pe = spiTarget(gic, intid, byAffinity);
      if (pe >= 0) spis.push({ pe, c });
    });
  }
  const out: ReferencePe[] = [];
  for (let pe = 0; pe < cfg.peCount; pe++) {
    const all: Candidate[] = [];
    // §3.2: a Redistributor whose PE sleeps (GICR_WAKER.ProcessorSleep) forwards nothing; QEMU
    // stores WAKER but does not gate delivery on it (profile flag wakerGatesDelivery).
    const asleep = (gic.peekRedistributor32(pe, 0x14, 4, S) & 0x2) !== 0;
    if (qemu || !asleep) {
      const privatePriority = (intid: number): number =>
        gic.peekRedistributor32(pe, 0x10400 + intid, 1, S);
      candidates(gic, redistBlock(gic, pe), 0, privatePriority, ctlr, (_, c) => all.push(c));
      for (const x of spis) if (x.pe === pe) all.push(x.c);
    }
    // The architecture forwards the best among the groups the CPU interface enables; QEMU picks
    // over all groups and then signals nothing if that one's group is disabled (reference §8.1).
    const enabled = { G0: false, G1S: false, G1NS: false };
    if (all.length > 0)
      for (const g of ['G0', 'G1S', 'G1NS'] as const) enabled[g] = groupEnabledAtCpu(gic, pe, g);
    let best: Candidate | null = null;
    for (const c of all) {
      if (!qemu && !enabled[c.group]) continue;
      if (best === null || better(c, best)) best = c;
    }
    const rpr = runningPriority(gic, pe, ds);
    const hppi: Hppi | null =
      best === null
        ? null
        : {
            intid: best.intid as IntId,
            priority: best.priority as Priority,
            group: best.group,
            nmi: best.nmi,
          };
    out.push({
      hppi,
      outputs:
        best === null || !enabled[best.group]
          ? NONE
          : signal(gic, pe, best, rpr, ds, security[pe] ?? 'non-secure'),
      runningPriority: rpr,
    });
  }
  return out;
}

/** §4.5 step 3 and §4.2: whether and how the HPPI (its group enabled) is signalled to the PE. */
function signal(
  gic: Gic,
  pe: number,
  c: Candidate,
  rpr: number,
  ds: boolean,
  state: PeSecurityState,
): Outputs {
  const ext = gic.config.securityExtensions;
  const pmr = gic.peekSysreg32(pe, 'ICC_PMR_EL1', ext ? S : NS);
  const peSecure = ext && state !== 'non-secure';
  if (c.nmi) {
    // §6: a Non-secure NMI still respects the Secure half of PMR.
    if (!ds && c.group === 'G1NS' && (pmr < 0x80 || (peSecure && pmr === 0x80))) return NONE;
  } else if (c.priority >= pmr) {
    return NONE;
  }
  if (rpr !== 0xff) {
    const mask = groupMask(gic, pe, c.group);
    const preempts =
      (c.priority & mask) < (rpr & mask) ||
      (c.nmi && (c.priority & mask) === (rpr & mask) && !nmiActiveInGroup(gic, pe, c.group));
    if (!preempts) return NONE;
  }
  const s = ext ? state : 'non-secure';
  const fiq =
    c.group === 'G0' ||
    (c.group === 'G1S' && s !== 'secure') ||
    (c.group === 'G1NS' && s !== 'non-secure');
  if (fiq) return { irq: false, fiq: true, nmi: false };
  return c.nmi ? { irq: false, fiq: false, nmi: true } : { irq: true, fiq: false, nmi: false };
}
