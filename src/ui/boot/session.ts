import { workerPort, type FromWorker, type ToWorker } from '../../protocol/index.ts';
import { GicClient } from '../client/client.ts';
import { createGicStore, type GicStore } from '../store/create-store.ts';
import { installTestApi } from '../test-api/install.ts';
import { createUiStore, type UiStore } from '../app/ui-store.ts';
import { showRestAfter } from './first-screen.ts';
import { takeWorker } from './worker-start.ts';
import { parseLink } from '../views/share/link/link-format.ts';
import { openFromLink, opensDefault } from './open-link.ts';
import { trackViewLoad } from './view-loads.ts';

/**
 * The default opening is drawn from the copy shipped with the page (opening.ts) until the
 * worker has opened it; then the page hands over to the worker's store.
 */
export interface Handover {
  /** resolves once the worker has opened the page (or failed to) */
  readonly opened: Promise<void>;
  /** the page now shows the worker's store: `whenIdle()` and the rest of the page wait for it */
  readonly done: () => void;
}

/** What the page runs on before any view exists: the store and the client that feeds it. */
export interface Session {
  readonly store: GicStore;
  readonly client: GicClient;
  /** how the page is shown (presenter mode …): a link may set it before React exists */
  readonly ui: UiStore;
  /** set when the page opens on the default opening, which it can draw before the worker runs */
  readonly handover: Handover | null;
}

/**
 * Starts the worker and loads the first scenario. The first screen waits on the worker (its
 * script, the machine, the first view) more than on anything else, so this runs from the entry
 * chunk, while React and the views are still downloading.
 */
export function startSession(page: Window): Session {
  const store = createGicStore();
  const client = new GicClient(store, () => workerPort<ToWorker, FromWorker>(takeWorker()));
  installTestApi(page, store, client);
  const ui = createUiStore();
  const search = page.location.search;
  // set before the first render, so a presenter's link never shows the page at desk size first
  if (parseLink(search).state.presenter) ui.getState().setPresenter(true);
  const opened = client.connect(() => openFromLink(search, store, client));
  if (!opensDefault(search)) {
    // a link to something else: nothing is drawn before the worker has opened it
    showRestAfter(opened);
    return { store, client, ui, handover: null };
  }
  let done: () => void = () => undefined;
  const handedOver = new Promise<void>((resolve) => (done = resolve));
  void trackViewLoad(handedOver);
  showRestAfter(handedOver);
  return { store, client, ui, handover: { opened, done } };
}
