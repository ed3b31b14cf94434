import { z } from 'zod';
import { intidSchema, ipiSchema, peSchema, timeSchema, valueSchema } from './schema-common.ts';
import { registerTargetSchema } from './schema-actions.ts';

const count = z.number().int().nonnegative();

/** A count that some number of interrupts could satisfy (else the check could never hold). */
const comparison = z
  .object({ equals: count.optional(), atLeast: count.optional(), atMost: count.optional() })
  .strict()
  .refine((c) => c.equals !== undefined || c.atLeast !== undefined || c.atMost !== undefined, {
    message: 'expected at least one of equals, atLeast, atMost',
  })
  .refine((c) => satisfiable(c.equals, c.atLeast, c.atMost), {
    message: 'expected bounds some count can meet (atLeast ≤ equals ≤ atMost)',
  });

function satisfiable(equals: unknown, atLeast: unknown, atMost: unknown): boolean {
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const low = Math.max(n(atLeast) ?? 0, n(equals) ?? 0);
  const high = Math.min(n(atMost) ?? Infinity, n(equals) ?? Infinity);
  return low <= high;
}

export const expectationSchema = z.discriminatedUnion('check', [
  z
    .object({
      at: timeSchema,
      check: z.literal('counter'),
      /** An INTID (row of /proc/interrupts) or an IPI number. */
      intid: intidSchema.optional(),
      ipi: ipiSchema.optional(),
      /** A PE's column; omit for the row total. */
      pe: peSchema.optional(),
      count: comparison,
      note: z.string().optional(),
    })
    .strict()
    .refine((e) => (e.intid === undefined) !== (e.ipi === undefined), {
      message: 'expected exactly one of intid, ipi',
    }),
  z
    .object({
      at: timeSchema,
      check: z.literal('interrupt-state'),
      intid: intidSchema,
      pe: peSchema.optional(),
      state: z.enum(['inactive', 'pending', 'active', 'active-pending']),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      check: z.literal('register'),
      target: registerTargetSchema,
      value: valueSchema,
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      check: z.literal('handler-depth'),
      pe: peSchema,
      depth: z.number().int().min(0),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      check: z.literal('outputs'),
      pe: peSchema,
      /** The CPU interface's IRQ / FIQ / superpriority lines; omitted lines are not checked. */
      irq: z.boolean().optional(),
      fiq: z.boolean().optional(),
      nmi: z.boolean().optional(),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      check: z.literal('log'),
      contains: z.string().min(1),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      check: z.literal('injections'),
      /** INTIDs chosen by the NMI injector so far, in order. */
      chosen: z.array(intidSchema),
      note: z.string().optional(),
    })
    .strict(),
]);

export type Expectation = z.output<typeof expectationSchema>;
