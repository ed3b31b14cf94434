/**
 * Cross-checks of QEMU's own decisions, which the guest never reads: the cached HPPI
 * (`gicv3_cpuif_update`), the IRQ/FIQ lines (`gicv3_cpuif_set_irqs`) and the Redistributors an
 * SGI was made pending in (`gicv3_redist_send_sgi`).
 *
 * QEMU prints an MMIO write or an acknowledge *after* the HPPI updates it caused, and every other
 * input before them, so an update line cannot be checked where it stands. The replay buffers the
 * last update of each PE and checks it when the next input comes: before applying that input, or
 * after it for the inputs QEMU prints after their effects (see `tracedAfterEffects`). Earlier
 * updates of the same PE are not checked: one input may print several, the first ones showing
 * QEMU's intermediate states (an EOIR prints the priority drop's update before the deactivation's).
 */
import type { Gic, Hppi, Outputs } from '../gic/index.ts';
import type { QemuHppi, QemuTraceRecord } from './qemu-records.ts';
import type { Tally } from './replay-tally.ts';

type Update = Extract<QemuTraceRecord, { kind: 'cpuif-update' }>;
type SetIrqs = Extract<QemuTraceRecord, { kind: 'cpuif-set-irqs' }>;

const ACKNOWLEDGE: ReadonlySet<string> = new Set([
  'ICC_IAR0_EL1',
  'ICC_IAR1_EL1',
  'ICC_NMIAR1_EL1',
]);

/** True for the records QEMU prints after their effects (and after the updates they caused). */
export function tracedAfterEffects(record: QemuTraceRecord): boolean {
  if (record.kind === 'icc-read') return ACKNOWLEDGE.has(record.register);
  return (
    record.kind === 'dist-write' ||
    record.kind === 'dist-bad-write' ||
    record.kind === 'redist-write' ||
    record.kind === 'redist-bad-write' ||
    record.kind === 'its-write' ||
    record.kind === 'its-bad-write'
  );
}

function describeHppi(hppi: QemuHppi | Hppi | null): string {
  if (hppi === null) return 'none';
  return `INTID ${hppi.intid} ${hppi.group} priority 0x${hppi.priority.toString(16)}`;
}

function describeLines(fiq: boolean, irq: boolean): string {
  return `FIQ ${fiq ? 1 : 0} IRQ ${irq ? 1 : 0}`;
}

interface SgiExpectation {
  readonly line: number;
  readonly intid: number;
  readonly modelTargets: ReadonlySet<number>;
  readonly qemuTargets: Set<number>;
}

type ProcessCommand = Extract<QemuTraceRecord, { kind: 'its-process-command' }>;

const COMMAND_NAMES: Readonly<Record<number, string>> = {
  0x01: 'MOVI',
  0x03: 'INT',
  0x04: 'CLEAR',
  0x05: 'SYNC',
  0x08: 'MAPD',
  0x09: 'MAPC',
  0x0a: 'MAPTI',
  0x0b: 'MAPI',
  0x0c: 'INV',
  0x0d: 'INVALL',
  0x0e: 'MOVALL',
  0x0f: 'DISCARD',
};

/** What the checks hold between two records, for a replay that steps back. */
export interface EmulatorChecksState {
  readonly updates: readonly (readonly [number, Update])[];
  readonly setIrqs: readonly (readonly [number, SetIrqs])[];
  readonly sgi: {
    readonly line: number;
    readonly intid: number;
    readonly modelTargets: readonly number[];
    readonly qemuTargets: readonly number[];
  } | null;
  readonly qemuCommands: readonly ProcessCommand[];
  readonly modelCommands: readonly string[];
}

export class EmulatorChecks {
  private readonly updates = new Map<number, Update>();
  /** Commands QEMU processed since the last ITS register write, and the model's. */
  private qemuCommands: ProcessCommand[] = [];
  private modelCommands: string[] = [];
  private readonly setIrqs = new Map<number, SetIrqs>();
  private sgi: SgiExpectation | null = null;

  state(): EmulatorChecksState {
    const sgi = this.sgi;
    return {
      updates: [...this.updates],
      setIrqs: [...this.setIrqs],
      sgi: sgi && {
        line: sgi.line,
        intid: sgi.intid,
        modelTargets: [...sgi.modelTargets],
        qemuTargets: [...sgi.qemuTargets],
      },
      qemuCommands: [...this.qemuCommands],
      modelCommands: [...this.modelCommands],
    };
  }

  restoreState(state: EmulatorChecksState): void {
    this.updates.clear();
    for (const [pe, record] of state.updates) this.updates.set(pe, record);
    this.setIrqs.clear();
    for (const [pe, record] of state.setIrqs) this.setIrqs.set(pe, record);
    const sgi = state.sgi;
    this.sgi = sgi && {
      line: sgi.line,
      intid: sgi.intid,
      modelTargets: new Set(sgi.modelTargets),
      qemuTargets: new Set(sgi.qemuTargets),
    };
    this.qemuCommands = [...state.qemuCommands];
    this.modelCommands = [...state.modelCommands];
  }

  constructor(
    private readonly gic: Gic,
    private readonly tally: Tally,
  ) {}

  noteUpdate(pe: number, record: Update): void {
    this.updates.set(pe, record);
  }

  noteSetIrqs(pe: number, record: SetIrqs): void {
    this.setIrqs.set(pe, record);
  }

  /** Compares the buffered update lines with the model as it is now. */
  flush(): void {
    for (const [pe, record] of this.updates) {
      const hppi = this.gic.cpuInterface(pe).hppi;
      this.tally.compare('HPPI', record.line, pe, describeHppi(record.hppi), describeHppi(hppi));
    }
    for (const [pe, record] of this.setIrqs) {
      const outputs: Outputs = this.gic.outputs(pe);
      this.tally.compare(
        'IRQ/FIQ',
        record.line,
        pe,
        describeLines(record.fiq, record.irq),
        describeLines(outputs.fiq, outputs.irq),
      );
    }
    this.updates.clear();
    this.setIrqs.clear();
  }

  noteItsCommand(record: ProcessCommand): void {
    this.qemuCommands.push(record);
  }

  modelItsCommand(slot: number, name: string): void {
    this.modelCommands.push(`slot ${slot}: ${name}`);
  }

  beginItsCommands(): void {
    this.modelCommands = [];
  }

  /**
   * After an ITS register write: the commands QEMU logged before it (it prints the write after
   * its effects) must be the ones the model carried out, slot by slot.
   */
  endItsCommands(line: number): void {
    const qemu = this.qemuCommands.map(
      (r) => `slot ${r.slot}: ${COMMAND_NAMES[r.number] ?? 'unknown'}`,
    );
    const count = Math.max(qemu.length, this.modelCommands.length);
    for (let i = 0; i < count; i++) {
      this.tally.compare(
        'ITS commands',
        this.qemuCommands[i]?.line ?? line,
        null,
        qemu[i] ?? 'no command',
        this.modelCommands[i] ?? 'no command',
      );
    }
    this.qemuCommands = [];
    this.modelCommands = [];
  }

  /** The model's targets for an SGI register write; QEMU's `send_sgi` lines follow. */
  expectSgi(line: number, intid: number, modelTargets: readonly number[]): void {
    this.closeSgi();
    this.sgi = { line, intid, modelTargets: new Set(modelTargets), qemuTargets: new Set() };
  }

  noteSendSgi(pe: number, record: Extract<QemuTraceRecord, { kind: 'redist-send-sgi' }>): void {
    const sgi = this.sgi;
    const expected = `SGI ${record.intid} pending on PE ${pe}`;
    if (sgi === null || sgi.intid !== record.intid) {
      this.tally.compare('SGI targets', record.line, pe, expected, 'no SGI generated');
      return;
    }
    sgi.qemuTargets.add(pe);
    const got = sgi.modelTargets.has(pe) ? expected : `SGI ${record.intid} not sent to PE ${pe}`;
    this.tally.compare('SGI targets', record.line, pe, expected, got);
  }

  /** Ends the current SGI: every PE the model made it pending in must have had a send_sgi line. */
  closeSgi(): void {
    const sgi = this.sgi;
    if (sgi === null) return;
    for (const pe of sgi.modelTargets) {
      if (!sgi.qemuTargets.has(pe)) {
        this.tally.compare(
          'SGI targets',
          sgi.line,
          pe,
          `SGI ${sgi.intid} not sent to PE ${pe}`,
          `SGI ${sgi.intid} pending on PE ${pe}`,
        );
      }
    }
    this.sgi = null;
  }
}
