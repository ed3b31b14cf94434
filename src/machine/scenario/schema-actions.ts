import { z } from 'zod';
import { GICR_SGI_BASE, SYSREG_NAMES, isSysregName } from '../../arch/index.ts';
import {
  intidSchema,
  ipiSchema,
  peSchema,
  timeSchema,
  toBigInt,
  valueSchema,
} from './schema-common.ts';

export const injectorModeSchema = z.enum(['rfc-round-robin', 'architected']);

const mmioTarget = {
  block: z.enum(['distributor', 'redistributor']),
  /** Redistributor only: whose frames. */
  pe: peSchema.optional(),
  /** Byte offset in the frame (Redistributor: SGI_base registers at 0x10000 + …). */
  offset: valueSchema,
  size: z
    .union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)], {
      error: 'expected an access size of 1, 2, 4 or 8 bytes',
    })
    .default(4),
};

/** The Distributor is one 64 KiB frame; a Redistributor is RD_base plus SGI_base (IHI 0069 §12.10). */
const FRAME_BYTES = { distributor: 0x10000, redistributor: 2 * GICR_SGI_BASE } as const;

function withinFrame(
  target: { block: keyof typeof FRAME_BYTES; offset: number | string; size: number },
  ctx: z.RefinementCtx,
): void {
  // zod runs this check even when offset or size failed their own (already reported) checks
  if (!valueSchema.safeParse(target.offset).success || ![1, 2, 4, 8].includes(target.size)) return;
  const end = toBigInt(target.offset) + BigInt(target.size);
  const frame = FRAME_BYTES[target.block];
  if (end > BigInt(frame))
    ctx.addIssue({
      code: 'custom',
      path: ['offset'],
      message: `expected an offset inside the ${target.block} frame (${target.size}-byte access ending by 0x${frame.toString(16)}), got ${String(target.offset)}`,
    });
}

export const registerTargetSchema = z.discriminatedUnion('block', [
  z
    .object({ ...mmioTarget, block: z.literal('distributor') })
    .strict()
    .superRefine(withinFrame),
  z
    .object({ ...mmioTarget, block: z.literal('redistributor'), pe: peSchema })
    .strict()
    .superRefine(withinFrame),
  z
    .object({
      block: z.literal('cpu-interface'),
      pe: peSchema,
      register: z.string().refine((name): boolean => isSysregName(name), {
        message: `expected a CPU interface register: ${SYSREG_NAMES.join(', ')}`,
      }),
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
]);

export type Action = z.output<typeof actionSchema>;
export type SetupCall = z.output<typeof setupCallSchema>;
export type GuestCall = SetupCall;
export type RegisterTarget = z.output<typeof registerTargetSchema>;
export type InjectorMode = z.output<typeof injectorModeSchema>;
