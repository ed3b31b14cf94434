import * as z from 'zod/mini';
import { peCountProblem, priorityBitsProblem, spiCountProblem } from '../../gic/index.ts';
import { KERNEL_VERSIONS } from '../guest/kernel-profiles.ts';
import { actionSchema, injectorModeSchema, setupCallSchema } from './schema-actions.ts';
import { deviceSchema } from './schema-devices.ts';
import { expectationSchema } from './schema-expectations.ts';
import { int, ruled, timeSchema } from './schema-common.ts';
import { chaptersSchema } from './schema-chapters.ts';

export const SCENARIO_FORMAT = 'gicscope-scenario';
export const SCENARIO_VERSION = 1;

const machineSchema = z.strictObject({
  // createGic's own rules (src/gic/config.ts): what the schema accepts, the model builds
  pes: z.number().check(ruled(peCountProblem)),
  spis: z._default(z.number().check(ruled(spiCountProblem)), 64),
  /**
   * `single`: GICD_CTLR.DS=1 (QEMU virt default). `two-states`: DS=0 with EL3 firmware that
   * routes FIQs to EL3 (SCR_EL3.FIQ=1, typical TF-A); `two-states-fiq0`: SCR_EL3.FIQ=0.
   */
  security: z._default(z.enum(['single', 'two-states', 'two-states-fiq0']), 'single'),
  priorityBits: z._default(z.number().check(ruled(priorityBitsProblem)), 5),
  /** GICv3.3 NMIs (GICD_TYPER.NMI) with FEAT_NMI on the PEs. */
  nmi: z._default(z.boolean(), false),
  oneOfN: z._default(
    z.enum(['unsupported', 'round-robin', 'lowest', 'seeded-random']),
    'round-robin',
  ),
  gicProfile: z._default(z.enum(['architecture', 'qemu']), 'architecture'),
  /** LPIs and an ITS (the guest brings them up the way Linux does). */
  its: z._default(z.boolean(), false),
  /** How Redistributors see LPI configuration changes; default per profile. */
  lpiConfigCache: z.optional(z.enum(['until-invalidated', 'rescan'])),
  /**
   * Firmware (or a previous kernel) left LPIs enabled with its own tables: EnableLPIs is 1
   * before the kernel writes GICR_PROPBASER/PENDBASER.
   */
  firmwareEnabledLpis: z._default(z.boolean(), false),
  seed: z._default(int(0, 0xffffffff), 1),
});

const nmiScheme = z.enum(['pseudo', 'architected', 'none']);

const guestSchema = z.strictObject({
  kernel: z._default(z.enum(KERNEL_VERSIONS), '6.11+'),
  /**
   * `pseudo`: irqchip.gicv3_pseudo_nmi=1 (PMR masking); `architected`: FEAT_NMI +
   * GICv3.3 (SCTLR_EL1.NMI=1, request_nmi sets INMIR); `none`: PSTATE.I masking only.
   */
  nmi: z._default(nmiScheme, 'pseudo'),
  /**
   * Per-PE override of `nmi`, for side-by-side comparisons (not something one Linux does):
   * entry i applies to PE i; missing entries use `nmi`.
   */
  nmiByPe: z.optional(z.array(nmiScheme)),
  /** `el1-guest`: EOImode 0; `el2-host`: split EOI/Deactivate (EOImode 1). */
  el: z._default(z.enum(['el1-guest', 'el2-host']), 'el1-guest'),
  setup: z._default(z.array(setupCallSchema), []),
});

export const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  version: z.literal(SCENARIO_VERSION),
  id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id')),
  title: z.string().check(z.minLength(1)),
  description: z._default(z.string(), ''),
  machine: machineSchema,
  guest: z._default(guestSchema, {
    kernel: '6.11+',
    nmi: 'pseudo',
    el: 'el1-guest',
    setup: [],
  }),
  devices: z._default(z.array(deviceSchema), []),
  injector: z._default(
    z.strictObject({ mode: z._default(injectorModeSchema, 'rfc-round-robin') }),
    { mode: 'rfc-round-robin' },
  ),
  timeline: z._default(z.array(actionSchema), []),
  runUntil: timeSchema,
  expect: z._default(z.array(expectationSchema), []),
  /** named moments with a caption, walked by presenter mode */
  chapters: chaptersSchema,
});

/** A scenario after validation and defaults (times in ns). */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in JSON. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type MachineConfig = Scenario['machine'];
export type GuestConfig = Scenario['guest'];
