import { GicClient, type PortFactory } from '../client/client.ts';
import { createGicStore } from '../store/create-store.ts';
import { openFromLink } from './open-link.ts';
import { openingOf, type Opening } from './opening.ts';

/**
 * The default opening as the page ends up holding it: the page's own store, client and opening
 * (a URL with no link state) against the worker at the other end of `makePort`. The build passes
 * the worker's host in memory (tools/opening/record.ts); no DOM is needed.
 */
export async function recordOpening(makePort: PortFactory): Promise<Opening> {
  const store = createGicStore();
  const client = new GicClient(store, makePort);
  await client.connect(() => openFromLink('', store, client));
  const opening = openingOf(store);
  const { status, failure, notice } = store.getState();
  if (status !== 'ready' || opening === null || notice !== null)
    throw new Error(
      `the default opening did not open: ${failure ?? notice ?? `status ${status}, no scenario`}`,
    );
  return opening;
}
