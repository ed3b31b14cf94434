import type { IrqDesc } from '../state.ts';
import { entryOps, exitOps, handlingOps, irqPathOps } from './driver-entry.ts';
import type { FrameKind, Op } from './ops.ts';
import type { GuestPlan } from './plan.ts';

/**
 * The interrupt-path code a PE runs for every interrupt depends only on its plan, so it is built
 * once per plan and shared: frames hold the same immutable Op objects, and a snapshot copies the
 * arrays of references, not the ops. Nothing here may be mutated.
 */
export interface Programs {
  readonly entry: Readonly<Record<Exclude<FrameKind, 'task'>, readonly Op[]>>;
  /** gic_handle_irq's path: [interrupted context had IRQs on, had them off]. */
  readonly irqPath: readonly [ReturnType<typeof irqPathOps>, ReturnType<typeof irqPathOps>];
  /** After IAR: [ordinary interrupt, NMI], each followed by the exit. */
  readonly handling: readonly [readonly Op[], readonly Op[]];
  readonly exit: readonly Op[];
}

const cache = new WeakMap<GuestPlan, Programs>();

export function programsOf(plan: GuestPlan): Programs {
  let p = cache.get(plan);
  if (p === undefined) {
    const exit = exitOps(plan);
    p = {
      entry: {
        irq: entryOps(plan, 'irq'),
        fiq: entryOps(plan, 'fiq'),
        'superpriority-irq': entryOps(plan, 'superpriority-irq'),
      },
      irqPath: [irqPathOps(plan, plan.pmrIrqOn), irqPathOps(plan, ~plan.pmrIrqOn)],
      handling: [
        [...handlingOps(plan, false), ...exit],
        [...handlingOps(plan, true), ...exit],
      ],
      exit,
    };
    cache.set(plan, p);
  }
  return p;
}

/** The handler body ops of one irq_desc: its work and the device's acknowledge, made once. */
const bodies = new WeakMap<
  IrqDesc,
  { readonly ns: number; readonly name: string; readonly ops: readonly Op[] }
>();

export function handlerBody(desc: IrqDesc, ns: number): readonly Op[] {
  const cached = bodies.get(desc);
  if (cached !== undefined && cached.ns === ns && cached.name === desc.name) return cached.ops;
  const ops: readonly Op[] = [
    { op: 'work', ns, label: desc.name },
    { op: 'device-ack', intid: desc.intid },
  ];
  bodies.set(desc, { ns, name: desc.name, ops });
  return ops;
}
