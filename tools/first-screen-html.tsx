// The first screen as static HTML, put into the built index.html (scripts/first-screen-html.mjs):
// the default opening (tools/opening.ts, the worker's own code) drawn by the page's own React
// tree, as it draws it from the shipped opening before the worker runs. The browser paints it as
// it parses the page, before any script has run; React's first render replaces it.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { createStore } from 'zustand/vanilla';
import { App } from '../src/ui/app/App.tsx';
import { UiProvider } from '../src/ui/app/UiProvider.tsx';
import { previewStore } from '../src/ui/boot/opening.ts';
import { DESK_DIAGRAM_WIDTH, PrerenderContext } from '../src/ui/boot/prerender.ts';
import { GicClient } from '../src/ui/client/client.ts';
import { InstanceProvider } from '../src/ui/store/context.tsx';
import type { GicState } from '../src/ui/store/index.ts';
import { recordDefaultOpening } from './opening.ts';

export async function renderFirstScreen(): Promise<string> {
  const shown = previewStore(await recordDefaultOpening());
  // a server render reads a store's initial state (useSyncExternalStore's server snapshot): a
  // store that starts where the preview is
  const store = createStore<GicState>(() => shown.getState());
  const client = new GicClient(store, () => {
    throw new Error('the static first screen has no worker');
  });
  return renderToString(
    <StrictMode>
      <PrerenderContext.Provider value={{ diagramWidth: DESK_DIAGRAM_WIDTH }}>
        <InstanceProvider store={store} client={client}>
          <UiProvider>
            <App />
          </UiProvider>
        </InstanceProvider>
      </PrerenderContext.Provider>
    </StrictMode>,
  );
}
