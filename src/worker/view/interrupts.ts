import type { Gic, InterruptView as GicInterrupt } from '../../gic/index.ts';
import type { GroupName, InterruptView } from '../../protocol/index.ts';

const GROUP: Record<GicInterrupt['group'], GroupName> = { G0: 'g0', G1S: 'g1s', G1NS: 'g1ns' };

export function interruptKey(intid: number, pe: number | null): string {
  if (pe === null) return `spi:${intid}`;
  return `pe${pe}:${intid < 16 ? 'sgi' : 'ppi'}:${intid}`;
}

function toView(source: GicInterrupt, name: string | null): InterruptView {
  const pe = source.pe ?? source.route?.targetPe ?? null;
  return {
    key: interruptKey(source.intid, source.pe),
    intid: source.intid,
    class: source.intid < 16 ? 'sgi' : source.intid < 32 ? 'ppi' : 'spi',
    pe,
    state: source.state,
    enabled: source.enabled,
    group: GROUP[source.group],
    priority: source.priority,
    nmi: source.nmi,
    trigger: source.trigger,
    level: source.level,
    oneOfN: source.route?.irm ?? false,
    name,
  };
}

/** One interrupt as the page draws it: an SPI (pe null) or a PE's banked SGI/PPI. */
export function interruptView(
  gic: Gic,
  intid: number,
  pe: number | null,
  name: string | null,
): InterruptView {
  return toView(intid < 32 ? gic.interrupt(intid, pe ?? 0) : gic.interrupt(intid), name);
}

/** Every SGI/PPI of every Redistributor and every SPI, as the page draws them. */
export function interruptViews(gic: Gic, names: (intid: number) => string | null): InterruptView[] {
  const views: InterruptView[] = [];
  for (let intid = 32; intid <= gic.config.maxSpiIntId; intid += 1)
    views.push(toView(gic.interrupt(intid), names(intid)));
  for (let pe = 0; pe < gic.config.peCount; pe += 1)
    for (let intid = 0; intid < 32; intid += 1)
      views.push(toView(gic.interrupt(intid, pe), names(intid)));
  return views;
}

export function sameInterrupt(a: InterruptView, b: InterruptView): boolean {
  return (
    a.state === b.state &&
    a.enabled === b.enabled &&
    a.pe === b.pe &&
    a.group === b.group &&
    a.priority === b.priority &&
    a.nmi === b.nmi &&
    a.trigger === b.trigger &&
    a.level === b.level &&
    a.oneOfN === b.oneOfN &&
    a.name === b.name
  );
}
