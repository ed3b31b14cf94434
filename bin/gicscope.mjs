#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx gicscope` needs no build step.
import { register } from 'tsx/esm/api';

register();
// `gicscope run … | head` closes the pipe early: that is the reader's choice, not an error
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`gicscope: cannot write the output: ${error.message}\n`);
  process.exit(3);
});
try {
  const { main } = await import('../src/cli/index.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // main contains its own failures; this is the loader or the module graph failing
  process.stderr.write(`gicscope: internal error: ${error?.message ?? String(error)}\n`);
  process.exitCode = 3;
}
