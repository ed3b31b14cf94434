import * as z from 'zod/mini';
import { GICR_SGI_BASE, SYSREG_NAMES, isSysregName } from '../../arch/index.ts';
import {
  int,
  intidSchema,
  ipiSchema,
  lpiSchema,
  peSchema,
  timeSchema,
  toBigInt,
  valueSchema,
} from './schema-common.ts';

const id16 = int(0, 0xffff);
const id32 = int(0, 0xffffffff);
const address = int(0, 2 ** 52 - 1);

/** An ITS command as a scenario writes it (fields as IHI 0069 §5.3 names them). */
export const itsCommandSchema = z.discriminatedUnion('name', [
  z.strictObject({
    name: z.literal('MAPD'),
    deviceId: id32,
    size: int(0, 31),
    ittAddress: address,
    valid: z._default(z.boolean(), true),
  }),
  z.strictObject({
    name: z.literal('MAPC'),
    icid: id16,
    rdBase: address,
    valid: z._default(z.boolean(), true),
  }),
  z.strictObject({
    name: z.literal('MAPTI'),
    deviceId: id32,
    eventId: id32,
    intid: id32,
    icid: id16,
  }),
  z.strictObject({ name: z.literal('MAPI'), deviceId: id32, eventId: id32, icid: id16 }),
  z.strictObject({ name: z.literal('INT'), deviceId: id32, eventId: id32 }),
  z.strictObject({ name: z.literal('CLEAR'), deviceId: id32, eventId: id32 }),
  z.strictObject({ name: z.literal('DISCARD'), deviceId: id32, eventId: id32 }),
  z.strictObject({ name: z.literal('INV'), deviceId: id32, eventId: id32 }),
  z.strictObject({ name: z.literal('INVALL'), icid: id16 }),
  z.strictObject({ name: z.literal('MOVI'), deviceId: id32, eventId: id32, icid: id16 }),
  z.strictObject({ name: z.literal('MOVALL'), rdBase1: address, rdBase2: address }),
  z.strictObject({ name: z.literal('SYNC'), rdBase: z._default(address, 0) }),
]);

export const injectorModeSchema = z.enum(['rfc-round-robin', 'architected']);

const mmioTarget = {
  /** Byte offset in the frame (Redistributor: SGI_base registers at 0x10000 + …). */
  offset: valueSchema,
  size: z._default(
    z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)], {
      error: 'expected an access size of 1, 2, 4 or 8 bytes',
    }),
    4,
  ),
};

/** The Distributor is one 64 KiB frame; a Redistributor is RD_base plus SGI_base (IHI 0069 §12.10). */
const FRAME_BYTES = { distributor: 0x10000, redistributor: 2 * GICR_SGI_BASE } as const;

const withinFrame = z.superRefine(
  (
    target: { block: keyof typeof FRAME_BYTES; offset: number | string; size: number },
    ctx,
  ): void => {
    // zod runs this check even when offset or size failed their own (already reported) checks
    if (!z.safeParse(valueSchema, target.offset).success || ![1, 2, 4, 8].includes(target.size))
      return;
    const end = toBigInt(target.offset) + BigInt(target.size);
    const frame = FRAME_BYTES[target.block];
    if (end > BigInt(frame))
      ctx.addIssue({
        code: 'custom',
        path: ['offset'],
        message: `expected an offset inside the ${target.block} frame (${target.size}-byte access ending by 0x${frame.toString(16)}), got ${String(target.offset)}`,
      });
  },
);

export const registerTargetSchema = z.discriminatedUnion('block', [
  z.strictObject({ ...mmioTarget, block: z.literal('distributor') }).check(withinFrame),
  z
    .strictObject({ ...mmioTarget, block: z.literal('redistributor'), pe: peSchema })
    .check(withinFrame),
  z.strictObject({
    block: z.literal('cpu-interface'),
    pe: peSchema,
    register: z.string().check(
      z.refine((name: string): boolean => isSysregName(name), {
        message: `expected a CPU interface register: ${SYSREG_NAMES.join(', ')}`,
      }),
    ),
  }),
]);

const routeSchema = z._default(
  z.union([z.literal('boot-pe'), z.literal('one-of-n'), z.strictObject({ pe: peSchema })]),
  'boot-pe' as const,
);

const requestShape = {
  intid: int(16),
  name: z.string().check(z.minLength(1)),
  trigger: z._default(z.enum(['level', 'edge']), 'level'),
  shared: z._default(z.boolean(), false),
  route: routeSchema,
};

/** Guest calls, as a driver or the scenario makes them. PPIs are requested per CPU. */
const guestCalls = [
  z.strictObject({ do: z.literal('request-irq'), ...requestShape }),
  z.strictObject({ do: z.literal('request-nmi'), ...requestShape }),
  z.strictObject({ do: z.literal('enable-irq'), intid: int(16) }),
  z.strictObject({ do: z.literal('disable-irq'), intid: int(16) }),
] as const;

export const setupCallSchema = z.discriminatedUnion('do', [...guestCalls]);

const line = (kind: 'raise-line' | 'lower-line' | 'pulse-line') =>
  z.strictObject({
    at: timeSchema,
    do: z.literal(kind),
    intid: intidSchema.check(z.minimum(16)),
    pe: z.optional(peSchema),
  });

export const actionSchema = z.discriminatedUnion('do', [
  z.extend(guestCalls[0], { at: timeSchema }),
  z.extend(guestCalls[1], { at: timeSchema }),
  z.extend(guestCalls[2], { at: timeSchema }),
  z.extend(guestCalls[3], { at: timeSchema }),
  line('raise-line'),
  line('lower-line'),
  line('pulse-line'),
  z.strictObject({
    at: timeSchema,
    do: z.literal('write-register'),
    target: registerTargetSchema,
    value: valueSchema,
  }),
  z.strictObject({
    at: timeSchema,
    do: z.literal('inject-nmi'),
    mode: z.optional(injectorModeSchema),
  }),
  z.strictObject({
    at: timeSchema,
    do: z.literal('enter-critical-section'),
    pe: peSchema,
    /** Leave again after this long; omit to stay until leave-critical-section. */
    for: z.optional(timeSchema),
  }),
  z.strictObject({ at: timeSchema, do: z.literal('leave-critical-section'), pe: peSchema }),
  z.strictObject({
    at: timeSchema,
    do: z.literal('send-ipi'),
    from: peSchema,
    ipi: ipiSchema,
    to: z.union([z.literal('others'), z.array(peSchema).check(z.minLength(1))]),
  }),
  z.strictObject({ at: timeSchema, do: z.literal('run-until'), until: z.optional(timeSchema) }),
  z.strictObject({
    at: timeSchema,
    do: z.literal('send-msi'),
    /** An msi-device's name. */
    device: z.string().check(z.minLength(1)),
    vector: z._default(int(0, 31), 0),
  }),
  z.strictObject({
    at: timeSchema,
    do: z.literal('lpi-config'),
    /** The driver on this CPU writes the configuration byte (default the boot CPU). */
    pe: z._default(peSchema, 0),
    intid: lpiSchema,
    priority: int(0, 255),
    enabled: z._default(z.boolean(), true),
    /** What the driver sends after the write: INV (Linux), INVALL, or nothing (the bug). */
    invalidate: z._default(z.enum(['inv', 'invall', 'none']), 'inv'),
  }),
  z.strictObject({
    at: timeSchema,
    do: z.literal('set-irq-affinity'),
    /** echo <cpu> > /proc/irq/<n>/smp_affinity for an LPI: MOVI, then SYNC. */
    intid: lpiSchema,
    pe: peSchema,
  }),
  z.strictObject({
    at: timeSchema,
    do: z.literal('its-command'),
    pe: z._default(peSchema, 0),
    command: itsCommandSchema,
  }),
]);

export type Action = z.output<typeof actionSchema>;
export type SetupCall = z.output<typeof setupCallSchema>;
export type GuestCall = SetupCall;
export type RegisterTarget = z.output<typeof registerTargetSchema>;
export type InjectorMode = z.output<typeof injectorModeSchema>;
