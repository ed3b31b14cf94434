import {
  CPU_INTERFACE_REGISTERS,
  findDistributorRegister,
  findRedistributorRegister,
  type AccessKind,
  type RegisterField,
} from '../arch/index.ts';
import type { Gic } from '../gic/index.ts';
import type { RegisterTarget } from './scenario/index.ts';

/** What a register write from outside the guest stored, and why that differs from what was written. */
export interface WriteReport {
  /** the spec name (`ICC_PMR_EL1`, `GICD_ISENABLER1`), or the address when nothing is there */
  readonly register: string;
  readonly written: bigint;
  /** what a read returns now (a peek); null for a write-only register */
  readonly held: bigint | null;
  /** one sentence per reason the two differ; empty when the register holds what was written */
  readonly notes: readonly string[];
}

interface Located {
  readonly name: string;
  readonly access: AccessKind;
  /** bits the access covers (8 × size, or 64 for a system register) */
  readonly width: number;
  /** the fields as bit ranges within the access (already shifted for a partial access) */
  readonly fields: readonly RegisterField[];
  readonly priority: boolean;
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

function bitsText(bits: readonly number[]): string {
  // runs of consecutive bits as [hi:lo], highest first
  const runs: string[] = [];
  const sorted = [...bits].sort((a, b) => b - a);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] - 1) j += 1;
    runs.push(i === j ? `${sorted[i]}` : `[${sorted[i]}:${sorted[j]}]`);
    i = j + 1;
  }
  return `bit${bits.length > 1 ? 's' : ''} ${runs.join(', ')}`;
}

function expand(fields: readonly RegisterField[], shift: number, width: number): RegisterField[] {
  const out: RegisterField[] = [];
  for (const field of fields) {
    const repeat = field.repeat;
    if (!repeat) {
      out.push({ ...field, hi: field.hi - shift, lo: field.lo - shift });
      continue;
    }
    for (let lo = field.lo; lo + repeat - 1 <= field.hi; lo += repeat)
      out.push({
        ...field,
        name: field.name.replace('<x>', String((lo - field.lo) / repeat)),
        lo: lo - shift,
        hi: lo + repeat - 1 - shift,
      });
  }
  return out.filter((f) => f.hi >= 0 && f.lo < width);
}

function locate(target: RegisterTarget): Located | null {
  if (target.block === 'cpu-interface') {
    const spec = CPU_INTERFACE_REGISTERS.find((r) => r.name === target.register);
    if (!spec) return null;
    return {
      name: spec.name,
      access: spec.access,
      width: 64,
      fields: spec.fields,
      priority: spec.name === 'ICC_PMR_EL1',
    };
  }
  const offset = Number(target.offset);
  const match =
    target.block === 'distributor'
      ? findDistributorRegister(offset)
      : findRedistributorRegister(offset);
  if (!match) return null;
  const base =
    target.block === 'redistributor' && offset >= 0x10000
      ? match.spec.offset + 0x10000
      : match.spec.offset;
  // the access may start inside the register (a byte of IPRIORITYR, the high word of IROUTER)
  const shift = 8 * ((offset - base) % match.spec.stride);
  const width = 8 * target.size;
  return {
    name: match.name,
    access: match.spec.access,
    width,
    fields: expand(match.spec.fields, shift, width),
    priority: match.spec.name.includes('IPRIORITYR'),
  };
}

function peek(gic: Gic, target: RegisterTarget): bigint {
  switch (target.block) {
    case 'distributor':
      return gic.peekDistributor(Number(target.offset), target.size);
    case 'redistributor':
      return gic.peekRedistributor(target.pe, Number(target.offset), target.size);
    case 'cpu-interface':
      return gic.peekSysreg(target.pe, target.register);
  }
}

/** The value before a write, for the report (W1S/W1C registers report the bits that changed). */
export function peekBeforeWrite(gic: Gic, target: RegisterTarget): bigint {
  return peek(gic, target);
}

/**
 * Compares what was written with what a read now returns and says why they differ: reserved
 * (RES0) bits and bits beyond the register, priority bits the GIC does not implement (they read
 * as zero, reference §4.3), read-only and RAZ/WI registers and fields, write-1-to-set/clear.
 */
export function writeReport(
  gic: Gic,
  target: RegisterTarget,
  written: bigint,
  before: bigint,
): WriteReport {
  const located = locate(target);
  const held = peek(gic, target);
  if (!located)
    return {
      register: describe(target),
      written,
      held,
      notes: ['no register is implemented at this offset: reads as zero, the write is ignored'],
    };
  const { name, access, width } = located;
  const base = { register: name, written };
  switch (access) {
    case 'RO':
      return { ...base, held, notes: ['read-only: the write was ignored'] };
    case 'RAZ/WI':
      return {
        ...base,
        held,
        notes: ['RAZ/WI in this model: reads as zero, the write was ignored'],
      };
    case 'WO':
      return {
        ...base,
        held: null,
        notes: ['write-only: the write acted (see its effects); nothing is stored to read back'],
      };
    case 'W1S':
    case 'W1C': {
      const setting = access === 'W1S';
      const notes = [
        `write-1-to-${setting ? 'set' : 'clear'}: each 1 ${setting ? 'sets' : 'clears'} its bit, 0 bits change nothing`,
      ];
      const missed: number[] = [];
      for (let bit = 0; bit < width; bit += 1) {
        const mask = 1n << BigInt(bit);
        if (!(written & mask)) continue;
        if (setting ? !(held & mask) : (held & mask) !== 0n) missed.push(bit);
      }
      if (missed.length)
        notes.push(
          `${bitsText(missed)} did not ${setting ? 'set' : 'clear'}: not implemented or not writable here (RAZ/WI)`,
        );
      if (before === held && !missed.length)
        notes.push('nothing changed: those bits were already so');
      return { ...base, held, notes };
    }
    case 'RW':
      return { ...base, held, notes: rwNotes(gic, located, written, held) };
  }
}

function rwNotes(gic: Gic, located: Located, written: bigint, held: bigint): string[] {
  const { width, fields, priority, name } = located;
  const notes: string[] = [];
  const differing: number[] = [];
  const limit = Math.max(width, written.toString(2).length);
  for (let bit = 0; bit < limit; bit += 1)
    if (((written ^ held) >> BigInt(bit)) & 1n) differing.push(bit);
  if (!differing.length) return notes;
  const fieldOf = (bit: number) => fields.find((f) => bit >= f.lo && bit <= f.hi);
  const unimplemented = 8 - gic.config.priorityBits;
  const reserved: number[] = [];
  const lowPriority: number[] = [];
  const byField = new Map<string, number[]>();
  for (const bit of differing) {
    const field = fieldOf(bit);
    if (!field) reserved.push(bit);
    else if (priority || /^Priority/.test(field.name)) {
      if (bit - field.lo < unimplemented) lowPriority.push(bit);
      else byField.set(field.name, [...(byField.get(field.name) ?? []), bit]);
    } else byField.set(field.name, [...(byField.get(field.name) ?? []), bit]);
  }
  if (reserved.length)
    notes.push(`${bitsText(reserved)}: reserved (RES0) or beyond ${name}'s fields, not stored`);
  if (lowPriority.length)
    notes.push(
      `${bitsText(lowPriority)}: not implemented — this GIC has ${gic.config.priorityBits} priority bits, ` +
        `so the low ${unimplemented} bit${unimplemented === 1 ? '' : 's'} of a priority read as zero`,
    );
  for (const [name, bits] of byField) {
    const field = fields.find((f) => f.name === name)!;
    const value =
      (held >> BigInt(Math.max(0, field.lo))) & ((1n << BigInt(field.hi - field.lo + 1)) - 1n);
    notes.push(
      field.access === 'RO'
        ? `${name} (${bitsText(bits)}) is read-only: the GIC keeps it at ${value}`
        : `${name} (${bitsText(bits)}) reads ${value}: the GIC sets it, or this value is not allowed here (RAO/WI, reserved)`,
    );
  }
  return notes;
}

function describe(target: RegisterTarget): string {
  switch (target.block) {
    case 'distributor':
      return `GICD+0x${Number(target.offset).toString(16)}`;
    case 'redistributor':
      return `GICR${target.pe}+0x${Number(target.offset).toString(16)}`;
    case 'cpu-interface':
      return target.register;
  }
}

/** One line: `wrote 0x1ff, now holds 0xf8: bit 8: reserved…; bits [2:0]: not implemented…`. */
export function reportText(report: WriteReport): string {
  const held =
    report.held === null
      ? ''
      : report.held === report.written
        ? `, now holds ${hex(report.held)}`
        : `, now holds ${hex(report.held)}`;
  const why = report.notes.length ? ` — ${report.notes.join('; ')}` : '';
  return `${report.register} ← ${hex(report.written)}${held}${why}`;
}
