import type { Cursor, MachineView, ScenarioMeta, ScenarioSource } from '../../protocol/index.ts';
import { createGicStore, type GicStore } from '../store/create-store.ts';

/**
 * The default opening as the page holds it once the worker has opened it: the built-ins, the
 * scenario and the machine's view at the first chapter. Computed at build time by the worker's
 * own host (opening-record.ts) and shipped with the React tree, so the first screen is drawn
 * before the worker has started.
 */
export interface Opening {
  readonly builtins: readonly ScenarioMeta[];
  readonly scenario: ScenarioMeta;
  readonly source: ScenarioSource;
  readonly view: MachineView;
  readonly cursor: Cursor;
}

/** What the page's store holds of an opening (null before one was loaded). */
export function openingOf(store: GicStore): Opening | null {
  const { builtins, scenario, recovery, view, cursor } = store.getState();
  if (scenario === null || recovery === null || view === null) return null;
  return { builtins, scenario, source: recovery.source, view, cursor };
}

/**
 * A store that shows `opening` while the worker starts, filled by the store's own actions.
 * Its status stays 'connecting': every control that needs the worker is disabled on it.
 */
export function previewStore(opening: Opening): GicStore {
  const store = createGicStore();
  // no frame ever reaches this store, so nothing updates the shipped view in place
  const { builtins, scenario, source, view, cursor } = opening;
  store.setState({ builtins });
  store.getState().loaded(scenario, source, view, cursor, false);
  return store;
}
