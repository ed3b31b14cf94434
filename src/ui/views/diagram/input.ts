import type { InterruptView, MachineView } from '../../../protocol/index.ts';
import { hex2 } from '../../format.ts';
import {
  groupInterrupts,
  isInteresting,
  topologyMode,
  type GroupedInterrupts,
} from '../topology/layout.ts';
import type { DiagramInput, DiagramIts, DiagramStory } from './types.ts';

export interface DiagramOptions {
  readonly width: number;
  readonly fontSize: number;
  /** draw every SPI, SGI and PPI, not only those taking part */
  readonly showAll: boolean;
  readonly selectedKey: string | null;
  readonly selectedPe: number;
}

/** The NMI story of the current moment, from the injector and the chosen interrupt's state. */
export function storyOf(view: MachineView): DiagramStory {
  const injector = view.injector;
  const keyOf = (c: { intid: number; pe: number | null }) =>
    c.intid >= 32 ? `spi:${c.intid}` : `pe${c.pe}:${c.intid < 16 ? 'sgi' : 'ppi'}:${c.intid}`;
  const last = injector.lastChosen;
  const chosenKey = last && injector.injections > 0 ? keyOf(last) : null;
  const next = injector.candidates.length ? injector.candidates[injector.cursor] : undefined;
  const masking = injector.masking;
  const chosen = chosenKey ? view.interrupts[chosenKey] : undefined;
  const targetPe = masking?.pe ?? null;
  const handling =
    chosen !== undefined &&
    targetPe !== null &&
    (view.cpus[targetPe]?.handlers.some((h) => h.intid === chosen.intid) ?? false);
  const live = chosen !== undefined && (chosen.state !== 'inactive' || handling);
  return {
    chosenKey,
    nextKey: next ? keyOf(next) : null,
    targetPe,
    verdict: masking ? shortVerdicts(masking.nmiVerdict, masking.pmr) : null,
    live,
  };
}

/**
 * The injection's verdict at the gate, longest first: "NMI priority 0x80 < PMR 0xc0: passes the
 * mask" → "NMI 0x80 < 0xC0: passed", "0x80 < 0xC0 ✓" (the PMR at the time of the injection).
 */
export function shortVerdicts(verdict: string, pmr: number): string[] {
  const m = /priority (0x[0-9a-f]+) (<|is not <) PMR/i.exec(verdict);
  if (m) {
    const prio = hex2(Number(m[1]));
    return m[2] === '<'
      ? [`NMI ${prio} < ${hex2(pmr)}: passed`, `${prio} < ${hex2(pmr)} ✓`]
      : [`NMI ${prio} ≥ ${hex2(pmr)}: masked`, `${prio} ≥ ${hex2(pmr)} ✕`];
  }
  if (/superpriority/i.test(verdict))
    return [`NMI by property: PMR ${hex2(pmr)} did not mask it`, 'superpriority ✓'];
  return [verdict];
}

/**
 * The ITS block's input: its state and the last translation, live while the LPI it made is still
 * pending or in service at its PE (then the path to that Redistributor is lit).
 */
export function itsOf(view: MachineView): DiagramIts | null {
  const its = view.its;
  if (!its) return null;
  const last = its.last;
  const lpi =
    last && last.error === null && last.pe !== null && last.intid !== null
      ? its.redistributors[last.pe]?.lpis.find((l) => l.intid === last.intid)
      : undefined;
  return {
    enabled: its.enabled,
    stalled: its.stalled,
    creadr: its.creadr,
    cwriter: its.cwriter,
    processed: its.processed,
    devices: its.devices,
    last,
    live: lpi !== undefined && lpi.state !== 'inactive',
  };
}

/**
 * What the diagram draws for a machine view: which interrupts, which PEs in full. `grouped`: the
 * view's interrupts already grouped (the page's store keeps them in step with each diff, so a
 * frame need not sort ~2,000 interrupts of a 64-PE machine again); by default grouped here.
 */
export function diagramInput(
  view: MachineView,
  options: DiagramOptions,
  grouped: GroupedInterrupts = groupInterrupts(view.interrupts, view.cpus.length),
): DiagramInput {
  const story = storyOf(view);
  const its = itsOf(view);
  const liveKey =
    its?.live && its.last?.intid != null && its.last.pe !== null
      ? `pe${its.last.pe}:lpi:${its.last.intid}`
      : null;
  // an idle LPI is drawn on request, or while it is selected or the last translation's
  const keepLpi = (i: InterruptView) =>
    options.showAll || i.state !== 'inactive' || i.key === options.selectedKey || i.key === liveKey;
  const pseudo = view.config.pseudoNmiPriority ?? null;
  // idle SGIs (Linux's IPIs, all enabled) are left out unless asked for: they show when raised
  const keep = (i: InterruptView) =>
    options.showAll ||
    i.state !== 'inactive' ||
    i.key === story.chosenKey ||
    i.key === story.nextKey ||
    i.key === options.selectedKey ||
    (i.class !== 'sgi' && isInteresting(i));
  const spis = grouped.spis.filter(keep);
  const full = topologyMode(view.cpus.length) === 'full';
  const selected = view.cpus[options.selectedPe] ?? view.cpus[0];
  const cpus = full ? view.cpus : selected ? [selected] : [];
  return {
    width: options.width,
    fontSize: options.fontSize,
    spiCount: view.config.spiCount,
    spis,
    hiddenSpis: grouped.spis.length - spis.length,
    pes: cpus.map((cpu) => {
      const banked = grouped.banked[cpu.pe] ?? [];
      const shown = banked.filter(keep);
      const rd = view.its?.redistributors[cpu.pe];
      const lpis = rd ? rd.lpis.filter(keepLpi) : null;
      return {
        cpu,
        banked: shown,
        hiddenBanked: banked.length - shown.length,
        gate: view.gates?.[cpu.pe] ?? null,
        lpis,
        hiddenLpis: rd && lpis ? rd.lpis.length - lpis.length : 0,
        enableLpis: rd?.enableLpis ?? false,
      };
    }),
    peTotal: view.cpus.length,
    story,
    its,
    pseudoNmiPriority: pseudo,
    selectedKey: options.selectedKey,
    selectedPe: options.selectedPe,
  };
}
