import type { Job, Outcome } from './jobs.ts';

/** Runs a job to its end at once (tests: no slicing). */
export function runJob(job: Job | Generator<void, void, void>): Outcome {
  for (;;) {
    const next = job.next();
    if (next.done) return next.value ?? { ok: true, detail: '' };
  }
}
