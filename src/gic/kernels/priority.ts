/**
 * Priority arithmetic of the CPU interface as pure functions (reference §4.3–§4.5, §6).
 * Priorities are 8-bit numbers, lower is higher priority, 0xFF is idle.
 */

export const IDLE_PRIORITY = 0xff;

/**
 * Group-priority mask for a binary point (reference §4.3): with BPR0-style value b the group
 * priority is bits [7:b+1]; the Non-secure Group 1 binary point b behaves like BPR0 value b−1.
 */
export function groupPriorityMask(binaryPoint: number, nsGroup1Style: boolean): number {
  const b = nsGroup1Style ? binaryPoint - 1 : binaryPoint;
  return (0xff << (b + 1)) & 0xff;
}

/** APR bit index for an acknowledged priority (reference §4.4): (prio & mask) >> (8 − prebits). */
export function aprBitIndex(priority: number, groupMask: number, aprShift: number): number {
  return (priority & groupMask) >> aprShift;
}

/** The lowest set bit of the ORed APR words as a priority, or idle (reference §4.4). */
export function runningPriorityFromAprs(orWords: readonly number[], aprShift: number): number {
  for (let i = 0; i < orWords.length; i++) {
    const w = orWords[i] ?? 0;
    if (w !== 0) return ((i * 32 + (31 - Math.clz32(w & -w))) << aprShift) & 0xff;
  }
  return IDLE_PRIORITY;
}

/** Effective priority of an interrupt with the non-maskable property (reference §6). */
export function nmiEffectivePriority(ds: boolean, nonSecureGroup1: boolean): number {
  return !ds && nonSecureGroup1 ? 0x80 : 0x00;
}

/** Non-secure view of a Secure-range priority register (reference §2.4, §4.4). */
export function nsPriorityRead(stored: number): number {
  return (stored << 1) & 0xff;
}

export function nsPriorityWrite(value: number): number {
  return 0x80 | ((value & 0xff) >> 1);
}

/** NS view of PMR/RPR: Secure-half values read as 0, idle stays 0xFF (Q-cpuif icc_pmr_read). */
export function nsPmrView(stored: number): number {
  if ((stored & 0x80) === 0) return 0;
  return stored === 0xff ? 0xff : (stored << 1) & 0xff;
}

/**
 * §4.5 (3b, 3c) and §6: can this pending interrupt be signalled given PMR and the running
 * priority? (The group-enable test 3a is the caller's.) `nsGroup1WithSecurity`: the interrupt is
 * Non-secure Group 1 and GICD_CTLR.DS=0; `nmiActiveInGroup`: AP1R0.NMI of its group is set.
 * Positional arguments keep this allocation-free on the hot path.
 */
export function canPreempt(
  priority: number,
  nmi: boolean,
  nsGroup1WithSecurity: boolean,
  peSecure: boolean,
  pmr: number,
  runningPriority: number,
  groupMask: number,
  nmiActiveInGroup: boolean,
): boolean {
  if (nmi) {
    if (nsGroup1WithSecurity) {
      if (pmr < 0x80) return false;
      if (peSecure && pmr === 0x80) return false;
    }
  } else if (priority >= pmr) {
    return false;
  }
  if (runningPriority === IDLE_PRIORITY) return true;
  const p = priority & groupMask;
  const r = runningPriority & groupMask;
  if (p < r) return true;
  return nmi && p === r && !nmiActiveInGroup;
}
