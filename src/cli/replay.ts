/** `gicscope replay <trace>`: a QEMU GICv3 trace through the model, compared value by value. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { importQemuTrace, recordQemuTrace, replayQemuTrace } from '../trace/index.ts';
import type { ComparisonTally, QemuTraceImport } from '../trace/index.ts';
import type { ReplayFormat } from './args.ts';
import { writeExport } from './export-files.ts';

type Out = (line: string) => void;

/** The text of a trace file: gzip (by its magic bytes, whatever the name) is unpacked. */
export function readTraceFile(
  path: string,
): { ok: true; text: string } | { ok: false; error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, error: `cannot read "${path}": ${(error as Error).message}` };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      return {
        ok: false,
        error: `${path} is gzip-compressed but does not unpack (${(error as Error).message}): is the file cut off?`,
      };
    }
  }
  return { ok: true, text: bytes.toString('utf8') };
}

const total = (tally: ComparisonTally) => Object.values(tally.compared).reduce((a, b) => a + b, 0);

export function replay(
  source: string,
  format: ReplayFormat,
  output: string | null,
  out: Out,
  errOut: Out,
): number {
  const file = readTraceFile(source);
  if (!file.ok) {
    errOut(`gicscope: ${file.error}`);
    return 2;
  }
  const imported = importQemuTrace(file.text);
  if (!imported.ok) {
    errOut(`gicscope: ${source}: ${imported.error}`);
    return 2;
  }
  const trace = imported.value;
  if (format !== 'text') {
    const written = writeExport(recordQemuTrace(trace.records, source), format, output, out);
    for (const path of written) errOut(`wrote ${path}`);
    return 0;
  }
  return report(source, trace, out);
}

function report(source: string, trace: QemuTraceImport, out: Out): number {
  const result = replayQemuTrace(trace.records);
  const c = result.config;
  out(`# ${source}: ${trace.lineCount} lines, ${trace.records.length} gicv3 records`);
  out(
    `configuration: ${c.peCount} PEs, ${c.spiCount} SPIs, ${c.priorityBits ?? 5} priority bits, ` +
      `${c.securityExtensions ? 'two security states' : 'one security state'}, ` +
      `NMIs ${c.nmi ? 'yes' : 'no'}, profile ${c.profile ?? 'qemu'}`,
  );
  for (const line of result.evidence) out(`  ${line}`);
  const sections: [string, ComparisonTally][] = [
    ['values the guest read', result.guest],
    ["QEMU's own decisions (HPPI, IRQ/FIQ lines, SGI targets)", result.emulator],
  ];
  for (const [title, tally] of sections) {
    const n = total(tally);
    out(`${title}: ${n} compared, ${n - tally.mismatches.length} agree`);
    const by = Object.entries(tally.compared).sort((a, b) => b[1] - a[1]);
    out(`  ${by.map(([name, count]) => `${name} ${count}`).join(', ')}`);
  }
  for (const problem of result.problems) out(`PROBLEM line ${problem.line}: ${problem.message}`);
  for (const item of trace.notModelled)
    out(
      `NOT MODELLED ${item.event} (${item.area}): ${item.count} record(s), first at line ${item.firstLine}`,
    );
  const mismatches = [...result.guest.mismatches, ...result.emulator.mismatches].sort(
    (a, b) => a.line - b.line,
  );
  for (const m of mismatches)
    out(
      `MISMATCH line ${m.line}: ${m.check}${m.pe === null ? '' : ` on PE ${m.pe}`}: QEMU ${m.expected}, model ${m.got}`,
    );
  const compared = total(result.guest) + total(result.emulator);
  out(
    mismatches.length === 0
      ? `all ${compared} compared values agree`
      : `${mismatches.length} of ${compared} compared values disagree`,
  );
  return mismatches.length === 0 ? 0 : 1;
}
