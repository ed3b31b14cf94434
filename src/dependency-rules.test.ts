import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const sandbox = mkdtempSync(join(tmpdir(), 'gicscope-deps-'));
copyFileSync(join(root, '.dependency-cruiser.cjs'), join(sandbox, '.dependency-cruiser.cjs'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

/** Runs the project's real rules over a tiny tree; returns the violation names. */
function violations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(sandbox, 'case-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  copyFileSync(join(sandbox, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  // JSON output exits 0 even with violations; the summary lists them.
  const out = execFileSync(
    depcruise,
    ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: dir, encoding: 'utf8' },
  );
  const report = JSON.parse(out) as { summary: { violations: { rule: { name: string } }[] } };
  return report.summary.violations.map((v) => v.rule.name);
}

describe('dependency rules (ARCHITECTURE.md)', () => {
  it('reject an import from src/gic into src/ui', () => {
    expect(
      violations({
        'src/gic/a.ts': "import { x } from '../ui/y.ts';\nexport const z = x;\n",
        'src/ui/y.ts': 'export const x = 1;\n',
      }),
    ).toContain('gic-never-imports');
  });

  it('reject a runtime import of the model from the UI', () => {
    expect(
      violations({
        'src/ui/a.ts':
          "import { createGic } from '../gic/index.ts';\nexport const g = createGic;\n",
        'src/gic/index.ts': 'export const createGic = () => 1;\n',
      }),
    ).toContain('ui-types-only');
  });

  it('accept a type-only import of the model from the UI and gic -> arch', () => {
    expect(
      violations({
        'src/ui/a.ts': "import type { Gic } from '../gic/index.ts';\nexport type G = Gic;\n",
        'src/gic/index.ts':
          "import { n } from '../arch/index.ts';\nexport type Gic = { n: typeof n };\n",
        'src/arch/index.ts': 'export const n = 1;\n',
      }),
    ).toEqual([]);
  });
});
