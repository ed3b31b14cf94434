import { z } from 'zod';
import { intidSchema, ipiSchema, peSchema, timeSchema } from './schema-common.ts';

const pes = z.union([z.literal('all'), z.array(peSchema).min(1)]).default('all');

export const deviceSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('arch-timer'),
      /** virtual → PPI 27 (Linux's arch_timer under virt), physical → PPI 30. */
      timer: z.enum(['virtual', 'physical']).default('virtual'),
      period: timeSchema,
      /** First expiry; default one period after boot completes. */
      start: timeSchema.optional(),
      pes,
    })
    .strict(),
  z
    .object({
      type: z.literal('uart-pl011'),
      intid: intidSchema.default(33),
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
      period: timeSchema.optional(),
      /** How long the guest's handler runs (default 2us). */
      handler: timeSchema.optional(),
      start: timeSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('pmu'),
      intid: intidSchema.min(16).max(31).default(23),
      period: timeSchema,
      start: timeSchema.optional(),
      pes,
    })
    .strict(),
  z
    .object({
      type: z.literal('ipi-source'),
      /** Sends an IPI from a random PE to another random PE every period (seeded generator). */
      ipi: ipiSchema.default(0),
      period: timeSchema,
      start: timeSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('msi-device'),
      /** A PCIe endpoint with MSI-X: its vectors become LPIs through the ITS. */
      name: z.string().min(1),
      /** The DeviceID its MSI writes carry (PCI requester ID: bus << 8 | device << 3 | function). */
      deviceId: z.number().int().min(0).max(0xffff),
      vectors: z.number().int().min(1).max(32).default(1),
      /** /proc/interrupts names per vector (default name-0, name-1, …). */
      vectorNames: z.array(z.string().min(1)).optional(),
      /** CPU (collection) per vector; default vector v → CPU v mod the number of PEs. */
      affinity: z.array(peSchema).optional(),
      /** Optional periodic MSIs, on the vectors in turn. */
      period: timeSchema.optional(),
      start: timeSchema.optional(),
      handler: timeSchema.optional(),
    })
    .strict(),
]);

export type DeviceConfig = z.output<typeof deviceSchema>;
