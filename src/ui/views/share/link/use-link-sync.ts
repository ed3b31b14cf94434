import { formatCount } from '../../../format.ts';
import { useCallback, useEffect, useRef } from 'react';
import type { GicClient } from '../../../client/client.ts';
import type { GicStore } from '../../../store/index.ts';
import { useClient, useGicStore } from '../../../store/instance.ts';
import { deflateToBase64Url } from './compress.ts';
import { formatLink, type LinkScenario } from './link-format.ts';
import { linkStateOf } from './moment.ts';

/** How often at most the URL follows the view (a step, a seek, a selection). */
const FOLLOW_MS = 200;

const isBuiltin = (store: GicStore, id: string) =>
  store.getState().builtins.some((meta) => meta.id === id);

/** The link's scenario for what is loaded: its id, or its JSON compressed (asked of the worker). */
async function linkScenario(client: GicClient, store: GicStore): Promise<LinkScenario | null> {
  const scenario = store.getState().scenario;
  if (!scenario || scenario.id.startsWith('qemu-trace:')) return null;
  if (isBuiltin(store, scenario.id)) return { kind: 'builtin', id: scenario.id };
  const file = await client.exportAs('scenario');
  const text = file.files[0]?.text;
  return text === undefined ? null : { kind: 'compressed', data: await deflateToBase64Url(text) };
}

/**
 * Keeps the address bar on the view (history.replaceState: one entry, not one per step) and
 * gives the link to copy. A trace has no link (it does not fit in one).
 */
export function useLinkSync(presenter = false) {
  const client = useClient();
  const store = useGicStore();
  // per loaded scenario (a new load is a new meta object, even with the same id)
  const scenarioLink = useRef<{ meta: object; link: LinkScenario | null } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const link = useCallback(async (): Promise<string | null> => {
    const scenario = store.getState().scenario;
    if (!scenario) return null;
    if (scenarioLink.current?.meta !== scenario)
      scenarioLink.current = { meta: scenario, link: await linkScenario(client, store) };
    const which = scenarioLink.current.link;
    if (!which) return null;
    const search = formatLink(
      linkStateOf(store.getState(), which, presenter),
      new URLSearchParams(window.location.search),
    );
    return `${window.location.origin}${window.location.pathname}${search}`;
  }, [client, store, presenter]);

  const follow = useCallback(async () => {
    const url = await link();
    if (url !== null && url !== window.location.href) window.history.replaceState(null, '', url);
  }, [link]);

  useEffect(() => {
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.status !== 'ready' || !state.scenario) return;
      // while playing (or a long operation runs) the moment moves every frame: the address bar
      // follows once it stops. A loaded scenario's link carries its compressed JSON, and
      // replacing that URL 5 times a second was the page's largest script cost in the 64-PE storm
      if (state.playing || state.progress !== null) return;
      const stopped = previous.playing || previous.progress !== null;
      if (
        !stopped &&
        state.eventsVersion === previous.eventsVersion &&
        state.selectedPe === previous.selectedPe &&
        state.selectedKey === previous.selectedKey &&
        state.scenario === previous.scenario &&
        state.view?.injector.mode === previous.view?.injector.mode
      )
        return;
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        void follow();
      }, FOLLOW_MS);
    });
    return () => {
      unsubscribe();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [store, follow]);

  /** Copies the link to the view; returns what to tell the user. */
  const copy = useCallback(async (): Promise<string> => {
    const url = await link();
    if (url === null) return 'A QEMU trace cannot travel in a link: share the trace file instead.';
    window.history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      store.getState().notify(null);
      return `Link copied (${formatCount(url.length)} characters)`;
    } catch {
      return 'The browser refused the clipboard: copy the address bar, it holds the same link';
    }
  }, [link, store]);

  return { copy, follow };
}
