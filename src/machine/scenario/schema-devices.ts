import { z } from 'zod';
import { intidSchema, ipiSchema, peSchema, periodSchema, timeSchema } from './schema-common.ts';

const pes = z.union([z.literal('all'), z.array(peSchema).min(1)]).default('all');

export const deviceSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('arch-timer'),
      /** virtual → PPI 27 (Linux's arch_timer under virt), physical → PPI 30. */
      timer: z.enum(['virtual', 'physical']).default('virtual'),
      period: periodSchema,
      /** First expiry; default one period after boot completes. */
      start: timeSchema.optional(),
      pes,
    })
    .strict(),
  z
    .object({
      type: z.literal('uart-pl011'),
      /** An SPI: the PL011 is wired to the Distributor, not to one PE. */
      intid: intidSchema.min(32).default(33),
      /** Times at which a received character raises the RX interrupt. */
      receiveAt: z.array(timeSchema).default([]),
    })
    .strict(),
  z
    .object({
      type: z.literal('spi-source'),
      intid: intidSchema.min(32),
      name: z.string().min(1),
      trigger: z.enum(['level', 'edge']).default('level'),
      /** Optional periodic assertion; level sources hold the line until the handler clears it. */
      period: periodSchema.optional(),
      /** How long the guest's handler runs (default 2us). */
      handler: timeSchema.optional(),
      start: timeSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('pmu'),
      intid: intidSchema.min(16).max(31).default(23),
      period: periodSchema,
      start: timeSchema.optional(),
      pes,
    })
    .strict(),
  z
    .object({
      type: z.literal('ipi-source'),
      /** Sends an IPI from a random PE to another random PE every period (seeded generator). */
      ipi: ipiSchema.default(0),
      period: periodSchema,
      start: timeSchema.optional(),
    })
    .strict(),
]);

export type DeviceConfig = z.output<typeof deviceSchema>;
