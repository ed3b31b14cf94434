import type { InterruptView } from '../../protocol/index.ts';

/** The interrupts as the topology draws them: SPIs by INTID, and each PE's SGIs and PPIs. */
export interface InterruptGroups {
  readonly spis: readonly InterruptView[];
  readonly banked: readonly (readonly InterruptView[])[];
}

const byIntid = (a: InterruptView, b: InterruptView) => a.intid - b.intid;

export function groupAll(
  interrupts: Readonly<Record<string, InterruptView>>,
  peCount: number,
): InterruptGroups {
  const spis: InterruptView[] = [];
  const banked: InterruptView[][] = Array.from({ length: peCount }, () => []);
  for (const interrupt of Object.values(interrupts))
    if (interrupt.class === 'spi') spis.push(interrupt);
    else if (interrupt.pe !== null) banked[interrupt.pe]?.push(interrupt);
  spis.sort(byIntid);
  for (const list of banked) list.sort(byIntid);
  return { spis, banked };
}

/** Replaces the interrupt with the same INTID, or inserts one not seen before in INTID order. */
function put(list: InterruptView[], interrupt: InterruptView): void {
  const index = list.findIndex((i) => i.intid >= interrupt.intid);
  if (index < 0) list.push(interrupt);
  else if (list[index].intid === interrupt.intid) list[index] = interrupt;
  else list.splice(index, 0, interrupt);
}

/**
 * The groups with `changed` in place of what they replace: only the lists that changed are new
 * (a PE whose PPIs did not change keeps its list, so its column does not redraw).
 */
export function regroup(
  groups: InterruptGroups,
  changed: readonly InterruptView[],
): InterruptGroups {
  if (!changed.length) return groups;
  let spis: InterruptView[] | null = null;
  let banked: (readonly InterruptView[])[] | null = null;
  const copies = new Map<number, InterruptView[]>();
  for (const interrupt of changed) {
    if (interrupt.class === 'spi') {
      spis ??= [...groups.spis];
      put(spis, interrupt);
      continue;
    }
    const pe = interrupt.pe;
    if (pe === null || !groups.banked[pe]) continue;
    banked ??= [...groups.banked];
    let list = copies.get(pe);
    if (!list) {
      list = [...groups.banked[pe]];
      copies.set(pe, list);
      banked[pe] = list;
    }
    put(list, interrupt);
  }
  return { spis: spis ?? groups.spis, banked: banked ?? groups.banked };
}
