import type { Affinity, GicConfig, IntId, OneOfNPolicy, ResolvedGicConfig } from './api.ts';
import type { MemoryRange } from './memory.ts';
import { PROFILES } from './profile.ts';

const POLICIES: readonly OneOfNPolicy[] = ['unsupported', 'round-robin', 'lowest', 'seeded-random'];

function fail(message: string): never {
  throw new Error(`createGic: ${message}`);
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/**
 * The configuration rules as reusable checks (null when the value is allowed): createGic applies
 * them, and the machine's scenario schema applies the same ones, so one set of rules decides what
 * a model can be built with.
 */
export function peCountProblem(n: unknown): string | null {
  return isInt(n) && n >= 1 && n <= 256 ? null : `expected an integer 1…256, got ${String(n)}`;
}

/** GICD_TYPER.ITLinesNumber counts SPIs in blocks of 32; the last block stops at INTID 1019. */
export function spiCountProblem(n: unknown): string | null {
  const valid = isInt(n) && (n === 988 || (n % 32 === 0 && n >= 32 && n <= 960));
  return valid ? null : `expected 32·N for N = 1…30, or 988, got ${String(n)}`;
}

/** ICC_CTLR_EL1.PRIbits: 4…8 bits of priority (IHI 0069 §12.2.6; at least 16 levels). */
export function priorityBitsProblem(n: unknown): string | null {
  return isInt(n) && n >= 4 && n <= 8 ? null : `expected an integer 4…8, got ${String(n)}`;
}

/** QEMU virt packs GICv3 CPUs 16 per Aff1 cluster (reference §8.1 item 6). */
export function defaultAffinity(pe: number): Affinity {
  return { aff0: pe % 16, aff1: Math.floor(pe / 16), aff2: 0, aff3: 0 };
}

export function packAffinity(a: Affinity): number {
  return ((a.aff3 << 24) | (a.aff2 << 16) | (a.aff1 << 8) | a.aff0) >>> 0;
}

/** Validates programmer input and applies defaults; throws with a clear message. */
export function resolveConfig(config: GicConfig): ResolvedGicConfig {
  const { peCount, spiCount } = config;
  const peProblem = peCountProblem(peCount);
  if (peProblem !== null) fail(`peCount: ${peProblem}`);
  const spiProblem = spiCountProblem(spiCount);
  if (spiProblem !== null) fail(`spiCount: ${spiProblem}`);
  const priorityBits = config.priorityBits ?? 5;
  const bitsProblem = priorityBitsProblem(priorityBits);
  if (bitsProblem !== null) fail(`priorityBits: ${bitsProblem}`);
  const profile = config.profile ?? 'architecture';
  if (profile !== 'architecture' && profile !== 'qemu') fail(`unknown profile ${String(profile)}`);
  const oneOfN = config.oneOfN ?? (profile === 'qemu' ? 'unsupported' : 'round-robin');
  if (!POLICIES.includes(oneOfN)) fail(`unknown oneOfN policy ${String(oneOfN)}`);
  const seed = config.seed ?? 1;
  if (!isInt(seed)) fail(`seed must be an integer, got ${String(seed)}`);
  const affinity: Affinity[] = [];
  if (config.affinity !== undefined) {
    if (config.affinity.length !== peCount) {
      fail(`affinity must have one entry per PE (${peCount}), got ${config.affinity.length}`);
    }
    const seen = new Set<number>();
    for (const [pe, a] of config.affinity.entries()) {
      for (const f of [a.aff0, a.aff1, a.aff2, a.aff3]) {
        if (!isInt(f) || f < 0 || f > 255) fail(`affinity[${pe}] fields must be integers 0…255`);
      }
      const packed = packAffinity(a);
      if (seen.has(packed)) fail(`affinity[${pe}] duplicates another PE's affinity`);
      seen.add(packed);
      affinity.push({ aff0: a.aff0, aff1: a.aff1, aff2: a.aff2, aff3: a.aff3 });
    }
  } else {
    for (let pe = 0; pe < peCount; pe++) affinity.push(defaultAffinity(pe));
  }
  const flags = PROFILES[profile];
  const lpis = config.lpis ?? flags.lpiRegisters;
  if (typeof lpis !== 'boolean') fail(`lpis must be a boolean, got ${String(lpis)}`);
  const its = config.its ?? lpis;
  if (its && !lpis) fail('an ITS needs LPIs (its: true with lpis: false)');
  const lpiIdBits = config.lpiIdBits ?? 16;
  if (!isInt(lpiIdBits) || lpiIdBits < 14 || lpiIdBits > 20) {
    fail(`lpiIdBits must be an integer 14…20, got ${String(lpiIdBits)}`);
  }
  const lpiConfigCache =
    config.lpiConfigCache ?? (flags.lpiConfigRescan ? 'rescan' : 'until-invalidated');
  if (lpiConfigCache !== 'rescan' && lpiConfigCache !== 'until-invalidated') {
    fail(`lpiConfigCache must be 'until-invalidated' or 'rescan', got ${String(lpiConfigCache)}`);
  }
  const memory: MemoryRange[] = [];
  for (const [i, r] of (config.memory ?? [{ base: 0x40000000, size: 0x20000000 }]).entries()) {
    if (
      !isInt(r.base) ||
      !isInt(r.size) ||
      r.base < 0 ||
      r.size <= 0 ||
      r.base + r.size > 2 ** 52
    ) {
      fail(`memory[${i}] must be a base and a size within 52-bit physical addresses`);
    }
    memory.push({ base: r.base, size: r.size });
  }
  const redistributorBase = config.redistributorBase ?? 0x080a0000;
  if (!isInt(redistributorBase) || redistributorBase % 0x10000 !== 0) {
    fail('redistributorBase must be a 64 KB-aligned address');
  }
  return {
    peCount,
    spiCount,
    maxSpiIntId: (31 + spiCount) as IntId,
    securityExtensions: config.securityExtensions ?? false,
    priorityBits,
    preemptionBits: priorityBits === 8 ? 7 : priorityBits,
    nmi: config.nmi ?? false,
    affinity,
    oneOfN,
    profile,
    seed: seed >>> 0,
    lpis,
    its,
    lpiIdBits,
    lpiConfigCache,
    itsPta: config.itsPta ?? false,
    memory,
    redistributorBase,
  };
}
