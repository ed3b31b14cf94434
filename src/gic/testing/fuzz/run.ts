import type { Gic, GicConfig, GicEvent, PeSecurityState } from '../../api.ts';
import { createGic } from '../../gic.ts';
import { oneOfNProblem, registerReference } from '../register-reference.ts';
import { bootOps, FuzzContext, randomConfig, randomOp, Rng, type FuzzOp } from './ops.ts';

/**
 * The register-API fuzz (issue 9): random register accesses (offsets, sizes, values, sysreg names
 * valid and invalid), line changes and PE inputs on random configurations. After every operation
 * the model's incremental HPPI, output lines and running priority must equal the from-scratch
 * register reference; a peek must change nothing and report nothing, and say what a read says;
 * an IAR read must return what a peek just promised; a snapshot must restore. The only
 * exceptions allowed are the documented API misuse errors (a PE index out of range).
 */

export interface FuzzOptions {
  readonly seed: number;
  /** Total operations, spread over as many configurations as it takes. */
  readonly operations: number;
  /** Stop after this many failures (each one shrunk). Default 1. */
  readonly maxFailures?: number;
  /** The model under test (default createGic): tests plant faults by wrapping it. */
  readonly createGic?: (config: GicConfig) => Gic;
}

export interface FuzzFailure {
  readonly seed: number;
  readonly configuration: number;
  readonly config: GicConfig;
  /** Index of the failing operation in that configuration's sequence. */
  readonly at: number;
  readonly message: string;
  /** The shortest sequence found that still fails the same way (replay with replayFuzz). */
  readonly ops: readonly FuzzOp[];
}

export interface FuzzReport {
  readonly operations: number;
  readonly configurations: number;
  readonly events: number;
  readonly peeks: number;
  readonly warnings: Readonly<Record<string, number>>;
  /** Documented misuse errors the API threw, by kind. */
  readonly expectedExceptions: Readonly<Record<string, number>>;
  readonly failures: readonly FuzzFailure[];
}

/** Operations to run on one configuration: fewer where the reference check reads more. */
function operationsFor(cfg: GicConfig): number {
  const cost = cfg.peCount * 40 + cfg.spiCount * 3;
  return Math.max(40, Math.min(2000, Math.round(300_000 / cost)));
}

class Failure extends Error {}

/** Counters shared by a run and its replays. */
interface Tally {
  events: number;
  peeks: number;
  readonly warnings: Record<string, number>;
  readonly expected: Record<string, number>;
}

function newTally(): Tally {
  return { events: 0, peeks: 0, warnings: {}, expected: {} };
}

/** A model under test, with what the harness must know that no register says. */
class Subject {
  readonly gic: Gic;
  readonly security: PeSecurityState[];
  events = 0;
  /** Told what each `ack` acknowledged (the generator keeps it to end it later). */
  onAck: ((pe: number, intid: number) => void) | null = null;

  constructor(
    readonly config: GicConfig,
    private readonly tally: Tally,
    make: (config: GicConfig) => Gic = createGic,
  ) {
    this.gic = make(config);
    this.security = new Array<PeSecurityState>(this.gic.config.peCount).fill('non-secure');
    this.gic.subscribe((e: GicEvent) => {
      this.events++;
      tally.events++;
      if (e.kind === 'warning') tally.warnings[e.code] = (tally.warnings[e.code] ?? 0) + 1;
    });
  }

  /** Runs one operation; a documented misuse error is counted, any other exception fails. */
  apply(op: FuzzOp): void {
    try {
      this.run(op);
    } catch (error) {
      if (error instanceof Failure) throw error;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (error instanceof RangeError && /PE index .* is outside/.test(message)) {
        this.tally.expected.RangeError = (this.tally.expected.RangeError ?? 0) + 1;
        return;
      }
      throw new Failure(`unexpected exception ${message}`);
    }
  }

  private run(op: FuzzOp): void {
    const gic = this.gic;
    switch (op.op) {
      case 'dist-write':
        gic.writeDistributor(op.offset, BigInt(op.value), op.size as 4, { secure: op.secure });
        return;
      case 'dist-read':
        gic.readDistributor(op.offset, op.size as 4, { secure: op.secure });
        return;
      case 'dist-peek':
        return this.peek(
          () => gic.peekDistributor(op.offset, op.size as 4, { secure: op.secure }),
          () => gic.readDistributor(op.offset, op.size as 4, { secure: op.secure }),
        );
      case 'redist-write':
        gic.writeRedistributor(op.pe, op.offset, BigInt(op.value), op.size as 4, {
          secure: op.secure,
        });
        return;
      case 'redist-read':
        gic.readRedistributor(op.pe, op.offset, op.size as 4, { secure: op.secure });
        return;
      case 'redist-peek':
        return this.peek(
          () => gic.peekRedistributor(op.pe, op.offset, op.size as 4, { secure: op.secure }),
          () => gic.readRedistributor(op.pe, op.offset, op.size as 4, { secure: op.secure }),
        );
      case 'sysreg-write':
        gic.writeSysreg(op.pe, op.name, BigInt(op.value), { secure: op.secure, el3: op.el3 });
        return;
      case 'sysreg-read':
        gic.readSysreg(op.pe, op.name, { secure: op.secure, el3: op.el3 });
        return;
      case 'sysreg-peek': {
        const opts = { secure: op.secure, el3: op.el3 };
        // A read of IAR0/IAR1/NMIAR1 acknowledges: compare those with the read in ack-eoi.
        const acknowledges = /^ICC_(NMI)?IAR[01]?_EL1$/.test(op.name);
        return this.peek(
          () => gic.peekSysreg(op.pe, op.name, opts),
          acknowledges ? null : () => gic.readSysreg(op.pe, op.name, opts),
        );
      }
      case 'line':
        gic.setLevel(op.intid, op.level, op.pe ?? undefined);
        return;
      case 'ack-eoi': {
        const iar = op.group === 0 ? 'ICC_IAR0_EL1' : 'ICC_IAR1_EL1';
        const opts = { secure: op.group === 0 && this.gic.config.securityExtensions };
        const promised = gic.peekSysreg32(op.pe, iar, opts);
        const intid = gic.readSysreg32(op.pe, iar, opts);
        if (intid !== promised)
          throw new Failure(`${iar} on PE ${op.pe} read ${intid} but a peek promised ${promised}`);
        if (intid >= 1020) return;
        gic.writeSysreg(op.pe, op.group === 0 ? 'ICC_EOIR0_EL1' : 'ICC_EOIR1_EL1', intid, opts);
        if (op.dir) gic.writeSysreg(op.pe, 'ICC_DIR_EL1', intid, opts);
        return;
      }
      case 'dist-bit': {
        const v = gic.readDistributor32(op.offset, 4, { secure: op.secure });
        const w = op.set ? v | (1 << op.bit) : v & ~(1 << op.bit);
        gic.writeDistributor(op.offset, w >>> 0, 4, { secure: op.secure });
        return;
      }
      case 'redist-bit': {
        const v = gic.readRedistributor32(op.pe, op.offset, 4, { secure: op.secure });
        const w = op.set ? v | (1 << op.bit) : v & ~(1 << op.bit);
        gic.writeRedistributor(op.pe, op.offset, w >>> 0, 4, { secure: op.secure });
        return;
      }
      case 'ack': {
        const name = op.nmiar ? 'ICC_NMIAR1_EL1' : op.group === 0 ? 'ICC_IAR0_EL1' : 'ICC_IAR1_EL1';
        const opts = { secure: op.group === 0 && gic.config.securityExtensions };
        const promised = gic.peekSysreg32(op.pe, name, opts);
        const intid = gic.readSysreg32(op.pe, name, opts);
        if (intid !== promised)
          throw new Failure(`${name} on PE ${op.pe} read ${intid} but a peek promised ${promised}`);
        this.onAck?.(op.pe, intid);
        return;
      }
      case 'eoi': {
        const opts = { secure: op.group === 0 && gic.config.securityExtensions };
        gic.writeSysreg(op.pe, op.group === 0 ? 'ICC_EOIR0_EL1' : 'ICC_EOIR1_EL1', op.intid, opts);
        if (op.dir) gic.writeSysreg(op.pe, 'ICC_DIR_EL1', op.intid, opts);
        return;
      }
      case 'pe-nmi':
        gic.setPeNmiEnabled(op.pe, op.enabled);
        return;
      case 'pe-state':
        gic.setPeSecurityState(op.pe, op.state);
        this.security[op.pe] = op.state;
        return;
      case 'snapshot-restore': {
        const before = gic.snapshot();
        gic.restore({ ...before, data: before.data.slice() });
        if (this.events % 4 === 0)
          gic.restore(
            JSON.parse(JSON.stringify(gic.snapshotJson())) as Parameters<Gic['restore']>[0],
          );
        if (!sameState(before, gic.snapshot()))
          throw new Failure('restoring a snapshot of the model changed its state');
        return;
      }
      case 'reset':
        gic.reset();
        return;
    }
  }

  /** A peek changes nothing, reports nothing, and says what the read that follows says. */
  private peek(look: () => bigint, read: (() => bigint) | null): void {
    this.tally.peeks++;
    const before = this.gic.snapshot();
    const events = this.events;
    const seen = look();
    if (this.events !== events) throw new Failure('a peek emitted an event');
    if (!sameState(before, this.gic.snapshot())) throw new Failure('a peek changed the state');
    if (read === null) return;
    const got = read();
    if (got !== seen)
      throw new Failure(`a peek returned 0x${seen.toString(16)}, the read 0x${got.toString(16)}`);
  }

  /** The model's incremental delivery state against the register reference, for every PE. */
  check(): void {
    const gic = this.gic;
    const routing = oneOfNProblem(gic);
    if (routing !== null) throw new Failure(routing);
    const reference = registerReference(gic, this.security);
    reference.forEach((want, pe) => {
      const cpu = gic.cpuInterface(pe);
      const got = cpu.hppi;
      const same =
        got === null || want.hppi === null
          ? got === want.hppi
          : got.intid === want.hppi.intid &&
            got.priority === want.hppi.priority &&
            got.group === want.hppi.group &&
            got.nmi === want.hppi.nmi;
      if (!same)
        throw new Failure(
          `PE ${pe} HPPI ${JSON.stringify(got)}, reference ${JSON.stringify(want.hppi)}`,
        );
      const o = gic.outputs(pe);
      if (o.irq !== want.outputs.irq || o.fiq !== want.outputs.fiq || o.nmi !== want.outputs.nmi)
        throw new Failure(
          `PE ${pe} outputs ${JSON.stringify(o)}, reference ${JSON.stringify(want.outputs)}`,
        );
      if (cpu.runningPriority !== want.runningPriority)
        throw new Failure(
          `PE ${pe} running priority 0x${cpu.runningPriority.toString(16)}, reference 0x${want.runningPriority.toString(16)}`,
        );
    });
  }
}

function sameState(a: ReturnType<Gic['snapshot']>, b: ReturnType<Gic['snapshot']>): boolean {
  if (a.gicdCtlr !== b.gicdCtlr || a.rrLast !== b.rrLast || a.rng !== b.rng) return false;
  if (a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

/**
 * Replays `ops` on a fresh model of `config`, checking after each; returns the failure message
 * and the index it happened at, or null.
 */
export function replayFuzz(
  config: GicConfig,
  ops: readonly FuzzOp[],
  make?: (config: GicConfig) => Gic,
): { readonly at: number; readonly message: string } | null {
  const subject = new Subject(config, newTally(), make);
  for (let i = 0; i < ops.length; i++) {
    try {
      subject.apply(ops[i]);
      subject.check();
    } catch (error) {
      return { at: i, message: error instanceof Error ? error.message : String(error) };
    }
  }
  return null;
}

/** What kind of failure a message is, so shrinking keeps the same one. */
function kindOf(message: string): string {
  return message.replace(/0x[0-9a-f]+|\d+|\{[^}]*\}|null/g, '#');
}

/** Delta debugging: drops chunks of operations while the same kind of failure remains. */
export function shrink(
  config: GicConfig,
  ops: readonly FuzzOp[],
  message: string,
  make?: (config: GicConfig) => Gic,
): FuzzOp[] {
  const kind = kindOf(message);
  let current = [...ops];
  let replays = 0;
  for (let chunk = Math.max(1, current.length >> 1); chunk >= 1 && replays < 3000;) {
    let removed = false;
    for (let start = 0; start < current.length && replays < 3000;) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      replays++;
      const result = replayFuzz(config, candidate, make);
      if (result !== null && kindOf(result.message) === kind) {
        current = candidate.slice(0, result.at + 1);
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) chunk >>= 1;
  }
  return current;
}

export function runFuzz(options: FuzzOptions): FuzzReport {
  const tally = newTally();
  const rng = new Rng(options.seed >>> 0);
  const failures: FuzzFailure[] = [];
  let operations = 0;
  let configurations = 0;
  while (operations < options.operations && failures.length < (options.maxFailures ?? 1)) {
    const config = randomConfig(rng);
    const subject = new Subject(config, tally, options.createGic);
    const ctx = new FuzzContext(rng, subject.gic.config);
    subject.onAck = (pe, intid) => ctx.noteAck(pe, intid);
    const count = Math.min(operationsFor(config), options.operations - operations);
    const ops: FuzzOp[] = [];
    // Most configurations start booted (interrupts delivered); some from reset.
    const boot = rng.chance(0.85) ? bootOps(subject.gic.config) : [];
    configurations++;
    for (let i = 0; i < count; i++) {
      const op = i < boot.length ? boot[i] : randomOp(rng, ctx);
      ops.push(op);
      operations++;
      try {
        subject.apply(op);
        subject.check();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push({
          seed: options.seed,
          configuration: configurations - 1,
          config,
          at: i,
          message,
          ops: shrink(config, ops, message, options.createGic),
        });
        break;
      }
    }
  }
  return {
    operations,
    configurations,
    events: tally.events,
    peeks: tally.peeks,
    warnings: tally.warnings,
    expectedExceptions: tally.expected,
    failures,
  };
}

/** A failure as text: enough to reproduce it and to paste it into a regression test. */
export function describeFailure(f: FuzzFailure): string {
  return [
    `fuzz failure (seed ${f.seed}, configuration ${f.configuration}, operation ${f.at}): ${f.message}`,
    `config: ${JSON.stringify(f.config)}`,
    `shrunk to ${f.ops.length} operation(s) — replayFuzz(config, ops) reproduces it:`,
    `ops: ${JSON.stringify(f.ops)}`,
  ].join('\n');
}
