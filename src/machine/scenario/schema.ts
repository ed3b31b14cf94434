import { z } from 'zod';
import { KERNEL_VERSIONS } from '../guest/kernel-profiles.ts';
import { actionSchema, injectorModeSchema, setupCallSchema } from './schema-actions.ts';
import { deviceSchema } from './schema-devices.ts';
import { expectationSchema } from './schema-expectations.ts';
import { timeSchema } from './schema-common.ts';
import { chaptersSchema } from './schema-chapters.ts';

export const SCENARIO_FORMAT = 'gicscope-scenario';
export const SCENARIO_VERSION = 1;

const machineSchema = z
  .object({
    pes: z.number().int().min(1).max(256),
    spis: z.number().int().min(32).max(988).default(64),
    /**
     * `single`: GICD_CTLR.DS=1 (QEMU virt default). `two-states`: DS=0 with EL3 firmware that
     * routes FIQs to EL3 (SCR_EL3.FIQ=1, typical TF-A); `two-states-fiq0`: SCR_EL3.FIQ=0.
     */
    security: z.enum(['single', 'two-states', 'two-states-fiq0']).default('single'),
    priorityBits: z.number().int().min(4).max(8).default(5),
    /** GICv3.3 NMIs (GICD_TYPER.NMI) with FEAT_NMI on the PEs. */
    nmi: z.boolean().default(false),
    oneOfN: z
      .enum(['unsupported', 'round-robin', 'lowest', 'seeded-random'])
      .default('round-robin'),
    gicProfile: z.enum(['architecture', 'qemu']).default('architecture'),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
  })
  .strict();

const guestSchema = z
  .object({
    kernel: z.enum(KERNEL_VERSIONS).default('6.11+'),
    /**
     * `pseudo`: irqchip.gicv3_pseudo_nmi=1 (PMR masking); `architected`: FEAT_NMI +
     * GICv3.3 (SCTLR_EL1.NMI=1, request_nmi sets INMIR); `none`: PSTATE.I masking only.
     */
    nmi: z.enum(['pseudo', 'architected', 'none']).default('pseudo'),
    /**
     * Per-PE override of `nmi`, for side-by-side comparisons (not something one Linux does):
     * entry i applies to PE i; missing entries use `nmi`.
     */
    nmiByPe: z.array(z.enum(['pseudo', 'architected', 'none'])).optional(),
    /** `el1-guest`: EOImode 0; `el2-host`: split EOI/Deactivate (EOImode 1). */
    el: z.enum(['el1-guest', 'el2-host']).default('el1-guest'),
    setup: z.array(setupCallSchema).default([]),
  })
  .strict();

export const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
    title: z.string().min(1),
    description: z.string().default(''),
    machine: machineSchema,
    guest: guestSchema.default({ kernel: '6.11+', nmi: 'pseudo', el: 'el1-guest', setup: [] }),
    devices: z.array(deviceSchema).default([]),
    injector: z
      .object({ mode: injectorModeSchema.default('rfc-round-robin') })
      .strict()
      .default({ mode: 'rfc-round-robin' }),
    timeline: z.array(actionSchema).default([]),
    runUntil: timeSchema,
    expect: z.array(expectationSchema).default([]),
    /** named moments with a caption, walked by presenter mode */
    chapters: chaptersSchema,
  })
  .strict();

/** A scenario after validation and defaults (times in ns). */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in JSON. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type MachineConfig = Scenario['machine'];
export type GuestConfig = Scenario['guest'];
