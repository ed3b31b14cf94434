/**
 * Replays a parsed QEMU GICv3 trace through the model's public API under the `qemu` profile, one
 * record at a time: writes and line changes become inputs, and every value QEMU returned to the
 * guest (MMIO and ICC_* reads) is read from the model too and compared. QEMU's own decisions
 * (HPPI, IRQ/FIQ, SGI targets) are cross-checked separately (qemu-emulator-checks.ts).
 *
 * Stepping one record at a time lets the app show the model at any line of the trace and step
 * back (snapshot/restore); `replayQemuTrace` (qemu-replay.ts) runs it to the end.
 */
import { createGic } from '../gic/index.ts';
import type { Gic, GicConfig, GicEvent, GicSnapshot } from '../gic/index.ts';
import { assertNever, toHex } from '../lib/index.ts';
import { EmulatorChecks, tracedAfterEffects } from './qemu-emulator-checks.ts';
import type { EmulatorChecksState } from './qemu-emulator-checks.ts';
import type { QemuAffinityValue, QemuTraceRecord, QemuTraceRecordKind } from './qemu-records.ts';
import { ItsQueueRebuilder } from './qemu-its-commands.ts';
import { inferQemuConfig } from './qemu-replay-config.ts';
import { Tally } from './replay-tally.ts';
import type { ComparisonTally, ReplayMismatch, TallyState } from './replay-tally.ts';

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

/** What one record did: the mismatches and problems it brought to light (possibly of earlier lines). */
export interface QemuStepReport {
  readonly record: QemuTraceRecord;
  readonly guestMismatches: readonly ReplayMismatch[];
  readonly emulatorMismatches: readonly ReplayMismatch[];
  readonly problems: readonly QemuReplayProblem[];
}

export interface QemuReplayerSnapshot {
  readonly index: number;
  readonly gic: GicSnapshot;
  readonly checks: EmulatorChecksState;
  readonly guest: TallyState;
  readonly emulator: TallyState;
  readonly counts: Readonly<Partial<Record<QemuTraceRecordKind, number>>>;
  readonly problems: number;
  /** the ITS queue slot whose command QEMU was reading */
  readonly itsSlot: number;
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

export class QemuReplayer {
  readonly config: GicConfig;
  readonly evidence: readonly string[];
  readonly gic: Gic;
  readonly #records: readonly QemuTraceRecord[];
  readonly #guest = new Tally();
  readonly #emulator = new Tally();
  readonly #checks: EmulatorChecks;
  readonly #queue: ItsQueueRebuilder;
  #counts: Partial<Record<QemuTraceRecordKind, number>> = {};
  readonly #problems: QemuReplayProblem[] = [];
  readonly #peByAffinity: ReadonlyMap<number, number>;
  #index = 0;
  #finished = false;
  /** The name of the register the model just read, and an SGI's targets, from its own events. */
  readonly #seen: { register: string | null; sgiTargets: readonly number[] } = {
    register: null,
    sgiTargets: [],
  };

  constructor(records: readonly QemuTraceRecord[], options: QemuReplayOptions = {}) {
    const inferred = inferQemuConfig(records);
    this.config = { ...inferred.config, ...options.config };
    this.evidence = inferred.evidence;
    this.#records = records;
    this.gic = createGic(this.config);
    this.#checks = new EmulatorChecks(this.gic, this.#emulator);
    this.#peByAffinity = new Map(this.gic.config.affinity.map((a, pe) => [affinityValue(a), pe]));
    this.gic.subscribe((event: GicEvent) => {
      if (event.kind === 'register-read') this.#seen.register = event.register;
      else if (event.kind === 'sgi-generated') this.#seen.sgiTargets = event.targets;
      else if (event.kind === 'its-command')
        this.#checks.modelItsCommand(event.offset, event.command.name);
    });
    this.#queue = new ItsQueueRebuilder(this.gic);
  }

  /** Index of the next record to replay. */
  get index(): number {
    return this.#index;
  }

  get done(): boolean {
    return this.#index >= this.#records.length;
  }

  get records(): readonly QemuTraceRecord[] {
    return this.#records;
  }

  /** Values compared and found different so far (guest-visible and QEMU's decisions). */
  get compared(): number {
    return this.#guest.comparedCount + this.#emulator.comparedCount;
  }

  /** Replays the next record; null at the end of the trace. */
  step(): QemuStepReport | null {
    const record = this.#records[this.#index];
    if (record === undefined) return null;
    const guestBefore = this.#guest.mismatchCount;
    const emulatorBefore = this.#emulator.mismatchCount;
    const problemsBefore = this.#problems.length;
    this.#index += 1;
    this.#apply(record);
    if (this.done) this.#closeChecks();
    return {
      record,
      guestMismatches: this.#guest.mismatchesSince(guestBefore),
      emulatorMismatches: this.#emulator.mismatchesSince(emulatorBefore),
      problems: this.#problems.slice(problemsBefore),
    };
  }

  /** Replays what is left and reports everything. */
  finish(): QemuReplayResult {
    while (!this.done) this.step();
    this.#closeChecks();
    return {
      config: this.config,
      evidence: this.evidence,
      guest: this.#guest.result(),
      emulator: this.#emulator.result(),
      records: { ...this.#counts },
      problems: [...this.#problems],
    };
  }

  snapshot(): QemuReplayerSnapshot {
    return {
      index: this.#index,
      gic: this.gic.snapshot(),
      checks: this.#checks.state(),
      guest: this.#guest.state(),
      emulator: this.#emulator.state(),
      counts: { ...this.#counts },
      problems: this.#problems.length,
      itsSlot: this.#queue.slot,
    };
  }

  restore(snapshot: QemuReplayerSnapshot): void {
    this.gic.restore(snapshot.gic);
    this.#index = snapshot.index;
    this.#checks.restoreState(snapshot.checks);
    this.#guest.restoreState(snapshot.guest);
    this.#emulator.restoreState(snapshot.emulator);
    this.#counts = { ...snapshot.counts };
    this.#problems.length = Math.min(this.#problems.length, snapshot.problems);
    this.#queue.slot = snapshot.itsSlot;
    this.#finished = false;
  }

  #closeChecks(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#checks.closeSgi();
    this.#checks.flush();
  }

  #peOf(line: number, affinity: QemuAffinityValue): number | null {
    const pe = this.#peByAffinity.get(affinity);
    if (pe === undefined) {
      this.#problems.push({ line, message: `no PE has affinity 0x${affinity.toString(16)}` });
      return null;
    }
    return pe;
  }

  #mmioName(frame: 'GICD' | 'GICR' | 'GITS', offset: number): string {
    const name = this.#seen.register;
    this.#seen.register = null;
    return name ?? `${frame}+0x${offset.toString(16)}`;
  }

  #apply(record: QemuTraceRecord): void {
    const { gic } = this;
    const guest = this.#guest;
    const checks = this.#checks;
    this.#counts[record.kind] = (this.#counts[record.kind] ?? 0) + 1;
    if (record.kind === 'cpuif-update' || record.kind === 'cpuif-set-irqs') {
      const pe = this.#peOf(record.line, record.affinity);
      if (pe === null) return;
      if (record.kind === 'cpuif-update') checks.noteUpdate(pe, record);
      else checks.noteSetIrqs(pe, record);
      return;
    }
    if (record.kind === 'unmodelled') return;
    // What the ITS read from its queue and tables: not inputs (the commands go back into memory).
    if (record.kind === 'its-process-command') {
      this.#queue.processCommand(record.slot, record.number);
      checks.noteItsCommand(record);
      return;
    }
    if (record.kind === 'its-command') {
      this.#queue.command(record.command);
      return;
    }
    if (record.kind === 'its-table') return;
    if (record.kind !== 'redist-send-sgi') checks.closeSgi();
    const after = tracedAfterEffects(record);
    if (!after) checks.flush();

    const secure = 'secure' in record ? { secure: record.secure } : {};
    switch (record.kind) {
      case 'dist-read': {
        const got = gic.readDistributor(record.offset, record.size, secure);
        guest.compare(
          this.#mmioName('GICD', record.offset),
          record.line,
          null,
          toHex(record.value),
          toHex(got),
        );
        break;
      }
      case 'dist-bad-read': {
        const got = gic.readDistributor(record.offset, record.size, secure);
        guest.compare(this.#mmioName('GICD', record.offset), record.line, null, '0x0', toHex(got));
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
        const pe = this.#peOf(record.line, record.affinity);
        if (pe === null) break;
        const got = gic.readRedistributor(pe, record.offset, record.size, secure);
        const expected = record.kind === 'redist-read' ? toHex(record.value) : '0x0';
        guest.compare(this.#mmioName('GICR', record.offset), record.line, pe, expected, toHex(got));
        break;
      }
      case 'redist-write':
      case 'redist-bad-write': {
        const pe = this.#peOf(record.line, record.affinity);
        if (pe !== null)
          gic.writeRedistributor(pe, record.offset, record.value, record.size, secure);
        break;
      }
      case 'redist-set-irq': {
        const pe = this.#peOf(record.line, record.affinity);
        if (pe !== null) gic.setLevel(record.intid, record.level, pe);
        break;
      }
      case 'redist-send-sgi': {
        const pe = this.#peOf(record.line, record.affinity);
        if (pe !== null) checks.noteSendSgi(pe, record);
        break;
      }
      case 'icc-read': {
        const pe = this.#peOf(record.line, record.affinity);
        if (pe === null) break;
        const got = gic.readSysreg(pe, record.register);
        guest.compare(record.register, record.line, pe, toHex(record.value), toHex(got));
        break;
      }
      case 'icc-write': {
        const pe = this.#peOf(record.line, record.affinity);
        if (pe !== null) gic.writeSysreg(pe, record.register, record.value);
        break;
      }
      case 'generate-sgi': {
        const pe = this.#peOf(record.line, record.affinity);
        if (pe === null) break;
        this.#seen.sgiTargets = [];
        gic.writeSysreg(pe, 'ICC_SGI1R_EL1', sgi1r(record));
        checks.expectSgi(record.line, record.intid, this.#seen.sgiTargets);
        break;
      }
      case 'its-read':
      case 'its-bad-read': {
        const got = gic.readIts(record.offset, record.size);
        const expected = record.kind === 'its-read' ? toHex(record.value) : '0x0';
        guest.compare(
          this.#mmioName('GITS', record.offset),
          record.line,
          null,
          expected,
          toHex(got),
        );
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
        else this.#problems.push({ line: record.line, message: `no PE ${record.cpuIndex}` });
        break;
      default:
        assertNever(record, 'QEMU trace record');
    }
    if (after) checks.flush();
  }
}
