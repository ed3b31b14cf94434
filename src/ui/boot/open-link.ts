import type { GicClient } from '../client/client.ts';
import type { GicStore } from '../store/create-store.ts';
import { parseLink } from '../views/share/link/link-format.ts';
import { restoreFromLink } from '../views/share/link/restore.ts';
import { runToFirstChapterOnLoad } from './opening-run.ts';

/**
 * Whether the page opens on the default opening (the first built-in at its first chapter): the
 * URL selects no scenario and no moment, and nothing in it was wrong (a link that failed opens
 * at the start, and its Notice says why).
 */
export function opensDefault(search: string): boolean {
  const { state, problems } = parseLink(search);
  return state.scenario === null && state.t === null && state.at === null && problems.length === 0;
}

/**
 * What the page does once the worker welcomed it: open what the URL asks for (docs/sharing.md),
 * or the default opening. The build runs this same function against the worker's host to ship
 * the default opening with the page (opening-record.ts).
 */
export async function openFromLink(
  search: string,
  store: GicStore,
  client: GicClient,
): Promise<void> {
  const run = opensDefault(search) ? runToFirstChapterOnLoad(store, client) : null;
  await restoreFromLink(search, client, store);
  await run?.settled();
}
