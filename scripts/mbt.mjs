// `npm run mbt`: the long run of the model-based time-travel test (src/ui/client/
// session.model.test.ts). `npm test` runs 120 sequences; this runs 2000 of 32 actions from seed
// 1000 unless MBT_SEQUENCES, MBT_ACTIONS or MBT_SEED say otherwise. A failure prints the shrunk
// sequence as a literal for session.regressions.test.ts.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  MBT_SEQUENCES: process.env.MBT_SEQUENCES ?? '2000',
  MBT_ACTIONS: process.env.MBT_ACTIONS ?? '32',
  MBT_SEED: process.env.MBT_SEED ?? '1000',
};
const result = spawnSync(
  'node_modules/.bin/vitest',
  ['run', 'src/ui/client/session.model.test.ts'],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
