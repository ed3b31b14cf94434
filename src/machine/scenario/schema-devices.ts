import * as z from 'zod/mini';
import {
  int,
  intidSchema,
  ipiSchema,
  peSchema,
  periodSchema,
  timeSchema,
} from './schema-common.ts';

const pes = z._default(
  z.union([z.literal('all'), z.array(peSchema).check(z.minLength(1))]),
  'all' as const,
);

export const deviceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('arch-timer'),
    /** virtual → PPI 27 (Linux's arch_timer under virt), physical → PPI 30. */
    timer: z._default(z.enum(['virtual', 'physical']), 'virtual'),
    period: periodSchema,
    /** First expiry; default one period after boot completes. */
    start: z.optional(timeSchema),
    pes,
  }),
  z.strictObject({
    type: z.literal('uart-pl011'),
    /** An SPI: the PL011 is wired to the Distributor, not to one PE. */
    intid: z._default(intidSchema.check(z.minimum(32)), 33),
    /** Times at which a received character raises the RX interrupt. */
    receiveAt: z._default(z.array(timeSchema), []),
  }),
  z.strictObject({
    type: z.literal('spi-source'),
    intid: intidSchema.check(z.minimum(32)),
    name: z.string().check(z.minLength(1)),
    trigger: z._default(z.enum(['level', 'edge']), 'level'),
    /** Optional periodic assertion; level sources hold the line until the handler clears it. */
    period: z.optional(periodSchema),
    /** How long the guest's handler runs (default 2us). */
    handler: z.optional(timeSchema),
    start: z.optional(timeSchema),
  }),
  z.strictObject({
    type: z.literal('pmu'),
    intid: z._default(int(16, 31), 23),
    period: periodSchema,
    start: z.optional(timeSchema),
    pes,
  }),
  z.strictObject({
    type: z.literal('ipi-source'),
    /** Sends an IPI from a random PE to another random PE every period (seeded generator). */
    ipi: z._default(ipiSchema, 0),
    period: periodSchema,
    start: z.optional(timeSchema),
  }),
  z.strictObject({
    type: z.literal('msi-device'),
    /** A PCIe endpoint with MSI-X: its vectors become LPIs through the ITS. */
    name: z.string().check(z.minLength(1)),
    /** The DeviceID its MSI writes carry (PCI requester ID: bus << 8 | device << 3 | function). */
    deviceId: int(0, 0xffff),
    vectors: z._default(int(1, 32), 1),
    /** /proc/interrupts names per vector (default name-0, name-1, …). */
    vectorNames: z.optional(z.array(z.string().check(z.minLength(1)))),
    /** CPU (collection) per vector; default vector v → CPU v mod the number of PEs. */
    affinity: z.optional(z.array(peSchema)),
    /** Optional periodic MSIs, on the vectors in turn. */
    period: z.optional(periodSchema),
    start: z.optional(timeSchema),
    handler: z.optional(timeSchema),
  }),
]);

export type DeviceConfig = z.output<typeof deviceSchema>;
