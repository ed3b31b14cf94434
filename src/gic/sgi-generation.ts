import type { IntId, PeIndex } from './api.ts';
import type { SysregContext } from './acknowledge.ts';
import { setLatch } from './interrupt-ops.ts';
import { decodeSgiRegister, sgiListTargets } from './kernels/sgi.ts';
import type { Model } from './model.ts';
import { CTLR_DS, G0, G1S, groupOf, type GicState } from './state.ts';

type SgiRegister = 'ICC_SGI0R_EL1' | 'ICC_SGI1R_EL1' | 'ICC_ASGI1R_EL1';

/**
 * ICC_SGI0R/SGI1R/ASGI1R_EL1 write (reference §4.7): decode, find the target PEs, and make the
 * SGI pending in each target Redistributor whose configuration accepts the requested group.
 */
export function generateSgi(
  m: Model,
  c: SysregContext,
  register: SgiRegister,
  requestedGroup: number,
  lo: number,
  hi: number,
): void {
  const s = m.s;
  const request = decodeSgiRegister(lo, hi);
  // With DS=1 the Distributor treats Secure Group 1 as Group 0 (Q-cpuif icc_generate_sgi).
  const group = requestedGroup === G1S && (s.gicdCtlr & CTLR_DS) !== 0 ? G0 : requestedGroup;
  let targets: number[];
  const irm = request.target.kind === 'all-but-self';
  if (request.target.kind === 'all-but-self') {
    targets = [];
    for (let pe = 0; pe < s.peCount; pe++) if (pe !== c.pe) targets.push(pe);
  } else {
    const list = request.target;
    // QEMU ignores RS (ICC_CTLR_EL1.RSS=0): only Aff0 0–15 are reachable.
    const effective = s.cfg.profile === 'qemu' ? { ...list, rangeSelector: 0 } : list;
    if (s.cfg.profile !== 'qemu' && list.rangeSelector !== 0) {
      m.ev.warn(
        'reserved-value',
        `${register}: RS=${list.rangeSelector} with RSS=0`,
        register,
        c.pe,
      );
    }
    targets =
      effective.rangeSelector !== 0 ? [] : sgiListTargets(effective, (a) => s.affinityToPe.get(a));
    if (targets.length === 0 && list.targetList !== 0) {
      m.ev.warn(
        'sgi-no-target',
        `${register}: target list names no PE`,
        register,
        c.pe,
        request.intid,
      );
    }
  }
  const accepted: PeIndex[] = [];
  for (const pe of targets) {
    if (sendSgi(m, s, pe, group, request.intid, !c.secure)) accepted.push(pe as PeIndex);
  }
  if (m.ev.active) {
    m.ev.emit({
      kind: 'sgi-generated',
      pe: c.pe as PeIndex,
      intid: request.intid as IntId,
      register,
      irm,
      targets: accepted,
    });
  }
}

/** The target Redistributor's acceptance checks (Q-redist gicv3_redist_send_sgi). */
function sendSgi(
  m: Model,
  s: GicState,
  pe: number,
  requested: number,
  intid: number,
  ns: boolean,
): boolean {
  const slot = pe * 32 + intid;
  const configured = groupOf(s, slot);
  // A Secure Group 1 request for an SGI configured as Group 0 is accepted as Group 0.
  const group = requested === G1S && configured === G0 ? G0 : requested;
  if (group !== configured) {
    m.ev.warn(
      'sgi-group-mismatch',
      `SGI ${intid} to PE ${pe}: requested group does not match its configured group`,
      null,
      pe,
      intid,
    );
    return false;
  }
  if (ns && (s.gicdCtlr & CTLR_DS) === 0 && s.cfg.securityExtensions) {
    const nsAccess = s.nsacr[slot] ?? 0;
    if ((configured === G0 && nsAccess < 1) || (configured === G1S && nsAccess < 2)) {
      m.ev.warn(
        'ns-access-to-secure-field',
        `SGI ${intid} to PE ${pe}: GICR_NSACR forbids Non-secure generation`,
        null,
        pe,
        intid,
      );
      return false;
    }
  }
  setLatch(m, slot, true, 'sgi');
  return true;
}
