/**
 * Replays a parsed QEMU GICv3 trace through the model's public API under the `qemu` profile:
 * writes and line changes become inputs, and every value QEMU returned to the guest (MMIO and
 * ICC_* reads) is read from the model too and compared. QEMU's own decisions (HPPI, IRQ/FIQ, SGI
 * targets) are cross-checked separately (qemu-emulator-checks.ts).
 */
import { createGic } from '../gic/index.ts';
import type { Gic, GicConfig, GicEvent } from '../gic/index.ts';
import { assertNever, toHex } from '../lib/index.ts';
import { EmulatorChecks, tracedAfterEffects } from './qemu-emulator-checks.ts';
import type { QemuAffinityValue, QemuTraceRecord, QemuTraceRecordKind } from './qemu-records.ts';
import { ItsQueueRebuilder } from './qemu-its-commands.ts';
import { inferQemuConfig } from './qemu-replay-config.ts';
import { Tally } from './replay-tally.ts';
import type { ComparisonTally } from './replay-tally.ts';

export interface QemuReplayOptions {
  /** Overrides of the configuration inferred from the trace. */
  readonly config?: Partial<GicConfig>;
}

export interface QemuReplayProblem {
  readonly line: number;
  readonly message: string;
}

export interface QemuReplayResult {
  readonly config: GicConfig;
  /** How the configuration was inferred. */
  readonly evidence: readonly string[];
  /** Values the guest saw: every distributor, redistributor and ICC_* read. */
  readonly guest: ComparisonTally;
  /** QEMU's internal decisions: 'HPPI', 'IRQ/FIQ', 'SGI targets'. */
  readonly emulator: ComparisonTally;
  /** Records replayed, by kind. */
  readonly records: Readonly<Partial<Record<QemuTraceRecordKind, number>>>;
  /** Records that could not be replayed (e.g. a Redistributor affinity no PE has). */
  readonly problems: readonly QemuReplayProblem[];
}

/**
 * ICC_SGI1R_EL1 from `gicv3_icc_generate_sgi`. The log does not say whether SGI0R, SGI1R or
 * ASGI1R was written; a Non-secure guest such as Linux only uses SGI1R.
 */
function sgi1r(record: Extract<QemuTraceRecord, { kind: 'generate-sgi' }>): bigint {
  return (
    BigInt(record.targetList) |
    (BigInt(record.aff1) << 16n) |
    (BigInt(record.intid) << 24n) |
    (BigInt(record.aff2) << 32n) |
    (record.irm ? 1n << 40n : 0n) |
    (BigInt(record.aff3) << 48n)
  );
}

/**
 * QEMU resets a CPU's ICC_* registers with the CPU (PSCI CPU_ON), not its Redistributor. The API
 * has no such reset, so write the reset values (reference §8.1 item 7): CTLR first so that CBPR
 * does not block BPR1, BPR writes of 0 clamp to the minimum, which is the reset value.
 */
function resetCpuInterface(gic: Gic, pe: number): void {
  const preemptionBits = gic.config.preemptionBits;
  const aprCount = preemptionBits <= 5 ? 1 : 1 << (preemptionBits - 5);
  gic.writeSysreg(pe, 'ICC_CTLR_EL1', 0);
  gic.writeSysreg(pe, 'ICC_BPR0_EL1', 0);
  gic.writeSysreg(pe, 'ICC_BPR1_EL1', 0);
  gic.writeSysreg(pe, 'ICC_PMR_EL1', 0);
  gic.writeSysreg(pe, 'ICC_IGRPEN0_EL1', 0);
  gic.writeSysreg(pe, 'ICC_IGRPEN1_EL1', 0);
  for (let n = 0; n < aprCount; n++) {
    gic.writeSysreg(pe, `ICC_AP0R${n}_EL1`, 0);
    gic.writeSysreg(pe, `ICC_AP1R${n}_EL1`, 0);
  }
}

function affinityValue(a: { aff0: number; aff1: number; aff2: number; aff3: number }): number {
  return ((a.aff3 << 24) | (a.aff2 << 16) | (a.aff1 << 8) | a.aff0) >>> 0;
}

export function replayQemuTrace(
  records: readonly QemuTraceRecord[],
  options: QemuReplayOptions = {},
): QemuReplayResult {
  const inferred = inferQemuConfig(records);
  const config: GicConfig = { ...inferred.config, ...options.config };
  const gic = createGic(config);
  const guest = new Tally();
  const emulator = new Tally();
  const checks = new EmulatorChecks(gic, emulator);
  const counts: Partial<Record<QemuTraceRecordKind, number>> = {};
  const problems: QemuReplayProblem[] = [];

  const peByAffinity = new Map(gic.config.affinity.map((a, pe) => [affinityValue(a), pe]));
  const peOf = (line: number, affinity: QemuAffinityValue): number | null => {
    const pe = peByAffinity.get(affinity);
    if (pe === undefined) {
      problems.push({ line, message: `no PE has affinity 0x${affinity.toString(16)}` });
      return null;
    }
    return pe;
  };

  // The name of the register the model just read, and an SGI's targets, from its own events.
  const seen: { register: string | null; sgiTargets: readonly number[] } = {
    register: null,
    sgiTargets: [],
  };
  gic.subscribe((event: GicEvent) => {
    if (event.kind === 'register-read') seen.register = event.register;
    else if (event.kind === 'sgi-generated') seen.sgiTargets = event.targets;
    else if (event.kind === 'its-command') checks.modelItsCommand(event.offset, event.command.name);
  });
  const queue = new ItsQueueRebuilder(gic);
  const mmioName = (frame: 'GICD' | 'GICR' | 'GITS', offset: number): string => {
    const name = seen.register;
    seen.register = null;
    return name ?? `${frame}+0x${offset.toString(16)}`;
  };

  for (const record of records) {
    counts[record.kind] = (counts[record.kind] ?? 0) + 1;
    if (record.kind === 'cpuif-update' || record.kind === 'cpuif-set-irqs') {
      const pe = peOf(record.line, record.affinity);
      if (pe === null) continue;
      if (record.kind === 'cpuif-update') checks.noteUpdate(pe, record);
      else checks.noteSetIrqs(pe, record);
      continue;
    }
    if (record.kind === 'unmodelled') continue;
    // What the ITS read from its queue and tables: not inputs (the commands go back into memory).
    if (record.kind === 'its-process-command') {
      queue.processCommand(record.slot, record.number);
      checks.noteItsCommand(record);
      continue;
    }
    if (record.kind === 'its-command') {
      queue.command(record.command);
      continue;
    }
    if (record.kind === 'its-table') continue;
    if (record.kind !== 'redist-send-sgi') checks.closeSgi();
    const after = tracedAfterEffects(record);
    if (!after) checks.flush();

    const secure = 'secure' in record ? { secure: record.secure } : {};
    switch (record.kind) {
      case 'dist-read': {
        const got = gic.readDistributor(record.offset, record.size, secure);
        guest.compare(
          mmioName('GICD', record.offset),
          record.line,
          null,
          toHex(record.value),
          toHex(got),
        );
        break;
      }
      case 'dist-bad-read': {
        const got = gic.readDistributor(record.offset, record.size, secure);
        guest.compare(mmioName('GICD', record.offset), record.line, null, '0x0', toHex(got));
        break;
      }
      case 'dist-write':
      case 'dist-bad-write':
        gic.writeDistributor(record.offset, record.value, record.size, secure);
        break;
      case 'dist-set-irq':
        gic.setLevel(record.intid, record.level);
        break;
      case 'redist-read':
      case 'redist-bad-read': {
        const pe = peOf(record.line, record.affinity);
        if (pe === null) break;
        const got = gic.readRedistributor(pe, record.offset, record.size, secure);
        const expected = record.kind === 'redist-read' ? toHex(record.value) : '0x0';
        guest.compare(mmioName('GICR', record.offset), record.line, pe, expected, toHex(got));
        break;
      }
      case 'redist-write':
      case 'redist-bad-write': {
        const pe = peOf(record.line, record.affinity);
        if (pe !== null)
          gic.writeRedistributor(pe, record.offset, record.value, record.size, secure);
        break;
      }
      case 'redist-set-irq': {
        const pe = peOf(record.line, record.affinity);
        if (pe !== null) gic.setLevel(record.intid, record.level, pe);
        break;
      }
      case 'redist-send-sgi': {
        const pe = peOf(record.line, record.affinity);
        if (pe !== null) checks.noteSendSgi(pe, record);
        break;
      }
      case 'icc-read': {
        const pe = peOf(record.line, record.affinity);
        if (pe === null) break;
        const got = gic.readSysreg(pe, record.register);
        guest.compare(record.register, record.line, pe, toHex(record.value), toHex(got));
        break;
      }
      case 'icc-write': {
        const pe = peOf(record.line, record.affinity);
        if (pe !== null) gic.writeSysreg(pe, record.register, record.value);
        break;
      }
      case 'generate-sgi': {
        const pe = peOf(record.line, record.affinity);
        if (pe === null) break;
        seen.sgiTargets = [];
        gic.writeSysreg(pe, 'ICC_SGI1R_EL1', sgi1r(record));
        checks.expectSgi(record.line, record.intid, seen.sgiTargets);
        break;
      }
      case 'its-read':
      case 'its-bad-read': {
        const got = gic.readIts(record.offset, record.size);
        const expected = record.kind === 'its-read' ? toHex(record.value) : '0x0';
        guest.compare(mmioName('GITS', record.offset), record.line, null, expected, toHex(got));
        break;
      }
      case 'its-write':
      case 'its-bad-write':
        checks.beginItsCommands();
        gic.writeIts(record.offset, record.value, record.size);
        checks.endItsCommands(record.line);
        break;
      case 'its-translation-write':
        gic.writeIts(0x10000 + record.offset, record.value, record.size, {
          deviceId: record.requesterId,
        });
        break;
      case 'guest-write':
        gic.writeMemory(record.address, record.value, record.size);
        break;
      case 'cpu-reset':
        if (record.cpuIndex < gic.config.peCount) resetCpuInterface(gic, record.cpuIndex);
        else problems.push({ line: record.line, message: `no PE ${record.cpuIndex}` });
        break;
      default:
        assertNever(record, 'QEMU trace record');
    }
    if (after) checks.flush();
  }
  checks.closeSgi();
  checks.flush();

  return {
    config,
    evidence: inferred.evidence,
    guest: guest.result(),
    emulator: emulator.result(),
    records: counts,
    problems,
  };
}
