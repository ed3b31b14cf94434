/**
 * Parser for QEMU's log trace backend (`-d trace:gicv3_*` or `-trace 'gicv3_*'`, reference §8.2).
 * Works on strings only (it also runs in the browser). Lines that are not gicv3 events are
 * skipped; a gicv3 line without its event's shape becomes a QemuParseError, never a throw.
 */
import { isSysregName } from '../arch/index.ts';
import type { AccessSize, InterruptGroup, IntId } from '../gic/index.ts';
import { err, ok } from '../lib/index.ts';
import type { Result } from '../lib/index.ts';
import type {
  QemuAffinityValue,
  QemuItsCommand,
  QemuItsTableEntry,
  QemuParseError,
  QemuTimestamp,
  QemuTraceRecord,
} from './qemu-records.ts';

type Base = Pick<QemuTraceRecord, 'line' | 'timestamp'>;
type Build = (args: readonly string[], base: Base) => Result<QemuTraceRecord, string>;

interface EventSpec {
  /** QEMU's format string, `%x` standing for every hexadecimal conversion. */
  readonly format: string;
  readonly pattern: RegExp;
  readonly build: Build;
}

const CONVERSIONS: Readonly<Record<string, string>> = {
  '%x': '([0-9a-f]+)',
  '%d': '(-?[0-9]+)',
  '%u': '([0-9]+)',
};

function compile(format: string): RegExp {
  const source = format
    .split(/(%[xdu])/)
    .map((part) => CONVERSIONS[part] ?? part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('');
  return new RegExp(`^${source}$`);
}

const hex = (text: string): number => Number.parseInt(text, 16);
const hex64 = (text: string): bigint => BigInt(`0x${text}`);
const dec = (text: string): number => Number.parseInt(text, 10);
const affinity = (text: string): QemuAffinityValue => hex(text) as QemuAffinityValue;
const intid = (text: string): IntId => dec(text) as IntId;

function accessSize(text: string): Result<AccessSize, string> {
  const size = dec(text);
  return size === 1 || size === 2 || size === 4 || size === 8
    ? ok(size)
    : err(`size ${text} (1, 2, 4 or 8)`);
}

function flag(text: string, what: string): Result<boolean, string> {
  if (text === '0' || text === '1') return ok(text === '1');
  return err(`${what} ${text} (0 or 1)`);
}

/** QEMU's GICv3GroupId enum as printed by gicv3_cpuif_update. */
const QEMU_GROUPS: readonly InterruptGroup[] = ['G0', 'G1S', 'G1NS'];

function spec(format: string, build: Build): EventSpec {
  return { format, pattern: compile(format), build };
}

interface Access {
  readonly offset: number;
  readonly size: AccessSize;
  readonly secure: boolean;
  readonly value: bigint;
}

/** offset, [data,] size, secure: the tail of every distributor and redistributor access. */
function access(args: readonly string[], hasData: boolean): Result<Access, string> {
  const [offset = '', data = '0', size = '', secure = ''] = hasData
    ? args
    : [args[0], undefined, ...args.slice(1)];
  const s = accessSize(size);
  if (!s.ok) return s;
  const sec = flag(secure, 'secure');
  if (!sec.ok) return sec;
  return ok({ offset: hex(offset), size: s.value, secure: sec.value, value: hex64(data) });
}

function mmio(
  kind: 'dist-read' | 'dist-write' | 'dist-bad-read' | 'dist-bad-write',
  format: string,
): EventSpec {
  return spec(format, (args, base) => {
    const a = access(args, kind !== 'dist-bad-read');
    if (!a.ok) return a;
    const { value, ...fields } = a.value;
    if (kind === 'dist-bad-read') return ok({ ...base, ...fields, kind });
    return ok({ ...base, ...fields, kind, value });
  });
}

/** The same, after the Redistributor's affinity. */
function redistMmio(
  kind: 'redist-read' | 'redist-write' | 'redist-bad-read' | 'redist-bad-write',
  format: string,
): EventSpec {
  return spec(format, ([cpu = '', ...rest], base) => {
    const a = access(rest, kind !== 'redist-bad-read');
    if (!a.ok) return a;
    const { value, ...fields } = a.value;
    const at = { ...base, ...fields, affinity: affinity(cpu) };
    if (kind === 'redist-bad-read') return ok({ ...at, kind });
    return ok({ ...at, kind, value });
  });
}

/**
 * A CPU-interface register event. `register` turns the format's leading arguments (group,
 * register number) into the spec name; the last two arguments are always cpu and value.
 */
function icc(
  kind: 'icc-read' | 'icc-write',
  format: string,
  register: (numbers: readonly number[]) => string,
): EventSpec {
  return spec(format, (args, base) => {
    const cpu = args[args.length - 2] ?? '';
    const value = args[args.length - 1] ?? '';
    const name = register(args.slice(0, -2).map(dec));
    if (!isSysregName(name)) return err(`a GICv3 CPU interface register (not ${name})`);
    return ok({ ...base, kind, affinity: affinity(cpu), register: name, value: hex64(value) });
  });
}

const ICC = 'cpu 0x%x value 0x%x';

/** An ITS control-frame access: offset, [data,] size. */
function itsMmio(
  kind: 'its-read' | 'its-write' | 'its-bad-read' | 'its-bad-write',
  format: string,
): EventSpec {
  return spec(format, (args, base) => {
    const hasData = kind !== 'its-bad-read';
    const [offset = '', data = '0', size = ''] = hasData ? args : [args[0], undefined, args[1]];
    const sz = accessSize(size);
    if (!sz.ok) return sz;
    const at = { ...base, offset: hex(offset), size: sz.value };
    if (kind === 'its-bad-read') return ok({ ...at, kind });
    return ok({ ...at, kind, value: hex64(data) });
  });
}

function itsCommand(
  format: string,
  build: (n: readonly number[]) => QemuItsCommand | null,
): EventSpec {
  return spec(format, (args, base) => {
    const command = build(args.map(hex));
    return command === null
      ? err('a valid flag (0 or 1)')
      : ok({ ...base, kind: 'its-command', command });
  });
}

function itsTable(
  access: 'read' | 'write' | 'read-fault',
  format: string,
  build: (n: readonly number[]) => QemuItsTableEntry,
): EventSpec {
  return spec(format, (args, base) =>
    ok({ ...base, kind: 'its-table', access, entry: build(args.map(hex)) }),
  );
}

const flagOf = (n: number | undefined): boolean | null => (n === 0 ? false : n === 1 ? true : null);
const CMD = 'GICv3 ITS: command';
const ITE = 'valid %d inttype %d intid 0x%x ICID 0x%x vPEID 0x%x doorbell 0x%x';

/** The ITS events (reference §8.2, QEMU 7.2 hw/intc/trace-events); `%d` flags parse as hex 0/1. */
const ITS_EVENTS: ReadonlyArray<readonly [string, EventSpec]> = [
  ['gicv3_its_read', itsMmio('its-read', 'GICv3 ITS read: offset 0x%x data 0x%x size %u')],
  ['gicv3_its_badread', itsMmio('its-bad-read', 'GICv3 ITS read: offset 0x%x size %u: error')],
  ['gicv3_its_write', itsMmio('its-write', 'GICv3 ITS write: offset 0x%x data 0x%x size %u')],
  [
    'gicv3_its_badwrite',
    itsMmio('its-bad-write', 'GICv3 ITS write: offset 0x%x data 0x%x size %u: error'),
  ],
  [
    'gicv3_its_translation_write',
    spec(
      'GICv3 ITS TRANSLATER write: offset 0x%x data 0x%x size %u requester_id 0x%x',
      ([offset = '', data = '', size = '', requester = ''], base) => {
        const sz = accessSize(size);
        if (!sz.ok) return sz;
        return ok({
          ...base,
          kind: 'its-translation-write',
          offset: hex(offset),
          value: hex64(data),
          size: sz.value,
          requesterId: hex(requester),
        });
      },
    ),
  ],
  [
    'gicv3_its_process_command',
    spec('GICv3 ITS: processing command at offset 0x%x: 0x%x', ([slot = '', n = ''], base) =>
      ok({ ...base, kind: 'its-process-command', slot: hex(slot), number: hex(n) }),
    ),
  ],
  ...(['INT', 'CLEAR', 'DISCARD', 'INV'] as const).map(
    (name) =>
      [
        `gicv3_its_cmd_${name.toLowerCase()}`,
        itsCommand(`${CMD} ${name} DeviceID 0x%x EventID 0x%x`, ([d = 0, e = 0]) => ({
          name,
          deviceId: d,
          eventId: e,
        })),
      ] as const,
  ),
  ['gicv3_its_cmd_sync', itsCommand(`${CMD} SYNC`, () => ({ name: 'SYNC' }))],
  ['gicv3_its_cmd_invall', itsCommand(`${CMD} INVALL`, () => ({ name: 'INVALL' }))],
  [
    'gicv3_its_cmd_mapd',
    itsCommand(
      `${CMD} MAPD DeviceID 0x%x Size 0x%x ITT_addr 0x%x V %x`,
      ([d = 0, size = 0, itt = 0, v]) => {
        const valid = flagOf(v);
        // QEMU prints ITT_addr shifted right by 8 (the command field's own units).
        return valid === null
          ? null
          : { name: 'MAPD', deviceId: d, size, ittAddress: itt * 256, valid };
      },
    ),
  ],
  [
    'gicv3_its_cmd_mapc',
    itsCommand(`${CMD} MAPC ICID 0x%x RDbase 0x%x V %x`, ([icid = 0, rd = 0, v]) => {
      const valid = flagOf(v);
      return valid === null ? null : { name: 'MAPC', icid, rdBase: rd, valid };
    }),
  ],
  [
    'gicv3_its_cmd_mapi',
    itsCommand(`${CMD} MAPI DeviceID 0x%x EventID 0x%x ICID 0x%x`, ([d = 0, e = 0, icid = 0]) => ({
      name: 'MAPI',
      deviceId: d,
      eventId: e,
      icid,
    })),
  ],
  [
    'gicv3_its_cmd_mapti',
    itsCommand(
      `${CMD} MAPTI DeviceID 0x%x EventID 0x%x ICID 0x%x pINTID 0x%x`,
      ([d = 0, e = 0, icid = 0, intid = 0]) => ({
        name: 'MAPTI',
        deviceId: d,
        eventId: e,
        icid,
        intid,
      }),
    ),
  ],
  [
    'gicv3_its_cmd_movi',
    itsCommand(`${CMD} MOVI DeviceID 0x%x EventID 0x%x ICID 0x%x`, ([d = 0, e = 0, icid = 0]) => ({
      name: 'MOVI',
      deviceId: d,
      eventId: e,
      icid,
    })),
  ],
  [
    'gicv3_its_cmd_movall',
    itsCommand(`${CMD} MOVALL RDbase1 0x%x RDbase2 0x%x`, ([a = 0, b = 0]) => ({
      name: 'MOVALL',
      rdBase1: a,
      rdBase2: b,
    })),
  ],
  [
    'gicv3_its_cmd_unknown',
    itsCommand('GICv3 ITS: unknown command 0x%x', ([n = 0]) => ({ name: 'unknown', number: n })),
  ],
  ...(['read', 'write'] as const).flatMap((access) => [
    [
      `gicv3_its_dte_${access}`,
      itsTable(
        access,
        `GICv3 ITS: Device Table ${access} for DeviceID 0x%x: valid %x size 0x%x ITTaddr 0x%x`,
        ([d = 0, v = 0, size = 0, itt = 0]) => ({
          table: 'device',
          deviceId: d,
          valid: v === 1,
          size,
          ittAddress: itt,
        }),
      ),
    ] as const,
    [
      `gicv3_its_cte_${access}`,
      itsTable(
        access,
        `GICv3 ITS: Collection Table ${access} for ICID 0x%x: valid %x RDBase 0x%x`,
        ([icid = 0, v = 0, rd = 0]) => ({
          table: 'collection',
          icid,
          valid: v === 1,
          rdBase: rd,
        }),
      ),
    ] as const,
    [
      `gicv3_its_ite_${access}`,
      itsTable(
        access,
        `GICv3 ITS: Interrupt Table ${access} for ITTaddr 0x%x EventID 0x%x: ${ITE}`,
        ([itt = 0, e = 0, v = 0, , intid = 0, icid = 0]) => ({
          table: 'interrupt',
          ittAddress: itt,
          eventId: e,
          valid: v === 1,
          intid,
          icid,
        }),
      ),
    ] as const,
  ]),
  [
    'gicv3_its_dte_read_fault',
    itsTable(
      'read-fault',
      'GICv3 ITS: Device Table read for DeviceID 0x%x: faulted',
      ([d = 0]) => ({ table: 'device-fault', deviceId: d }),
    ),
  ],
  [
    'gicv3_its_cte_read_fault',
    itsTable(
      'read-fault',
      'GICv3 ITS: Collection Table read for ICID 0x%x: faulted',
      ([icid = 0]) => ({ table: 'collection-fault', icid }),
    ),
  ],
  [
    'gicv3_its_ite_read_fault',
    itsTable(
      'read-fault',
      'GICv3 ITS: Interrupt Table read for ITTaddr 0x%x EventID 0x%x: faulted',
      ([itt = 0, e = 0]) => ({
        table: 'interrupt-fault',
        ittAddress: itt,
        eventId: e,
      }),
    ),
  ],
];

/** `gicscope_guest_write`: a guest memory write added by the recording (not a QEMU event). */
const GUEST_WRITE = spec(
  'guest memory write: addr 0x%x data 0x%x size %u',
  ([addr = '', data = '', size = ''], base) => {
    const sz = accessSize(size);
    if (!sz.ok) return sz;
    return ok({
      ...base,
      kind: 'guest-write',
      address: Number.parseInt(addr, 16),
      value: hex64(data),
      size: sz.value,
    });
  },
);

const EVENTS: ReadonlyMap<string, EventSpec> = new Map([
  [
    'gicv3_dist_read',
    mmio('dist-read', 'GICv3 distributor read: offset 0x%x data 0x%x size %u secure %d'),
  ],
  [
    'gicv3_dist_badread',
    mmio('dist-bad-read', 'GICv3 distributor read: offset 0x%x size %u secure %d: error'),
  ],
  [
    'gicv3_dist_write',
    mmio('dist-write', 'GICv3 distributor write: offset 0x%x data 0x%x size %u secure %d'),
  ],
  [
    'gicv3_dist_badwrite',
    mmio(
      'dist-bad-write',
      'GICv3 distributor write: offset 0x%x data 0x%x size %u secure %d: error',
    ),
  ],
  [
    'gicv3_dist_set_irq',
    spec('GICv3 distributor interrupt %d level changed to %d', ([irq = '', level = ''], base) => {
      const l = flag(level, 'level');
      return l.ok ? ok({ ...base, kind: 'dist-set-irq', intid: intid(irq), level: l.value }) : l;
    }),
  ],
  [
    'gicv3_redist_read',
    redistMmio(
      'redist-read',
      'GICv3 redistributor 0x%x read: offset 0x%x data 0x%x size %u secure %d',
    ),
  ],
  [
    'gicv3_redist_badread',
    redistMmio(
      'redist-bad-read',
      'GICv3 redistributor 0x%x read: offset 0x%x size %u secure %d: error',
    ),
  ],
  [
    'gicv3_redist_write',
    redistMmio(
      'redist-write',
      'GICv3 redistributor 0x%x write: offset 0x%x data 0x%x size %u secure %d',
    ),
  ],
  [
    'gicv3_redist_badwrite',
    redistMmio(
      'redist-bad-write',
      'GICv3 redistributor 0x%x write: offset 0x%x data 0x%x size %u secure %d: error',
    ),
  ],
  [
    'gicv3_redist_set_irq',
    spec(
      'GICv3 redistributor 0x%x interrupt %d level changed to %d',
      ([cpu = '', irq = '', level = ''], base) => {
        const l = flag(level, 'level');
        if (!l.ok) return l;
        return ok({
          ...base,
          kind: 'redist-set-irq',
          affinity: affinity(cpu),
          intid: intid(irq),
          level: l.value,
        });
      },
    ),
  ],
  [
    'gicv3_redist_send_sgi',
    spec('GICv3 redistributor 0x%x pending SGI %d', ([cpu = '', irq = ''], base) =>
      ok({ ...base, kind: 'redist-send-sgi', affinity: affinity(cpu), intid: intid(irq) }),
    ),
  ],
  ['gicv3_icc_pmr_read', icc('icc-read', `GICv3 ICC_PMR read ${ICC}`, () => 'ICC_PMR_EL1')],
  ['gicv3_icc_pmr_write', icc('icc-write', `GICv3 ICC_PMR write ${ICC}`, () => 'ICC_PMR_EL1')],
  [
    'gicv3_icc_bpr_read',
    icc('icc-read', `GICv3 ICC_BPR%d read ${ICC}`, ([g]) => `ICC_BPR${g}_EL1`),
  ],
  [
    'gicv3_icc_bpr_write',
    icc('icc-write', `GICv3 ICC_BPR%d write ${ICC}`, ([g]) => `ICC_BPR${g}_EL1`),
  ],
  [
    'gicv3_icc_ap_read',
    icc('icc-read', `GICv3 ICC_AP%dR%d read ${ICC}`, ([g, n]) => `ICC_AP${g}R${n}_EL1`),
  ],
  [
    'gicv3_icc_ap_write',
    icc('icc-write', `GICv3 ICC_AP%dR%d write ${ICC}`, ([g, n]) => `ICC_AP${g}R${n}_EL1`),
  ],
  [
    'gicv3_icc_igrpen_read',
    icc('icc-read', `GICv3 ICC_IGRPEN%d read ${ICC}`, ([g]) => `ICC_IGRPEN${g}_EL1`),
  ],
  [
    'gicv3_icc_igrpen_write',
    icc('icc-write', `GICv3 ICC_IGRPEN%d write ${ICC}`, ([g]) => `ICC_IGRPEN${g}_EL1`),
  ],
  [
    'gicv3_icc_igrpen1_el3_read',
    icc('icc-read', `GICv3 ICC_IGRPEN1_EL3 read ${ICC}`, () => 'ICC_IGRPEN1_EL3'),
  ],
  [
    'gicv3_icc_igrpen1_el3_write',
    icc('icc-write', `GICv3 ICC_IGRPEN1_EL3 write ${ICC}`, () => 'ICC_IGRPEN1_EL3'),
  ],
  ['gicv3_icc_ctlr_read', icc('icc-read', `GICv3 ICC_CTLR read ${ICC}`, () => 'ICC_CTLR_EL1')],
  ['gicv3_icc_ctlr_write', icc('icc-write', `GICv3 ICC_CTLR write ${ICC}`, () => 'ICC_CTLR_EL1')],
  [
    'gicv3_icc_ctlr_el3_read',
    icc('icc-read', `GICv3 ICC_CTLR_EL3 read ${ICC}`, () => 'ICC_CTLR_EL3'),
  ],
  [
    'gicv3_icc_ctlr_el3_write',
    icc('icc-write', `GICv3 ICC_CTLR_EL3 write ${ICC}`, () => 'ICC_CTLR_EL3'),
  ],
  ['gicv3_icc_iar0_read', icc('icc-read', `GICv3 ICC_IAR0 read ${ICC}`, () => 'ICC_IAR0_EL1')],
  ['gicv3_icc_iar1_read', icc('icc-read', `GICv3 ICC_IAR1 read ${ICC}`, () => 'ICC_IAR1_EL1')],
  [
    'gicv3_icc_nmiar1_read',
    icc('icc-read', `GICv3 ICC_NMIAR1 read ${ICC}`, () => 'ICC_NMIAR1_EL1'),
  ],
  [
    'gicv3_icc_eoir_write',
    icc('icc-write', `GICv3 ICC_EOIR%d write ${ICC}`, ([g]) => `ICC_EOIR${g}_EL1`),
  ],
  [
    'gicv3_icc_hppir0_read',
    icc('icc-read', `GICv3 ICC_HPPIR0 read ${ICC}`, () => 'ICC_HPPIR0_EL1'),
  ],
  [
    'gicv3_icc_hppir1_read',
    icc('icc-read', `GICv3 ICC_HPPIR1 read ${ICC}`, () => 'ICC_HPPIR1_EL1'),
  ],
  ['gicv3_icc_dir_write', icc('icc-write', `GICv3 ICC_DIR write ${ICC}`, () => 'ICC_DIR_EL1')],
  ['gicv3_icc_rpr_read', icc('icc-read', `GICv3 ICC_RPR read ${ICC}`, () => 'ICC_RPR_EL1')],
  [
    'gicv3_icc_generate_sgi',
    // aff is Aff3.Aff2.Aff1 in 24 bits; the literal "xx" stands in for Aff0.
    spec(
      'GICv3 CPU i/f 0x%x generating SGI %d IRM %d target affinity 0x%xxx targetlist 0x%x',
      ([cpu = '', irq = '', irm = '', aff = '', targets = ''], base) => {
        const i = flag(irm, 'IRM');
        if (!i.ok) return i;
        const packed = hex(aff);
        return ok({
          ...base,
          kind: 'generate-sgi',
          affinity: affinity(cpu),
          intid: intid(irq),
          irm: i.value,
          aff1: packed & 0xff,
          aff2: (packed >>> 8) & 0xff,
          aff3: (packed >>> 16) & 0xff,
          targetList: hex(targets),
        });
      },
    ),
  ],
  [
    'gicv3_cpuif_update',
    spec(
      'GICv3 CPU i/f 0x%x HPPI update: irq %d group %d prio %d',
      ([cpu = '', irq = '', grp = '', prio = ''], base) => {
        const group = QEMU_GROUPS[dec(grp)];
        if (group === undefined) return err(`group ${grp} (0, 1 or 2)`);
        const priority = dec(prio);
        const hppi = priority === 0xff ? null : { intid: intid(irq), group, priority };
        return ok({ ...base, kind: 'cpuif-update', affinity: affinity(cpu), hppi });
      },
    ),
  ],
  [
    'gicv3_cpuif_set_irqs',
    spec(
      'GICv3 CPU i/f 0x%x HPPI update: setting FIQ %d IRQ %d',
      ([cpu = '', fiq = '', irq = ''], base) => {
        const f = flag(fiq, 'FIQ');
        if (!f.ok) return f;
        const i = flag(irq, 'IRQ');
        if (!i.ok) return i;
        return ok({
          ...base,
          kind: 'cpuif-set-irqs',
          affinity: affinity(cpu),
          fiq: f.value,
          irq: i.value,
        });
      },
    ),
  ],
  ...ITS_EVENTS,
  ['gicscope_guest_write', GUEST_WRITE],
]);

const CPU_RESET = spec('CPU Reset (CPU %d)', ([cpu = ''], base) =>
  ok({ ...base, kind: 'cpu-reset', cpuIndex: dec(cpu) }),
);

const TIMESTAMP = /^([0-9]+)@([0-9]+)\.([0-9]+):/;
const EVENT_NAME = /^(gicv3|gicscope)_[a-z0-9_]+$/;
const MAX_TEXT = 200;

function failure(line: number, event: string | null, expected: string, text: string) {
  return err<QemuParseError>({ line, event, expected, text: text.slice(0, MAX_TEXT) });
}

/**
 * Parses one log line (1-based `line`). Returns ok(null) for lines that are not gicv3 events
 * (console output, other trace events, register dumps).
 */
export function parseQemuLogLine(
  text: string,
  line: number,
): Result<QemuTraceRecord | null, QemuParseError> {
  let body = text.endsWith('\r') ? text.slice(0, -1) : text;
  let timestamp: QemuTimestamp | null = null;
  const stamp = TIMESTAMP.exec(body);
  if (stamp !== null) {
    const [prefix, pid = '', seconds = '', microseconds = ''] = stamp;
    timestamp = { pid: dec(pid), seconds: dec(seconds), microseconds: dec(microseconds) };
    body = body.slice(prefix.length);
  }
  const base: Base = { line, timestamp };
  if (body.startsWith('CPU Reset')) return apply(CPU_RESET, body, base, 'cpu_reset', text);
  if (!body.startsWith('gicv3_') && !body.startsWith('gicscope_')) return ok(null);

  const space = body.indexOf(' ');
  const event = space < 0 ? body : body.slice(0, space);
  if (!EVENT_NAME.test(event) || space < 0) {
    return failure(line, null, 'a gicv3_* event name, one space, then its message', text);
  }
  const eventSpec = EVENTS.get(event);
  if (eventSpec === undefined) return ok({ ...base, kind: 'unmodelled', event });
  return apply(eventSpec, body.slice(space + 1), base, event, text);
}

function apply(
  eventSpec: EventSpec,
  message: string,
  base: Base,
  event: string,
  text: string,
): Result<QemuTraceRecord, QemuParseError> {
  const match = eventSpec.pattern.exec(message);
  if (match === null) return failure(base.line, event, eventSpec.format, text);
  const built = eventSpec.build(match.slice(1), base);
  return built.ok ? built : failure(base.line, event, built.error, text);
}

/** Parses lines one by one (numbered from 1), yielding records and errors in log order. */
export function* parseQemuLogLines(
  lines: Iterable<string>,
): Generator<Result<QemuTraceRecord, QemuParseError>> {
  let line = 0;
  for (const text of lines) {
    line++;
    const result = parseQemuLogLine(text, line);
    if (!result.ok) yield result;
    else if (result.value !== null) yield ok(result.value);
  }
}

export interface QemuLog {
  readonly records: readonly QemuTraceRecord[];
  readonly errors: readonly QemuParseError[];
  /** Lines in the text, including skipped ones. */
  readonly lineCount: number;
}

export function parseQemuLog(text: string): QemuLog {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const records: QemuTraceRecord[] = [];
  const errors: QemuParseError[] = [];
  for (const result of parseQemuLogLines(lines)) {
    if (result.ok) records.push(result.value);
    else errors.push(result.error);
  }
  return { records, errors, lineCount: lines.length };
}

/** One line for humans: where, which event, what was expected, what was there. */
export function describeQemuParseError(error: QemuParseError): string {
  const what = error.event === null ? '' : ` ${error.event}:`;
  return `line ${error.line}:${what} expected "${error.expected}", got "${error.text}"`;
}
