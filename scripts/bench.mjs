// `npm run bench`: every benchmark in bench/, one after another, each printing its own figures.
// Node benchmarks are *.bench.ts (run with tsx); browser ones are *.browser.bench.ts (Playwright).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file}`);
  const result = spawnSync('node_modules/.bin/tsx', [`bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
if (failed) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
