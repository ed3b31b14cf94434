import { z } from 'zod';
import {
  intidSchema,
  ipiSchema,
  lpiSchema,
  peSchema,
  timeSchema,
  valueSchema,
} from './schema-common.ts';

const id16 = z.number().int().min(0).max(0xffff);
const id32 = z.number().int().min(0).max(0xffffffff);
const address = z
  .number()
  .int()
  .min(0)
  .max(2 ** 52 - 1);

/** An ITS command as a scenario writes it (fields as IHI 0069 §5.3 names them). */
export const itsCommandSchema = z.discriminatedUnion('name', [
  z
    .object({
      name: z.literal('MAPD'),
      deviceId: id32,
      size: z.number().int().min(0).max(31),
      ittAddress: address,
      valid: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      name: z.literal('MAPC'),
      icid: id16,
      rdBase: address,
      valid: z.boolean().default(true),
    })
    .strict(),
  z
    .object({ name: z.literal('MAPTI'), deviceId: id32, eventId: id32, intid: id32, icid: id16 })
    .strict(),
  z.object({ name: z.literal('MAPI'), deviceId: id32, eventId: id32, icid: id16 }).strict(),
  z.object({ name: z.literal('INT'), deviceId: id32, eventId: id32 }).strict(),
  z.object({ name: z.literal('CLEAR'), deviceId: id32, eventId: id32 }).strict(),
  z.object({ name: z.literal('DISCARD'), deviceId: id32, eventId: id32 }).strict(),
  z.object({ name: z.literal('INV'), deviceId: id32, eventId: id32 }).strict(),
  z.object({ name: z.literal('INVALL'), icid: id16 }).strict(),
  z.object({ name: z.literal('MOVI'), deviceId: id32, eventId: id32, icid: id16 }).strict(),
  z.object({ name: z.literal('MOVALL'), rdBase1: address, rdBase2: address }).strict(),
  z.object({ name: z.literal('SYNC'), rdBase: address.default(0) }).strict(),
]);

export const injectorModeSchema = z.enum(['rfc-round-robin', 'architected']);

const mmioTarget = {
  block: z.enum(['distributor', 'redistributor']),
  /** Redistributor only: whose frames. */
  pe: peSchema.optional(),
  /** Byte offset in the frame (Redistributor: SGI_base registers at 0x10000 + …). */
  offset: valueSchema,
  size: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]).default(4),
};

export const registerTargetSchema = z.discriminatedUnion('block', [
  z.object({ ...mmioTarget, block: z.literal('distributor') }).strict(),
  z.object({ ...mmioTarget, block: z.literal('redistributor'), pe: peSchema }).strict(),
  z
    .object({
      block: z.literal('cpu-interface'),
      pe: peSchema,
      register: z.string().regex(/^ICC_[A-Z0-9_]+_EL[13]$/),
    })
    .strict(),
]);

const routeSchema = z
  .union([z.literal('boot-pe'), z.literal('one-of-n'), z.object({ pe: peSchema }).strict()])
  .default('boot-pe');

/** Guest calls, as a driver or the scenario makes them. PPIs are requested per CPU. */
const guestCalls = [
  z
    .object({
      do: z.literal('request-irq'),
      intid: z.number().int().min(16),
      name: z.string().min(1),
      trigger: z.enum(['level', 'edge']).default('level'),
      shared: z.boolean().default(false),
      route: routeSchema,
    })
    .strict(),
  z
    .object({
      do: z.literal('request-nmi'),
      intid: z.number().int().min(16),
      name: z.string().min(1),
      trigger: z.enum(['level', 'edge']).default('level'),
      shared: z.boolean().default(false),
      route: routeSchema,
    })
    .strict(),
  z.object({ do: z.literal('enable-irq'), intid: z.number().int().min(16) }).strict(),
  z.object({ do: z.literal('disable-irq'), intid: z.number().int().min(16) }).strict(),
] as const;

export const setupCallSchema = z.discriminatedUnion('do', guestCalls);

export const actionSchema = z.discriminatedUnion('do', [
  guestCalls[0].extend({ at: timeSchema }),
  guestCalls[1].extend({ at: timeSchema }),
  guestCalls[2].extend({ at: timeSchema }),
  guestCalls[3].extend({ at: timeSchema }),
  z
    .object({
      at: timeSchema,
      do: z.literal('raise-line'),
      intid: intidSchema.min(16),
      pe: peSchema.optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('lower-line'),
      intid: intidSchema.min(16),
      pe: peSchema.optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('pulse-line'),
      intid: intidSchema.min(16),
      pe: peSchema.optional(),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('write-register'),
      target: registerTargetSchema,
      value: valueSchema,
    })
    .strict(),
  z
    .object({ at: timeSchema, do: z.literal('inject-nmi'), mode: injectorModeSchema.optional() })
    .strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('enter-critical-section'),
      pe: peSchema,
      /** Leave again after this long; omit to stay until leave-critical-section. */
      for: timeSchema.optional(),
    })
    .strict(),
  z.object({ at: timeSchema, do: z.literal('leave-critical-section'), pe: peSchema }).strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('send-ipi'),
      from: peSchema,
      ipi: ipiSchema,
      to: z.union([z.literal('others'), z.array(peSchema).min(1)]),
    })
    .strict(),
  z.object({ at: timeSchema, do: z.literal('run-until'), until: timeSchema.optional() }).strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('send-msi'),
      /** An msi-device's name. */
      device: z.string().min(1),
      vector: z.number().int().min(0).max(31).default(0),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('lpi-config'),
      /** The driver on this CPU writes the configuration byte (default the boot CPU). */
      pe: peSchema.default(0),
      intid: lpiSchema,
      priority: z.number().int().min(0).max(255),
      enabled: z.boolean().default(true),
      /** What the driver sends after the write: INV (Linux), INVALL, or nothing (the bug). */
      invalidate: z.enum(['inv', 'invall', 'none']).default('inv'),
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('set-irq-affinity'),
      /** echo <cpu> > /proc/irq/<n>/smp_affinity for an LPI: MOVI, then SYNC. */
      intid: lpiSchema,
      pe: peSchema,
    })
    .strict(),
  z
    .object({
      at: timeSchema,
      do: z.literal('its-command'),
      pe: peSchema.default(0),
      command: itsCommandSchema,
    })
    .strict(),
]);

export type Action = z.output<typeof actionSchema>;
export type SetupCall = z.output<typeof setupCallSchema>;
export type GuestCall = SetupCall;
export type RegisterTarget = z.output<typeof registerTargetSchema>;
export type InjectorMode = z.output<typeof injectorModeSchema>;
