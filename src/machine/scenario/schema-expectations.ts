import { z } from 'zod';
import {
  intidSchema,
  ipiSchema,
  lpiSchema,
  peSchema,
  timeSchema,
  valueSchema,
} from './schema-common.ts';
import { registerTargetSchema } from './schema-actions.ts';

const comparison = z
  .object({
    equals: z.number().int().optional(),
    atLeast: z.number().int().optional(),
    atMost: z.number().int().optional(),
  })
  .strict()
  .refine((c) => c.equals !== undefined || c.atLeast !== undefined || c.atMost !== undefined, {
    message: 'expected at least one of equals, atLeast, atMost',
  });

export const expectationSchema = z.discriminatedUnion('check', [
  z
    .object({
      at: timeSchema,
      check: z.literal('lpi'),
      intid: lpiSchema,
      /** The Redistributor whose tables are looked at. */
      pe: peSchema,
      /** Pending in that Redistributor's table. */
      pending: z.boolean().optional(),
      /** Enabled as the Redistributor sees it (its cached configuration). */
      enabled: z.boolean().optional(),
      /** The configuration in memory differs from what the Redistributor uses. */
      stale: z.boolean().optional(),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      check: z.literal('counter'),
      /** An INTID (row of /proc/interrupts; LPIs too) or an IPI number. */
      intid: z.number().int().min(0).max(0xfffff).optional(),
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
