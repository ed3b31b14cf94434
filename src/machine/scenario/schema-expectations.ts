import * as z from 'zod/mini';
import {
  int,
  intidSchema,
  ipiSchema,
  lpiSchema,
  peSchema,
  timeSchema,
  valueSchema,
} from './schema-common.ts';
import { registerTargetSchema } from './schema-actions.ts';

const count = z.optional(int(0));

interface Counts {
  equals?: number;
  atLeast?: number;
  atMost?: number;
}

/** A count that some number of interrupts could satisfy (else the check could never hold). */
const comparison = z.strictObject({ equals: count, atLeast: count, atMost: count }).check(
  z.refine(
    (c: Counts) => c.equals !== undefined || c.atLeast !== undefined || c.atMost !== undefined,
    { message: 'expected at least one of equals, atLeast, atMost' },
  ),
  z.refine((c: Counts) => satisfiable(c.equals, c.atLeast, c.atMost), {
    message: 'expected bounds some count can meet (atLeast ≤ equals ≤ atMost)',
  }),
);

function satisfiable(equals: unknown, atLeast: unknown, atMost: unknown): boolean {
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const low = Math.max(n(atLeast) ?? 0, n(equals) ?? 0);
  const high = Math.min(n(atMost) ?? Infinity, n(equals) ?? Infinity);
  return low <= high;
}

const note = z.optional(z.string());

export const expectationSchema = z.discriminatedUnion('check', [
  z.strictObject({
    at: timeSchema,
    check: z.literal('lpi'),
    intid: lpiSchema,
    /** The Redistributor whose tables are looked at. */
    pe: peSchema,
    /** Pending in that Redistributor's table. */
    pending: z.optional(z.boolean()),
    /** Enabled as the Redistributor sees it (its cached configuration). */
    enabled: z.optional(z.boolean()),
    /** The configuration in memory differs from what the Redistributor uses. */
    stale: z.optional(z.boolean()),
    note,
  }),
  z
    .strictObject({
      at: timeSchema,
      check: z.literal('counter'),
      /** An INTID (row of /proc/interrupts; LPIs too) or an IPI number. */
      intid: z.optional(int(0, 0xfffff)),
      ipi: z.optional(ipiSchema),
      /** A PE's column; omit for the row total. */
      pe: z.optional(peSchema),
      count: comparison,
      note,
    })
    .check(
      z.refine(
        (e: { intid?: number; ipi?: number }) => (e.intid === undefined) !== (e.ipi === undefined),
        { message: 'expected exactly one of intid, ipi' },
      ),
    ),
  z.strictObject({
    at: timeSchema,
    check: z.literal('interrupt-state'),
    intid: intidSchema,
    pe: z.optional(peSchema),
    state: z.enum(['inactive', 'pending', 'active', 'active-pending']),
    note,
  }),
  z.strictObject({
    at: timeSchema,
    check: z.literal('register'),
    target: registerTargetSchema,
    value: valueSchema,
    note,
  }),
  z.strictObject({
    at: timeSchema,
    check: z.literal('handler-depth'),
    pe: peSchema,
    depth: int(0),
    note,
  }),
  z.strictObject({
    at: timeSchema,
    check: z.literal('outputs'),
    pe: peSchema,
    /** The CPU interface's IRQ / FIQ / superpriority lines; omitted lines are not checked. */
    irq: z.optional(z.boolean()),
    fiq: z.optional(z.boolean()),
    nmi: z.optional(z.boolean()),
    note,
  }),
  z.strictObject({
    at: timeSchema,
    check: z.literal('log'),
    contains: z.string().check(z.minLength(1)),
    note,
  }),
  z.strictObject({
    at: timeSchema,
    check: z.literal('injections'),
    /** INTIDs chosen by the NMI injector so far, in order. */
    chosen: z.array(intidSchema),
    note,
  }),
]);

export type Expectation = z.output<typeof expectationSchema>;
