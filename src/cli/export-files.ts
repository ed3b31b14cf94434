/** Writes a recording as Perfetto JSON or VCD, to a file (VCD: with its companions) or stdout. */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { perfettoJson, toVcd } from '../trace/index.ts';
import type { Recording } from '../trace/index.ts';
import type { ExportFormat } from './args.ts';

type Out = (line: string) => void;

/** Writes the export; returns the names of the files written (empty: it went to stdout). */
export function writeExport(
  recording: Recording,
  format: ExportFormat,
  output: string | null,
  out: Out,
): string[] {
  if (format === 'perfetto') {
    const text = perfettoJson(recording);
    if (output === null) {
      out(text.trimEnd());
      return [];
    }
    writeFileSync(output, text);
    return [output];
  }
  const base = output === null ? 'gicscope' : basename(output).replace(/\.vcd$/i, '');
  const exported = toVcd(recording, base);
  if (output === null) {
    out(exported.vcd.text.trimEnd());
    return [];
  }
  const folder = dirname(output);
  const written = [output];
  writeFileSync(output, exported.vcd.text);
  for (const file of exported.companions) {
    const path = join(folder, file.name);
    writeFileSync(path, file.text);
    written.push(path);
  }
  return written;
}
