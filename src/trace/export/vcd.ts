/**
 * Value Change Dump (IEEE 1364-2005 §18) for waveform viewers: per PE its IRQ, FIQ and NMI lines,
 * the INTID whose handler runs, PMR, the running priority and the highest pending priority.
 * State names come with it as GTKWave translate-filter files (one "value text" pair per line,
 * the value written as GTKWave displays it) and a `.gtkw` save file that lists the signals and
 * applies the filters.
 */
import { interruptName } from './names.ts';
import type { PeSample, Recording } from './recording.ts';

export interface VcdSignal {
  readonly pe: number;
  readonly name:
    'irq' | 'fiq' | 'nmi' | 'active_intid' | 'pmr' | 'running_priority' | 'pending_priority';
  readonly width: number;
  readonly code: string;
}

export interface ExportFile {
  readonly name: string;
  readonly text: string;
}

export interface VcdExport {
  readonly vcd: ExportFile;
  /** Translate-filter files and the `.gtkw` save file, to sit next to the VCD. */
  readonly companions: readonly ExportFile[];
}

/** The INTID signal's value when no handler runs: 1023, "no pending interrupt" in the spec. */
export const NO_INTID = 1023;
export const INTID_WIDTH = 32;
const TOP = 'gicscope';

/** Identifier codes: printable ASCII 33…126, base 94 (§18.2.1). */
function code(index: number): string {
  let n = index;
  let text = '';
  do {
    text += String.fromCharCode(33 + (n % 94));
    n = Math.floor(n / 94);
  } while (n > 0);
  return text;
}

function signalsOf(peCount: number): VcdSignal[] {
  const signals: VcdSignal[] = [];
  const layout: [VcdSignal['name'], number][] = [
    ['irq', 1],
    ['fiq', 1],
    ['nmi', 1],
    ['active_intid', INTID_WIDTH],
    ['pmr', 8],
    ['running_priority', 8],
    ['pending_priority', 8],
  ];
  for (let pe = 0; pe < peCount; pe += 1)
    for (const [name, width] of layout)
      signals.push({ pe, name, width, code: code(signals.length) });
  return signals;
}

function valueOf(sample: PeSample, name: VcdSignal['name']): number {
  switch (name) {
    case 'irq':
      return Number(sample.irq);
    case 'fiq':
      return Number(sample.fiq);
    case 'nmi':
      return Number(sample.nmi);
    case 'active_intid':
      return sample.activeIntid ?? NO_INTID;
    case 'pmr':
      return sample.pmr;
    case 'running_priority':
      return sample.runningPriority;
    case 'pending_priority':
      return sample.pendingPriority;
  }
}

function change(signal: VcdSignal, value: number): string {
  return signal.width === 1 ? `${value}${signal.code}` : `b${value.toString(2)} ${signal.code}`;
}

/** Hexadecimal as GTKWave shows an 8-bit vector: two upper-case digits. */
const hex2 = (value: number) => value.toString(16).toUpperCase().padStart(2, '0');

export function toVcd(recording: Recording, baseName = 'gicscope'): VcdExport {
  const signals = signalsOf(recording.peCount);
  const lines: string[] = [
    '$version gicscope $end',
    `$comment ${recording.title.replace(/\$end/g, '')} $end`,
    recording.timeUnit === 'ns'
      ? '$comment time is the virtual time of the simulated machine $end'
      : '$comment time is the QEMU trace line number: 1 ns stands for one line $end',
    '$timescale 1ns $end',
    `$scope module ${TOP} $end`,
  ];
  for (let pe = 0; pe < recording.peCount; pe += 1) {
    lines.push(`$scope module pe${pe} $end`);
    for (const s of signals.filter((x) => x.pe === pe)) {
      const kind = s.width === 1 ? 'wire' : 'reg';
      const range = s.width === 1 ? '' : ` [${s.width - 1}:0]`;
      lines.push(`$var ${kind} ${s.width} ${s.code} ${s.name}${range} $end`);
    }
    lines.push('$upscope $end');
  }
  lines.push('$upscope $end', '$enddefinitions $end');

  // every value change, grouped by time
  const byTime = new Map<number, string[]>();
  const current = new Map<string, number>();
  recording.samples.forEach((samples, pe) => {
    const peSignals = signals.filter((x) => x.pe === pe);
    for (const sample of samples) {
      for (const signal of peSignals) {
        const value = valueOf(sample, signal.name);
        if (current.get(signal.code) === value) continue;
        current.set(signal.code, value);
        const at = Math.max(sample.at, recording.start);
        const list = byTime.get(at) ?? [];
        list.push(change(signal, value));
        byTime.set(at, list);
      }
    }
  });
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const first = times[0];
  for (const t of times) {
    lines.push(`#${t}`);
    const changes = byTime.get(t) ?? [];
    if (t === first) lines.push('$dumpvars', ...changes, '$end');
    else lines.push(...changes);
  }
  if (times.length === 0 || (times.at(-1) ?? 0) < recording.end) lines.push(`#${recording.end}`);

  const intidFilter = `${baseName}-intid.txt`;
  const priorityFilter = `${baseName}-priority.txt`;
  return {
    vcd: { name: `${baseName}.vcd`, text: `${lines.join('\n')}\n` },
    companions: [
      { name: intidFilter, text: intidFilterText(recording) },
      { name: priorityFilter, text: priorityFilterText(recording) },
      {
        name: `${baseName}.gtkw`,
        text: gtkwText(recording, baseName, intidFilter, priorityFilter),
      },
    ],
  };
}

function intidFilterText(recording: Recording): string {
  const intids = new Set<number>([NO_INTID]);
  for (const slice of recording.slices) intids.add(slice.intid);
  for (const key of Object.keys(recording.interruptNames)) intids.add(Number(key));
  const lines = ['# gicscope: INTID names for GTKWave (Translate Filter File, decimal display)'];
  for (const intid of [...intids].sort((a, b) => a - b))
    lines.push(
      `${intid} ${intid === NO_INTID ? 'none' : interruptName(intid, recording.interruptNames)}`,
    );
  return `${lines.join('\n')}\n`;
}

function priorityFilterText(recording: Recording): string {
  const named = new Map<number, string>([[0xff, 'idle']]);
  for (const { value, name } of recording.priorityNames) named.set(value, name);
  const lines = [
    '# gicscope: priority names for GTKWave (Translate Filter File, hexadecimal display)',
  ];
  for (const [value, name] of [...named].sort((a, b) => a[0] - b[0]))
    lines.push(`${hex2(value)} ${hex2(value)} ${name}`);
  return `${lines.join('\n')}\n`;
}

/** GTKWave trace flags (analyzer.h): hex, decimal, binary, right-justified, blank, file-translated. */
const TR_HEX = 0x2;
const TR_DEC = 0x4;
const TR_BIN = 0x8;
const TR_RJUSTIFY = 0x20;
const TR_BLANK = 0x200;
const TR_FTRANSLATED = 0x2000;

/**
 * GTKWave's zoom line: `*<zoom> <marker> <26 named markers>`. At zoom z a pixel spans about
 * 2^-z / 180 time units (measured in GTKWave 3.3 on its default font), so this fits the whole
 * run into about 1000 pixels.
 */
function zoomToFit(span: number): string {
  const zoom = -Math.log2(Math.max(1, span) * 0.18);
  return `*${Math.min(0, zoom).toFixed(6)} 0${' -1'.repeat(26)}`;
}

function gtkwText(
  recording: Recording,
  baseName: string,
  intidFilter: string,
  priorityFilter: string,
) {
  const flags = (value: number) => `@${value.toString(16)}`;
  const lines = [
    `[*] gicscope: ${recording.title}`,
    `[*] open with: gtkwave ${baseName}.gtkw (the filter files next to it)`,
    `[dumpfile] "${baseName}.vcd"`,
    '[timestart] 0',
    zoomToFit(recording.end - recording.start),
  ];
  for (let pe = 0; pe < recording.peCount; pe += 1) {
    const at = `${TOP}.pe${pe}`;
    // a blank trace with a comment heads each PE's signals
    lines.push(flags(TR_BLANK), `-PE ${pe}`);
    lines.push(flags(TR_RJUSTIFY | TR_BIN), `${at}.irq`, `${at}.fiq`, `${at}.nmi`);
    lines.push(flags(TR_RJUSTIFY | TR_DEC | TR_FTRANSLATED), `^1 ${intidFilter}`);
    lines.push(`${at}.active_intid[${INTID_WIDTH - 1}:0]`);
    for (const name of ['pmr', 'running_priority', 'pending_priority']) {
      lines.push(
        flags(TR_RJUSTIFY | TR_HEX | TR_FTRANSLATED),
        `^2 ${priorityFilter}`,
        `${at}.${name}[7:0]`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
