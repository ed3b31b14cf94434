/**
 * The moment and the rest of the view as the page holds them now: what a link records.
 * (One place reads the store for it, so a change of the store's cursor is one change here.)
 */
import type { GicState } from '../../../store/index.ts';
import type { LinkScenario, LinkState } from './link-format.ts';

export function currentMoment(state: GicState): number | null {
  const newest = state.events.latest(1)[0];
  return newest ? newest.seq : null;
}

export function linkStateOf(
  state: GicState,
  scenario: LinkScenario | null,
  presenter: boolean,
): LinkState {
  const time = state.view?.time ?? 0;
  return {
    scenario,
    t: time > 0 ? Math.round(time) : null,
    at: currentMoment(state),
    pe: state.selectedPe,
    irq: state.selectedKey,
    nmi: state.view?.injector.mode ?? null,
    presenter,
  };
}
